import { sql, type RawBuilder } from 'kysely';
import type { Claim } from './claim-due-posts';

/**
 * The fence every write of a worker goes through: the post is still
 * `publishing`, held by this worker, for this attempt, and the lease has not
 * run out. A worker that lost its lease (expired, swept, claimed again by
 * another worker) matches no row, so its write changes nothing.
 *
 * @example
 *   sql`update posts set ... where ${isHeld(claim)}`
 */
export function isHeld(claim: Claim, table = 'posts'): RawBuilder<unknown> {
  const t = sql.ref(table);
  return sql`${t}.id = ${claim.postId}
    and ${t}.claimed_by = ${claim.workerId}
    and ${t}.attempt = ${claim.attempt}
    and ${t}.status = 'publishing'
    and ${t}.claim_expires_at > now()`;
}

/**
 * A CTE body that locks the held post (shared) for the statement, so a sweep
 * cannot return the post between the fence check and a write to its targets.
 *
 * @example
 *   sql`with held as (${lockHeldPost(claim)}) update post_targets ... from held ...`
 */
export function lockHeldPost(claim: Claim): RawBuilder<unknown> {
  return sql`select id, workspace_id from posts where ${isHeld(claim)} for share`;
}
