/**
 * The publish loop under crashes and faults, with the seed pattern beside it.
 *
 * Starts 4 worker processes (`ROLE=worker`) on one fresh database, schedules
 * 5,000 posts (Facebook + Instagram) due within one minute, and runs the Graph
 * emulator in this process with 50–200 ms latency and faults (10 % transient
 * errors, 3 % timeouts after the post went live, 1 % throttling). Every few
 * seconds a random worker is SIGKILLed and restarted. Then the same posts are
 * published by the seed document's pattern (select due posts, then set a
 * boolean lock per row), reimplemented here for contrast only, under the same
 * faults and kills.
 *
 *   npm run bench:publish
 *   BENCH_POSTS=2000 BENCH_WORKERS=4 npm run bench:publish
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { sql } from 'kysely';
import { pageTokenContext } from '../src/server/connections/meta-connections';
import { TokenCipher } from '../src/server/crypto/token-cipher';
import { openDatabase, type Db } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { GraphEmulator } from '../src/server/meta/sandbox/graph-emulator';
import { insertBrand, insertDuePosts } from '../tests/support/publishing-fixtures';
import { runSeedPatternWorker, seedPatternTable } from './seed-pattern-worker';
import { adminQuery, withDatabase } from '../tests/support/local-resources';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const POSTS = Number(process.env.BENCH_POSTS ?? 5_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const BRANDS = 50;
const DUE_WITHIN_S = 60;
const LEAD_S = 8;
const KILL_EVERY_MS: [number, number] = [3_000, 5_000];
const BUDGET_S = Number(process.env.BENCH_BUDGET_SECONDS ?? 480);
const SEED_BUDGET_S = Number(process.env.BENCH_SEED_BUDGET_SECONDS ?? 120);
const app = { appId: 'bench-app', appSecret: 'bench-app-secret-0123456789' };

if (process.argv[2] === '--seed-pattern-worker') {
  await runSeedPatternWorker({
    databaseUrl: process.env.DATABASE_URL!,
    graphUrl: process.env.META_GRAPH_URL!,
    ...app,
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const name = `pp_bench_publish_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const { db } = openDatabase(url, 4);
  const emulator = new GraphEmulator({ ...app, quotaTotal: 1_000_000 });
  const graph = await serve(emulator);
  const logDir = path.join(os.tmpdir(), name);

  try {
    await migrateToLatest(db);
    const key = randomBytes(32);
    const cipher = new TokenCipher([{ id: 'bench', key }]);
    const pages = await seedBrands(db, emulator, cipher);

    console.log(
      `${POSTS} posts (Facebook + Instagram) due within ${DUE_WITHIN_S} s, ${WORKERS} workers, SIGKILL every 3–5 s`,
    );
    console.log(`worker logs: ${logDir}-*.log\n`);

    const ids = await scheduleOurs(db, pages);
    injectFaults(emulator);
    const ours = await runFleet({
      label: 'ours',
      command: ['--import', 'tsx', 'scripts/publish-worker.ts'],
      env: {
        ROLE: 'worker',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: '12',
        SESSION_SECRET: 'bench-session-secret-0123456789-0123456789',
        TOKEN_ENCRYPTION_KEYS: `bench:${key.toString('base64')}`,
        META_MODE: 'live',
        META_GRAPH_URL: graph.url,
        META_APP_ID: app.appId,
        META_APP_SECRET: app.appSecret,
        META_TIMEOUT_MS: '2000',
        PUBLISH_TICK: '* * * * * *',
        PUBLISH_BATCH: '32',
        PUBLISH_CONCURRENCY: '32',
        PUBLISH_LEASE_SECONDS: '6',
        PUBLISH_RETRY_BASE_SECONDS: '1',
        PUBLISH_RETRY_CAP_SECONDS: '5',
        PUBLISH_MAX_ATTEMPTS: '8',
      },
      logPrefix: `${logDir}-ours`,
      settled: () => countUnsettled(db, ids),
    });
    const oursReport = await reportOurs(db, emulator, ids, ours);

    emulator.faults.clear();
    const seedIds = await scheduleSeedPattern(db, pages);
    injectFaults(emulator);
    const seed = await runFleet({
      label: 'seed pattern',
      command: ['--import', 'tsx', 'scripts/bench-publish.ts', '--seed-pattern-worker'],
      env: { DATABASE_URL: url, META_GRAPH_URL: graph.url },
      logPrefix: `${logDir}-seed`,
      budgetSeconds: SEED_BUDGET_S,
      settled: async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(seedPatternTable)}
          where status = 'scheduled' and publishing_lock = false`.execute(db);
        return rows[0]!.n;
      },
    });
    const seedReport = await reportSeed(db, emulator, seedIds, seed);

    printReports(oursReport, seedReport, emulator);
  } finally {
    emulator.close();
    graph.server.closeAllConnections();
    graph.server.close();
    await db.destroy();
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
}

interface PageSeed {
  brand: Awaited<ReturnType<typeof insertBrand>>;
  pageId: string;
  igUserId: string;
  token: string;
}

async function seedBrands(
  db: Db,
  emulator: GraphEmulator,
  cipher: TokenCipher,
): Promise<PageSeed[]> {
  const pages: PageSeed[] = [];
  for (let i = 0; i < BRANDS; i++) {
    const page = emulator.createSandboxPage({ name: `Bench brand ${i}`, withInstagram: true });
    const brand = await insertBrand(db, {
      pageId: page.pageId,
      igUserId: page.instagramId!,
      pageToken: (brandId) => cipher.encrypt(page.pageToken, pageTokenContext(brandId)),
    });
    pages.push({ brand, pageId: page.pageId, igUserId: page.instagramId!, token: page.pageToken });
  }
  return pages;
}

async function scheduleOurs(db: Db, pages: PageSeed[]): Promise<string[]> {
  const ids: string[] = [];
  const perBrand = Math.ceil(POSTS / pages.length);
  for (const [index, page] of pages.entries()) {
    const count = Math.min(perBrand, POSTS - ids.length);
    if (count <= 0) break;
    ids.push(
      ...(await insertDuePosts(db, page.brand, count, {
        targets: ['facebook', 'instagram'],
        dueSecondsAgo: -LEAD_S - (index % 7),
        spreadSeconds: DUE_WITHIN_S - 7,
        captionPrefix: `Ours ${index}`,
      })),
    );
  }
  return ids;
}

async function scheduleSeedPattern(db: Db, pages: PageSeed[]): Promise<number> {
  await sql`
    create table ${sql.table(seedPatternTable)} (
      id serial primary key,
      caption text not null,
      image_url text not null,
      page_id text not null,
      ig_user_id text not null,
      token text not null,
      scheduled_at timestamptz not null,
      status text not null default 'scheduled',
      publishing_lock boolean not null default false,
      last_publish_attempt_at timestamptz,
      published_at timestamptz,
      fb_post_id text,
      ig_media_id text,
      error_message text
    )`.execute(db);

  const perBrand = Math.ceil(POSTS / pages.length);
  for (const [index, page] of pages.entries()) {
    await sql`
      insert into ${sql.table(seedPatternTable)} (caption, image_url, page_id, ig_user_id, token, scheduled_at)
      select 'Seed ' || ${index}::text || ' #' || n, 'https://example.com/a.jpg', ${page.pageId},
        ${page.igUserId}, ${page.token},
        now() + make_interval(secs => ${LEAD_S + (index % 7)} + ${DUE_WITHIN_S - 7} * n / ${perBrand}::float)
      from generate_series(1, ${perBrand}) n`.execute(db);
  }
  return perBrand * pages.length;
}

function injectFaults(emulator: GraphEmulator): void {
  emulator.faults.setLatency(50, 200);
  for (const call of ['photos.create', 'feed.create', 'media.publish'] as const) {
    emulator.inject({ call, kind: 'timeout_after', rate: 0.03, holdMs: 3_000 });
  }
  emulator.inject({ call: '*', kind: 'throttled', rate: 0.01, regainMinutes: 1 });
  emulator.inject({ call: '*', kind: 'transient', rate: 0.1 });
}

interface FleetResult {
  startedAt: number;
  endedAt: number;
  kills: number;
  peakRssMb: number[];
  timedOut: boolean;
}

/**
 * Runs `WORKERS` processes until `settled()` reports nothing left, killing a
 * random one with SIGKILL every few seconds and starting it again.
 */
