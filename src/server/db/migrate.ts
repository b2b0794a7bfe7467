import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrationsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../db/migrations',
);

// Any constant works; it only has to be the same in every process.
const MIGRATION_LOCK_KEY = 7_146_221_001;

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(migrationsDir)).filter((file) => /^\d{4}-.+\.ts$/.test(file));
    const migrations: Record<string, Migration> = {};

    for (const file of files.sort()) {
      const module = (await import(
        pathToFileURL(path.join(migrationsDir, file)).href
      )) as Migration;
      migrations[file.replace(/\.ts$/, '')] = module;
    }

    return migrations;
  }
}

function createMigrator(db: Kysely<any>): Migrator {
  // Numbers are handed out ahead of time to work landing in parallel, so a
  // database may already hold 0010 when 0006 arrives: run it rather than refuse.
  return new Migrator({
    db,
    provider: new FolderMigrationProvider(),
    allowUnorderedMigrations: true,
  });
}

/**
 * Brings the schema to the newest migration. Several processes may start at
 * once: a session-level advisory lock lets one migrate while the others wait,
 * and they then find nothing left to do.
 *
 * @example
 *   const applied = await migrateToLatest(db); // ['0001-accounts', ...]
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);

    try {
      const { error, results } = await createMigrator(connection).migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

/** Names of migrations that exist in the code but not yet in the database. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
