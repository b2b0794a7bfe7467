import { sql } from 'kysely';
import type { Platform } from '../../../db/types';
import { captionFor, type PublishRun } from './target-step';

interface CaptionRivals {
  heldIds: Set<string>;
  unaccounted: number;
}

/**
 * The other posts of the brand that a post found by its caption could be
 * (read by `matchByCaption`).
 *
 * An unknown outcome is settled by finding the exact caption on the Page or
 * the account. A brand may post one caption twice ("Open today 8–18"), and
 * then a post found there proves only that one of them went out:
 *   - `heldIds`: ids other posts already hold. They are skipped while
 *     searching, so a later post never takes an earlier one's proof.
 *   - `unaccounted`: other posts with the same caption whose own post on the
 *     platform is not tied to an id (still `sending`, or live with no id
 *     recorded). While there is one, a match cannot say whose it is.
 *
 * Read once before the search (to skip) and once after it (to judge the
 * match against what was recorded meanwhile): a target goes from `sending`
 * to holding its id in one write, so the second read sees it as one or the
 * other, never neither.
 */
async function loadCaptionRivals(
  run: PublishRun,
  platform: Platform,
  since: Date,
): Promise<CaptionRivals> {
  // An id recorded before this window belongs to a post made before it too.
  const from = sql<Date>`${since}::timestamptz - interval '1 hour'`;
  const rows = await run.db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.id', 't.post_id')
    .select((eb) => [
      't.remote_id as remoteId',
      eb(
        sql`coalesce(p.captions ->> ${platform}, p.caption)`,
        '=',
        captionFor(run.post, platform),
      ).as('sameCaption'),
    ])
    .where('p.brand_id', '=', run.post.brandId)
    .where('t.platform', '=', platform)
    .where('t.post_id', '<>', run.post.postId)
    .where((eb) =>
      eb.or([
        eb('t.status', '=', 'sending'),
        eb.and([eb('t.published_at', '>=', from), eb('t.status', '=', 'published')]),
        eb.and([eb('t.published_at', '>=', from), eb('t.remote_id', 'is not', null)]),
      ]),
    )
    .execute();

  return {
    heldIds: new Set(rows.flatMap((row) => (row.remoteId ? [row.remoteId] : []))),
    unaccounted: rows.filter((row) => row.sameCaption && !row.remoteId).length,
  };
}

/**
 * Runs `search` (by caption, skipping the ids other posts hold), then judges
 * its match against the rivals as they are after it: `ours` when the match is
 * this post's beyond doubt. Undefined when nothing matched.
 *
 * @example
 *   const match = await matchByCaption(run, 'instagram', since, async (skip) =>
 *     (await findMediaByCaption(run.graph, { ...account, caption, since }, { skip }))?.mediaId,
 *   );
 */
export async function matchByCaption(
  run: PublishRun,
  platform: Platform,
  since: Date,
  search: (skip: ReadonlySet<string>) => Promise<string | undefined>,
): Promise<{ remoteId: string; ours: boolean } | undefined> {
  const before = await loadCaptionRivals(run, platform, since);
  const remoteId = await search(before.heldIds);
  if (remoteId === undefined) return undefined;

  const after = await loadCaptionRivals(run, platform, since);
  return { remoteId, ours: !after.heldIds.has(remoteId) && after.unaccounted === 0 };
}
