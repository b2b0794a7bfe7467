import { sql } from 'kysely';
import { brandBrainSchema, type BrandBrain } from '../../common/brand-brain';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';

/**
 * Brand Brain versions. A save never overwrites: it appends version n + 1.
 * Saves are serialised per brand by locking the brand row, so two editors who
 * both started from version 3 cannot both write version 4: the second one sees
 * that 4 exists and gets CONFLICT, with nothing lost on either side.
 */
export interface BrainVersion {
  version: number;
  content: BrandBrain;
  createdAt: Date;
  authorName: string | null;
}

export interface BrainVersionSummary {
  version: number;
  createdAt: Date;
  authorName: string | null;
}

interface BrandRef {
  workspaceId: string;
  brandId: string;
}

function selectVersions(db: Db, { workspaceId, brandId }: BrandRef) {
  return db
    .selectFrom('brand_brains as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.created_at as createdAt', 'u.name as authorName'])
    .where('v.brand_id', '=', brandId)
    .where('v.workspace_id', '=', workspaceId);
}

/** The newest version of the brand's Brand Brain. */
export async function getCurrentBrain(db: Db, ref: BrandRef): Promise<BrainVersion> {
  const row = await selectVersions(db, ref)
    .select('v.content')
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return toBrainVersion(found(row, 'Brand Brain'));
}

/** One stored version, e.g. for a side-by-side comparison. */
export async function getBrainVersion(
  db: Db,
  ref: BrandRef,
  version: number,
): Promise<BrainVersion> {
  const row = await selectVersions(db, ref)
    .select('v.content')
    .where('v.version', '=', version)
    .executeTakeFirst();
  return toBrainVersion(found(row, `Brand Brain version ${version}`));
}

/** Every version, newest first, without the content. */
export async function listBrainVersions(db: Db, ref: BrandRef): Promise<BrainVersionSummary[]> {
  return selectVersions(db, ref).orderBy('v.version', 'desc').execute();
}

/**
 * Stores `content` as the next version, provided the brain is still at
 * `baseVersion` (the version the editor started from).
 *
 * @example
 *   const saved = await saveBrain(db, { workspaceId, brandId }, content, 3, userId); // version 4
 */
export async function saveBrain(
  db: Db,
  ref: BrandRef,
  content: BrandBrain,
  baseVersion: number,
  authorId: string | null,
): Promise<BrainVersion> {
  const version = await db.transaction().execute(async (trx) => {
    const current = await lockBrain(trx, ref);

    if (current !== baseVersion) {
      throw new AppError(
        'CONFLICT',
        `Someone saved this Brand Brain while you were editing (it is now at version ${current}, you started from ${baseVersion}). Reload it, then apply your changes again.`,
        { details: { currentVersion: current } },
      );
    }

    return insertVersion(trx, ref, current + 1, content, authorId);
  });

  return getBrainVersion(db, ref, version);
}

/** Saves an older version's content as the newest version. */
export async function restoreBrainVersion(
  db: Db,
  ref: BrandRef,
  version: number,
  authorId: string | null,
): Promise<BrainVersion> {
  const old = await getBrainVersion(db, ref, version);

  const restored = await db.transaction().execute(async (trx) => {
    const current = await lockBrain(trx, ref);
    return insertVersion(trx, ref, current + 1, old.content, authorId);
  });

  return getBrainVersion(db, ref, restored);
}

/**
 * Appends `content` unless it equals the current version; returns the version
 * that now holds it and whether one was written. Call inside a transaction.
 */
export async function appendBrainVersion(
  trx: Db,
  ref: BrandRef,
  content: BrandBrain,
  authorId: string | null,
): Promise<{ version: number; written: boolean }> {
  const current = await lockBrain(trx, ref);

  if (current > 0) {
    const row = await trx
      .selectFrom('brand_brains')
      .select('content')
      .where('brand_id', '=', ref.brandId)
      .where('version', '=', current)
      .executeTakeFirstOrThrow();
    if (sameBrain(readContent(row.content), content)) return { version: current, written: false };
  }

  const version = await insertVersion(trx, ref, current + 1, content, authorId);
  return { version, written: true };
}

/** Locks the brand row and returns the newest brain version (0 when there is none). */
async function lockBrain(trx: Db, { workspaceId, brandId }: BrandRef): Promise<number> {
  const brand = await trx
    .selectFrom('brands')
    .select('id')
    .where('id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .forUpdate()
    .executeTakeFirst();
  found(brand, 'Brand');

  const row = await trx
    .selectFrom('brand_brains')
    .select(sql<number>`coalesce(max(version), 0)`.as('version'))
    .where('brand_id', '=', brandId)
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

async function insertVersion(
  trx: Db,
  { workspaceId, brandId }: BrandRef,
  version: number,
  content: BrandBrain,
  authorId: string | null,
): Promise<number> {
  await trx
    .insertInto('brand_brains')
    .values({
      brand_id: brandId,
      workspace_id: workspaceId,
      version,
      content: JSON.stringify(content),
      created_by: authorId,
    })
    .execute();
  return version;
}

function toBrainVersion(row: BrainVersionSummary & { content: unknown }): BrainVersion {
  return { ...row, content: readContent(row.content) };
}

/**
 * Stored content with today's defaults filled in, so versions written before
 * a field existed still read as a whole profile.
 */
function readContent(stored: unknown): BrandBrain {
  const parsed = brandBrainSchema.safeParse(stored);
  return parsed.success ? parsed.data : (stored as BrandBrain);
}

/** True when two brains hold the same content, whatever their key order. */
export function sameBrain(a: BrandBrain, b: BrandBrain): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted at every level (PostgreSQL's jsonb reorders them). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : item,
  );
}
