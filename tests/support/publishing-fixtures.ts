import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Platform } from '../../db/types';
import type { Db } from '../../src/server/db/database';

export interface BrandFixture {
  userId: string;
  workspaceId: string;
  brandId: string;
  pageId: string;
  igUserId: string | null;
}

/**
 * A user, workspace and brand with a Meta connection, inserted directly. The
 * page token is stored as given: pass an already encrypted value when the
 * worker will read it.
 */
export async function insertBrand(
  db: Db,
  options: {
    pageId?: string;
    igUserId?: string | null;
    /** An existing user and workspace to add the brand to (else new ones are made). */
    owner?: { userId: string; workspaceId: string };
    /** The stored token, or a function that seals it for the new brand's id. */
    pageToken?: string | ((brandId: string) => string);
  } = {},
): Promise<BrandFixture> {
  const tag = randomBytes(4).toString('hex');
  let owner = options.owner;
  if (!owner) {
    const user = await db
      .insertInto('users')
      .values({ email: `owner-${tag}@example.com`, name: 'Owner', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const workspace = await db
      .insertInto('workspaces')
      .values({ name: `Workspace ${tag}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('memberships')
      .values({ workspace_id: workspace.id, user_id: user.id, role: 'owner' })
      .execute();
    owner = { userId: user.id, workspaceId: workspace.id };
  }
  const workspace = { id: owner.workspaceId };
  const user = { id: owner.userId };
  const brand = await db
    .insertInto('brands')
    .values({
      workspace_id: workspace.id,
      name: `Brand ${tag}`,
      slug: `brand-${tag}`,
      timezone: 'UTC',
      language: 'en',
      default_targets: ['facebook', 'instagram'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const pageId = options.pageId ?? `page${tag}`;
  const igUserId = options.igUserId === undefined ? `ig${tag}` : options.igUserId;
  const token = options.pageToken ?? 'not-a-real-token';
  await db
    .insertInto('meta_connections')
    .values({
      brand_id: brand.id,
      workspace_id: workspace.id,
      page_id: pageId,
      page_name: `Page ${tag}`,
      ig_user_id: igUserId,
      ig_username: igUserId ? `brand_${tag}` : null,
      page_token: typeof token === 'function' ? token(brand.id) : token,
      status: 'active',
      status_reason: null,
      verified_at: new Date(),
    })
    .execute();

  return { userId: user.id, workspaceId: workspace.id, brandId: brand.id, pageId, igUserId };
}

/**
 * Inserts `count` scheduled posts with their pending targets in one statement,
 * due `dueSecondsAgo` ago (negative: in the future). Captions are unique.
 */
export async function insertDuePosts(
  db: Db,
  brand: BrandFixture,
  count: number,
  options: {
    targets?: Platform[];
    dueSecondsAgo?: number;
    spreadSeconds?: number;
    media?: { url: string; alt: string }[];
    captionPrefix?: string;
  } = {},
): Promise<string[]> {
  const targets = options.targets ?? ['facebook'];
  const media = JSON.stringify(options.media ?? [{ url: 'https://example.com/a.jpg', alt: 'A' }]);
  const prefix = options.captionPrefix ?? `Post ${randomBytes(3).toString('hex')}`;
  const dueSecondsAgo = options.dueSecondsAgo ?? 1;
  const spread = options.spreadSeconds ?? 0;

  // One statement: a worker already running must never claim a post before its targets exist.
  const { rows } = await sql<{ id: string }>`
    with inserted as (
      insert into posts (workspace_id, brand_id, author_id, caption, media, targets, status, scheduled_at)
      select ${brand.workspaceId}, ${brand.brandId}, ${brand.userId},
        ${prefix} || ' #' || n, ${media}::jsonb, ${sql.val(targets)}::text[], 'scheduled',
        now() - make_interval(secs => ${dueSecondsAgo}) + make_interval(secs => ${spread} * n / greatest(${count}, 1))
      from generate_series(1, ${count}) n
      returning id, workspace_id
    ), targets as (
      insert into post_targets (post_id, platform, workspace_id, status)
      select i.id, t.platform, i.workspace_id, 'pending'
      from inserted i cross join unnest(${sql.val(targets)}::text[]) as t(platform)
    )
    select id from inserted
  `.execute(db);

  const ids = rows.map((r) => r.id);
  return ids;
}
