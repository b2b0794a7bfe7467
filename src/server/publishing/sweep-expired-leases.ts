import { sql } from 'kysely';
import type { Db } from '../db/database';
import { enqueuePostStatusEvent } from '../webhooks/state-change-events';

export interface SweptPost {
  postId: string;
  workerId: string | null;
  attempt: number;
  status: 'scheduled' | 'needs_review';
}

/**
 * Returns posts whose lease ran out (their worker crashed, hung or lost the
 * database) to `scheduled`, due at once, and notes it in their history.
 *
 * The post's targets are left as they are: a target still in `sending` has an
 * unknown outcome, and the next worker to claim the post reconciles it before
 * anything else (`reconcile-target.ts`). Several sweepers may run at once;
 * `SKIP LOCKED` keeps them from returning the same post twice.
 *
 * A post whose workers keep dying on it (every attempt of its budget ended in
 * an expired lease) is not handed out again: it goes to `needs_review`, since
 * a post that crashes every worker would otherwise loop for ever.
 *
 * @example
 *   const swept = await sweepExpiredLeases(db, { maxAttempts: 5 });
 */
export async function sweepExpiredLeases(
  db: Db,
  options: { maxAttempts: number; limit?: number },
): Promise<SweptPost[]> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      post_id: string;
      worker_id: string | null;
      attempt: number;
      status: SweptPost['status'];
    }>`
      with expired as (
        select id, workspace_id, claimed_by, attempt,
          case when attempt - attempt_base >= ${options.maxAttempts}
            then 'needs_review' else 'scheduled' end as next_status
        from posts
        where status = 'publishing' and claim_expires_at <= now()
        order by claim_expires_at
        limit ${options.limit ?? 100}
        for update skip locked
      ), returned as (
        update posts
        set status = expired.next_status, claimed_by = null, claim_expires_at = null,
            retry_at = null, updated_at = now(),
            review_reason = case when expired.next_status = 'needs_review'
              then 'Publishing stopped unexpectedly ' || (expired.attempt - posts.attempt_base) ||
                ' times in a row. Check the Facebook Page and Instagram account, then mark it published or retry.'
              else posts.review_reason end
        from expired
        where posts.id = expired.id
        returning posts.id
      )
      insert into post_events (post_id, workspace_id, kind, detail)
      select expired.id, expired.workspace_id,
        case when expired.next_status = 'needs_review' then 'needs_review' else 'lease_expired' end,
        jsonb_build_object('worker', expired.claimed_by, 'attempt', expired.attempt,
          'status', expired.next_status)
      from expired join returned on returned.id = expired.id
      returning post_id, detail->>'worker' as worker_id, (detail->>'attempt')::int as attempt,
        detail->>'status' as status
    `.execute(trx);

    for (const row of rows) {
      if (row.status === 'needs_review') await enqueuePostStatusEvent(trx, row.post_id);
    }

    return rows.map((row) => ({
      postId: row.post_id,
      workerId: row.worker_id,
      attempt: row.attempt,
      status: row.status,
    }));
  });
}
