import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Claim } from './claim-due-posts';
import { isHeld } from './held-post';

/**
 * Gives back a claimed post whose work never started (no target was sent),
 * as if it had not been claimed: due again at once, the attempt not counted.
 * Used when a worker stops. Returns false when the worker no longer held it.
 *
 * @example
 *   await releaseClaim(db, claim);
 */
export async function releaseClaim(db: Db, claim: Claim): Promise<boolean> {
  const result = await sql`
    update posts
    set status = 'scheduled', claimed_by = null, claim_expires_at = null,
        attempt = attempt - 1, updated_at = now()
    where ${isHeld(claim)}
  `.execute(db);

  return Number(result.numAffectedRows ?? 0) === 1;
}
