import type { Db } from '../db/database';
import { found } from '../errors/app-error';
import { formatPostsCsv } from './post-csv';

/** A brand's posts scheduled in `[from, to)` as CSV, oldest first. */
export async function exportPostsCsv(
  db: Db,
  workspaceId: string,
  brandId: string,
  range: { from: Date; to: Date },
): Promise<string> {
  const timezone = await loadBrandTimezone(db, workspaceId, brandId);

  const posts = await db
    .selectFrom('posts')
    .select(['caption', 'captions', 'media', 'targets', 'scheduled_at as scheduledAt'])
    .where('brand_id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('scheduled_at', '>=', range.from)
    .where('scheduled_at', '<', range.to)
    .orderBy('scheduled_at')
    .orderBy('id')
    .execute();

  return formatPostsCsv(posts, timezone);
}

/** The IANA timezone a brand's wall-clock times are in. */
export async function loadBrandTimezone(
  db: Db,
  workspaceId: string,
  brandId: string,
): Promise<string> {
  const brand = await db
    .selectFrom('brands')
    .select('timezone')
    .where('id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return found(brand, 'Brand').timezone;
}
