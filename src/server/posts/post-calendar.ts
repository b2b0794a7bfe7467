import { sql } from 'kysely';
import type { Platform, PostStatus, TargetStatus } from '../../../db/types';
import type { Db } from '../db/database';
import { targetStatuses } from './list-posts';

export interface CalendarPost {
  id: string;
  brandId: string;
  brandName: string;
  status: PostStatus;
  scheduledAt: Date;
  /** The caption's first line, cut to fit a chip. */
  title: string;
  firstImage: string | null;
  targets: Array<{ platform: Platform; status: TargetStatus }>;
  version: number;
}

/** A calendar shows at most this many posts; a busier range should be narrowed. */
export const CALENDAR_LIMIT = 2_000;

/**
 * What a month or week view needs, in one statement: the posts scheduled in
 * `[from, to)` of one brand, or of every brand of a workspace, oldest first.
 * Reads `posts_brand_calendar` or `posts_workspace_calendar`.
 */
export async function listCalendar(
  db: Db,
  scope: { workspaceId: string; brandId?: string },
  range: { from: Date; to: Date },
): Promise<CalendarPost[]> {
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('brands as b', 'b.id', 'p.brand_id')
    .select((eb) => [
      'p.id',
      'p.brand_id as brandId',
      'b.name as brandName',
      'p.status',
      'p.scheduled_at as scheduledAt',
      sql<string>`left(split_part(left(p.caption, 400), E'\n', 1), 120)`.as('title'),
      sql<string | null>`p.media -> 0 ->> 'url'`.as('firstImage'),
      targetStatuses(eb.ref('p.id')).as('targets'),
      'p.version',
    ])
    .$if(scope.brandId !== undefined, (q) => q.where('p.brand_id', '=', scope.brandId!))
    .where('p.workspace_id', '=', scope.workspaceId)
    .where('p.deleted_at', 'is', null)
    .where('p.scheduled_at', '>=', range.from)
    .where('p.scheduled_at', '<', range.to)
    .orderBy('p.scheduled_at')
    .orderBy('p.id')
    .limit(CALENDAR_LIMIT)
    .execute();

  return rows as CalendarPost[];
}
