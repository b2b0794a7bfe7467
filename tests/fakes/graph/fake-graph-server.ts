import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll } from 'vitest';
import {
  GraphEmulator,
  type GraphEmulatorOptions,
} from '../../../src/server/meta/sandbox/graph-emulator';
import { GraphClient, type GraphClientOptions } from '../../../src/server/meta/graph-client';

export interface FakeGraphServer {
  /** Base URL to use as `META_GRAPH_URL` (no version). */
  url: string;
  /** The emulator behind it: state to inspect, `faults` to inject, seed helpers. */
  emulator: GraphEmulator;
  /** A client pointed at this server with the same app credentials. */
  client(options?: Partial<GraphClientOptions>): GraphClient;
  close(): Promise<void>;
}

export const fakeApp = { appId: 'fake-app-id', appSecret: 'fake-app-secret-0123456789' };

/**
 * Starts the Graph API emulator as its own HTTP server on a free port; it is
 * closed after the test file. Pass `keepOpen` to close it yourself.
 *
 * @example
 *   const graph = await startFakeGraph();
 *   const { pageId, pageToken } = graph.emulator.createSandboxPage({ name: 'Bakery' });
 */
export async function startFakeGraph(
  options: GraphEmulatorOptions & { keepOpen?: boolean } = {},
): Promise<FakeGraphServer> {
  const emulator = new GraphEmulator({ ...fakeApp, ...options });
  const app = express();
  app.use(emulator.router);

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const close = () =>
    new Promise<void>((resolve) => {
      emulator.close();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  if (!options.keepOpen) afterAll(close);

  const client = (overrides: Partial<GraphClientOptions> = {}) =>
    new GraphClient({
      baseUrl: url,
      version: 'v21.0',
      ...fakeApp,
      dialogBaseUrl: url,
      timeoutMs: 5_000,
      ...overrides,
    });

  return { url, emulator, client, close };
}
