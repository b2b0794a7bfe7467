import { describe, expect, it } from 'vitest';
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

const bakery = graph.emulator.createSandboxPage({
  name: 'Morzsa Pékség',
  withInstagram: true,
  instagramUsername: 'morzsapekseg',
});
const cafe = graph.emulator.createSandboxPage({ name: 'Harbour & Pine' });

type User = Awaited<ReturnType<typeof signUpUser>>;

async function editorWithBrand() {
  const user = await signUpUser(server.url, 'Login User');
  const brand = await user.api.brands.create.mutate({
    workspaceId: user.workspaceId,
    name: 'Morzsa',
    timezone: 'Europe/Budapest',
    language: 'hu',
  });
  return { user, brandId: brand.id };
}

/**
 * Plays the browser: opens the dialog URL (Facebook's path, served by the
 * fake), then follows its redirect to the app's callback with the session cookie.
 */
async function logInWithFacebook(user: User, brandId: string) {
  const { url } = await user.api.connections.facebookLoginUrl.mutate({ brandId });
  const dialog = new URL(url);
  const atFake = new URL(dialog.pathname + dialog.search, graph.url);

  const fromDialog = await fetch(atFake, { redirect: 'manual' });
  expect(fromDialog.status).toBe(302);
  const callback = fromDialog.headers.get('location')!;

  const back = await fetch(callback, {
    redirect: 'manual',
    headers: { cookie: user.jar.cookie! },
  });
  return { dialog, callback, back };
}

