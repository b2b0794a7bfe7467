import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/database';
import { cleanUp } from './clean-up';
import { adminQuery, withDatabase } from './local-resources';

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  pool: pg.Pool;
}

/**
 * A fresh, migrated database for the calling test file, cloned from the run's
 * template and dropped after the file's tests.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `pp_t_${randomBytes(6).toString('hex')}`;

  await adminQuery(adminUrl, `create database ${name} template ${inject('templateDatabase')}`);

  const url = withDatabase(adminUrl, name);
  const { db, pool } = openDatabase(url, 5);

  cleanUp(async () => {
    await db.destroy();
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  });

  return { url, name, db, pool };
}
