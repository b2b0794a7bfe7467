import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { pageTokenContext } from '../../src/server/connections/meta-connections';
import { TokenCipher } from '../../src/server/crypto/token-cipher';
import { createFeedPost } from '../../src/server/meta/facebook-publish';
import { createImageContainer, publishContainer } from '../../src/server/meta/instagram-publish';
import { claimDuePosts } from '../../src/server/publishing/claim-due-posts';
import { markTargetSending } from '../../src/server/publishing/mark-target-sending';
import { publishPost, type PublishDeps } from '../../src/server/publishing/publish-post';
import { saveContainerId } from '../../src/server/publishing/save-container-id';
import { markNeedsReconnect } from '../../src/server/connections/meta-connections';
import { retryPost } from '../../src/server/posts/schedule-post';
import { startFakeGraph } from '../fakes/graph/fake-graph-server';
import { cleanUp } from '../support/clean-up';
import { createTestDatabase } from '../support/database';
import { insertBrand, insertDuePosts, type BrandFixture } from '../support/publishing-fixtures';

const database = await createTestDatabase();
const { db } = database;
const graph = await startFakeGraph();
const cipher = new TokenCipher([{ id: 't1', key: randomBytes(32) }]);
const client = graph.client({ timeoutMs: 400 });

function deps(overrides: Partial<PublishDeps> = {}): PublishDeps {
  return {
    db,
    graph: client,
    log: pino({ level: 'silent' }),
    tokenCipher: cipher,
    maxAttempts: 5,
    leaseSeconds: 60,
    backoff: { baseSeconds: 10, capSeconds: 15 },
    containerDeadlineMs: 2_000,
    markNeedsReconnect: async (brandId, reason) => {
      await markNeedsReconnect(db, brandId, reason);
    },
    ...overrides,
  };
}

/** One worker pass: claims every due post and publishes it. */
async function runWorker(overrides: Partial<PublishDeps> = {}, workerId = 'worker-1') {
  const posts = await claimDuePosts(db, { workerId, limit: 100, leaseSeconds: 60 });
  for (const post of posts) await publishPost(deps(overrides), post, new AbortController().signal);
  return posts;
}

async function makeDueNow(postId: string) {
  await db.updateTable('posts').set({ retry_at: null }).where('id', '=', postId).execute();
}

async function newBrand(): Promise<BrandFixture & { pageToken: string }> {
  const page = graph.emulator.createSandboxPage({ name: 'Bakery', withInstagram: true });
  const brand = await insertBrand(db, {
    pageId: page.pageId,
    igUserId: page.instagramId!,
    pageToken: (brandId) => cipher.encrypt(page.pageToken, pageTokenContext(brandId)),
  });
  return { ...brand, pageToken: page.pageToken };
}

async function postRow(id: string) {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function targetRows(id: string) {
  return db
    .selectFrom('post_targets')
    .selectAll()
    .where('post_id', '=', id)
    .orderBy('platform')
    .execute();
}

async function eventKinds(id: string) {
  const rows = await db
    .selectFrom('post_events')
    .select('kind')
    .where('post_id', '=', id)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.kind);
}

function published(platform: 'facebook' | 'instagram', text: string) {
  return graph.emulator.state.published.filter((r) => r.platform === platform && r.text === text);
}

beforeEach(async () => {
  graph.emulator.faults.clear();
  await db
    .updateTable('posts')
    .set({ status: 'draft' })
    .where('status', 'in', ['scheduled', 'publishing'])
    .execute();
});

