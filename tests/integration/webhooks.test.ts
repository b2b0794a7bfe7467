import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '../../src/common/developer-api';
import { enqueueWebhookEvent } from '../../src/server/webhooks/enqueue-webhook-event';
import { verifySignature } from '../../src/server/webhooks/sign-delivery';
import { errorOf, signUpUser, type ApiClient } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';
import {
  reservePort,
  startWebhookReceiver,
  type ReceivedDelivery,
} from '../fakes/webhooks/webhook-receiver';

const database = await createTestDatabase();
const server = await startTestServer(database.url, {
  META_MODE: 'sandbox',
  PUBLISH_TICK: '* * * * * *',
  WEBHOOK_TICK: '* * * * * *',
  WEBHOOK_RETRY_BASE_SECONDS: '1',
  WEBHOOK_RETRY_CAP_SECONDS: '2',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_TIMEOUT_MS: '2000',
});
const receiver = await startWebhookReceiver();

async function ownerWithWebhook(events: WebhookEvent[], url = receiver.url) {
  const owner = await signUpUser(server.url);
  const { webhook, secret } = await owner.api.webhooks.create.mutate({
    workspaceId: owner.workspaceId,
    url,
    events,
  });
  return { ...owner, webhook, secret };
}

/** A brand whose Facebook Page lives in the in-app Graph emulator (or has a token it refuses). */
async function connectedBrand(api: ApiClient, workspaceId: string, tokenWorks = true) {
  const brand = await api.brands.create.mutate({
    workspaceId,
    name: 'Pékség',
    timezone: 'Europe/Budapest',
    language: 'hu',
  });
  const page = server.services.metaSandbox!.createSandboxPage({ name: 'Pékség' });
  const token = tokenWorks ? page.pageToken : 'EAAnot-a-token-the-emulator-knows';

  await database.db
    .insertInto('meta_connections')
    .values({
      brand_id: brand.id,
      workspace_id: workspaceId,
      page_id: page.pageId,
      page_name: 'Pékség',
      ig_user_id: null,
      ig_username: null,
      page_token: server.services.tokenCipher.encrypt(token, `meta_connections:${brand.id}`),
      status: 'active',
      status_reason: null,
      verified_at: new Date(),
    })
    .execute();
  return brand;
}

async function publishNow(api: ApiClient, brandId: string, caption: string) {
  const post = await api.posts.create.mutate({ brandId, caption, targets: ['facebook'] });
  await api.posts.publishNow.mutate({ postId: post.id });
  return post;
}

async function enqueue(workspaceId: string, event: WebhookEvent, payload: Record<string, unknown>) {
  return database.db
    .transaction()
    .execute((trx) => enqueueWebhookEvent(trx, { workspaceId, event, payload }));
}

const ofPost = (postId: string) => (d: ReceivedDelivery) =>
  (d.json.data.post as { id?: string } | undefined)?.id === postId;

