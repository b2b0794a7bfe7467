import { describe, expect, it } from 'vitest';
import { createFeedPost } from '../../src/server/meta/facebook-publish';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);
const live = await startTestServer(database.url, {
  META_MODE: 'live',
  META_GRAPH_URL: 'http://127.0.0.1:9',
});

async function connectBrand(workspaceId: string, pageId: string) {
  const brand = await database.db
    .insertInto('brands')
    .values({
      workspace_id: workspaceId,
      name: 'Sandbox Brand',
      slug: `sandbox-${pageId}`,
      timezone: 'Europe/Budapest',
      language: 'hu',
      default_targets: ['facebook'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await database.db
    .insertInto('meta_connections')
    .values({
      brand_id: brand.id,
      workspace_id: workspaceId,
      page_id: pageId,
      page_name: 'Sandbox Page',
      page_token: 'encrypted-elsewhere',
      status: 'active',
      verified_at: new Date(),
    })
    .execute();
}

describe('sandbox mode', () => {
  it('is on by default without a Meta app and says that nothing is real', async () => {
    const { api } = await signUpUser(server.url);

    const status = await api.sandbox.status.query();

    expect(status.enabled).toBe(true);
    expect(status.notice).toMatch(/Nothing is really published/);
    expect(server.services.metaSandbox).toBeDefined();
  });

  it('creates sandbox Pages whose tokens work against the in-app emulator', async () => {
    const { api } = await signUpUser(server.url);

    const created = await api.sandbox.pages.create.mutate({
      name: 'Kovács Pékség',
      withInstagram: true,
    });
    const listed = await api.sandbox.pages.list.query();
    const page = await server.services.graph.getPage(created.pageId, created.pageToken);

    expect(listed.map((p) => p.pageId)).toContain(created.pageId);
    expect(listed.find((p) => p.shared)?.name).toBe('Sandbox Demo Page');
    expect(page).toEqual({
      id: created.pageId,
      name: 'Kovács Pékség',
      instagram: { id: created.instagramId, username: created.instagramUsername },
    });
  });

  it("does not list another user's sandbox Pages", async () => {
    const first = await signUpUser(server.url);
    const second = await signUpUser(server.url);
    const created = await first.api.sandbox.pages.create.mutate({
      name: 'Private',
      withInstagram: false,
    });

    const seen = await second.api.sandbox.pages.list.query();

    expect(seen.map((p) => p.pageId)).not.toContain(created.pageId);
  });

  it("lists what was published on the workspace's connected Pages, labelled not real", async () => {
    const owner = await signUpUser(server.url);
    const outsider = await signUpUser(server.url);
    const mine = await owner.api.sandbox.pages.create.mutate({
      name: 'Mine',
      withInstagram: false,
    });
    const other = await outsider.api.sandbox.pages.create.mutate({
      name: 'Theirs',
      withInstagram: false,
    });
    await connectBrand(owner.workspaceId, mine.pageId);

    const graph = server.services.graph;
    await createFeedPost(graph, {
      pageId: mine.pageId,
      token: mine.pageToken,
      message: 'Friss kenyér 7-től',
    });
    await createFeedPost(graph, {
      pageId: other.pageId,
      token: other.pageToken,
      message: 'Not ours',
    });

    const published = await owner.api.sandbox.published.query({ workspaceId: owner.workspaceId });
    const mineOnly = await owner.api.sandbox.published.query({});
    const denied = await errorOf(
      outsider.api.sandbox.published.query({ workspaceId: owner.workspaceId }),
    );

    expect(published.notReal).toBe(true);
    expect(published.items).toEqual([
      expect.objectContaining({
        platform: 'facebook',
        accountName: 'Mine',
        text: 'Friss kenyér 7-től',
      }),
    ]);
    expect(mineOnly.items.map((item) => item.text)).toEqual(['Friss kenyér 7-től']);
    expect(denied.data?.code).toBe('NOT_FOUND');
  });

  it('runs the Facebook Login dialog on the in-app emulator', async () => {
    const graph = server.services.graph;
    const redirectUri = `${server.url}/oauth/facebook/callback`;

    const dialog = graph.buildLoginDialogUrl({ redirectUri, state: 'abc' });
    const answer = await fetch(dialog, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    const token = await graph.exchangeCode(back.searchParams.get('code')!, redirectUri);
    const pages = await graph.listPages(
      (await graph.exchangeForLongLivedToken(token.accessToken)).accessToken,
    );

    expect(dialog.startsWith(`${server.url}/sandbox/graph/`)).toBe(true);
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(pages.map((p) => p.name)).toContain('Sandbox Demo Page');
  });

  it('offers no way to inject faults over HTTP', async () => {
    const { api } = await signUpUser(server.url);
    const page = await api.sandbox.pages.create.mutate({ name: 'No faults', withInstagram: false });

    const answers = await Promise.all(
      ['faults', 'inject', 'latency'].map((path) =>
        fetch(`${server.url}/sandbox/graph/v21.0/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ call: '*', kind: 'transient', access_token: page.pageToken }),
        }).then(async (answer) => ({ status: answer.status, body: await answer.json() })),
      ),
    );
    const afterwards = await server.services.graph.getPage(page.pageId, page.pageToken);

    for (const answer of answers) {
      expect(answer).toMatchObject({
        status: 400,
        body: { error: { code: 100, error_subcode: 33 } },
      });
    }
    expect(afterwards.id).toBe(page.pageId);
  });

  it('is off in live mode, where the sandbox procedures say so', async () => {
    const { api } = await signUpUser(live.url);

    const status = await api.sandbox.status.query();
    const error = await errorOf(api.sandbox.pages.list.query());

    expect(status.enabled).toBe(false);
    expect(live.services.metaSandbox).toBeUndefined();
    expect(error.message).toMatch(/Sandbox mode is off/);
  });
});
