import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEncryptionKeys, TokenCipher } from '../../src/server/crypto/token-cipher';
import { verifySignature } from '../../src/server/webhooks/sign-delivery';
import { signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { spawnServer, testEnv, type ServerProcess } from '../support/server';
import { reservePort, startWebhookReceiver } from '../fakes/webhooks/webhook-receiver';

const database = await createTestDatabase();
const keys = `k1:${randomBytes(32).toString('base64')}`;
const env = testEnv(database.url, {
  META_MODE: 'sandbox',
  TOKEN_ENCRYPTION_KEYS: keys,
  PUBLISH_TICK: '* * * * * *',
  WEBHOOK_TICK: '* * * * * *',
  WEBHOOK_RETRY_BASE_SECONDS: '1',
  WEBHOOK_RETRY_CAP_SECONDS: '1',
});

const running = new Set<ServerProcess>();
afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL');
});

async function start(): Promise<ServerProcess> {
  const server = await spawnServer(env);
  running.add(server);
  return server;
}

async function until<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('webhook outbox across a crash', () => {
  it('still delivers the events of a process that was SIGKILLed before it could deliver them', async () => {
    const receiverPort = await reservePort();
    const first = await start();
    const owner = await signUpUser(first.url);
    const { webhook, secret } = await owner.api.webhooks.create.mutate({
      workspaceId: owner.workspaceId,
      url: `http://127.0.0.1:${receiverPort}/hooks`,
      events: ['post.failed', 'connection.needs_reconnect'],
    });

    // A Page token the Graph emulator does not know: publishing fails and asks for a reconnect.
    const brand = await owner.api.brands.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'Virágbolt',
      timezone: 'Europe/Budapest',
      language: 'hu',
    });
    const cipher = new TokenCipher(parseEncryptionKeys(keys));
    await database.db
      .insertInto('meta_connections')
      .values({
        brand_id: brand.id,
        workspace_id: owner.workspaceId,
        page_id: '100000000001',
        page_name: 'Virágbolt',
        ig_user_id: null,
        ig_username: null,
        page_token: cipher.encrypt('EAAunknown', `meta_connections:${brand.id}`),
        status: 'active',
        status_reason: null,
        verified_at: new Date(),
      })
      .execute();
    const post = await owner.api.posts.create.mutate({
      brandId: brand.id,
      caption: 'Tulipánok érkeztek',
      targets: ['facebook'],
    });
    await owner.api.posts.publishNow.mutate({ postId: post.id });

    // The state changes commit with their deliveries; the receiver is down, so they wait.
    await until('both deliveries to have been tried', async () => {
      const rows = await database.db
        .selectFrom('webhook_deliveries')
        .select(['event', 'status', 'attempts'])
        .where('webhook_id', '=', webhook.id)
        .where('attempts', '>=', 1)
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    running.delete(first);

    const before = await database.db
      .selectFrom('webhook_deliveries')
      .select(['event', 'status'])
      .where('webhook_id', '=', webhook.id)
      .orderBy('event')
      .execute();
    expect(before).toEqual([
      { event: 'connection.needs_reconnect', status: 'pending' },
      { event: 'post.failed', status: 'pending' },
    ]);
    const postRow = await database.db
      .selectFrom('posts')
      .select('status')
      .where('id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(postRow.status).toBe('failed');

    const receiver = await startWebhookReceiver({ port: receiverPort });
    await start();
    // A delivery the killed process was sending stays claimed until its send
    // timeout plus a margin has passed (about 40 s), then becomes due again.
    const delivered = await receiver.waitFor(() => true, 2, 60_000);

    expect(delivered.map((d) => d.json.event).sort()).toEqual([
      'connection.needs_reconnect',
      'post.failed',
    ]);
    for (const delivery of delivered) {
      const signature = String(delivery.headers['postpilot-signature']);
      expect(verifySignature(secret, delivery.body, signature)).toBe(true);
    }
    const failed = delivered.find((d) => d.json.event === 'post.failed')!;
    expect(failed.json.data).toMatchObject({ post: { id: post.id, status: 'failed' } });

    const after = await until('the log to show both delivered', async () => {
      const rows = await database.db
        .selectFrom('webhook_deliveries')
        .select(['status'])
        .where('webhook_id', '=', webhook.id)
        .where('status', '=', 'delivered')
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    expect(after).toHaveLength(2);
  }, 150_000);
});
