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

  // A client that loses its server (a restart, an administrator's kill) emits
  // 'error'. The pool handles idle clients; a checked-out client between two
  // queries of a transaction has no listener, and an unhandled 'error' would
  // crash the process. Its next query fails instead, and the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
