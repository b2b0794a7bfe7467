// `npm run db:migrate`: brings the database named by DATABASE_URL (or the
// embedded one) to the newest schema, then exits.
import { ConfigError, parseConfig } from '../src/server/config';
import { connectDatabase } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import { createLogger } from '../src/server/logger';

try {
  const config = parseConfig(process.env);
  const log = createLogger(config);
  const database = await connectDatabase(config, log);
  const applied = await migrateToLatest(database.db);
  console.log(
    applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.',
  );
  await database.close();
} catch (error) {
  const message =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : (error as Error).message;
  console.error(`db:migrate: ${message}`);
  process.exit(1);
}
