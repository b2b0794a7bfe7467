import { brandBrainSchema, emptyBrandBrain, type BrandBrain } from '../../common/brand-brain';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';
import type { Logger } from '../logger';

/** What drafting needs to know about a brand: its name, language and current brain. */
export interface BrandContext {
  brandId: string;
  workspaceId: string;
  name: string;
  language: string;
  brain: BrandBrain;
  /** Null while the brand has no saved brain (the defaults are used). */
  brainVersion: number | null;
}

/**
 * Loads the brand and its newest Brand Brain in one query. Access has been
 * checked by the procedure; the workspace is matched again as a guard.
 */
export async function loadBrandContext(
  db: Db,
  log: Logger,
  workspaceId: string,
  brandId: string,
): Promise<BrandContext> {
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

  return {
    brandId: brand.id,
    workspaceId: brand.workspace_id,
    name: brand.name,
    language: brand.language,
    brain: readBrain(brand.content, brand.version, log),
    brainVersion: brand.version ?? null,
  };
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
