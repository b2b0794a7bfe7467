import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Platform } from '../../../db/types';
import { brandBrainSchema, emptyBrandBrain, type BrandBrain } from '../../common/brand-brain';
import type { Db } from '../db/database';
import { fieldErrorsOf } from '../trpc/format-error';
import { appendBrainVersion } from './brand-brains';
import { brandFieldsSchema } from './brand-fields';
import { insertBrand } from './brands';
import { slugFromName } from './slug';

/**
 * Seeding: a file of brands and their Brand Brains written into a workspace,
 * matched by slug, so running the same file twice changes nothing. Used by
 * `npm run seed` and by the "load example brands" button alike.
 */
const seedBrandSchema = brandFieldsSchema.extend({ brain: brandBrainSchema.optional() }).strict();

const seedFileSchema = z
  .object({
    brands: z
      .array(seedBrandSchema, { error: 'must be a list of brands' })
      .min(1, { error: 'must list at least one brand' }),
  })
  .strict();

export type SeedBrand = z.output<typeof seedBrandSchema> & { slug: string };
export type BrandSeed = { brands: SeedBrand[] };

export type SeedOutcome = 'created' | 'updated' | 'unchanged';

export interface SeedResult {
  slug: string;
  name: string;
  outcome: SeedOutcome;
  /** What changed: brand settings by name, and `brain` for a new brain version. */
  changes: string[];
  brandId: string;
  brainVersion: number;
}

