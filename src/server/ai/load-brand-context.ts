import { brandBrainSchema, emptyBrandBrain, type BrandBrain } from '../../common/brand-brain';
import type { NotifiedCache } from '../db/change-feed';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';
import type { Logger } from '../logger';

/**
 * What drafting needs to know about a brand: its name, language and current
 * brain. Shared between requests through the cache: read it, never change it.
 */
export interface BrandContext {
  brandId: string;
  workspaceId: string;
  name: string;
  language: string;
  brain: BrandBrain;
  /** Null while the brand has no saved brain (the defaults are used). */
  brainVersion: number | null;
}

export interface BrandContextSources {
  db: Db;
  log: Logger;
  /** Contexts read recently, dropped when the brand or its brain changes. */
  brandCache: NotifiedCache<BrandContext>;
}

/**
 * Loads the brand and its newest Brand Brain, from the cache or in one query.
 * Access has been checked by the procedure; the workspace is matched again as
 * a guard.
 */
export async function loadBrandContext(
  { db, log, brandCache }: BrandContextSources,
  workspaceId: string,
  brandId: string,
): Promise<BrandContext> {
  const cached = brandCache.get(brandId);
  if (cached?.workspaceId === workspaceId) return cached;

  const epoch = brandCache.epoch();
  const row = await db
    .selectFrom('brands as b')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('brand_brains')
          .select(['version', 'content'])
          .whereRef('brand_brains.brand_id', '=', 'b.id')
          .orderBy('version', 'desc')
          .limit(1)
          .as('brain'),
      (join) => join.onTrue(),
    )
    .select(['b.id', 'b.workspace_id', 'b.name', 'b.language', 'b.archived_at'])
    .select(['brain.version', 'brain.content'])
    .where('b.id', '=', brandId)
    .where('b.workspace_id', '=', workspaceId)
    .executeTakeFirst();

  const brand = found(row, 'Brand');
  if (brand.archived_at) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `${brand.name} is archived. Restore it to draft posts.`,
    );
  }

  const context: BrandContext = {
    brandId: brand.id,
    workspaceId: brand.workspace_id,
    name: brand.name,
    language: brand.language,
    brain: readBrain(brand.content, brand.version, log),
    brainVersion: brand.version ?? null,
  };
  brandCache.remember(epoch, brandId, context);
  return context;
}

// A stored brain was valid when saved; if the schema has since tightened, draft
// with what still parses rather than refuse, and say so in the log.
function readBrain(content: unknown, version: number | null, log: Logger): BrandBrain {
  if (content === null || content === undefined) return emptyBrandBrain();

  const parsed = brandBrainSchema.safeParse(content);
  if (parsed.success) return parsed.data;

  log.warn(
    { brainVersion: version, issues: parsed.error.issues.length },
    'stored Brand Brain no longer validates; using defaults',
  );
  return emptyBrandBrain();
}
