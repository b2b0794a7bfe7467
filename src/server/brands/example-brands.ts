import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import { parseSeedText, validateBrandSeed, writeBrandSeed, type SeedResult } from './brand-seed';

/** The demo brands shipped with the app, also usable with `npm run seed`. */
export const EXAMPLE_BRANDS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../scripts/examples/brands.json',
);

/**
 * Loads the example brands into an empty workspace through the seeding code,
 * so a new user has real brands to try things with. The workspace row is
 * locked first: a double click loads them once and refuses the second time.
 */
export async function loadExampleBrands(
  db: Db,
  workspaceId: string,
  authorId: string,
): Promise<SeedResult[]> {
  const seed = validateBrandSeed(
    parseSeedText(await readFile(EXAMPLE_BRANDS_FILE, 'utf8'), EXAMPLE_BRANDS_FILE),
  );

  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow();

    const existing = await trx
      .selectFrom('brands')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .limit(1)
      .executeTakeFirst();

    if (existing) {
      throw new AppError(
        'PRECONDITION_FAILED',
        'Example brands can only be loaded into a workspace that has no brands yet. Create a new workspace to try them.',
      );
    }

    return writeBrandSeed(trx, workspaceId, authorId, seed);
  });
}
