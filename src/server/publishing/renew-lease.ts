import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Claim } from './claim-due-posts';
import { isHeld } from './held-post';

/**
 * Extends the worker's lease on a post it still holds. Returns false when the
 * lease is gone (expired, swept or taken over): the worker must stop working
 * on the post and write nothing more.
 *
 * @example
 *   if (!(await renewLease(db, claim, 120))) abort();
 */
export async function renewLease(db: Db, claim: Claim, leaseSeconds: number): Promise<boolean> {
  const result = await sql`
    update posts
    set claim_expires_at = now() + make_interval(secs => ${leaseSeconds})
    where ${isHeld(claim)}
  `.execute(db);

  return Number(result.numAffectedRows ?? 0) === 1;
}
