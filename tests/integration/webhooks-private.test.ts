import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendDelivery, type OutgoingDelivery } from '../../src/server/webhooks/send-delivery';
import { errorOf, signUpUser } from '../support/api-client';
import { cleanUp } from '../support/clean-up';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';
import { startWebhookReceiver } from '../fakes/webhooks/webhook-receiver';

// As production runs by default: deliveries go only to public addresses.
const database = await createTestDatabase();
const server = await startTestServer(database.url, { WEBHOOK_PRIVATE_ADDRESSES: 'block' });
const receiver = await startWebhookReceiver();

const delivery = (url: string): OutgoingDelivery => ({
  id: 'd1',
  event: 'post.published',
  payload: { post: { id: 'p1' } },
  createdAt: new Date(),
  url,
  secret: 'whsec_test',
});

describe('webhooks and private networks', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:8080/hooks'],
    ['IPv6 loopback', 'http://[::1]:8080/hooks'],
    ['a private network', 'https://10.1.2.3/hooks'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data'],
    ['localhost', 'http://localhost:3000/hooks'],
  ])('refuses an endpoint on %s when it is added, naming the field', async (_, url) => {
    const owner = await signUpUser(server.url);
    const error = await errorOf(
      owner.api.webhooks.create.mutate({
        workspaceId: owner.workspaceId,
        url,
        events: ['post.published'],
      }),
    );

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors?.url).toEqual(['must be a public address']);
    expect(error.message).toMatch(/public addresses/);
  });

  it('refuses, as it connects, a host name that resolves to a private address', async () => {
    const before = receiver.received.length;
    const url = `http://localhost:${receiver.port}/hooks`;

    const result = await sendDelivery(delivery(url), { timeoutMs: 2_000, blockPrivate: true });

    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ status: null });
    expect(!result.ok && result.error).toMatch(
      /is private, loopback or link-local.*WEBHOOK_PRIVATE_ADDRESSES=allow/,
    );
    expect(receiver.received.length).toBe(before);
  });

  it('delivers to the same receiver when private addresses are allowed', async () => {
    const result = await sendDelivery(delivery(`${receiver.url}`), {
      timeoutMs: 2_000,
      blockPrivate: false,
    });

    expect(result).toEqual({ ok: true, status: 200 });
    expect(receiver.received.at(-1)?.json.id).toBe('d1');
  });

  it('gives up on an endpoint that does not answer in time, saying so', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanUp(() => silent.closeAllConnections());
    const { port } = silent.address() as AddressInfo;

    const result = await sendDelivery(delivery(`http://127.0.0.1:${port}/hooks`), {
      timeoutMs: 300,
      blockPrivate: false,
    });

    expect(result).toEqual({
      ok: false,
      status: null,
      error: 'The endpoint did not answer within 300 ms.',
    });
  });
});
