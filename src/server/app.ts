import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { createSessionMiddleware } from './auth/session';
import type { NotifiedCache } from './db/change-feed';
import { authenticateSession, requireJsonForCookieWrites } from './http/authenticate';
import { handleHttpErrors } from './http/errors';
import { healthRoutes, type ReadinessProbe } from './http/health';
import { appRouter } from './routers';
import type { Services } from './services';
import { createContextFactory } from './trpc/context';
import type pg from 'pg';

export interface AppOptions {
  pool: pg.Pool;
  sessionSecret: string;
  /** Sessions read recently, kept fresh by the change feed. */
  sessionCache: NotifiedCache<string>;
  /** Built client to serve at `/`; skipped when missing (tests, dev with Vite). */
  clientDir?: string;
  probes?: Record<string, ReadinessProbe>;
  /** Extra Express routes mounted before tRPC (OAuth callbacks, the Graph sandbox). */
  routes?: RequestHandler[];
  /** Runs before the session check, e.g. API-token authentication. */
  authenticators?: RequestHandler[];
}

/** The HTTP application: health, tRPC at `/trpc`, and the client. */
export function createApp(services: Services, options: AppOptions): Express {
  const app = express();
  const { config, log } = services;

  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  const production = config.NODE_ENV === 'production';
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  );

  app.use(healthRoutes(services, options.probes ?? {}));

  const clientDir = options.clientDir;
  const serveClient = clientDir !== undefined && existsSync(path.join(clientDir, 'index.html'));
  if (serveClient) {
    // Assets never live under /trpc: API calls skip the file-system lookup.
    const assets = express.static(clientDir, { index: false, maxAge: '1h' });
    app.use((req, res, next) => (req.path.startsWith('/trpc/') ? next() : assets(req, res, next)));
  }

  const sessions = createSessionMiddleware(
    options.pool,
    options.sessionSecret,
    config,
    options.sessionCache,
  );
  for (const authenticate of options.authenticators ?? []) app.use(authenticate);
  app.use((req, res, next) => (req.caller ? next() : sessions(req, res, next)));
  app.use(authenticateSession());

  for (const route of options.routes ?? []) app.use(route);

  app.use(
    '/trpc',
    requireJsonForCookieWrites(),
    express.json({ limit: '1mb' }),
    createExpressMiddleware({
      router: appRouter,
      createContext: createContextFactory(services),
      onError: ({ error, path: procedure, ctx }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          (ctx?.log ?? log).error({ err: error.cause ?? error, procedure }, 'procedure failed');
        }
      },
    }),
  );

  if (serveClient) {
    app.get('/{*splat}', (_req, res) => {
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }

  app.use(handleHttpErrors());
  return app;
}