describe('publishing a post', () => {
  it('publishes to Facebook and Instagram once and records every Graph call', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, {
      targets: ['facebook', 'instagram'],
      captionPrefix: 'Fresh bread',
    });

    await runWorker();

    const post = await postRow(id!);
    expect(post).toMatchObject({ status: 'published', claimed_by: null, last_error: null });
    const targets = await targetRows(id!);
    expect(targets.map((t) => [t.platform, t.status])).toEqual([
      ['facebook', 'published'],
      ['instagram', 'published'],
    ]);
    expect(published('facebook', post.caption).map((r) => r.remoteId)).toEqual([
      targets[0]!.remote_id,
    ]);
    expect(published('instagram', post.caption).map((r) => r.remoteId)).toEqual([
      targets[1]!.remote_id,
    ]);

    const calls = await db
      .selectFrom('publish_attempts')
      .select(['platform', 'call', 'http_status', 'worker_id', 'attempt'])
      .where('post_id', '=', id!)
      .orderBy('created_at')
      .execute();
    expect(calls.map((c) => `${c.platform} ${c.call} ${c.http_status}`)).toEqual([
      'facebook facebook.photo 200',
      'instagram instagram.quota 200',
      'instagram instagram.container 200',
      'instagram instagram.container_status 200',
      'instagram instagram.publish 200',
    ]);
    expect(new Set(calls.map((c) => `${c.worker_id}#${c.attempt}`))).toEqual(
      new Set(['worker-1#1']),
    );
    expect(await eventKinds(id!)).toEqual(['target_published', 'target_published', 'published']);
  });

  it('keeps the history in the order things happened, even when an audit write is slow', async () => {
    // A slow audit row: it takes its timestamp only after 300 ms, as a busy database might.
    await sql`
      create function slow_audit() returns trigger language plpgsql as $$
      begin
        if new.call = 'instagram.container_status' then
          perform pg_sleep(0.3);
          new.created_at := clock_timestamp();
        end if;
        return new;
      end $$;
      create trigger slow_audit before insert on publish_attempts
        for each row execute function slow_audit();
    `.execute(db);
    cleanUp(() => sql`drop function slow_audit() cascade`.execute(db));
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook', 'instagram'] });

    await runWorker();

    const { rows: history } = await sql<{ what: string }>`
      select what from (
        select call as what, created_at from publish_attempts where post_id = ${id}
        union all
        select kind, created_at from post_events where post_id = ${id}
      ) entries order by created_at
    `.execute(db);
    expect(history.map((h) => h.what)).toEqual([
      'facebook.photo',
      'target_published',
      'instagram.quota',
      'instagram.container',
      'instagram.container_status',
      'instagram.publish',
      'target_published',
      'published',
    ]);
  });

  it('retries only Instagram when Facebook succeeded and Instagram failed', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook', 'instagram'] });
    graph.emulator.inject({ call: 'media.create', kind: 'transient', times: 1 });

    await runWorker();

    const first = await postRow(id!);
    expect(first.status).toBe('scheduled');
    expect(first.retry_at!.getTime()).toBeGreaterThan(Date.now());
    expect(first.last_error).toMatch(/^Instagram: /);
    expect((await targetRows(id!)).map((t) => [t.platform, t.status])).toEqual([
      ['facebook', 'published'],
      ['instagram', 'pending'],
    ]);

    await makeDueNow(id!);
    await runWorker();

    expect(await postRow(id!)).toMatchObject({ status: 'published', attempt: 2 });
    expect(published('facebook', first.caption)).toHaveLength(1);
    expect(published('instagram', first.caption)).toHaveLength(1);
    const secondAttempt = await db
      .selectFrom('publish_attempts')
      .select('platform')
      .where('post_id', '=', id!)
      .where('attempt', '=', 2)
      .execute();
    expect(new Set(secondAttempt.map((c) => c.platform))).toEqual(new Set(['instagram']));
  });

  it('reconciles a Facebook call that timed out after the post went live, without posting again', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook'], media: [] });
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_after', times: 1, holdMs: 2_000 });

    await runWorker();

    const post = await postRow(id!);
    expect(post.status).toBe('published');
    const live = published('facebook', post.caption);
    expect(live).toHaveLength(1);
    expect((await targetRows(id!))[0]!.remote_id).toBe(live[0]!.remoteId);
    const calls = await db
      .selectFrom('publish_attempts')
      .select(['call', 'http_status'])
      .where('post_id', '=', id!)
      .orderBy('created_at')
      .execute();
    expect(calls.map((c) => [c.call, c.http_status])).toEqual([
      ['facebook.feed', null],
      ['facebook.feed_list', 200],
    ]);
  });

  it('sends a Facebook post whose outcome cannot be proven to review, not to a retry', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook'], media: [] });
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_before', times: 1, holdMs: 2_000 });

    await runWorker();

    const post = await postRow(id!);
    expect(post.status).toBe('needs_review');
    expect(post.review_reason).toMatch(/unknown whether the post went live/);
    expect(post.review_reason).toMatch(/mark it published .* or retry/);
    expect((await targetRows(id!))[0]!.status).toBe('sending');
    expect(published('facebook', post.caption)).toHaveLength(0);
    expect(await eventKinds(id!)).toEqual(['needs_review']);

    await sql`update posts set status = 'scheduled' where id = ${id!}`.execute(db);
    await runWorker();
    expect((await postRow(id!)).status).toBe('needs_review');
    expect(published('facebook', post.caption)).toHaveLength(0);
  });

  it('fails the target and asks for a reconnect when the Page token is refused', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook'] });
    graph.emulator.state.revokeToken(brand.pageToken, 463);

    await runWorker();

    const post = await postRow(id!);
    expect(post.status).toBe('failed');
    expect(post.last_error).toMatch(/Reconnect the brand's Facebook Page/);
    const [target] = await targetRows(id!);
    expect(target).toMatchObject({ status: 'failed', error_code: '190/463' });
    const connection = await db
      .selectFrom('meta_connections')
      .select(['status', 'status_reason'])
      .where('brand_id', '=', brand.brandId)
      .executeTakeFirstOrThrow();
    expect(connection.status).toBe('needs_reconnect');
    expect(connection.status_reason).toMatch(/Reconnect the brand's Facebook Page/);

    const [next] = await insertDuePosts(db, brand, 1, { targets: ['facebook'] });
    await runWorker();
    expect((await targetRows(next!))[0]!.error_message).toMatch(/must be reconnected/);
  });

  it('fails a refused post with the platform message, without retrying it', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, {
      targets: ['instagram'],
      media: [{ url: 'ftp://example.com/a.jpg', alt: '' }],
    });

    await runWorker();

    const post = await postRow(id!);
    expect(post.status).toBe('failed');
    expect(post.last_error).toMatch(/Instagram: Instagram could not fetch the image/);
    expect(post.attempt).toBe(1);
  });
});