/** Thrown for a seed file that cannot be used; `problems` lists every one with its path. */
export class SeedFileError extends Error {
  override name = 'SeedFileError';
  constructor(readonly problems: string[]) {
    super(`The seed file has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
}

/** Reads JSON or YAML text (by file name) into plain data. */
export function parseSeedText(text: string, fileName: string): unknown {
  const yaml = /\.ya?ml$/i.test(fileName);

  try {
    return yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    // YAML appends a code excerpt after the first line; JSON may quote the text with its newlines.
    const message = (error as Error).message;
    const reason = yaml ? message.split('\n')[0]!.replace(/:$/, '') : message.replace(/\s+/g, ' ');
    throw new SeedFileError([`${fileName}: not valid ${yaml ? 'YAML' : 'JSON'}: ${reason}`]);
  }
}

/**
 * Checks the whole file before anything is written and returns it with every
 * slug resolved; throws SeedFileError listing every problem with its path.
 *
 * @example
 *   validateBrandSeed({ brands: [{ name: 'A', timezone: 'Mars/Base', language: 'hu' }] });
 *   // SeedFileError: ['brands[0].timezone: must be an IANA timezone such as …']
 */
export function validateBrandSeed(data: unknown): BrandSeed {
  const parsed = seedFileSchema.safeParse(data);
  const problems = parsed.success
    ? []
    : Object.entries(fieldErrorsOf(parsed.error)).flatMap(([path, messages]) =>
        messages.map((message) => `${path === '_' ? 'file' : path}: ${message}`),
      );

  problems.push(...unknownBrainFields(data), ...duplicateSlugs(data));

  if (!parsed.success || problems.length > 0) throw new SeedFileError(byBrand(problems));

  return {
    brands: parsed.data.brands.map((brand) => ({
      ...brand,
      slug: brand.slug ?? slugFromName(brand.name),
    })),
  };
}

function rawBrands(data: unknown): unknown[] {
  const brands = (data as { brands?: unknown } | null)?.brands;
  return Array.isArray(brands) ? brands : [];
}

/** Two entries that would write the same brand (slugs given or derived from names). */
function duplicateSlugs(data: unknown): string[] {
  const problems: string[] = [];
  const firstBySlug = new Map<string, number>();

  rawBrands(data).forEach((brand, index) => {
    const { slug, name } = (brand ?? {}) as { slug?: unknown; name?: unknown };
    const key =
      typeof slug === 'string' ? slug.trim() : typeof name === 'string' ? slugFromName(name) : '';
    if (key === '') return;

    const first = firstBySlug.get(key);
    if (first === undefined) return void firstBySlug.set(key, index);
    problems.push(
      `brands[${index}].slug: "${key}" is also the slug of brands[${first}]; give one of them another slug`,
    );
  });

  return problems;
}

/** Problems in file order: by brand index, keeping each brand's own order. */
function byBrand(problems: string[]): string[] {
  const index = (problem: string) => Number(/^brands\[(\d+)\]/.exec(problem)?.[1] ?? -1);
  return problems
    .map((problem, position) => ({ problem, position }))
    .sort((a, b) => index(a.problem) - index(b.problem) || a.position - b.position)
    .map(({ problem }) => problem);
}

/** Brain fields the schema does not know (a typo would otherwise be dropped silently). */
function unknownBrainFields(data: unknown): string[] {
  return rawBrands(data).flatMap((brand: unknown, index) => {
    const brain = (brand as { brain?: unknown } | null)?.brain;
    return unknownKeys(brain, emptyBrandBrain(), `brands[${index}].brain`);
  });
}

function unknownKeys(value: unknown, shape: unknown, path: string): string[] {
  if (!isPlainObject(value) || !isPlainObject(shape)) return [];

  return Object.entries(value).flatMap(([key, child]) =>
    key in shape
      ? unknownKeys(child, shape[key], `${path}.${key}`)
      : [`${path}.${key}: unknown field (expected one of ${Object.keys(shape).join(', ')})`],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes a validated seed into a workspace: creates missing brands, updates
 * changed settings, and adds a brain version only when the content differs.
 * Call inside a transaction; the caller decides whether to commit.
 */
export async function writeBrandSeed(
  trx: Db,
  workspaceId: string,
  authorId: string | null,
  seed: BrandSeed,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SeedResult[]> {
  const results: SeedResult[] = [];

  for (const brand of seed.brands) {
    results.push(await writeSeedBrand(trx, workspaceId, authorId, brand));
    onProgress(results.length, seed.brands.length);
  }

  return results;
}

async function writeSeedBrand(
  trx: Db,
  workspaceId: string,
  authorId: string | null,
  brand: SeedBrand,
): Promise<SeedResult> {
  const settings = {
    name: brand.name,
    timezone: brand.timezone,
    language: brand.language,
    website: brand.website ?? null,
    default_targets: brand.defaultTargets ?? (['facebook'] as Platform[]),
  };

  const existing = await trx
    .selectFrom('brands')
    .select(['id', 'name', 'timezone', 'language', 'website', 'default_targets'])
    .where('workspace_id', '=', workspaceId)
    .where('slug', '=', brand.slug)
    .forUpdate()
    .executeTakeFirst();

  if (!existing) {
    const brandId = await insertBrand(trx, workspaceId, {
      ...brand,
      website: settings.website,
      defaultTargets: settings.default_targets,
    });
    const brain = await appendBrainVersion(
      trx,
      { workspaceId, brandId },
      brand.brain ?? emptyBrandBrain(),
      authorId,
    );
    return {
      ...describe(brand),
      outcome: 'created',
      changes: [],
      brandId,
      brainVersion: brain.version,
    };
  }

  const changes: string[] = (Object.keys(settings) as (keyof typeof settings)[]).filter(
    (key) => JSON.stringify(existing[key]) !== JSON.stringify(settings[key]),
  );

  if (changes.length > 0) {
    await trx
      .updateTable('brands')
      .set({ ...settings, updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
  }

  const brain = await writeSeedBrain(
    trx,
    { workspaceId, brandId: existing.id },
    brand.brain,
    authorId,
  );
  if (brain.written) changes.push('brain');

  return {
    ...describe(brand),
    outcome: changes.length > 0 ? 'updated' : 'unchanged',
    changes: changes.map((key) => (key === 'default_targets' ? 'defaultTargets' : key)),
    brandId: existing.id,
    brainVersion: brain.version,
  };
}

async function writeSeedBrain(
  trx: Db,
  ref: { workspaceId: string; brandId: string },
  brain: BrandBrain | undefined,
  authorId: string | null,
): Promise<{ version: number; written: boolean }> {
  if (brain) return appendBrainVersion(trx, ref, brain, authorId);

  const current = await trx
    .selectFrom('brand_brains')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('brand_id', '=', ref.brandId)
    .executeTakeFirst();
  return { version: Number(current?.version ?? 0), written: false };
}

function describe(brand: SeedBrand) {
  return { slug: brand.slug, name: brand.name };
}

/** Rolls a dry run back while carrying its results out of the transaction. */
class DryRunRollback extends Error {
  constructor(readonly results: SeedResult[]) {
    super('dry run');
  }
}

/**
 * Writes the seed in one transaction (all or nothing). A dry run does every
 * step, reports what would happen, then rolls back.
 */
export async function applyBrandSeed(
  db: Db,
  options: {
    seed: BrandSeed;
    dryRun?: boolean;
    /** Picks the workspace and author inside the transaction. */
    resolveTarget: (trx: Db) => Promise<{ workspaceId: string; authorId: string | null }>;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<SeedResult[]> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { workspaceId, authorId } = await options.resolveTarget(trx);
      const results = await writeBrandSeed(
        trx,
        workspaceId,
        authorId,
        options.seed,
        options.onProgress,
      );
      if (options.dryRun) throw new DryRunRollback(results);
      return results;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.results;
    throw error;
  }
}
