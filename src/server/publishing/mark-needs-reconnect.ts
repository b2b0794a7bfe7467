import type { Db } from '../db/database';

/**
 * Marks a brand's Meta connection `needs_reconnect` with the reason, so the
 * brand page shows it with a reconnect button. Idempotent.
 *
 * @example
 *   await markNeedsReconnect(db, brandId, "The Page token expired. Reconnect the brand's Facebook Page.");
 */
export async function markNeedsReconnect(db: Db, brandId: string, reason: string): Promise<void> {
  await db
    .updateTable('meta_connections')
    .set({ status: 'needs_reconnect', status_reason: reason, updated_at: new Date() })
    .where('brand_id', '=', brandId)
    .execute();
}
