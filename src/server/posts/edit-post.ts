import type { Platform } from '../../../db/types';
import type { PostContent } from '../../common/post-schemas';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';
import { assertCanChange, lockPost } from './lock-post';
import { recordPostEvents } from './post-events';
import { getPost, type PostView } from './post-view';
import { publishProblems } from './publish-problems';

export interface Actor {
  workspaceId: string;
  userId: string;
}

/** Creates a draft with one pending target row per platform. */
export async function createPost(
  db: Db,
  actor: Actor,
  brandId: string,
  content: PostContent,
): Promise<PostView> {
  const postId = await db.transaction().execute(async (trx) => {
    const post = await trx
      .insertInto('posts')
      .values({
        workspace_id: actor.workspaceId,
        brand_id: brandId,
        author_id: actor.userId,
        caption: content.caption,
        captions: JSON.stringify(content.captions),
        media: JSON.stringify(content.media),
        targets: content.targets,
        status: 'draft',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await addTargets(trx, actor.workspaceId, post.id, content.targets);
    await recordPostEvents(trx, [
      { postId: post.id, workspaceId: actor.workspaceId, actorId: actor.userId, kind: 'created' },
    ]);
    return post.id;
  });

  return getPost(db, actor.workspaceId, postId);
}

export type PostChanges = Partial<PostContent> & { version: number };

/**
 * Saves changes made at `version`. A scheduled post must still fit its
 * platforms afterwards; targets added get a pending row, removed ones lose theirs.
 */
export async function updatePost(
  db: Db,
  actor: Actor,
  postId: string,
  changes: PostChanges,
): Promise<PostView> {
  await db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, actor.workspaceId, postId);
    assertCanChange(post, {
      version: changes.version,
      allowed: ['draft', 'scheduled', 'failed', 'needs_review'],
      action: 'edit',
      hints: { published: 'Duplicate it to post it again.' },
    });

    const next = {
      caption: changes.caption ?? post.caption,
      captions: changes.captions ?? post.captions,
      media: changes.media ?? post.media,
      targets: changes.targets ?? post.targets,
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
      (field) => JSON.stringify(next[field]) !== JSON.stringify(post[field]),
    );
    if (changed.length === 0) return;

    if (post.status === 'scheduled') {
      const problems = publishProblems({ ...next, now: new Date() });
      if (Object.keys(problems).length > 0) {
        throw new AppError(
          'BAD_INPUT',
          'This post is scheduled, and with these changes it could not be published. Fix the fields marked, or unschedule it first.',
          { fieldErrors: problems },
        );
      }
    }

    await syncTargets(trx, actor.workspaceId, postId, post.targets, next.targets);

    await trx
      .updateTable('posts')
      .set((eb) => ({
        caption: next.caption,
        captions: JSON.stringify(next.captions),
        media: JSON.stringify(next.media),
        targets: next.targets,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', postId)
      .execute();

    await recordPostEvents(trx, [
      {
        postId,
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        kind: 'updated',
        detail: { fields: changed },
      },
    ]);
  });

  return getPost(db, actor.workspaceId, postId);
}

/**
 * Hides a post for good. A scheduled post also goes back to draft on the way,
 * so nothing deleted can ever be claimed for publishing.
 */
export async function deletePost(
  db: Db,
  actor: Actor,
  postId: string,
  version?: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, actor.workspaceId, postId);
    assertCanChange(post, {
      version,
      allowed: ['draft', 'scheduled', 'published', 'failed', 'needs_review'],
      action: 'delete',
    });

    await trx
      .updateTable('posts')
      .set((eb) => ({
        deleted_at: new Date(),
        status: post.status === 'scheduled' ? 'draft' : post.status,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', postId)
      .execute();

    await recordPostEvents(trx, [
      {
        postId,
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        kind: 'deleted',
        detail: { status: post.status },
      },
    ]);
  });
}

/** A new draft with the same content and targets, not scheduled. */
export async function duplicatePost(db: Db, actor: Actor, postId: string): Promise<PostView> {
  const source = await db
    .selectFrom('posts')
    .select(['brand_id', 'caption', 'captions', 'media', 'targets'])
    .where('id', '=', postId)
    .where('workspace_id', '=', actor.workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
    .then((row) => found(row, 'Post'));

  const copyId = await db.transaction().execute(async (trx) => {
    const copy = await trx
      .insertInto('posts')
      .values({
        workspace_id: actor.workspaceId,
        brand_id: source.brand_id,
        author_id: actor.userId,
        caption: source.caption,
        captions: JSON.stringify(source.captions),
        media: JSON.stringify(source.media),
        targets: source.targets,
        status: 'draft',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await addTargets(trx, actor.workspaceId, copy.id, source.targets);
    await recordPostEvents(trx, [
      {
        postId: copy.id,
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        kind: 'duplicated',
        detail: { from: postId },
      },
    ]);
    return copy.id;
  });

  return getPost(db, actor.workspaceId, copyId);
}

export async function addTargets(
  db: Db,
  workspaceId: string,
  postId: string,
  platforms: Platform[],
): Promise<void> {
  if (platforms.length === 0) return;

  await db
    .insertInto('post_targets')
    .values(
      platforms.map((platform) => ({
        post_id: postId,
        platform,
        workspace_id: workspaceId,
        status: 'pending' as const,
      })),
    )
    .execute();
}

/** Keeps one target row per platform; a platform already posted to cannot be removed. */
async function syncTargets(
  db: Db,
  workspaceId: string,
  postId: string,
  before: Platform[],
  after: Platform[],
): Promise<void> {
  const removed = before.filter((platform) => !after.includes(platform));
  const added = after.filter((platform) => !before.includes(platform));

  if (removed.length > 0) {
    const gone = await db
      .deleteFrom('post_targets')
      .where('post_id', '=', postId)
      .where('platform', 'in', removed)
      .returning(['platform', 'status'])
      .execute();

    const sent = gone.filter(
      (target) => target.status === 'published' || target.status === 'sending',
    );
    if (sent.length > 0) {
      throw new AppError(
        'BAD_INPUT',
        `This post already went out on ${sent.map((t) => t.platform).join(' and ')}, so that target stays.`,
        { fieldErrors: { targets: ['A platform the post was published on cannot be removed'] } },
      );
    }
  }

  await addTargets(db, workspaceId, postId, added);
}
