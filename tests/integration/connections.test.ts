import { describe, expect, it } from 'vitest';
import {
  markNeedsReconnect,
  pageTokenContext,
} from '../../src/server/connections/meta-connections';
import { fakeApp, startFakeGraph } from '../fakes/graph/fake-graph-server';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const graph = await startFakeGraph();
const server = await startTestServer(database.url, {
  ROLE: 'web',
  META_MODE: 'live',
  META_GRAPH_URL: graph.url,
  META_APP_ID: fakeApp.appId,
  META_APP_SECRET: fakeApp.appSecret,
});

async function brandWithEditor() {
  const owner = await signUpUser(server.url, 'Connector');
  const brand = await owner.api.brands.create.mutate({
    workspaceId: owner.workspaceId,
    name: 'Morzsa Pékség',
    timezone: 'Europe/Budapest',
    language: 'hu',
  });
  return { ...owner, brandId: brand.id };
}

async function rawConnection(brandId: string) {
  return database.db
    .selectFrom('meta_connections')
    .selectAll()
    .where('brand_id', '=', brandId)
    .executeTakeFirst();
}

describe('connecting a brand to a Facebook Page with a Page token', () => {
  it('verifies the token with Facebook, stores it encrypted, and never returns it', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({
      name: 'Morzsa Pékség',
      withInstagram: true,
      instagramUsername: 'morzsapekseg',
    });

    const connected = await api.connections.connectMeta.mutate({
      brandId,
      pageId: page.pageId,
      pageAccessToken: page.pageToken,
    });
    const shown = await api.connections.get.query({ brandId });

    expect(connected).toMatchObject({
      pageId: page.pageId,
      pageName: 'Morzsa Pékség',
      instagram: { id: page.instagramId, username: 'morzsapekseg' },
      status: 'active',
      statusReason: null,
    });
    expect(shown.connection).toEqual(connected);
    expect(shown.facebookLoginAvailable).toBe(true);
    expect(JSON.stringify([connected, shown])).not.toContain(page.pageToken);

    const row = (await rawConnection(brandId))!;
    for (const value of Object.values(row)) expect(String(value)).not.toContain(page.pageToken);
    expect(row.page_token).toMatch(/^v1\./);
    expect(server.services.tokenCipher.decrypt(row.page_token, pageTokenContext(brandId))).toBe(
      page.pageToken,
    );
  });

  it('answers an invalid token (code 190) in plain words and stores nothing', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Page' });
    const badToken = 'EAAPnot-a-real-token-0123456789abcdef';

    const error = await errorOf(
      api.connections.connectMeta.mutate({
        brandId,
        pageId: page.pageId,
        pageAccessToken: badToken,
      }),
    );

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/did not accept this Page access token/);
    expect(error.data?.fieldErrors?.pageAccessToken).toBeDefined();
    expect(JSON.stringify(error.shape)).not.toContain(badToken);
    expect(await rawConnection(brandId)).toBeUndefined();
  });

  it('answers a revoked token the same way', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Page' });
    graph.emulator.inject({ call: 'page.get', kind: 'token_invalid', times: 1 });

    const error = await errorOf(
      api.connections.connectMeta.mutate({
        brandId,
        pageId: page.pageId,
        pageAccessToken: page.pageToken,
      }),
    );

    expect(error.message).toMatch(/invalid, expired or was revoked/);
    expect(JSON.stringify(error.shape)).not.toContain(page.pageToken);
  });

  it('answers an unknown Page (code 100) in plain words, with a field error on the Page id', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Page' });

    const error = await errorOf(
      api.connections.connectMeta.mutate({
        brandId,
        pageId: '999999999999',
        pageAccessToken: page.pageToken,
      }),
    );

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/no Page with this id/);
    expect(error.data?.fieldErrors?.pageId).toBeDefined();
    expect(await rawConnection(brandId)).toBeUndefined();
  });

  it("refuses another Page's token", async () => {
    const { api, brandId } = await brandWithEditor();
    const mine = graph.emulator.createSandboxPage({ name: 'Mine' });
    const other = graph.emulator.createSandboxPage({ name: 'Other' });

    const error = await errorOf(
      api.connections.connectMeta.mutate({
        brandId,
        pageId: mine.pageId,
        pageAccessToken: other.pageToken,
      }),
    );

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(await rawConnection(brandId)).toBeUndefined();
  });

  it("refuses a user token that can read the Page but is not the Page's own token", async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Managed' });
    const userToken = graph.emulator.state.issueUserToken(graph.emulator.state.sandboxUserId, true);

    const error = await errorOf(
      api.connections.connectMeta.mutate({
        brandId,
        pageId: page.pageId,
        pageAccessToken: userToken,
      }),
    );

    expect(error.message).toMatch(/not the Page access token of "Managed"/);
    expect(error.data?.fieldErrors?.pageAccessToken).toBeDefined();
    expect(await rawConnection(brandId)).toBeUndefined();
  });

  it('shows needs_reconnect with its reason, and a reconnect makes it active again', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Page' });
    const input = { brandId, pageId: page.pageId, pageAccessToken: page.pageToken };
    await api.connections.connectMeta.mutate(input);

    const marked = await markNeedsReconnect(
      database.db,
      brandId,
      "The Page token was revoked. Reconnect the brand's Facebook Page.",
    );
    const flagged = await api.connections.get.query({ brandId });
    const brand = await api.brands.get.query({ brandId });
    const reconnected = await api.connections.connectMeta.mutate(input);

    expect(marked).toBe(true);
    expect(flagged.connection).toMatchObject({
      status: 'needs_reconnect',
      statusReason: "The Page token was revoked. Reconnect the brand's Facebook Page.",
    });
    expect(brand.connectionStatus).toBe('needs_reconnect');
    expect(reconnected).toMatchObject({ status: 'active', statusReason: null });
  });

  it('keeps the existing connection when a reconnect is refused', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Page' });
    await api.connections.connectMeta.mutate({
      brandId,
      pageId: page.pageId,
      pageAccessToken: page.pageToken,
    });
    const before = await rawConnection(brandId);

    await errorOf(
      api.connections.connectMeta.mutate({
        brandId,
        pageId: page.pageId,
        pageAccessToken: 'EAAPexpired-token-0123456789abcdef',
      }),
    );

    expect(await rawConnection(brandId)).toEqual(before);
  });

  it('disconnects, forgetting the token', async () => {
    const { api, brandId } = await brandWithEditor();
    const page = graph.emulator.createSandboxPage({ name: 'Page' });
    await api.connections.connectMeta.mutate({
      brandId,
      pageId: page.pageId,
      pageAccessToken: page.pageToken,
    });

    const result = await api.connections.disconnect.mutate({ brandId });

    expect(result).toEqual({ disconnected: true });
    expect((await api.connections.get.query({ brandId })).connection).toBeNull();
    expect(await rawConnection(brandId)).toBeUndefined();
  });
});
