import type { PostStatus } from '../../../db/types';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';

/**
 * Every change to a post starts here: the row is locked for the transaction,
 * so the publish loop (which claims with SKIP LOCKED) and other editors wait or
 * pass it by, and the checks below hold until commit.
 */
export async function lockPost(db: Db, workspaceId: string, postId: string) {
  const post = await db
    .selectFrom('posts as p')
    .innerJoin('brands as b', 'b.id', 'p.brand_id')
    .selectAll('p')
    .select(['b.timezone', 'b.name as brandName'])
    .where('p.id', '=', postId)
    .where('p.workspace_id', '=', workspaceId)
    .where('p.deleted_at', 'is', null)
    .forUpdate('p')
    .executeTakeFirst();

  return found(post, 'Post');
}

export type LockedPost = Awaited<ReturnType<typeof lockPost>>;

const STALE_MESSAGE = 'This post changed since you opened it. Reload to see the latest version.';

const statusWords: Record<PostStatus, string> = {
  draft: 'a draft',
  scheduled: 'scheduled',
  publishing: 'being published',
  published: 'already published',
  failed: 'failed',
  needs_review: 'waiting for review',
};

/**
 * Refuses the change unless the post is at `version` (when given) and in one of
 * `allowed`. A post being published is refused first: nothing may change under
 * the publish loop.
 *
 * @example
 *   assertCanChange(post, { version: 3, allowed: ['draft', 'scheduled'], action: 'edit' });
 */
export function assertCanChange(
  post: { status: PostStatus; version: number },
  rule: {
    version?: number;
    allowed: PostStatus[];
    action: string;
    /** What to do instead, by the status that refused it. */
    hints?: Partial<Record<PostStatus, string>>;
  },
): void {
  if (post.status === 'publishing') {
    throw new AppError(
      'CONFLICT',
      `This post is being published right now, so you cannot ${rule.action} it. Wait for the result, then try again.`,
      { details: { reason: 'publishing', status: post.status, version: post.version } },
    );
  }

  if (rule.version !== undefined && rule.version !== post.version) {
    throw new AppError('CONFLICT', STALE_MESSAGE, {
      details: { reason: 'stale_version', status: post.status, version: post.version },
    });
  }

  if (!rule.allowed.includes(post.status)) {
    const hint = rule.hints?.[post.status] ? ` ${rule.hints[post.status]}` : '';
    throw new AppError(
      'PRECONDITION_FAILED',
      `You cannot ${rule.action} a post that is ${statusWords[post.status]}.${hint}`,
      { details: { reason: 'status', status: post.status, version: post.version } },
    );
  }
}
