import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessCache } from './access/access-cache';
import { createAiProviders } from './ai/ai-providers';
import type { BrandContext } from './ai/load-brand-context';
import { createApp } from './app';
import { facebookLoginRoutes } from './connections/facebook-login';
import { blocksPrivateWebhooks, runsWorker, type Config } from './config';
import { loadTokenCipher } from './crypto/load-token-cipher';
import { startChangeFeed } from './db/change-feed';
import { connectDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { authenticateToken } from './http/authenticate-token';
import type { ReadinessProbe } from './http/health';
import type { Logger } from './logger';
import { createMetaServices } from './meta/meta-services';
import type { PublishLoop } from './publishing/publish-loop';
import { startPublishing } from './publishing/start-publishing';
import { readOrCreateSecret } from './secrets';
import type { Services } from './services';
import { startDeliveryLoop, type DeliveryLoop } from './webhooks/delivery-loop';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  server: Server;
  services: Services;
  /** Stops taking requests and work, then closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The built client to serve; defaults to `dist/client` (tests build their own). */
  clientDir?: string;
}

/** Starts everything a process runs: database, migrations, HTTP, and its roles. */
export async function startPostpilot(
  config: Config,
  log: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const tokenCipher = loadTokenCipher(config, log);
  const ai = createAiProviders(config);
  const database = await connectDatabase(config, log);

  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');

  const sessionSecret = resolveSessionSecret(config, log);
  const changes = startChangeFeed(database.url, log);

  let ownUrl = `http://127.0.0.1:${config.PORT}`;
  const meta = createMetaServices(config, () => ownUrl);

  const services: Services = {
    db: database.db,
    accessCache: new AccessCache(changes),
    brandCache: changes.cache<BrandContext>('b', { max: 5_000, ttlMs: 10 * 60_000 }),
    config,
    log,
    kickPublisher: () => {},
    kickWebhooks: () => {},
    ai,
    graph: meta.graph,
    metaSandbox: meta.sandbox,
    tokenCipher,
  };

  let publisher: PublishLoop | undefined;
  const probes: Record<string, ReadinessProbe> = {};
  if (runsWorker(config)) {
    probes.publisher = async () => publisher?.status() ?? { ok: false, reason: 'starting' };
  }

  const app = createApp(services, {
    pool: database.pool,
    probes,
    sessionSecret,
    sessionCache: changes.cache<string>('s', { max: 50_000, ttlMs: 60_000 }),
    authenticators: authenticateToken({
      db: database.db,
      log,
      perMinute: config.API_TOKEN_RATE_PER_MINUTE,
    }),
    clientDir: options.clientDir ?? path.join(projectRoot, 'dist/client'),
    routes: [...meta.routes, facebookLoginRoutes(services)],
  });

  const server = await listen(app, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://127.0.0.1:${port}`;
  ownUrl = url;

  if (runsWorker(config)) {
    publisher = startPublishing(services);
    services.kickPublisher = publisher.kick;
  }

  let webhooks: DeliveryLoop | undefined;
  if (runsWorker(config)) {
    webhooks = startDeliveryLoop({
      db: database.db,
      log,
      cipher: tokenCipher,
      tick: config.WEBHOOK_TICK,
      batch: config.WEBHOOK_BATCH,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      blockPrivate: blocksPrivateWebhooks(config),
      retry: {
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        baseSeconds: config.WEBHOOK_RETRY_BASE_SECONDS,
        capSeconds: config.WEBHOOK_RETRY_CAP_SECONDS,
      },
    });
    services.kickWebhooks = webhooks.kick;
  }

  const stop = async () => {
    await publisher?.stop();
    meta.sandbox?.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await webhooks?.stop();
    await changes.close();
    await database.close();
  };

  return { url, server, services, stop };
}

function resolveSessionSecret(config: Config, log: Logger): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;

  const { value, created } = readOrCreateSecret(config.DATA_DIR, 'session-secret');
  log.warn(
    { created },
    `SESSION_SECRET is unset: using a development secret from ${path.join(config.DATA_DIR, 'secrets')}. Set it in production.`,
  );
  return value;
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.PORT, config.HOST);

    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.message})`;
      reject(new Error(`PORT: ${config.PORT} ${reason}. Choose another port with PORT=…`));
    });
  });
}