describe('webhooks', () => {
  it('shows the signing secret once and keeps it encrypted', async () => {
    const { api, workspaceId, webhook, secret } = await ownerWithWebhook(['post.published']);

    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db
      .selectFrom('webhooks')
      .select('secret')
      .where('id', '=', webhook.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(secret);

    const list = await api.webhooks.list.query({ workspaceId });
    expect(list).toEqual([
      {
        id: webhook.id,
        url: receiver.url,
        events: ['post.published'],
        createdAt: expect.any(Date),
      },
    ]);
  });

  it('lets only owners manage webhooks, and hides them from other workspaces', async () => {
    const owner = await ownerWithWebhook(['post.failed']);
    const editor = await signUpUser(server.url);
    const stranger = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: editor.email,
      role: 'editor',
    });

    const create = await errorOf(
      editor.api.webhooks.create.mutate({
        workspaceId: owner.workspaceId,
        url: receiver.url,
        events: ['post.failed'],
      }),
    );
    expect(create.data?.code).toBe('FORBIDDEN');
    const peek = await errorOf(
      stranger.api.webhooks.deliveries.query({ webhookId: owner.webhook.id }),
    );
    expect(peek.data?.code).toBe('NOT_FOUND');
    const remove = await errorOf(
      stranger.api.webhooks.delete.mutate({ webhookId: owner.webhook.id }),
    );
    expect(remove.data?.code).toBe('NOT_FOUND');

    const badEvent = await errorOf(
      owner.api.webhooks.create.mutate({
        workspaceId: owner.workspaceId,
        url: receiver.url,
        events: ['post.deleted' as WebhookEvent],
      }),
    );
    expect(badEvent.data?.code).toBe('BAD_REQUEST');

    await owner.api.webhooks.delete.mutate({ webhookId: owner.webhook.id });
    expect(await owner.api.webhooks.list.query({ workspaceId: owner.workspaceId })).toEqual([]);
  });

  it('delivers post.published to the receiver, signed with the secret over the exact body', async () => {
    const owner = await ownerWithWebhook(['post.published']);
    const brand = await connectedBrand(owner.api, owner.workspaceId);

    const post = await publishNow(owner.api, brand.id, 'Friss kifli reggel hétkor');
    const [delivery] = await receiver.waitFor(ofPost(post.id));

    expect(delivery!.headers['postpilot-event']).toBe('post.published');
    expect(delivery!.headers['postpilot-delivery']).toBe(delivery!.json.id);
    expect(delivery!.headers['content-type']).toBe('application/json');
    const signature = String(delivery!.headers['postpilot-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(owner.secret, delivery!.body, signature)).toBe(true);
    expect(verifySignature('whsec_wrong', delivery!.body, signature)).toBe(false);
    expect(
      verifySignature(owner.secret, delivery!.body.replace('published', 'failed'), signature),
    ).toBe(false);

    expect(delivery!.json).toMatchObject({
      event: 'post.published',
      data: {
        post: {
          id: post.id,
          brandId: brand.id,
          status: 'published',
          targets: [{ platform: 'facebook', status: 'published', remoteId: expect.any(String) }],
        },
      },
    });

    // The receiver answers before the worker records the answer: wait for the record.
    const log = await waitForDelivery(owner.api, owner.webhook.id, (d) => d.status !== 'pending');
    expect(log).toMatchObject({
      id: delivery!.json.id,
      event: 'post.published',
      status: 'delivered',
      attempts: 1,
      lastStatus: 200,
    });
  });

  it('announces connection.needs_reconnect and post.failed when Graph refuses the Page token', async () => {
    const owner = await ownerWithWebhook(['post.failed', 'connection.needs_reconnect']);
    const brand = await connectedBrand(owner.api, owner.workspaceId, false);

    const post = await publishNow(owner.api, brand.id, 'Ez nem fog megjelenni');
    await receiver.waitFor(ofPost(post.id));
    const [reconnect] = await receiver.waitFor(
      (d) => (d.json.data.connection as { brandId?: string } | undefined)?.brandId === brand.id,
    );

    expect(reconnect!.json).toMatchObject({
      event: 'connection.needs_reconnect',
      data: { connection: { brandId: brand.id, status: 'needs_reconnect' } },
    });
    const failed = receiver.received.find(ofPost(post.id))!;
    expect(failed.json.event).toBe('post.failed');
  });

  it('does not queue events a webhook did not subscribe to, nor for other workspaces', async () => {
    const owner = await ownerWithWebhook(['post.failed']);
    const other = await ownerWithWebhook(['post.published']);

    expect(await enqueue(owner.workspaceId, 'post.published', { post: { id: 'x' } })).toBe(0);
    expect(await enqueue(owner.workspaceId, 'post.failed', { post: { id: 'x' } })).toBe(1);
    const rows = await database.db
      .selectFrom('webhook_deliveries')
      .select('webhook_id')
      .where('workspace_id', 'in', [owner.workspaceId, other.workspaceId])
      .execute();
    expect(rows).toEqual([{ webhook_id: owner.webhook.id }]);
  });

  it('writes nothing when the state change rolls back (outbox in the same transaction)', async () => {
    const owner = await ownerWithWebhook(['post.failed']);

    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueWebhookEvent(trx, {
          workspaceId: owner.workspaceId,
          event: 'post.failed',
          payload: { post: { id: 'rolled-back' } },
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    const count = await database.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', owner.workspaceId)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('retries after a 500 from the receiver and records both answers', async () => {
    const owner = await ownerWithWebhook(['post.failed']);
    receiver.failNext(1, 500, ofPost('retry-me'));

    await enqueue(owner.workspaceId, 'post.failed', { post: { id: 'retry-me' } });
    const [delivered] = await receiver.waitFor(ofPost('retry-me'));

    const attempts = receiver.received.filter(ofPost('retry-me'));
    expect(attempts.map((d) => d.answeredWith)).toEqual([500, 200]);
    expect(attempts[0]!.json.id).toBe(delivered!.json.id);
    expect(attempts[0]!.body).toBe(delivered!.body);

    // The receiver answers before the worker records the answer: wait for the record.
    const log = await waitForDelivery(owner.api, owner.webhook.id, (d) => d.lastStatus === 200);
    expect(log).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
    });
  });

  it('gives up after the last attempt, and "send again" delivers it later', async () => {
    const owner = await ownerWithWebhook(['post.failed']);
    receiver.failNext(3, 503, ofPost('give-up'));

    await enqueue(owner.workspaceId, 'post.failed', { post: { id: 'give-up' } });
    let log = await waitForDelivery(owner.api, owner.webhook.id, (d) => d.status === 'failed');
    expect(log).toMatchObject({ attempts: 3, lastStatus: 503 });
    expect(log.lastError).toMatch(/HTTP 503/);

    await owner.api.webhooks.redeliver.mutate({ deliveryId: log.id });
    const [delivered] = await receiver.waitFor(ofPost('give-up'));
    expect(delivered!.json.id).toBe(log.id);
    log = await waitForDelivery(owner.api, owner.webhook.id, (d) => d.status === 'delivered');
    expect(log).toMatchObject({ attempts: 1, lastStatus: 200 });
  });

  it('records an unreachable endpoint as a network error and keeps retrying', async () => {
    const closedPort = await reservePort();
    const owner = await ownerWithWebhook(['post.failed'], `http://127.0.0.1:${closedPort}/hooks`);

    await enqueue(owner.workspaceId, 'post.failed', { post: { id: 'nowhere' } });
    const log = await waitForDelivery(
      owner.api,
      owner.webhook.id,
      (d) => d.attempts >= 1 && d.lastError !== null,
    );
    expect(log).toMatchObject({ lastStatus: null });
    expect(log.lastError).toMatch(/refused/);
  });
});

async function waitForDelivery(
  api: ApiClient,
  webhookId: string,
  done: (
    delivery: Awaited<ReturnType<ApiClient['webhooks']['deliveries']['query']>>[number],
  ) => boolean,
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [latest] = await api.webhooks.deliveries.query({ webhookId });
    if (latest && done(latest)) return latest;
    if (Date.now() > deadline)
      throw new Error(`delivery never got there: ${JSON.stringify(latest)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
