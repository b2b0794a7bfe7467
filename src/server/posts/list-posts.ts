import { sql } from 'kysely';
import type { Platform, PostStatus, TargetStatus } from '../../../db/types';
import type { Db } from '../db/database';

export interface PostFilters {
  from?: Date;
  to?: Date;
  status?: PostStatus | PostStatus[];
  search?: string;
  /** The id of the last post of the previous page. */
  cursor?: string;
  limit: number;
}

export interface PostListItem {
  id: string;
  brandId: string;
  status: PostStatus;
  scheduledAt: Date | null;
  /** The start of the caption, enough for a row in a list. */
  excerpt: string;
  firstImage: string | null;
  targets: Array<{ platform: Platform; status: TargetStatus }>;
  version: number;
}

export interface PostPage {
  posts: PostListItem[];
  nextCursor: string | null;
}

/**
 * A brand's posts, newest first, a page at a time; each row carries only what a
 * list shows (the full post comes from `getPost`). The keyset cursor is the last
 * post's id; its `(created_at, id)` is read in the same statement, so pages stay
 * stable while posts are added and the walk follows `posts_brand_list`.
 */
export async function listPosts(
  db: Db,
  workspaceId: string,
  brandId: string,
  filters: PostFilters,
): Promise<PostPage> {
  const statuses = filters.status === undefined ? [] : ([] as PostStatus[]).concat(filters.status);

  const rows = await db
    .selectFrom('posts as p')
    .select((eb) => [
      'p.id',
      'p.brand_id as brandId',
      'p.status',
      'p.scheduled_at as scheduledAt',
      sql<string>`left(p.caption, 200)`.as('excerpt'),
      sql<string | null>`p.media -> 0 ->> 'url'`.as('firstImage'),
      targetStatuses(eb.ref('p.id')).as('targets'),
      'p.version',
    ])
    .where('p.brand_id', '=', brandId)
    .where('p.workspace_id', '=', workspaceId)
    .where('p.deleted_at', 'is', null)
    .$if(filters.from !== undefined, (q) => q.where('p.scheduled_at', '>=', filters.from!))
    .$if(filters.to !== undefined, (q) => q.where('p.scheduled_at', '<', filters.to!))
    .$if(statuses.length > 0, (q) => q.where('p.status', 'in', statuses))
    .$if(Boolean(filters.search), (q) =>
      q.where('p.caption', 'ilike', `%${escapeLike(filters.search!)}%`),
    )
    .$if(filters.cursor !== undefined, (q) =>
      q.where(
        sql<boolean>`(p.created_at, p.id) < (select c.created_at, c.id from posts c where c.id = ${filters.cursor!} and c.brand_id = ${brandId})`,
      ),
    )
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(filters.limit + 1)
    .execute();

  const posts = rows.slice(0, filters.limit);
  const more = rows.length > filters.limit;
  return { posts, nextCursor: more ? posts[posts.length - 1]!.id : null };
}

/** The post's targets and their states as one JSON array, read by primary key. */
export function targetStatuses(postId: unknown) {
  return sql<Array<{ platform: Platform; status: TargetStatus }>>`coalesce(
    (select json_agg(json_build_object('platform', t.platform, 'status', t.status) order by t.platform)
       from post_targets t where t.post_id = ${postId}),
    '[]'::json)`;
}

/** Matches `text` literally inside ILIKE: `%`, `_` and `\` lose their meaning. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
