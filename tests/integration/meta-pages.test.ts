import { describe, expect, it } from 'vitest';
import { GraphError } from '../../src/server/meta/graph-errors';
import { startFakeGraph } from '../fakes/graph/fake-graph-server';

const graph = await startFakeGraph();

function errorOf(promise: Promise<unknown>): Promise<GraphError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      if (!(error instanceof GraphError)) throw error;
      return error;
    },
  );
}

describe('getPage against the Graph emulator', () => {
  it('reads the Page and its Instagram business account with the Page token', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Corner Bakery', withInstagram: true });

    const page = await graph.client().getPage(seeded.pageId, seeded.pageToken);

    expect(page).toEqual({
      id: seeded.pageId,
      name: 'Corner Bakery',
      instagram: { id: seeded.instagramId, username: seeded.instagramUsername },
    });
  });

  it('reads a Page without Instagram as having none', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Plain Page' });

    const page = await graph.client().getPage(seeded.pageId, seeded.pageToken);

    expect(page).toEqual({ id: seeded.pageId, name: 'Plain Page' });
  });

  it('classifies an unknown token as a token error (190) without echoing the token', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Token Test' });
    const badToken = 'EAAPnot-a-real-token-value-123456';

    const error = await errorOf(graph.client().getPage(seeded.pageId, badToken));

    expect(error.kind).toBe('token');
    expect(error.graphCode).toBe(190);
    expect(error.httpStatus).toBe(400);
    expect(error.message).toContain("Reconnect the brand's Facebook Page");
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
      badToken,
    );
  });

  it('classifies a revoked token with its subcode', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Revoked' });
    graph.emulator.state.revokeToken(seeded.pageToken, 460);

    const error = await errorOf(graph.client().getPage(seeded.pageId, seeded.pageToken));

    expect(error).toMatchObject({ kind: 'token', graphCode: 190, subcode: 460 });
  });

  it('classifies an unknown Page as 100/33 bad request with a plain message', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Other' });

    const error = await errorOf(graph.client().getPage('999999999', seeded.pageToken));

    expect(error).toMatchObject({
      kind: 'bad_request',
      graphCode: 100,
      subcode: 33,
      httpStatus: 400,
    });
    expect(error.message).toMatch(/not found/);
    expect(error.fbtraceId).toBeTruthy();
  });

  it('refuses a wrong appsecret_proof and accepts the right one', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Proof' });

    const wrong = await errorOf(
      graph.client({ appSecret: 'another-secret' }).getPage(seeded.pageId, seeded.pageToken),
    );
    const right = await graph.client().getPage(seeded.pageId, seeded.pageToken);

    expect(wrong).toMatchObject({ kind: 'bad_request', graphCode: 100 });
    expect(right.id).toBe(seeded.pageId);
  });
});

describe('Facebook Login against the Graph emulator', () => {
  it('runs dialog → code → user token → long-lived token → Pages with tokens', async () => {
    const seeded = graph.emulator.createSandboxPage({ name: 'Login Page', withInstagram: true });
    const client = graph.client();
    const redirectUri = 'http://127.0.0.1:9/oauth/facebook/callback';

    const dialog = client.buildLoginDialogUrl({ redirectUri, state: 'state-123' });
    const answer = await fetch(dialog, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    const code = back.searchParams.get('code')!;

    const short = await client.exchangeCode(code, redirectUri);
    const long = await client.exchangeForLongLivedToken(short.accessToken);
    const pages = await client.listPages(long.accessToken);

    expect(dialog).toMatch(/\/v21\.0\/dialog\/oauth\?/);
    expect(new URL(dialog).searchParams.get('scope')).toBe(
      'pages_show_list,pages_read_engagement,pages_manage_posts,instagram_basic,instagram_content_publish',
    );
    expect(answer.status).toBe(302);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(long.expiresIn).toBeGreaterThan(5_000_000);
    expect(pages).toContainEqual({
      id: seeded.pageId,
      name: 'Login Page',
      accessToken: seeded.pageToken,
      instagram: { id: seeded.instagramId, username: seeded.instagramUsername },
    });
  });

  it('refuses a code used twice and a code with another redirect_uri', async () => {
    const client = graph.client();
    const redirectUri = 'http://127.0.0.1:9/callback';
    const answer = await fetch(client.buildLoginDialogUrl({ redirectUri, state: 's' }), {
      redirect: 'manual',
    });
    const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;

    const mismatch = await errorOf(client.exchangeCode(code, 'http://127.0.0.1:9/elsewhere'));
    await client.exchangeCode(code, redirectUri);
    const reused = await errorOf(client.exchangeCode(code, redirectUri));

    expect(mismatch).toMatchObject({ graphCode: 100, subcode: 36008 });
    expect(reused).toMatchObject({ graphCode: 100 });
    expect(reused.message).not.toContain(code);
  });

  it('redirects with access_denied when the user refuses', async () => {
    graph.emulator.denyLogin = true;
    const url = graph
      .client()
      .buildLoginDialogUrl({ redirectUri: 'http://127.0.0.1:9/cb', state: 'z' });

    const answer = await fetch(url, { redirect: 'manual' });
    graph.emulator.denyLogin = false;
    const back = new URL(answer.headers.get('location')!);

    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('z');
    expect(back.searchParams.get('code')).toBeNull();
  });
});
