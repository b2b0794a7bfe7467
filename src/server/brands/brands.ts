import type { Insertable } from 'kysely';
import type { BrandsTable, Platform } from '../../../db/types';
import { emptyBrandBrain, type BrandBrain } from '../../common/brand-brain';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';
import { appendBrainVersion } from './brand-brains';
import type { BrandFields } from './brand-fields';
import { nextFreeSlug, slugFromName } from './slug';

export interface BrandView {
  id: string;
  workspaceId: string;
  name: string;
  slug: string;
  timezone: string;
  language: string;
  website: string | null;
  defaultTargets: Platform[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  brainVersion: number;
  connectionStatus: 'active' | 'needs_reconnect' | null;
}

export type BrandChanges = Partial<Omit<BrandFields, 'slug'>> & { slug?: string };

function selectBrands(db: Db, workspaceId: string) {
  return db
    .selectFrom('brands as b')
    .leftJoin('meta_connections as c', 'c.brand_id', 'b.id')
    .select((eb) => [
      'b.id',
      'b.workspace_id as workspaceId',
      'b.name',
      'b.slug',
      'b.timezone',
      'b.language',
      'b.website',
      'b.default_targets as defaultTargets',
      'b.archived_at as archivedAt',
      'b.created_at as createdAt',
      'b.updated_at as updatedAt',
      'c.status as connectionStatus',
      eb
        .selectFrom('brand_brains as v')
        .select((v) => v.fn.coalesce(v.fn.max('v.version'), v.lit(0)).as('version'))
        .whereRef('v.brand_id', '=', 'b.id')
        .as('brainVersion'),
    ])
    .where('b.workspace_id', '=', workspaceId);
}

function toView(row: Awaited<ReturnType<ReturnType<typeof selectBrands>['executeTakeFirst']>>) {
  const brand = found(row, 'Brand');
  return {
    ...brand,
    brainVersion: Number(brand.brainVersion ?? 0),
    connectionStatus: brand.connectionStatus ?? null,
  } satisfies BrandView;
}

/** The workspace's brands by name; archived ones only when asked for. */
export async function listBrands(
  db: Db,
  workspaceId: string,
  options: { includeArchived?: boolean } = {},
): Promise<BrandView[]> {
  let query = selectBrands(db, workspaceId).orderBy('b.name').orderBy('b.id');
  if (!options.includeArchived) query = query.where('b.archived_at', 'is', null);

  const rows = await query.execute();
  return rows.map((row) => toView(row));
}

export async function getBrand(db: Db, workspaceId: string, brandId: string): Promise<BrandView> {
  return toView(await selectBrands(db, workspaceId).where('b.id', '=', brandId).executeTakeFirst());
}

/**
 * Creates a brand with its first Brand Brain version (empty unless given).
 * A slug derived from the name steps aside for existing ones (`-2`, `-3`…);
 * a slug given explicitly must be free.
 *
 * @example
 *   await createBrand(db, workspaceId, userId, { name: 'Kávé Műhely', timezone: 'Europe/Budapest', language: 'hu' });
 *   // slug 'kave-muhely', brain version 1
 */
export async function createBrand(
  db: Db,
  workspaceId: string,
  authorId: string | null,
  fields: BrandFields,
  brain: BrandBrain = emptyBrandBrain(),
): Promise<BrandView> {
  const brandId = await db.transaction().execute(async (trx) => {
    const id = await insertBrand(trx, workspaceId, fields);
    await appendBrainVersion(trx, { workspaceId, brandId: id }, brain, authorId);
    return id;
  });

  return getBrand(db, workspaceId, brandId);
}

/** Inserts the brand row and returns its id; call inside a transaction. */
export async function insertBrand(db: Db, workspaceId: string, fields: BrandFields) {
  const values = {
    workspace_id: workspaceId,
    name: fields.name,
    timezone: fields.timezone,
    language: fields.language,
    website: fields.website ?? null,
    default_targets: fields.defaultTargets ?? (['facebook'] as Platform[]),
  };

  if (fields.slug !== undefined) {
    const row = await insertUnlessSlugTaken(db, { ...values, slug: fields.slug });
    if (!row) throw slugTaken(fields.slug);
    return row.id;
  }

  // Another request may take the same slug between the look-up and the insert; try again.
  const base = slugFromName(fields.name);
  for (let round = 0; round < 5; round++) {
    const slug = nextFreeSlug(base, await slugsLike(db, workspaceId, base));
    const row = await insertUnlessSlugTaken(db, { ...values, slug });
    if (row) return row.id;
  }

  throw new AppError(
    'CONFLICT',
    'Could not find a free slug for this brand. Give one explicitly.',
    {
      fieldErrors: { slug: ['choose a slug'] },
    },
  );
}

function insertUnlessSlugTaken(db: Db, values: Insertable<BrandsTable>) {
  return db
    .insertInto('brands')
    .values(values)
    .onConflict((oc) => oc.columns(['workspace_id', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

async function slugsLike(db: Db, workspaceId: string, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('brands')
    .select('slug')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base.slice(0, 50)}%`)]))
    .execute();
  return new Set(rows.map((row) => row.slug));
}

function slugTaken(slug: string): AppError {
  return new AppError(
    'CONFLICT',
    `Another brand in this workspace already uses the slug "${slug}". Choose a different one.`,
    { fieldErrors: { slug: ['already used by another brand in this workspace'] } },
  );
}

/** Changes the given settings; the slug stays as it is unless given. */
export async function updateBrand(
  db: Db,
  workspaceId: string,
  brandId: string,
  changes: BrandChanges,
): Promise<BrandView> {
  const set = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.slug !== undefined && { slug: changes.slug }),
    ...(changes.timezone !== undefined && { timezone: changes.timezone }),
    ...(changes.language !== undefined && { language: changes.language }),
    ...(changes.website !== undefined && { website: changes.website }),
    ...(changes.defaultTargets !== undefined && { default_targets: changes.defaultTargets }),
  };

  if (Object.keys(set).length > 0) {
    if (changes.slug !== undefined) await assertSlugFree(db, workspaceId, brandId, changes.slug);

    try {
      await db
        .updateTable('brands')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', brandId)
        .where('workspace_id', '=', workspaceId)
        .execute();
    } catch (error) {
      if (isSlugViolation(error)) throw slugTaken(changes.slug ?? '');
      throw error;
    }
  }

  return getBrand(db, workspaceId, brandId);
}

async function assertSlugFree(db: Db, workspaceId: string, brandId: string, slug: string) {
  const other = await db
    .selectFrom('brands')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('slug', '=', slug)
    .where('id', '<>', brandId)
    .executeTakeFirst();
  if (other) throw slugTaken(slug);
}

function isSlugViolation(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === 'brands_workspace_slug';
}

/** Hides the brand from the usual list; its posts, brain and connection stay. */
export async function archiveBrand(db: Db, workspaceId: string, brandId: string) {
  await db
    .updateTable('brands')
    .set((eb) => ({ archived_at: eb.fn.coalesce('archived_at', eb.val(new Date())) }))
    .where('id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .execute();
  return getBrand(db, workspaceId, brandId);
}

export async function restoreBrand(db: Db, workspaceId: string, brandId: string) {
  await db
    .updateTable('brands')
    .set({ archived_at: null })
    .where('id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .execute();
  return getBrand(db, workspaceId, brandId);
}
