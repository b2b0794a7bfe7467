import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageTokenContext } from '../../src/server/connections/meta-connections';
import { TokenCipher } from '../../src/server/crypto/token-cipher';
import { openDatabase, type Db } from '../../src/server/db/database';
import { startEmbeddedPostgres } from '../../src/server/db/embedded-postgres';
import { migrateToLatest } from '../../src/server/db/migrate';
import { fakeApp, startFakeGraph } from '../fakes/graph/fake-graph-server';
import { cleanUp, tempDir } from '../support/clean-up';
import { createTestDatabase } from '../support/database';
import { insertBrand, insertDuePosts } from '../support/publishing-fixtures';
import { spawnServer, testEnv } from '../support/server';
import { parseConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';
import { startPostpilot } from '../../src/server/start';
import { freePort } from '../support/local-resources';

const database = await createTestDatabase();
const graph = await startFakeGraph();
const key = randomBytes(32);
const cipher = new TokenCipher([{ id: 'k1', key }]);

/** Settings of a worker process that talks to the fake Graph server. */
function workerEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  return testEnv(databaseUrl, {
    ROLE: 'worker',
    META_MODE: 'live',
    META_GRAPH_URL: graph.url,
    META_APP_ID: fakeApp.appId,
    META_APP_SECRET: fakeApp.appSecret,
    TOKEN_ENCRYPTION_KEYS: `k1:${key.toString('base64')}`,
    PUBLISH_TICK: '* * * * * *',
    PUBLISH_LEASE_SECONDS: '5',
    PUBLISH_RETRY_BASE_SECONDS: '1',
    PUBLISH_RETRY_CAP_SECONDS: '2',
    ...extra,
  });
}

async function newBrand(db: Db) {
  const page = graph.emulator.createSandboxPage({ name: 'Bakery', withInstagram: true });
  return insertBrand(db, {
    pageId: page.pageId,
    igUserId: page.instagramId!,
    pageToken: (brandId) => cipher.encrypt(page.pageToken, pageTokenContext(brandId)),
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function liveCount(text: string) {
  return graph.emulator.state.published.filter((r) => r.text === text).length;
}

describe('the publish worker as a process', () => {
  it('after a SIGKILL between the Graph call and its write, publishes once, found by reconciliation', async () => {
    const { db } = database;
    const brand = await newBrand(db);
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook', 'instagram'] });
    const { caption } = await db
      .selectFrom('posts')
      .select('caption')
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();

    const doomed = await spawnServer(
      workerEnv(database.url, { TEST_ONLY_CRASH_AFTER_PUBLISH_CALL: 'facebook' }),
    );
    await doomed.exited;
    expect(doomed.child.signalCode).toBe('SIGKILL');
    expect(graph.emulator.state.published.filter((r) => r.text === caption)).toHaveLength(1);
    const left = await db
      .selectFrom('post_targets')
      .select(['platform', 'status', 'remote_id'])
      .where('post_id', '=', id!)
      .orderBy('platform')
      .execute();
    expect(left).toEqual([
      { platform: 'facebook', status: 'sending', remote_id: null },
      { platform: 'instagram', status: 'pending', remote_id: null },
    ]);

    const recovery = await startWorker(database.url);
    const post = await waitFor('the post to be published', async () => {
      const row = await db
        .selectFrom('posts')
        .selectAll()
        .where('id', '=', id!)
        .executeTakeFirstOrThrow();
      return row.status === 'publishing' || row.status === 'scheduled' ? undefined : row;
    });

    await recovery.stop();
    expect(post.status).toBe('published');
    const facebook = graph.emulator.state.published.filter(
      (r) => r.text === caption && r.platform === 'facebook',
    );
    expect(facebook).toHaveLength(1);
    expect(liveCount(caption)).toBe(2);
    const targets = await db
      .selectFrom('post_targets')
      .select(['platform', 'remote_id'])
      .where('post_id', '=', id!)
      .orderBy('platform')
      .execute();
    expect(targets[0]!.remote_id).toBe(facebook[0]!.remoteId);
    const reconciled = await db
      .selectFrom('publish_attempts')
      .select('call')
      .where('post_id', '=', id!)
      .where('attempt', '=', 2)
      .where('platform', '=', 'facebook')
      .execute();
    expect(reconciled.map((c) => c.call)).toEqual(['facebook.feed_list']);
    const events = await db
      .selectFrom('post_events')
      .select('kind')
      .where('post_id', '=', id!)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      'lease_expired',
      'target_published',
      'target_published',
      'published',
    ]);
  }, 60_000);

  it('on SIGTERM finishes the post in flight, leaves the rest unclaimed and exits 0', async () => {
    const { db } = database;
    const brand = await newBrand(db);
    graph.emulator.faults.setLatency(1_500);
    cleanUp(() => graph.emulator.faults.clear());

    const worker = await spawnServer(workerEnv(database.url, { PUBLISH_CONCURRENCY: '1' }));
    const ids = await insertDuePosts(db, brand, 3, { targets: ['facebook'], media: [] });
    await waitFor('a post to be claimed', async () => {
      const row = await db
        .selectFrom('posts')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'publishing')
        .executeTakeFirst();
      return row?.id;
    });

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    graph.emulator.faults.clear();

    const rows = await db
      .selectFrom('posts')
      .select(['status', 'claimed_by', 'attempt'])
      .where('id', 'in', ids)
      .execute();
    const statuses = rows.map((r) => r.status).sort();
    expect(statuses).toEqual(['published', 'scheduled', 'scheduled']);
    expect(rows.filter((r) => r.status === 'scheduled').every((r) => r.claimed_by === null)).toBe(
      true,
    );
    expect(worker.output()).toMatch(/publish worker stopped/);
    await db.updateTable('posts').set({ status: 'draft' }).where('id', 'in', ids).execute();
  }, 60_000);

  it('shows its last tick, last error and overdue posts on /readyz', async () => {
    const { db } = database;
    const brand = await newBrand(db);
    graph.emulator.faults.setLatency(3_000);
    const ids = await insertDuePosts(db, brand, 3, {
      targets: ['facebook'],
      media: [],
      dueSecondsAgo: 120,
    });

    const worker = await spawnServer(workerEnv(database.url, { PUBLISH_CONCURRENCY: '1' }));
    const ready = await waitFor('a tick', async () => {
      const body = (await (await fetch(`${worker.url}/readyz`)).json()) as {
        checks: { publisher: { lastTickAt: string | null; overdue: number; lastError: unknown } };
      };
      return body.checks.publisher.lastTickAt ? body.checks.publisher : undefined;
    });

    expect(ready.overdue).toBe(2);
    expect(ready.lastError).toBeNull();
    expect(Date.now() - Date.parse(ready.lastTickAt!)).toBeLessThan(5_000);

    worker.child.kill('SIGKILL');
    await worker.exited;
    graph.emulator.faults.clear();
    await db.updateTable('posts').set({ status: 'draft' }).where('id', 'in', ids).execute();
  }, 60_000);
});

