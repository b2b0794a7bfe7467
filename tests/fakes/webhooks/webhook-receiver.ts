import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanUp } from '../../support/clean-up';

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; createdAt: string; data: Record<string, unknown> };
  answeredWith: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedDelivery[];
  /**
   * Answers the next `count` deliveries that match `filter` with `status`
   * (then 200 again). Other deliveries still in flight are not affected.
   */
  failNext(count: number, status?: number, filter?: (delivery: ReceivedDelivery) => boolean): void;
  /** Resolves once `count` deliveries answered 2xx match `filter`. */
  waitFor(
    filter: (delivery: ReceivedDelivery) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/**
 * A local endpoint that records every webhook delivery it gets, answering
 * 200 unless told to fail. Pass `port` to listen on a port chosen earlier
 * (to bring a receiver "back up" where deliveries were failing).
 */
export async function startWebhookReceiver(
  options: { port?: number } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const failures: { status: number; filter: (delivery: ReceivedDelivery) => boolean }[] = [];
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const delivery = { headers: req.headers, body, json: JSON.parse(body), answeredWith: 200 };
      const failure = failures.findIndex((f) => f.filter(delivery));
      if (failure >= 0) delivery.answeredWith = failures.splice(failure, 1)[0]!.status;
      const status = delivery.answeredWith;
      received.push(delivery);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
      for (const wake of waiters) wake();
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanUp(close);

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    failNext: (count, status = 500, filter = () => true) => {
      for (let i = 0; i < count; i++) failures.push({ status, filter });
    },
    close,
    waitFor: (filter, count = 1, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const matches = received.filter((d) => d.answeredWith < 300 && filter(d));
          if (matches.length < count) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(matches);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `expected ${count} deliveries, got: ${JSON.stringify(received.map((d) => d.json.event))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(wake);
        check();
      }),
  };
}

/** A port that nothing listens on (yet). */

/** A port to bring a receiver up on later (free a moment ago). */
export { freePort as reservePort } from '../../support/local-resources';