describe('retry backoff', () => {
  it('waits longer after each transient failure, capped, and fails after the last attempt', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook'], media: [] });
    graph.emulator.inject({ call: 'feed.create', kind: 'transient' });
    const limits = [10, 15, 15];
    const delays: number[] = [];

    for (const [index, limit] of limits.entries()) {
      const before = Date.now();
      await runWorker({ maxAttempts: 4 });
      const post = await postRow(id!);
      expect(post).toMatchObject({ status: 'scheduled', attempt: index + 1 });
      const delay = (post.retry_at!.getTime() - before) / 1000;
      expect(delay).toBeGreaterThanOrEqual(0.5);
      expect(delay).toBeLessThanOrEqual(limit + 1);
      delays.push(delay);
      await makeDueNow(id!);
    }

    await runWorker({ maxAttempts: 4 });
    const post = await postRow(id!);
    expect(post.status).toBe('failed');
    expect(post.attempt).toBe(4);
    expect(post.last_error).toMatch(/Gave up after 4 attempts/);
    expect(await eventKinds(id!)).toEqual([
      'retry_scheduled',
      'retry_scheduled',
      'retry_scheduled',
      'target_failed',
      'failed',
    ]);
  });

  it('gives a post a full set of attempts again when a person retries it after it failed', async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook'], media: [] });
    graph.emulator.inject({ call: 'feed.create', kind: 'transient' });

    for (let attempt = 0; attempt < 2; attempt++) {
      await runWorker({ maxAttempts: 2 });
      await makeDueNow(id!);
    }
    expect((await postRow(id!)).status).toBe('failed');

    await retryPost(db, { userId: brand.userId, workspaceId: brand.workspaceId }, id!);
    await runWorker({ maxAttempts: 2 });

    // Still failing, but with a retry ahead: the person's retry brought a new budget.
    expect(await postRow(id!)).toMatchObject({ status: 'scheduled', attempt: 3 });
    await makeDueNow(id!);
    await runWorker({ maxAttempts: 2 });
    expect(await postRow(id!)).toMatchObject({ status: 'failed', attempt: 4 });
  });

  it("waits as long as the platform's throttling hint says", async () => {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook'], media: [] });
    graph.emulator.inject({ call: 'feed.create', kind: 'throttled', times: 1, regainMinutes: 3 });

    const before = Date.now();
    await runWorker();

    const post = await postRow(id!);
    const delay = (post.retry_at!.getTime() - before) / 1000;
    expect(post.status).toBe('scheduled');
    expect(delay).toBeGreaterThanOrEqual(180);
    expect(delay).toBeLessThanOrEqual(200);
  });
});

