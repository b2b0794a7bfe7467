import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/database';
import { startEmbeddedPostgres } from '../../src/server/db/embedded-postgres';
import { migrateToLatest } from '../../src/server/db/migrate';
import { adminQuery, freePort, withDatabase } from './local-resources';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

/**
 * Gives every test file a PostgreSQL: `TEST_DATABASE_URL` when set, otherwise
 * an embedded server for this run. A migrated template database is made once;
 * each file clones its own from it (see `database.ts`), so files run in parallel.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let embeddedDir: string | undefined;

  if (!adminUrl) {
    embeddedDir = mkdtempSync(path.join(os.tmpdir(), 'postpilot-test-pg-'));
    chmodSync(embeddedDir, 0o755); // the embedded server runs as its own user
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(embeddedDir, 'data'),
      port: await freePort(),
      database: 'postgres',
    });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }

  const templateDatabase = `pp_tpl_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${templateDatabase}`);

  const { db } = openDatabase(withDatabase(adminUrl, templateDatabase), 2);
  await migrateToLatest(db);
  await db.destroy();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  process.env.POSTPILOT_TEST_ADMIN_URL = adminUrl;

  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${templateDatabase} with (force)`);
    await stopEmbedded?.();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  };
}
