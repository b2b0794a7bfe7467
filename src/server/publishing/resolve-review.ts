import { sql } from 'kysely';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import type { Actor } from '../posts/edit-post';
import { lockPost } from '../posts/lock-post';
import { getPost, type PostView } from '../posts/post-view';
import { retryPost } from '../posts/schedule-post';
import { decidePostStatus } from './decide-post-status';

export type ReviewOutcome = 'published' | 'retry';

/**
 * A person settles a post whose outcome the worker could not prove.
 *
 * - `published`: they checked the account and the post is live. Every target
 *   still `sending` becomes published (with `remoteId` when given), and the
 *   post's status follows from its targets: other targets still pending are
 *   sent next.
 * - `retry`: they checked and it is not live. The targets not published go
 *   back to pending and the post is due now.
 *
 * @example
 *   await resolveReview(db, actor, { postId, outcome: 'published', remoteId: '123_456' });
 */
export async function resolveReview(
  db: Db,
  actor: Actor,
  input: { postId: string; outcome: ReviewOutcome; remoteId?: string },
): Promise<PostView> {
  if (input.outcome === 'retry') {
    await assertInReview(db, actor, input.postId);
    return retryPost(db, actor, input.postId);
  }

  await db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, actor.workspaceId, input.postId);
    assertStatus(post.status);

    const unknown = await trx
      .selectFrom('post_targets')
      .select('platform')
      .where('post_id', '=', post.id)
      .where('status', '=', 'sending')
      .execute();
    if (input.remoteId && unknown.length > 1) {
      throw new AppError(
        'BAD_INPUT',
        'More than one platform is waiting for review, so one id cannot be given. Leave the id empty.',
        { fieldErrors: { remoteId: ['Leave empty when several platforms are in review.'] } },
      );
    }

    await trx
      .updateTable('post_targets')
      .set({
        status: 'published',
        remote_id: input.remoteId ?? null,
        published_at: sql<Date>`now()`,
        error_code: null,
        error_message: null,
        updated_at: new Date(),
      })
      .where('post_id', '=', post.id)
      .where('status', '=', 'sending')
      .execute();

    const targets = await trx
      .selectFrom('post_targets')
      .select(['platform', 'status', 'error_message'])
      .where('post_id', '=', post.id)
      .execute();
    const decision = decidePostStatus(
      targets.map((t) => ({
        platform: t.platform,
        status: t.status,
        errorMessage: t.error_message,
      })),
      [],
    );

    await trx
      .updateTable('posts')
      .set((eb) => ({
        status: decision.status,
        review_reason: null,
        retry_at: null,
        claimed_by: null,
        claim_expires_at: null,
        last_error: 'error' in decision ? decision.error : null,
        published_at: decision.status === 'published' ? sql<Date>`now()` : post.published_at,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', post.id)
      .execute();

    await trx
      .insertInto('post_events')
      .values({
        post_id: post.id,
        workspace_id: actor.workspaceId,
        actor_id: actor.userId,
        kind: 'review_resolved',
        detail: JSON.stringify({
          outcome: 'published',
          platforms: unknown.map((t) => t.platform),
          status: decision.status,
          ...(input.remoteId && { remoteId: input.remoteId }),
        }),
      })
      .execute();
  });

  return getPost(db, actor.workspaceId, input.postId);
}

async function assertInReview(db: Db, actor: Actor, postId: string): Promise<void> {
  const post = await db
    .selectFrom('posts')
    .select('status')
    .where('id', '=', postId)
    .where('workspace_id', '=', actor.workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (post) assertStatus(post.status);
}

function assertStatus(status: string): void {
  if (status !== 'needs_review') {
    throw new AppError(
      'CONFLICT',
      `This post is not waiting for review (it is ${status.replace('_', ' ')}). Reload to see its state.`,
    );
  }
}
