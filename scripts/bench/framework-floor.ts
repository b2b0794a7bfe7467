import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import superjson from 'superjson';

/**
 * The floor of the frameworks the product is built on: Express 5 and tRPC 11
 * with superjson, serving `posts.calendar` and `posts.list` answers that were
 * read once and are kept in memory. No database, session, access check,
 * logging or security headers: what is left is the cost of the frameworks
 * alone, which no change to our own code can go below.
 */
export async function startFrameworkFloor(answers: { calendar: unknown; list: unknown }) {
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

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
