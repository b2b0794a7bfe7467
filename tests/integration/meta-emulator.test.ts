import { describe, expect, it } from 'vitest';
import { createFeedPost } from '../../src/server/meta/facebook-publish';
import { GraphError } from '../../src/server/meta/graph-errors';
import { startFakeGraph } from '../fakes/graph/fake-graph-server';

const graph = await startFakeGraph();

async function call(path: string, init: RequestInit = {}) {
  const answer = await fetch(`${graph.url}${path}`, init);
  return { status: answer.status, headers: answer.headers, body: (await answer.json()) as any };
}

describe('the Graph emulator speaks the wire format', () => {
  it('accepts a JSON body with a Bearer token under any version and returns the POST fields asked for', async () => {
    const { pageId, pageToken } = graph.emulator.createSandboxPage({ name: 'Wire' });

    const answer = await call(`/v25.0/${pageId}/feed?fields=id,permalink_url`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pageToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'JSON body' }),
    });

    expect(answer.status).toBe(200);
    expect(answer.body.id).toMatch(new RegExp(`^${pageId}_`));
    expect(answer.body.permalink_url).toMatch(/^https:\/\/www\.facebook\.com\//);
    expect(JSON.parse(answer.headers.get('x-app-usage')!)).toHaveProperty('call_count');
  });

  it("answers an error with exactly Meta's fields and status", async () => {
    const answer = await call('/v21.0/123?access_token=nonsense');

    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error).sort()).toEqual(
      ['code', 'fbtrace_id', 'is_transient', 'message', 'type'].sort(),
    );
    expect(answer.body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      is_transient: false,
    });
  });

  it('selects nested fields with the brace syntax', async () => {
    const { pageId, pageToken } = graph.emulator.createSandboxPage({
      name: 'Nested',
      withInstagram: true,
    });

    const answer = await call(
      `/v21.0/${pageId}?fields=name,instagram_business_account{username}&access_token=${pageToken}`,
    );

    expect(Object.keys(answer.body).sort()).toEqual(['id', 'instagram_business_account', 'name']);
    expect(Object.keys(answer.body.instagram_business_account).sort()).toEqual(['id', 'username']);
  });
});

describe('fault injection', () => {
  it('hits exactly the next N calls of the named kind and leaves others alone', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Times' });
    graph.emulator.inject({ call: 'feed.create', kind: 'transient', times: 2 });

    const page = await graph.client().getPage(pageId, token);
    const outcomes: string[] = [];
    for (const n of [1, 2, 3]) {
      try {
        await createFeedPost(graph.client(), { pageId, token, message: `try ${n}` });
        outcomes.push('ok');
      } catch (error) {
        outcomes.push((error as GraphError).kind);
      }
    }

    expect(page.id).toBe(pageId);
    expect(outcomes).toEqual(['transient', 'transient', 'ok']);
  });

  it('hits every call at rate 1 and none at rate 0', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Rate' });
    const always = graph.emulator.inject({ call: 'page.get', kind: 'token_invalid', rate: 1 });

    const refused = await graph
      .client()
      .getPage(pageId, token)
      .catch((error: GraphError) => error);
    graph.emulator.faults.remove(always);
    graph.emulator.inject({ call: 'page.get', kind: 'token_invalid', rate: 0 });
    const read = await graph.client().getPage(pageId, token);
    graph.emulator.faults.clear();

    expect(refused).toMatchObject({ kind: 'token', graphCode: 190, subcode: 463 });
    expect(read.id).toBe(pageId);
  });

  it('delays answers by the configured latency', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Latency' });
    graph.emulator.faults.setLatency(120, 150);

    const started = performance.now();
    await graph.client().getPage(pageId, token);
    const took = performance.now() - started;
    graph.emulator.faults.clear();

    expect(took).toBeGreaterThanOrEqual(115);
  });

  it('counts the same text published twice on one Page as a duplicate', async () => {
    const { pageId, pageToken: token } = graph.emulator.createSandboxPage({ name: 'Dupes' });

    await createFeedPost(graph.client(), { pageId, token, message: 'Twice' });
    await createFeedPost(graph.client(), { pageId, token, message: 'Twice' });

    expect(graph.emulator.publishedCount(pageId, 'Twice')).toBe(2);
    expect(graph.emulator.state.duplicates()).toContainEqual({
      platform: 'facebook',
      accountId: pageId,
      text: 'Twice',
      count: 2,
    });
  });
});
