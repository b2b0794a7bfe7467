import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../../db/types';

export type Db = Kysely<Database>;

// int8 (counts) as numbers: every count here fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Opens a pooled Kysely handle on one PostgreSQL database.
 *
 * @example
 *   const { db, pool } = openDatabase('postgres://localhost/postpilot');
 */
export function openDatabase(url: string, poolSize = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
  });

  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => {});

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
