import { describe, expect, it } from 'vitest';
import { signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { createTokenClient } from '../support/developer-api';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url, { API_TOKEN_RATE_PER_MINUTE: '5' });

describe('API token rate limit', () => {
  it('answers 429 with Retry-After once a token spends its minute, and spares other tokens', async () => {
    const owner = await signUpUser(server.url);
    const first = await createTokenClient(server.url, owner.api, owner.workspaceId);
    const second = await createTokenClient(server.url, owner.api, owner.workspaceId);
    const call = (token: string) =>
      fetch(`${server.url}/trpc/workspaces.list`, {
        headers: { authorization: `Bearer ${token}` },
      });

    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(first.token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await call(first.token);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as {
      error: { json: { message: string; data: { code: string; retryAfterSeconds: number } } };
    };
    expect(body.error.json.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.json.data.retryAfterSeconds).toBe(retryAfter);
    expect(body.error.json.message).toMatch(/Wait \d+ s/);

    expect((await call(second.token)).status).toBe(200);
    const typed = await second.client.workspaces.list.query();
    expect(typed).toHaveLength(1);
  });

  it('does not count signed-in browser requests against any token', async () => {
    const owner = await signUpUser(server.url);
    for (let i = 0; i < 8; i++) await owner.api.workspaces.list.query();
    expect(await owner.api.workspaces.list.query()).toHaveLength(1);
  });
});