describe('Instagram after a crash', () => {
  /** A post whose Instagram target a dead worker left `sending`, with this container saved. */
  async function crashedWithContainer(state: 'published' | 'finished' | 'none') {
    const brand = await newBrand();
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['instagram'] });
    const [dead] = await claimDuePosts(db, { workerId: 'dead', limit: 1, leaseSeconds: 60 });
    await markTargetSending(db, dead!, 'instagram');
    const post = await postRow(id!);
    const account = { igUserId: brand.igUserId!, token: brand.pageToken };

    let containerId: string | undefined;
    if (state !== 'none') {
      ({ containerId } = await createImageContainer(client, {
        ...account,
        imageUrl: 'https://example.com/a.jpg',
        caption: post.caption,
      }));
      await saveContainerId(db, dead!, containerId);
    }
    if (state === 'published')
      await publishContainer(client, { ...account, containerId: containerId! });

    await sql`update posts set status = 'scheduled', claimed_by = null where id = ${id!}`.execute(
      db,
    );
    return { id: id!, caption: post.caption, containerId };
  }

  it('PUBLISHED: marks it done with the media id, without publishing again', async () => {
    const crashed = await crashedWithContainer('published');

    await runWorker();

    const live = published('instagram', crashed.caption);
    expect(live).toHaveLength(1);
    expect((await postRow(crashed.id)).status).toBe('published');
    expect((await targetRows(crashed.id))[0]!.remote_id).toBe(live[0]!.remoteId);
  });

  it('FINISHED: publishes the saved container once', async () => {
    const crashed = await crashedWithContainer('finished');

    await runWorker();

    expect(published('instagram', crashed.caption)).toHaveLength(1);
    expect(graph.emulator.state.containers.get(crashed.containerId!)!.status).toBe('PUBLISHED');
    expect((await postRow(crashed.id)).status).toBe('published');
  });

  it('EXPIRED: makes a new container and publishes that', async () => {
    const crashed = await crashedWithContainer('finished');
    graph.emulator.state.containers.get(crashed.containerId!)!.status = 'EXPIRED';

    await runWorker();

    const [target] = await targetRows(crashed.id);
    expect(target!.status).toBe('published');
    expect(target!.container_id).not.toBe(crashed.containerId);
    expect(published('instagram', crashed.caption)).toHaveLength(1);
  });

  it('ERROR: fails the target with the reason', async () => {
    const crashed = await crashedWithContainer('finished');
    const container = graph.emulator.state.containers.get(crashed.containerId!)!;
    container.status = 'ERROR';
    container.errorSubcode = 2207009;

    await runWorker();

    const post = await postRow(crashed.id);
    expect(post.status).toBe('failed');
    expect(post.last_error).toMatch(/Instagram could not process the media/);
    expect(published('instagram', crashed.caption)).toHaveLength(0);
  });

  it('no container saved: nothing was published, so it is sent once', async () => {
    const crashed = await crashedWithContainer('none');

    await runWorker();

    expect(published('instagram', crashed.caption)).toHaveLength(1);
    expect((await postRow(crashed.id)).status).toBe('published');
  });
});

