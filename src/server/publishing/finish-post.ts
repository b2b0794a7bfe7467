import { sql } from 'kysely';
import type { Db } from '../db/database';
import { enqueuePostStatusEvent } from '../webhooks/state-change-events';
import type { Claim } from './claim-due-posts';
import type { PostDecision } from './decide-post-status';
import { isHeld } from './held-post';

const eventKinds = {
  published: 'published',
  failed: 'failed',
  scheduled: 'retry_scheduled',
  needs_review: 'needs_review',
} as const;

/**
 * Ends the worker's claim on a post with the status its targets decided, and
 * notes it in the post's history, in one fenced statement. `retryAt` applies
 * when the post goes back to `scheduled`. Returns false when the worker no
 * longer holds the post: nothing was written. A final status queues its
 * webhook event in the same transaction (outbox), so it is never lost.
 *
 * @example
 *   await finishPost(db, claim, { status: 'scheduled', error: 'Facebook: try again' }, retryAt);
 */
export async function finishPost(
  db: Db,
  claim: Claim,
  decision: PostDecision,
  retryAt: Date | null = null,
): Promise<boolean> {
  const status = decision.status;
  const error = 'error' in decision ? decision.error : null;
  const reason = decision.status === 'needs_review' ? decision.reason : null;
  const nextTry = status === 'scheduled' ? retryAt : null;

  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ post_id: string }>`
    with finished as (
      update posts
      set status = ${status},
          claimed_by = null,
          claim_expires_at = null,
          retry_at = ${nextTry},
          last_error = ${error},
          review_reason = ${reason},
          published_at = case when ${status} = 'published' then now() else published_at end,
          updated_at = now()
      where ${isHeld(claim)}
      returning id, workspace_id
    )
    insert into post_events (post_id, workspace_id, kind, detail)
    select id, workspace_id, ${eventKinds[status]}::text,
      jsonb_strip_nulls(jsonb_build_object(
        'attempt', ${claim.attempt}::int, 'worker', ${claim.workerId}::text,
        'retryAt', ${nextTry}::timestamptz, 'error', ${error}::text, 'reason', ${reason}::text))
    from finished
    returning post_id
  `.execute(trx);

    const finished = rows.length === 1;
    if (finished) await enqueuePostStatusEvent(trx, claim.postId);
    return finished;
  });
}
