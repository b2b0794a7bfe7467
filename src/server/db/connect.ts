import { sql } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { openDatabase, type Db } from './database';
import { startEmbeddedPostgres } from './embedded-postgres';
import path from 'node:path';

export interface DatabaseHandle {
  db: Db;
  /** The connection URL, for connections outside the pool (LISTEN). */
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or starts the embedded PostgreSQL under
 * `DATA_DIR/postgres` when it is unset. Fails with a message naming the setting.
 */
export async function connectDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;

  if (!url) {
    const dataDir = path.resolve(config.DATA_DIR, 'postgres');
    log.info(
      { dataDir, port: config.EMBEDDED_PG_PORT },
      `DATABASE_URL is unset: using the embedded PostgreSQL in ${dataDir}`,
    );

    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.EMBEDDED_PG_PORT,
      onLog: (line) => log.debug({ postgres: line }),
    }).catch((error: Error) => {
      throw new Error(
        `Embedded PostgreSQL failed to start in ${dataDir} on port ${config.EMBEDDED_PG_PORT}: ${error.message}. ` +
          'If the port is taken, set EMBEDDED_PG_PORT to a free one; or set DATABASE_URL to use your own server.',
      );
    });

    url = embedded.url;
    stopEmbedded = embedded.stop;
  }

  const { db, pool } = openDatabase(url, config.DATABASE_POOL_SIZE);

  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    await stopEmbedded?.();
    const where = new URL(url);
    throw new Error(
      `DATABASE_URL: cannot connect to ${where.hostname}:${where.port || 5432}${where.pathname} ` +
        `(${(error as Error).message}). Check that the server runs and the URL is right.`,
    );
  }

  return {
    db,
    url,
    pool,
    close: async () => {
      await db.destroy();
      await stopEmbedded?.();
    },
  };
}
