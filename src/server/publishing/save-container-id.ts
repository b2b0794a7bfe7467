import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Claim } from './claim-due-posts';
import { lockHeldPost } from './held-post';

/**
 * Saves the Instagram container id of a `sending` target before
 * `media_publish` is called. After a crash, the container's `status_code`
 * tells whether the post went live; without a saved container, it cannot
 * have. Pass null to forget an expired container before making a new one.
 *
 * Returns false when the worker no longer holds the post.
 *
 * @example
 *   if (!(await saveContainerId(db, claim, container.id))) return; // lease lost
 */
export async function saveContainerId(
  db: Db,
  claim: Claim,
  containerId: string | null,
): Promise<boolean> {
  const result = await sql`
    with held as (${lockHeldPost(claim)})
    update post_targets
    set container_id = ${containerId}, updated_at = now()
    from held
    where post_targets.post_id = held.id
      and post_targets.platform = 'instagram'
      and post_targets.status = 'sending'
  `.execute(db);

  return Number(result.numAffectedRows ?? 0) === 1;
}
