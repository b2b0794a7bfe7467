import express, { type RequestHandler } from 'express';
import type { Config } from '../config';
import { GraphClient } from './graph-client';
import { GraphEmulator } from './sandbox/graph-emulator';

/** Where the app mounts its own Graph emulator in sandbox mode. */
export const sandboxGraphPath = '/sandbox/graph';

/** App credentials the sandbox uses when no real Meta app is configured. */
const sandboxApp = { appId: 'sandbox-app', appSecret: 'sandbox-app-secret-not-real' };

export interface MetaServices {
  graph: GraphClient;
  /** The in-process emulator, in sandbox mode only. */
  sandbox?: GraphEmulator;
  /** Express routes to mount (the emulator in sandbox mode). */
  routes: RequestHandler[];
}

/**
 * True when the app talks to its own emulator: `META_MODE=sandbox`, or no
 * mode given and no Meta app configured.
 */
export function isSandboxMode(config: Pick<Config, 'META_MODE' | 'META_APP_ID'>): boolean {
  return config.META_MODE === 'sandbox' || (config.META_MODE === undefined && !config.META_APP_ID);
}

/**
 * Builds the Graph client for this process. In live mode it talks to
 * `META_GRAPH_URL`; in sandbox mode to the emulator mounted in this app, whose
 * address (`PUBLIC_URL`, or the server's own once it listens) is read lazily.
 *
 * @example
 *   const meta = createMetaServices(config, () => running.url);
 */
export function createMetaServices(config: Config, ownUrl: () => string): MetaServices {
  if (!isSandboxMode(config)) {
    const graph = new GraphClient({
      baseUrl: config.META_GRAPH_URL ?? 'https://graph.facebook.com',
      dialogBaseUrl: config.META_LOGIN_URL ?? 'https://www.facebook.com',
      version: config.META_GRAPH_VERSION,
      appId: config.META_APP_ID,
      appSecret: config.META_APP_SECRET,
      timeoutMs: config.META_TIMEOUT_MS,
    });
    return { graph, routes: [] };
  }

  const app = {
    appId: config.META_APP_ID ?? sandboxApp.appId,
    appSecret: config.META_APP_SECRET ?? sandboxApp.appSecret,
  };
  const sandbox = new GraphEmulator(app);
  sandbox.createSandboxPage({ name: 'Sandbox Demo Page', withInstagram: true });

  const base = () => `${(config.PUBLIC_URL ?? ownUrl()).replace(/\/+$/, '')}${sandboxGraphPath}`;
  const graph = new GraphClient({
    baseUrl: base,
    dialogBaseUrl: base,
    version: config.META_GRAPH_VERSION,
    timeoutMs: config.META_TIMEOUT_MS,
    ...app,
  });

  const router = express.Router();
  router.use(sandboxGraphPath, sandbox.router);
  return { graph, sandbox, routes: [router] };
}