async function runFleet(options: {
  label: string;
  command: string[];
  env: Record<string, string>;
  logPrefix: string;
  settled: () => Promise<number>;
  budgetSeconds?: number;
}): Promise<FleetResult> {
  const startedAt = Date.now();
  const peak = Array.from({ length: WORKERS }, () => 0);
  const slots: ChildProcess[] = [];
  let kills = 0;

  const launch = (slot: number) => {
    const log = openSync(`${options.logPrefix}-${slot}.log`, 'a');
    const child = spawn(process.execPath, options.command, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    slots[slot] = child;
  };
  const sample = () => {
    for (const [slot, child] of slots.entries()) {
      peak[slot] = Math.max(peak[slot]!, peakRssMb(child.pid));
    }
  };

  for (let slot = 0; slot < WORKERS; slot++) launch(slot);

  let nextKill = Date.now() + between(KILL_EVERY_MS);
  let timedOut = false;
  for (;;) {
    await sleep(500);
    sample();

    if (Date.now() >= nextKill) {
      const slot = Math.floor(Math.random() * WORKERS);
      slots[slot]!.kill('SIGKILL');
      kills++;
      launch(slot);
      nextKill = Date.now() + between(KILL_EVERY_MS);
    }

    const left = await options.settled();
    const elapsed = (Date.now() - startedAt) / 1000;
    if (Math.round(elapsed * 2) % 20 === 0) {
      process.stdout.write(
        `  ${options.label}: ${elapsed.toFixed(0)} s, ${left} left, ${kills} kills\n`,
      );
    }
    if (left === 0 && elapsed > LEAD_S + DUE_WITHIN_S / 2) break;
    if (elapsed > (options.budgetSeconds ?? BUDGET_S)) {
      timedOut = true;
      break;
    }
  }

  const endedAt = Date.now();
  sample();
  await Promise.all(
    slots.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );

  return { startedAt, endedAt, kills, peakRssMb: peak, timedOut };
}

async function countUnsettled(db: Db, ids: string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from posts
    where id = any(${sql.val(ids)}::uuid[]) and status in ('scheduled', 'publishing')`.execute(db);
  return rows[0]!.n;
}

interface Report {
  posts: number;
  published: number;
  duplicates: number;
  lost: number;
  lostDetail: string;
  needsReview: number;
  failed: number;
  lateness: [number, number, number] | null;
  throughput: number;
  fleet: FleetResult;
}

async function reportOurs(
  db: Db,
  emulator: GraphEmulator,
  ids: string[],
  fleet: FleetResult,
): Promise<Report> {
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'caption', 'status', 'scheduled_at', 'published_at'])
    .where('id', 'in', ids)
    .execute();
  const targets = await db
    .selectFrom('post_targets')
    .select(['post_id', 'platform', 'status', 'remote_id'])
    .where('post_id', 'in', ids)
    .execute();

  const captions = new Set(posts.map((p) => p.caption));
  const live = emulator.state.published.filter((r) => captions.has(r.text));
  const liveIds = new Set(live.map((r) => r.remoteId));
  const liveKeys = new Set(live.map((r) => `${r.platform}|${r.text}`));
  const captionOf = new Map(posts.map((p) => [p.id, p.caption]));

  const unsettled = posts.filter((p) => p.status === 'scheduled' || p.status === 'publishing');
  const phantom = targets.filter(
    (t) =>
      t.status === 'published' &&
      (t.remote_id
        ? !liveIds.has(t.remote_id)
        : !liveKeys.has(`${t.platform}|${captionOf.get(t.post_id)}`)),
  );
  const published = posts.filter((p) => p.status === 'published');
  const reviews = await db
    .selectFrom('posts')
    .select([
      sql<string>`regexp_replace(review_reason, 'since [^ ]+', 'since <time>')`.as('review_reason'),
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .where('id', 'in', ids)
    .where('status', '=', 'needs_review')
    .groupBy(sql`1`)
    .execute();
  const failures = await db
    .selectFrom('posts')
    .select(['last_error', (eb) => eb.fn.countAll<number>().as('count')])
    .where('id', 'in', ids)
    .where('status', '=', 'failed')
    .groupBy('last_error')
    .execute();
  for (const failure of failures) {
    console.log(`  failed ×${failure.count}: ${failure.last_error?.slice(0, 140)}`);
  }
  for (const review of reviews) {
    console.log(`  needs_review ×${review.count}: ${review.review_reason?.slice(0, 110)}`);
  }

  return {
    posts: posts.length,
    published: published.length,
    duplicates: live.length - liveKeys.size,
    lost: unsettled.length + phantom.length,
    lostDetail: `${unsettled.length} unsettled, ${phantom.length} marked published but not live`,
    needsReview: posts.filter((p) => p.status === 'needs_review').length,
    failed: posts.filter((p) => p.status === 'failed').length,
    lateness: percentiles(
      published.map((p) => (p.published_at!.getTime() - p.scheduled_at!.getTime()) / 1000),
    ),
    throughput: published.length / ((lastTime(published) - fleet.startedAt) / 1000),
    fleet,
  };
}

async function reportSeed(
  db: Db,
  emulator: GraphEmulator,
  posts: number,
  fleet: FleetResult,
): Promise<Report & { stuckLocked: number }> {
  const { rows } = await sql<{
    caption: string;
    status: string;
    publishing_lock: boolean;
    scheduled_at: Date;
    published_at: Date | null;
  }>`select caption, status, publishing_lock, scheduled_at, published_at
     from ${sql.table(seedPatternTable)}`.execute(db);

  const captions = new Set(rows.map((r) => r.caption));
  const live = emulator.state.published.filter((r) => captions.has(r.text));
  const liveKeys = new Set(live.map((r) => `${r.platform}|${r.text}`));
  const published = rows.filter((r) => r.status === 'published');
  const stuckLocked = rows.filter((r) => r.status === 'scheduled' && r.publishing_lock).length;
  const unsettled = rows.filter((r) => r.status === 'scheduled').length;
  const failedButLive = rows.filter(
    (r) =>
      r.status === 'failed' &&
      (liveKeys.has(`facebook|${r.caption}`) || liveKeys.has(`instagram|${r.caption}`)),
  ).length;

  return {
    posts,
    published: published.length,
    duplicates: live.length - liveKeys.size,
    lost: unsettled,
    lostDetail: `${stuckLocked} locked forever by a killed runner, ${unsettled - stuckLocked} never picked up; ${failedButLive} marked failed although live`,
    needsReview: 0,
    failed: rows.filter((r) => r.status === 'failed').length,
    lateness: percentiles(
      published.map((r) => (r.published_at!.getTime() - r.scheduled_at.getTime()) / 1000),
    ),
    throughput: published.length / ((lastTime(published) - fleet.startedAt) / 1000),
    fleet,
    stuckLocked,
  };
}

function printReports(ours: Report, seed: Report, emulator: GraphEmulator): void {
  const fmt = (r: Report, key: string): string => {
    switch (key) {
      case 'posts':
        return String(r.posts);
      case 'published':
        return String(r.published);
      case 'duplicates':
        return String(r.duplicates);
      case 'lost':
        return String(r.lost);
      case 'needs_review':
        return String(r.needsReview);
      case 'failed':
        return String(r.failed);
      case 'lateness':
        return r.lateness ? r.lateness.map((s) => `${s.toFixed(1)} s`).join(' / ') : '-';
      case 'throughput':
        return `${r.throughput.toFixed(1)} posts/s`;
      case 'kills':
        return `${r.fleet.kills}${r.fleet.timedOut ? ' (budget ran out)' : ''}`;
      case 'peak':
        return r.fleet.peakRssMb.map((mb) => `${mb.toFixed(0)}`).join(', ') + ' MB';
      default:
        return '';
    }
  };
  const rows: Array<[string, string]> = [
    ['posts', 'posts'],
    ['published', 'published'],
    ['duplicates (emulator)', 'duplicates'],
    ['lost', 'lost'],
    ['needs_review', 'needs_review'],
    ['failed', 'failed'],
    ['lateness p50/p95/p99', 'lateness'],
    ['throughput', 'throughput'],
    ['SIGKILLs', 'kills'],
    ['peak RSS per worker', 'peak'],
  ];

  console.log('\n                        ours                          seed pattern');
  for (const [label, key] of rows) {
    console.log(`${label.padEnd(24)}${fmt(ours, key).padEnd(30)}${fmt(seed, key)}`);
  }
  console.log(`\nours lost: ${ours.lostDetail}`);
  console.log(`seed lost: ${seed.lostDetail}`);
  console.log(`faults fired: ${JSON.stringify(emulator.faults.fired)}`);
  console.log(
    `emulator + bench process peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

function percentiles(values: number[]): [number, number, number] | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return [at(0.5), at(0.95), at(0.99)];
}

function lastTime(rows: Array<{ published_at: Date | null }>): number {
  return Math.max(...rows.map((r) => r.published_at?.getTime() ?? 0));
}

function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

async function serve(emulator: GraphEmulator): Promise<{ url: string; server: Server }> {
  const web = express();
  web.use(emulator.router);
  const server = await new Promise<Server>((resolve) => {
    const listening = web.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function between([min, max]: [number, number]): number {
  return min + Math.random() * (max - min);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
