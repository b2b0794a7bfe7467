import { describe, expect, it } from 'vitest';
import type { DraftStreamEvent } from '../../src/server/ai/generate-drafts';
import { createPostpilotClient } from '../../src/sdk/postpilot-client';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { createTokenClient } from '../support/developer-api';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);

const brandInput = (workspaceId: string) => ({
  workspaceId,
  name: 'Kávé Műhely',
  timezone: 'Europe/Budapest',
  language: 'hu',
});

function collect<T>(
  subscribe: (handlers: {
    onData: (value: T) => void;
    onError: (error: unknown) => void;
    onComplete: () => void;
  }) => { unsubscribe: () => void },
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const values: T[] = [];
    const subscription = subscribe({
      onData: (value) => values.push(value),
      onError: (error) => {
        subscription.unsubscribe();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      onComplete: () => resolve(values),
    });
  });
}

describe('API tokens', () => {
  it('shows the token once, stores only its hash, and lists its prefix', async () => {
    const owner = await signUpUser(server.url);
    const created = await owner.api.tokens.create.mutate({
      workspaceId: owner.workspaceId,
      name: 'CI',
      role: 'editor',
    });

    expect(created.token).toMatch(/^pp_[A-Za-z0-9_-]{43}$/);
    const row = await database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.apiToken.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await owner.api.tokens.list.query({ workspaceId: owner.workspaceId });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'CI', role: 'editor', lastUsedAt: null });
    expect(created.token.startsWith(list[0]!.prefix)).toBe(true);
    expect(JSON.stringify(list)).not.toContain(created.token);
  });

  it('authenticates a query and a mutation with the Bearer header and no cookie', async () => {
    const owner = await signUpUser(server.url);
    await owner.api.workspaces.create.mutate({ name: 'Second workspace' });
    const { client } = await createTokenClient(server.url, owner.api, owner.workspaceId);

    const workspaces = await client.workspaces.list.query();
    expect(workspaces.map((w) => w.id)).toEqual([owner.workspaceId]);

    const brand = await client.brands.create.mutate(brandInput(owner.workspaceId));
    const brands = await owner.api.brands.list.query({ workspaceId: owner.workspaceId });
    expect(brands.map((b) => b.id)).toContain(brand.id);

    const tokens = await owner.api.tokens.list.query({ workspaceId: owner.workspaceId });
    expect(tokens[0]!.lastUsedAt).toBeInstanceOf(Date);
  });

  it('streams a subscription (AI draft) to a token over server-sent events', async () => {
    const owner = await signUpUser(server.url);
    const { client } = await createTokenClient(server.url, owner.api, owner.workspaceId);
    const brand = await client.brands.create.mutate(brandInput(owner.workspaceId));

    const events = await collect<DraftStreamEvent>((handlers) =>
      client.ai.draftStream.subscribe(
        {
          brandId: brand.id,
          brief: 'Our new autumn coffee blend',
          platform: 'instagram',
          variants: 2,
        },
        handlers,
      ),
    );

    expect(events.some((event) => event.type === 'delta')).toBe(true);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
  });

  it('ends a subscription with UNAUTHORIZED when the token is revoked, instead of retrying', async () => {
    const owner = await signUpUser(server.url);
    const { client, tokenId } = await createTokenClient(server.url, owner.api, owner.workspaceId);
    const brand = await client.brands.create.mutate(brandInput(owner.workspaceId));
    await owner.api.tokens.revoke.mutate({ tokenId });

    const error = await collect<DraftStreamEvent>((handlers) =>
      client.ai.draftStream.subscribe(
        { brandId: brand.id, brief: 'Our new autumn coffee blend', platform: 'instagram' },
        handlers,
      ),
    ).then(
      () => null,
      (caught: unknown) => caught as { data?: { code?: string }; message: string },
    );

    expect(error?.data?.code).toBe('UNAUTHORIZED');
    expect(error?.message).toMatch(/revoked/);
  });

  it('refuses a revoked token at once, with UNAUTHORIZED', async () => {
    const owner = await signUpUser(server.url);
    const { client, tokenId } = await createTokenClient(server.url, owner.api, owner.workspaceId);
    await client.workspaces.list.query();

    const revoked = await owner.api.tokens.revoke.mutate({ tokenId });
    expect(revoked.revokedAt).toBeInstanceOf(Date);

    const error = await errorOf(client.workspaces.list.query());
    expect(error.data?.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/revoked/);
  });

  it('refuses an expired token with UNAUTHORIZED, and a made-up one too', async () => {
    const owner = await signUpUser(server.url);
    const { client, tokenId } = await createTokenClient(server.url, owner.api, owner.workspaceId, {
      expiresAt: new Date(Date.now() + 60_000),
    });
    await client.workspaces.list.query();

    await database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', tokenId)
      .execute();
    const expired = await errorOf(client.workspaces.list.query());
    expect(expired.data?.code).toBe('UNAUTHORIZED');
    expect(expired.message).toMatch(/expired/);

    const madeUp = createPostpilotClient({ url: server.url, token: `pp_${'a'.repeat(43)}` });
    expect((await errorOf(madeUp.workspaces.list.query())).data?.code).toBe('UNAUTHORIZED');

    const response = await fetch(`${server.url}/trpc/workspaces.list`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses an expiry in the past when creating a token', async () => {
    const owner = await signUpUser(server.url);
    const error = await errorOf(
      owner.api.tokens.create.mutate({
        workspaceId: owner.workspaceId,
        name: 'Old',
        role: 'viewer',
        expiresAt: new Date(Date.now() - 1000),
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors?.expiresAt).toBeDefined();
  });

  it('does not let a viewer token write', async () => {
    const owner = await signUpUser(server.url);
    const { client } = await createTokenClient(server.url, owner.api, owner.workspaceId, {
      role: 'viewer',
    });

    await client.brands.list.query({ workspaceId: owner.workspaceId });
    const error = await errorOf(client.brands.create.mutate(brandInput(owner.workspaceId)));
    expect(error.data?.code).toBe('FORBIDDEN');
  });

  it("refuses an owner token from an editor: a token never exceeds its creator's role", async () => {
    const owner = await signUpUser(server.url);
    const editor = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: editor.email,
      role: 'editor',
    });

    const error = await errorOf(
      editor.api.tokens.create.mutate({
        workspaceId: owner.workspaceId,
        name: 'Too strong',
        role: 'owner',
      }),
    );
    expect(error.data?.code).toBe('FORBIDDEN');
    expect(error.data?.fieldErrors?.role).toBeDefined();
  });

  it("follows its creator's demotion: an editor token of a member made viewer cannot write", async () => {
    const owner = await signUpUser(server.url);
    const editor = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: editor.email,
      role: 'editor',
    });
    const { client } = await createTokenClient(server.url, editor.api, owner.workspaceId, {
      role: 'editor',
    });
    await client.brands.create.mutate(brandInput(owner.workspaceId));

    await owner.api.workspaces.members.setRole.mutate({
      workspaceId: owner.workspaceId,
      userId: editor.user.id,
      role: 'viewer',
    });
    const error = await errorOf(client.brands.create.mutate(brandInput(owner.workspaceId)));
    expect(error.data?.code).toBe('FORBIDDEN');
  });

  it('cannot reach another workspace of its creator: NOT_FOUND', async () => {
    const owner = await signUpUser(server.url);
    const second = await owner.api.workspaces.create.mutate({ name: 'Agency client B' });
    const brandInB = await owner.api.brands.create.mutate(brandInput(second.id));
    const { client } = await createTokenClient(server.url, owner.api, owner.workspaceId, {
      role: 'owner',
    });

    const list = await errorOf(client.brands.list.query({ workspaceId: second.id }));
    expect(list.data?.code).toBe('NOT_FOUND');
    const get = await errorOf(client.brands.get.query({ brandId: brandInB.id }));
    expect(get.data?.code).toBe('NOT_FOUND');
  });

  it('cannot create, list or revoke tokens itself', async () => {
    const owner = await signUpUser(server.url);
    const { client, tokenId } = await createTokenClient(server.url, owner.api, owner.workspaceId, {
      role: 'owner',
    });

    const create = await errorOf(
      client.tokens.create.mutate({ workspaceId: owner.workspaceId, name: 'x', role: 'viewer' }),
    );
    expect(create.data?.code).toBe('FORBIDDEN');
    expect((await errorOf(client.tokens.revoke.mutate({ tokenId }))).data?.code).toBe('FORBIDDEN');
  });

  it('lets a member revoke only their own tokens, and an owner any', async () => {
    const owner = await signUpUser(server.url);
    const editor = await signUpUser(server.url);
    await owner.api.workspaces.members.invite.mutate({
      workspaceId: owner.workspaceId,
      email: editor.email,
      role: 'editor',
    });
    const ownersToken = await createTokenClient(server.url, owner.api, owner.workspaceId);
    const editorsToken = await createTokenClient(server.url, editor.api, owner.workspaceId);

    const error = await errorOf(editor.api.tokens.revoke.mutate({ tokenId: ownersToken.tokenId }));
    expect(error.data?.code).toBe('FORBIDDEN');
    await owner.api.tokens.revoke.mutate({ tokenId: editorsToken.tokenId });
    expect((await errorOf(editorsToken.client.workspaces.list.query())).data?.code).toBe(
      'UNAUTHORIZED',
    );
  });
});
