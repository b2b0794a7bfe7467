/**
 * Claim throughput: Postpilot's one-statement claim against pg-boss's fetch,
 * on the same PostgreSQL, the same number of due items, the same number of
 * concurrent claimers and the same batch size. Prints posts/s for each and
 * their ratio (median of the rounds).
 *
 *   npm run bench:claim            # uses BENCH_DATABASE_URL or the local server
 *   BENCH_ITEMS=20000 BENCH_CLAIMERS=8 BENCH_BATCH=20 npm run bench:claim
 */
import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { claimDuePosts } from '../src/server/publishing/claim-due-posts';
import { insertBrand, insertDuePosts } from '../tests/support/publishing-fixtures';
import { adminQuery, withDatabase } from '../tests/support/local-resources';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const items = Number(process.env.BENCH_ITEMS ?? 20_000);
const claimers = Number(process.env.BENCH_CLAIMERS ?? 8);
const batch = Number(process.env.BENCH_BATCH ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

async function benchOurClaim(url: string, db: Db): Promise<number> {
  const brand = await insertBrand(db);
  await insertDuePosts(db, brand, items, { dueSecondsAgo: 5 });
  await sql`analyze`.execute(db);

  const handles = Array.from({ length: claimers }, () => openDatabase(url, 1));
  const started = performance.now();
  const counts = await Promise.all(
    handles.map(async (handle, index) => {
      let claimed = 0;
      for (;;) {
        const posts = await claimDuePosts(handle.db, {
          workerId: `bench-${index}`,
          limit: batch,
          leaseSeconds: 60,
        });
        if (posts.length === 0) return claimed;
        claimed += posts.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(handles.map((h) => h.db.destroy()));

  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== items) throw new Error(`claimed ${total} of ${items}`);
  await db.deleteFrom('posts').execute();
  return total / seconds;
}

async function benchPgBoss(url: string): Promise<number> {
  const boss = new PgBoss({
    connectionString: url,
    max: claimers + 2,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => {});
  await boss.start();
  const queue = `bench_${randomBytes(3).toString('hex')}`;
  await boss.createQueue(queue);

  for (let offset = 0; offset < items; offset += 5_000) {
    const size = Math.min(5_000, items - offset);
    await boss.insert(
      Array.from({ length: size }, (_, i) => ({ name: queue, data: { n: offset + i } })),
    );
  }

  await boss.getDb().executeSql('analyze', []);

  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: claimers }, async () => {
      let fetched = 0;
      for (;;) {
        const jobs = await boss.fetch(queue, { batchSize: batch });
        if (jobs.length === 0) return fetched;
        fetched += jobs.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const total = counts.reduce((a, b) => a + b, 0);
  await boss.stop({ graceful: false, wait: true });
  if (total !== items) throw new Error(`pg-boss fetched ${total} of ${items}`);
  return total / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const name = `pp_bench_claim_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const { db } = openDatabase(url, 2);

  try {
    await migrateToLatest(db);
    const ours: number[] = [];
    const boss: number[] = [];

    for (let round = 1; round <= rounds; round++) {
      ours.push(await benchOurClaim(url, db));
      boss.push(await benchPgBoss(url));
      console.log(
        `round ${round}: claim statement ${ours.at(-1)!.toFixed(0)} posts/s, pg-boss fetch ${boss.at(-1)!.toFixed(0)} jobs/s`,
      );
    }

    const a = median(ours);
    const b = median(boss);
    console.log(
      `\n${items} due items, ${claimers} concurrent claimers, batch ${batch}, median of ${rounds} rounds`,
    );
    console.log(`claim statement : ${a.toFixed(0)} posts/s`);
    console.log(`pg-boss fetch   : ${b.toFixed(0)} jobs/s`);
    console.log(`ratio           : ${(a / b).toFixed(2)}× (ours / pg-boss)`);
  } finally {
    await db.destroy();
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
}

await main();
