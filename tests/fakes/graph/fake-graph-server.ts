import { GraphClient, type GraphClientOptions } from '../../../src/server/meta/graph-client';
import {
  startEmulatorServer,
  type RunningEmulator,
} from '../../../src/server/meta/sandbox/emulator-server';
import type { GraphEmulatorOptions } from '../../../src/server/meta/sandbox/graph-emulator';
import { cleanUp } from '../../support/clean-up';

export interface FakeGraphServer extends RunningEmulator {
  /** A client pointed at this server with the same app credentials. */
  client(options?: Partial<GraphClientOptions>): GraphClient;
  /** Environment for an app process that should talk to this server. */
  env: Record<string, string>;
}

export const fakeApp = { appId: 'fake-app-id', appSecret: 'fake-app-secret-0123456789' };

/**
 * Starts the Graph API emulator as its own HTTP server on a free port, closed
 * after the test file (pass `keepOpen` to close it yourself). Its `emulator`
 * holds the state to inspect, the seed helpers and `faults` to inject.
 *
 * @example
 *   const graph = await startFakeGraph();
 *   const { pageId, pageToken } = graph.emulator.createSandboxPage({ name: 'Bakery' });
 *   graph.emulator.inject({ call: 'feed.create', kind: 'timeout_after', times: 1 });
 */
export async function startFakeGraph(
  options: GraphEmulatorOptions & { keepOpen?: boolean } = {},
): Promise<FakeGraphServer> {
  const running = await startEmulatorServer({ ...fakeApp, ...options });
  if (!options.keepOpen) cleanUp(running.close);

  const client = (overrides: Partial<GraphClientOptions> = {}) =>
    new GraphClient({
      baseUrl: running.url,
      version: 'v21.0',
      ...fakeApp,
      dialogBaseUrl: running.url,
      timeoutMs: 5_000,
      ...overrides,
    });

  const env = {
    META_MODE: 'live',
    META_GRAPH_URL: running.url,
    META_LOGIN_URL: running.url,
    META_APP_ID: fakeApp.appId,
    META_APP_SECRET: fakeApp.appSecret,
  };

  return { ...running, client, env };
}