describe('the publish loop and its database', () => {
  it('recovers by itself when PostgreSQL restarts mid-run, losing and duplicating nothing', async () => {
    const dir = tempDir('postpilot-restart-pg-', 0o755);
    const port = await freePort();
    const dataDir = path.join(dir, 'data');
    let embedded = await startEmbeddedPostgres({ dataDir, port });
    cleanUp(() => embedded.stop().catch(() => {}));

    const setup = openDatabase(embedded.url, 2);
    await migrateToLatest(setup.db);
    const brand = await newBrand(setup.db);
    const ids = await insertDuePosts(setup.db, brand, 40, {
      targets: ['facebook', 'instagram'],
      dueSecondsAgo: 0,
      spreadSeconds: 8,
    });
    const captions = new Set(
      (await setup.db.selectFrom('posts').select('caption').where('id', 'in', ids).execute()).map(
        (r) => r.caption,
      ),
    );
    const liveOfRun = () =>
      graph.emulator.state.published.filter((r) => captions.has(r.text)).length;
    await setup.db.destroy();
    graph.emulator.faults.setLatency(50, 150);

    const worker = await startWorker(embedded.url);

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const liveBeforeOutage = liveOfRun();
    await embedded.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const duringOutage = (await (await fetch(`${worker.url}/readyz`)).json()) as {
      ok: boolean;
      checks: { publisher: { lastError: { message: string } | null } };
    };
    embedded = await startEmbeddedPostgres({ dataDir, port });

    const check = openDatabase(embedded.url, 2);
    cleanUp(() => check.db.destroy());
    const rows = await waitFor(
      'every post to be settled',
      async () => {
        const rows = await check.db
          .selectFrom('posts')
          .select(['id', 'caption', 'status'])
          .where('id', 'in', ids)
          .execute();
        return rows.every(
          (r) => r.status === 'published' || r.status === 'needs_review' || r.status === 'failed',
        )
          ? rows
          : undefined;
      },
      60_000,
    );
    graph.emulator.faults.clear();
    await worker.stop();

    expect(liveBeforeOutage).toBeGreaterThan(0);
    expect(liveBeforeOutage).toBeLessThan(liveOfRun());
    expect(duringOutage.ok).toBe(false);
    expect(duringOutage.checks.publisher.lastError).not.toBeNull();
    expect(rows.filter((r) => r.status !== 'published')).toEqual([]);
    for (const row of rows) expect(liveCount(row.caption)).toBe(2);
    expect(graph.emulator.state.duplicates()).toEqual([]);
  }, 120_000);
});

/** A worker in this process, stopped by the test itself. */
async function startWorker(databaseUrl: string) {
  const config = parseConfig(workerEnv(databaseUrl));
  return startPostpilot(config, createLogger(config));
}