describe('two posts of a brand with the same caption', () => {
  // Text-only on Facebook, so the faults below hit the feed call.
  const mediaFor = (platform: 'facebook' | 'instagram') =>
    platform === 'facebook' ? [] : [{ url: 'https://example.com/a.jpg', alt: 'A' }];

  /** Publishes one post on `platform` and returns its brand, caption and remote id. */
  async function publishedFirst(platform: 'facebook' | 'instagram') {
    const brand = await newBrand();
    const [first] = await insertDuePosts(db, brand, 1, {
      targets: [platform],
      media: mediaFor(platform),
    });
    await runWorker();
    const [target] = await targetRows(first!);
    expect(target!.status).toBe('published');
    return { brand, caption: (await postRow(first!)).caption, remoteId: target!.remote_id! };
  }

  /** A second post of the brand with the very same caption, due now. */
  async function sameCaption(
    brand: BrandFixture,
    caption: string,
    platform: 'facebook' | 'instagram',
  ) {
    const [id] = await insertDuePosts(db, brand, 1, {
      targets: [platform],
      media: mediaFor(platform),
    });
    await db.updateTable('posts').set({ caption }).where('id', '=', id!).execute();
    return id!;
  }

  it('a Facebook post whose outcome is unknown is not proven live by the earlier post with its caption', async () => {
    const first = await publishedFirst('facebook');
    const second = await sameCaption(first.brand, first.caption, 'facebook');
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_before', times: 1, holdMs: 2_000 });

    await runWorker();

    const post = await postRow(second);
    expect(post.status).toBe('needs_review');
    const [target] = await targetRows(second);
    expect(target!.remote_id).toBeNull();
    expect(published('facebook', first.caption)).toHaveLength(1);
  });

  it('a Facebook post that did go live is found as itself, not as the earlier one', async () => {
    const first = await publishedFirst('facebook');
    // Half a minute earlier: inside the search window, and the older of the two.
    const earlier = graph.emulator.state.posts.get(first.remoteId)!;
    earlier.createdAt = new Date(earlier.createdAt.getTime() - 30_000);
    const second = await sameCaption(first.brand, first.caption, 'facebook');
    graph.emulator.inject({ call: 'feed.create', kind: 'timeout_after', times: 1, holdMs: 2_000 });

    await runWorker();

    const live = published('facebook', first.caption);
    expect(live).toHaveLength(2);
    const [target] = await targetRows(second);
    expect(target!.status).toBe('published');
    expect(target!.remote_id).not.toBe(first.remoteId);
    expect(live.map((entry) => entry.remoteId)).toContain(target!.remote_id);
  });

  it('an Instagram post a dead worker left without a container is sent, not taken for the earlier one', async () => {
    const first = await publishedFirst('instagram');
    const second = await sameCaption(first.brand, first.caption, 'instagram');
    const [dead] = await claimDuePosts(db, { workerId: 'dead', limit: 1, leaseSeconds: 60 });
    await markTargetSending(db, dead!, 'instagram');
    await sql`update posts set status = 'scheduled', claimed_by = null where id = ${second}`.execute(
      db,
    );

    await runWorker();

    const live = published('instagram', first.caption);
    expect(live).toHaveLength(2);
    const [target] = await targetRows(second);
    expect(target!.status).toBe('published');
    expect(target!.remote_id).not.toBe(first.remoteId);
  });

  /** Posts of one brand sharing a caption, each left `sending` by a worker that died. */
  async function leftSending(platform: 'facebook' | 'instagram', count: number) {
    const brand = await newBrand();
    const ids = await insertDuePosts(db, brand, count, {
      targets: [platform],
      media: mediaFor(platform),
    });
    const caption = `Open today 8–18 ${randomBytes(3).toString('hex')}`;
    await db.updateTable('posts').set({ caption }).where('id', 'in', ids).execute();

    const dead = await claimDuePosts(db, { workerId: 'dead', limit: count, leaseSeconds: 60 });
    for (const claim of dead) await markTargetSending(db, claim, platform);
    const revive = () =>
      sql`update posts set status = 'scheduled', claimed_by = null where id = any(${ids})`.execute(
        db,
      );
    return { brand, ids, caption, dead, revive };
  }

  it('sends both to review when two Facebook posts with one caption are unknown and one post is on the Page', async () => {
    const crashed = await leftSending('facebook', 2);
    await createFeedPost(client, {
      pageId: crashed.brand.pageId!,
      token: crashed.brand.pageToken,
      message: crashed.caption,
    });
    await crashed.revive();

    await runWorker();

    for (const id of crashed.ids) {
      const post = await postRow(id);
      expect(post.status).toBe('needs_review');
      expect((await targetRows(id))[0]!.remote_id).toBeNull();
    }
    const reasons = await Promise.all(
      crashed.ids.map(async (id) => (await postRow(id)).review_reason),
    );
    expect(
      reasons.some((reason) => /another post of this brand has the same caption/.test(reason!)),
    ).toBe(true);
    expect(published('facebook', crashed.caption)).toHaveLength(1);
  });

  it.each([0, 1])(
    'sends the one Instagram post that was not published when two share a caption (container on post %i)',
    async (withContainer) => {
      const crashed = await leftSending('instagram', 2);
      const account = { igUserId: crashed.brand.igUserId!, token: crashed.brand.pageToken };
      const { containerId } = await createImageContainer(client, {
        ...account,
        imageUrl: 'https://example.com/a.jpg',
        caption: crashed.caption,
      });
      await saveContainerId(db, crashed.dead[withContainer]!, containerId);
      await publishContainer(client, { ...account, containerId });
      await crashed.revive();

      await runWorker();

      const live = published('instagram', crashed.caption);
      expect(live).toHaveLength(2);
      const ids = [];
      for (const id of crashed.ids) {
        expect((await postRow(id)).status).toBe('published');
        ids.push((await targetRows(id))[0]!.remote_id);
      }
      const known = ids.filter((id) => id !== null);
      expect(new Set(known).size).toBe(known.length);
      for (const id of known) expect(live.map((entry) => entry.remoteId)).toContain(id);
    },
  );
});
