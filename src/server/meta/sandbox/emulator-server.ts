import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { GraphEmulator, type GraphEmulatorOptions } from './graph-emulator';

export interface RunningEmulator {
  /** Base URL to use as `META_GRAPH_URL` (the version goes after it). */
  url: string;
  emulator: GraphEmulator;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves a Graph emulator on its own port, for tests and benchmarks whose
 * worker processes must share one emulated Meta. Port 0 picks a free one.
 *
 * @example
 *   const graph = await startEmulatorServer({ quotaTotal: 10_000 });
 *   graph.emulator.faults.setLatency(50, 200);
 *   // child processes: META_MODE=live META_GRAPH_URL=graph.url
 */
export async function startEmulatorServer(
  options: GraphEmulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningEmulator> {
  const emulator = new GraphEmulator(options);
  const app = express();
  app.disable('x-powered-by');
  app.use(emulator.router);

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, () => resolve(listening));
    listening.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  const close = () =>
    new Promise<void>((resolve) => {
      emulator.close();
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return { url, emulator, server, close };
}