describe('connecting with Facebook Login', () => {
  it('runs the whole flow: dialog, callback, Page list without tokens, pick', async () => {
    const { user, brandId } = await editorWithBrand();

    const { dialog, callback, back } = await logInWithFacebook(user, brandId);

    expect(dialog.origin).toBe('https://www.facebook.com');
    expect(dialog.searchParams.get('client_id')).toBe(fakeApp.appId);
    expect(dialog.searchParams.get('redirect_uri')).toBe(`${server.url}/auth/facebook/callback`);
    expect(callback).toContain('code=');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/brands/${brandId}/connection?pick=1`);

    const choices = await user.api.connections.facebookPages.query({ brandId });
    expect(choices.error).toBeNull();
    expect(choices.pages).toEqual(
      expect.arrayContaining([
        {
          id: bakery.pageId,
          name: 'Morzsa Pékség',
          instagram: { id: bakery.instagramId, username: 'morzsapekseg' },
        },
        { id: cafe.pageId, name: 'Harbour & Pine', instagram: null },
      ]),
    );
    expect(JSON.stringify(choices)).not.toContain(bakery.pageToken);

    const sessions = await database.db.selectFrom('sessions').select('sess').execute();
    const stored = JSON.stringify(sessions);
    expect(stored).toContain('sealedToken');
    expect(stored).not.toContain(bakery.pageToken);
    expect(stored).not.toContain(cafe.pageToken);

    const connection = await user.api.connections.pickFacebookPage.mutate({
      brandId,
      pageId: bakery.pageId,
    });
    expect(connection).toMatchObject({
      pageId: bakery.pageId,
      status: 'active',
      instagram: { id: bakery.instagramId, username: 'morzsapekseg' },
    });
    const row = await database.db
      .selectFrom('meta_connections')
      .select('page_token')
      .where('brand_id', '=', brandId)
      .executeTakeFirstOrThrow();
    expect(row.page_token).not.toContain(bakery.pageToken);

    const again = await errorOf(user.api.connections.facebookPages.query({ brandId }));
    expect(again.data?.code).toBe('PRECONDITION_FAILED');
  });

  it('accepts a callback only once', async () => {
    const { user, brandId } = await editorWithBrand();
    const { callback } = await logInWithFacebook(user, brandId);

    const replay = await fetch(callback, {
      redirect: 'manual',
      headers: { cookie: user.jar.cookie! },
    });

    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/not valid/);
  });

  it('refuses a callback carried to another session', async () => {
    const { user, brandId } = await editorWithBrand();
    const intruder = await signUpUser(server.url, 'Intruder');
    const { url } = await user.api.connections.facebookLoginUrl.mutate({ brandId });
    const dialog = new URL(url);
    const fromDialog = await fetch(new URL(dialog.pathname + dialog.search, graph.url), {
      redirect: 'manual',
    });

    const stolen = await fetch(fromDialog.headers.get('location')!, {
      redirect: 'manual',
      headers: { cookie: intruder.jar.cookie! },
    });

    expect(stolen.status).toBe(400);
    expect(
      (await errorOf(intruder.api.connections.facebookPages.query({ brandId }))).data?.code,
    ).toBe('NOT_FOUND');
  });

  it('reports a declined Login in plain words and offers no Pages', async () => {
    const { user, brandId } = await editorWithBrand();
    graph.emulator.denyLogin = true;

    try {
      const { back } = await logInWithFacebook(user, brandId);
      expect(back.headers.get('location')).toBe(
        `/brands/${brandId}/connection?pick=1&error=facebook`,
      );
    } finally {
      graph.emulator.denyLogin = false;
    }

    const choices = await user.api.connections.facebookPages.query({ brandId });
    expect(choices.pages).toEqual([]);
    expect(choices.error).toMatch(/cancelled or permissions were declined/);
  });

  it('refuses to pick a Page that Facebook did not list', async () => {
    const { user, brandId } = await editorWithBrand();
    await logInWithFacebook(user, brandId);

    const error = await errorOf(
      user.api.connections.pickFacebookPage.mutate({ brandId, pageId: '123456789' }),
    );

    expect(error.data?.code).toBe('NOT_FOUND');
    expect(
      await database.db
        .selectFrom('meta_connections')
        .select('brand_id')
        .where('brand_id', '=', brandId)
        .execute(),
    ).toEqual([]);
  });

  it('does not let the Page choice of one brand be used for another', async () => {
    const { user, brandId } = await editorWithBrand();
    const other = await user.api.brands.create.mutate({
      workspaceId: user.workspaceId,
      name: 'Other',
      timezone: 'UTC',
      language: 'en',
    });
    await logInWithFacebook(user, brandId);

    const error = await errorOf(
      user.api.connections.pickFacebookPage.mutate({ brandId: other.id, pageId: bakery.pageId }),
    );

    expect(error.data?.code).toBe('PRECONDITION_FAILED');
  });
});

describe('without a Meta app configured', () => {
  it('offers no Facebook Login and says how to set it up', async () => {
    const plain = await startTestServer(database.url, {
      ROLE: 'web',
      META_MODE: 'live',
      META_GRAPH_URL: graph.url,
    });
    const user = await signUpUser(plain.url);
    const brand = await user.api.brands.create.mutate({
      workspaceId: user.workspaceId,
      name: 'No App',
      timezone: 'UTC',
      language: 'en',
    });

    const shown = await user.api.connections.get.query({ brandId: brand.id });
    const error = await errorOf(
      user.api.connections.facebookLoginUrl.mutate({ brandId: brand.id }),
    );

    expect(shown).toEqual({ connection: null, facebookLoginAvailable: false });
    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/META_APP_ID and META_APP_SECRET/);
  });
});

describe('in sandbox mode', () => {
  it('runs Facebook Login against the built-in emulator, with no Meta app', async () => {
    const sandbox = await startTestServer(database.url, { ROLE: 'web', META_MODE: 'sandbox' });
    const user = await signUpUser(sandbox.url);
    const brand = await user.api.brands.create.mutate({
      workspaceId: user.workspaceId,
      name: 'Demo',
      timezone: 'UTC',
      language: 'en',
    });

    const { url } = await user.api.connections.facebookLoginUrl.mutate({ brandId: brand.id });
    const fromDialog = await fetch(url, { redirect: 'manual' });
    const back = await fetch(fromDialog.headers.get('location')!, {
      redirect: 'manual',
      headers: { cookie: user.jar.cookie! },
    });
    const choices = await user.api.connections.facebookPages.query({ brandId: brand.id });
    const connection = await user.api.connections.pickFacebookPage.mutate({
      brandId: brand.id,
      pageId: choices.pages[0]!.id,
    });

    expect(new URL(url).origin).toBe(sandbox.url);
    expect(back.headers.get('location')).toBe(`/brands/${brand.id}/connection?pick=1`);
    expect(connection).toMatchObject({ pageName: 'Sandbox Demo Page', status: 'active' });
  });
});
