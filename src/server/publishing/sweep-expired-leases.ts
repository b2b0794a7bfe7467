import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface SweptPost {
  postId: string;
  workerId: string | null;
  attempt: number;
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
 * @example
 *   const swept = await sweepExpiredLeases(db, 100);
 */
export async function sweepExpiredLeases(db: Db, limit = 100): Promise<SweptPost[]> {
  const { rows } = await sql<{ post_id: string; worker_id: string | null; attempt: number }>`
    with expired as (
      select id, workspace_id, claimed_by, attempt from posts
      where status = 'publishing' and claim_expires_at <= now()
      order by claim_expires_at
      limit ${limit}
      for update skip locked
    ), returned as (
      update posts
      set status = 'scheduled', claimed_by = null, claim_expires_at = null, retry_at = null,
          updated_at = now()
      from expired
      where posts.id = expired.id
      returning posts.id
    )
    insert into post_events (post_id, workspace_id, kind, detail)
    select expired.id, expired.workspace_id, 'lease_expired',
      jsonb_build_object('worker', expired.claimed_by, 'attempt', expired.attempt)
    from expired join returned on returned.id = expired.id
    returning post_id, detail->>'worker' as worker_id, (detail->>'attempt')::int as attempt
  `.execute(db);

  return rows.map((row) => ({
    postId: row.post_id,
    workerId: row.worker_id,
    attempt: row.attempt,
  }));
}
