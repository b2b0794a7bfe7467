import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { listenToChannel, type ChannelListener } from '../../src/server/db/listen';
import { createTestDatabase } from '../support/database';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const database = await createTestDatabase();
const log = pino({ level: 'silent' });
const CHANNEL = 'postpilot_listen_test';
const HEARTBEAT = { everyMs: 200, timeoutMs: 300 };

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.map((step) => step()));
  cleanup = [];
});

async function until(check: () => boolean, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

async function listenThroughProxy() {
  const proxy: TcpProxy = await startTcpProxy(database.url);
  const heard: string[] = [];
  let resets = 0;
  const listener: ChannelListener = listenToChannel(
    proxy.url,
    CHANNEL,
    { onNotify: (payload) => heard.push(payload), onReset: () => (resets += 1) },
    log,
    HEARTBEAT,
  );
  cleanup.push(async () => {
    await listener.close();
    await proxy.close();
  });

  await until(() => listener.listening, 5_000);
  return { proxy, listener, heard, resets: () => resets };
}

const notify = (payload: string) =>
  sql`select pg_notify(${CHANNEL}, ${payload})`.execute(database.db);

describe('the LISTEN connection', () => {
  it('stays in place across heartbeats while the server answers', async () => {
    const { listener, heard, resets } = await listenThroughProxy();

    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT.everyMs * 6));
    await notify('still here');

    await until(() => heard.includes('still here'), 2_000);
    expect(listener.listening).toBe(true);
    expect(resets()).toBe(1);
  });

  it('counts a connection that falls silent as lost within the heartbeat, and listens again', async () => {
    const { proxy, listener, heard, resets } = await listenThroughProxy();
    await notify('before');
    await until(() => heard.includes('before'), 2_000);

    proxy.silence();
    const tookMs = await until(() => !listener.listening, 3_000);

    expect(tookMs).toBeLessThanOrEqual(HEARTBEAT.everyMs + HEARTBEAT.timeoutMs + 250);
    expect(resets()).toBe(2);

    await until(() => listener.listening, 5_000);
    await notify('after');
    await until(() => heard.includes('after'), 2_000);
    expect(resets()).toBe(3);
  });
});
