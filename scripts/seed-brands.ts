// `npm run seed -- <file.json|.yaml> [--workspace <id|name>] [--owner <email>] [--dry-run]`
//
// Creates or updates brands and their Brand Brains from a file, matched by
// slug. The whole file is checked before anything is written, and the writes
// happen in one transaction, so a run either applies the whole file or
// nothing. Running the same file again reports every brand as unchanged.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import {
  applyBrandSeed,
  parseSeedText,
  SeedFileError,
  validateBrandSeed,
  type SeedResult,
} from '../src/server/brands/brand-seed';
import { resolveSeedTarget, SeedTargetError } from '../src/server/brands/seed-target';
import { ConfigError, parseConfig } from '../src/server/config';
import { connectDatabase } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { createLogger } from '../src/server/logger';

const USAGE =
  'Usage: npm run seed -- <file.json|file.yaml> [--workspace <id|name>] [--owner <email>] [--dry-run]';

/** Above this many brands, a progress bar shows while the transaction runs. */
const PROGRESS_BAR_FROM = 20;

function readArguments() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        owner: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (positionals.length !== 1) throw new Error('name exactly one seed file');
    return { file: positionals[0]!, ...values, dryRun: values['dry-run'] };
  } catch (error) {
    console.error(`seed: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

async function readSeed(file: string) {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'no such file' : error.message;
    throw new SeedFileError([`${file}: ${reason}`]);
  });
  return validateBrandSeed(parseSeedText(text, path.basename(file)));
}

function describeResult(result: SeedResult): string {
  const changes = result.outcome === 'updated' ? ` — ${result.changes.join(', ')}` : '';
  return `${result.outcome.padEnd(9)} ${result.slug.padEnd(28)} ${result.name} (brain v${result.brainVersion})${changes}`;
}

function summarise(results: SeedResult[], dryRun: boolean): string {
  const count = (outcome: SeedResult['outcome']) =>
    results.filter((result) => result.outcome === outcome).length;
  const brands = `${results.length} brand${results.length === 1 ? '' : 's'}`;
  const summary = `${brands}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged.`;
  return dryRun ? `${summary} Dry run: nothing was written.` : summary;
}

async function main(): Promise<void> {
  const args = readArguments();
  const seed = await readSeed(args.file);

  const config = parseConfig({ LOG_LEVEL: 'warn', ...process.env });
  const database = await connectDatabase(config, createLogger(config));

  try {
    await migrateToLatest(database.db);

    const bar =
      seed.brands.length >= PROGRESS_BAR_FROM && process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { stream: process.stderr, format: 'Seeding [{bar}] {value}/{total} brands' },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    bar?.start(seed.brands.length, 0);

    let workspace = '';
    const results = await applyBrandSeed(database.db, {
      seed,
      dryRun: args.dryRun,
      resolveTarget: async (trx) => {
        const target = await resolveSeedTarget(trx, args);
        workspace = `Workspace "${target.workspaceName}" (${target.workspaceId})`;
        return target;
      },
      onProgress: (done) => bar?.update(done),
    }).finally(() => bar?.stop());

    console.log(workspace);
    for (const result of results) console.log(describeResult(result));
    console.log(summarise(results, args.dryRun));
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  if (error instanceof SeedFileError) {
    console.error(`seed: nothing was written. ${error.message}:`);
    for (const problem of error.problems) console.error(`  ${problem}`);
  } else if (error instanceof ConfigError) {
    console.error(`seed: Configuration error: ${error.message}`);
  } else if (error instanceof SeedTargetError) {
    console.error(`seed: nothing was written. ${error.message}`);
  } else {
    console.error(`seed: nothing was written. ${error.message}`);
  }
  process.exit(1);
});
