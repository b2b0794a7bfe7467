import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import superjson from 'superjson';
import type { ServerProcess } from '../../tests/support/server';

export interface FloorAnswers {
  calendar: unknown;
  list: unknown;
}

/**
 * The floor of the frameworks the product is built on: Express 5 and tRPC 11
 * with superjson, serving `posts.calendar` and `posts.list` answers that were
 * read once and are kept in memory. No database, session, access check,
 * logging or security headers: what is left is the cost of the frameworks
 * alone, which no change to our own code can go below.
 */
export async function startFrameworkFloor(answers: FloorAnswers) {
  const t = initTRPC.create({ transformer: superjson });
  const router = t.router({
    posts: t.router({
      calendar: t.procedure.query(() => answers.calendar),
      list: t.procedure.query(() => answers.list),
    }),
  });

  const app = express();
  app.use('/trpc', createExpressMiddleware({ router }));

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * Runs the floor as its own process, as the app runs, so both are measured
 * over the same loopback HTTP with the load generator elsewhere.
 */
export function spawnFrameworkFloor(answers: FloorAnswers): Promise<ServerProcess> {
  const file = path.join(os.tmpdir(), `postpilot-floor-${process.pid}.json`);
  writeFileSync(file, superjson.stringify(answers));

  const entry = path.join(import.meta.dirname, 'framework-floor-main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^listening (\S+)$/m.exec(output)?.[1];
      if (!url) return;
      rmSync(file, { force: true }); // read at start-up, not needed after
      resolve({ child, url, output: () => output, exited });
    });
    void exited.then((code) => reject(new Error(`the frameworks floor exited with ${code}`)));
  });
}
