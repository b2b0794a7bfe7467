import { sql } from 'kysely';
import type { Platform } from '../../../db/types';
import type { Db } from '../db/database';
import type { Claim } from './claim-due-posts';
import { lockHeldPost } from './held-post';

/**
 * Records, in its own committed write, that the worker is about to call the
 * Graph API for this target. If the worker dies after this, the target stays
 * `sending`: its outcome is unknown and it will be reconciled, never blindly
 * sent again. Only a `pending` target can start sending, so a published
 * target is never touched by a retry.
 *
 * Returns when sending started, or null when the worker no longer holds the
 * post (or the target is not pending): the caller must not make the call.
 *
 * @example
 *   const startedAt = await markTargetSending(db, claim, 'facebook');
 *   if (!startedAt) return; // lease lost
 */
export async function markTargetSending(
  db: Db,
  claim: Claim,
  platform: Platform,
): Promise<Date | null> {
  const { rows } = await sql<{ sending_started_at: Date }>`
    with held as (${lockHeldPost(claim)})
    update post_targets
    set status = 'sending', attempt = ${claim.attempt}, sending_started_at = now(),
        container_id = null, updated_at = now()
    from held
    where post_targets.post_id = held.id
      and post_targets.platform = ${platform}
      and post_targets.status = 'pending'
    returning post_targets.sending_started_at
  `.execute(db);

  return rows[0]?.sending_started_at ?? null;
}
