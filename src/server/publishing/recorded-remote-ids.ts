import { sql } from 'kysely';
import type { Platform } from '../../../db/types';
import type { PublishRun } from './target-step';

/**
 * The platform ids that other posts of the brand already hold, recorded
 * since `since` (less an hour for clocks and late writes; an id recorded
 * earlier belongs to a post made earlier still, outside any search window).
 *
 * An unknown outcome is settled by finding the exact caption on the Page or
 * the account. A brand may post the same caption twice ("Open today 8–18"):
 * then two posts share one caption, and a post found there can prove only one
 * of them. Skipping the ids already recorded keeps a second post from taking
 * the first one's proof and being marked live when it never went out.
 *
 * @example
 *   const skip = await loadRecordedRemoteIds(run, 'facebook', sendingSince);
 */
export async function loadRecordedRemoteIds(
  run: PublishRun,
  platform: Platform,
  since: Date,
): Promise<Set<string>> {
  const rows = await run.db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.id', 't.post_id')
    .select('t.remote_id')
    .where('p.brand_id', '=', run.post.brandId)
    .where('t.platform', '=', platform)
    .where('t.post_id', '<>', run.post.postId)
    .where('t.remote_id', 'is not', null)
    .where('t.published_at', '>=', sql<Date>`${since}::timestamptz - interval '1 hour'`)
    .execute();

  return new Set(rows.map((row) => row.remote_id!));
}
