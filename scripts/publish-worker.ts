/**
 * A process that only publishes: the publish loop without the web app, for
 * benchmarks and for deployments that scale workers apart from web servers.
 * It starts in about a third of the time of `src/server/main.ts`, which
 * matters when workers are restarted often. Reads the same environment;
 * expects `DATABASE_URL` and a migrated database. Stops on SIGTERM/SIGINT,
 * finishing in-flight posts first, and exits 0.
 *
 *   DATABASE_URL=postgres://… node --import tsx scripts/publish-worker.ts
 */
import { parseConfig } from '../src/server/config';
import { loadTokenCipher } from '../src/server/crypto/load-token-cipher';
import { openDatabase } from '../src/server/db/database';
import { createLogger } from '../src/server/logger';
import { GraphClient } from '../src/server/meta/graph-client';
import { startPublishing } from '../src/server/publishing/start-publishing';

const config = parseConfig(process.env);
const log = createLogger(config);
if (!config.DATABASE_URL) {
  process.stderr.write('publish-worker: DATABASE_URL is required\n');
  process.exit(1);
}

const { db } = openDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
const graph = new GraphClient({
  baseUrl: config.META_GRAPH_URL ?? 'https://graph.facebook.com',
  version: config.META_GRAPH_VERSION,
  appId: config.META_APP_ID,
  appSecret: config.META_APP_SECRET,
  timeoutMs: config.META_TIMEOUT_MS,
});
const tokenCipher = loadTokenCipher(config, log);
const publisher = startPublishing({ db, config, log, graph, tokenCipher });
log.info({ workerId: publisher.workerId }, 'publish worker started');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping the publish worker');
  await publisher.stop();
  await db.destroy();
  log.flush();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
