// `npm run bench:posts`: the calendar and the post list under load, over HTTP
// through the whole stack (session, access check, tRPC, Kysely) and, for
// comparison, the very same SQL sent straight through `pg`. With 200,000 posts
// across 200 brands it prints p50/p99 latency, requests per second, the ratio
// stack/bare, and EXPLAIN (ANALYZE, BUFFERS) of both queries.
//
// Each query runs twice: saturated (every connection sends its next request as
// soon as the last one is answered, so latency is queueing: connections ÷
// throughput) and paced at BENCH_RATE requests per second over the same
// connections, where latency is what one request costs under a steady load.
// A paced latency counts from when the request was due, not when it was sent
// (no coordinated omission), for both the stack and the bare query.
//
// Between the two sits the floor of the frameworks: Express 5 and tRPC 11 with
// superjson serving the very same answers from memory, with no database,
// session or logging. Last, our own floor: `auth.me` signed out, which reads
// nothing but passes every middleware of the app.
//
// The app and the floor each run as their own process, the app as deployed
// (`src/server/main.ts`, role web, logging at info); the load comes from worker
// threads of this one. Beside latency it prints the CPU the answering process
// spent per request (for the bare query: this process, the `pg` client), which
// the machine's noise moves far less than latency.
//
// DATABASE_URL names the database to fill (an empty one, or one an earlier run
// filled, which is then reused as it is); without it a fresh one is created on
// postgres://postgres@127.0.0.1:5432 and dropped afterwards.
// BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50) and BENCH_RATE
// (default 200) tune the runs.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/types';
import type { Db } from '../src/server/db/database';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { listPosts } from '../src/server/posts/list-posts';
import { listCalendar } from '../src/server/posts/post-calendar';
import { adminQuery } from '../tests/support/local-resources';
import { spawnServer, testEnv, type ServerProcess } from '../tests/support/server';
import { spawnFrameworkFloor } from './bench/framework-floor';
import { pacedHttp } from './bench/paced-http';
import { processCpuMs } from './bench/process-cpu';
import { figures, pacedLoad, saturatedLoad, type Figures } from './bench/paced-load';

const POSTS = 200_000;
const BRANDS = 200;
const BRANDS_PER_WORKSPACE = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 200);

const target = await prepareDatabase();
console.log(`database: ${target.label}`);

try {
  await run(target.url);
} finally {
  await target.dispose();
}

async function run(databaseUrl: string) {
  const { db, pool } = openDatabase(databaseUrl, 4);
  await migrateToLatest(db);

  // NODE_ENV test: production would mark the session cookie Secure, and this is plain HTTP.
  const server = await spawnServer(
    testEnv(databaseUrl, {
      ROLE: 'web',
      SESSION_SECRET: randomBytes(24).toString('hex'),
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    }),
  );
  console.log(`server: ${server.url} (process ${server.child.pid}, role web, default pool)`);
  let floorServer: ServerProcess | undefined;

  try {
    const { cookie, userId, workspaceId, existing } = await signIn(server.url);
    const brandId = existing
      ? await firstBrand(db, workspaceId)
      : await seed(db, userId, workspaceId);

    const month = nextMonth();
    const calendarInput = { brandId, from: month.from, to: month.to };
    const listInput = { brandId, limit: 50 };

    const calendarSql = await captureSql((capture) =>
      listCalendar(capture, { workspaceId, brandId }, month),
    );
    const listSql = await captureSql((capture) =>
      listPosts(capture, workspaceId, brandId, listInput),
    );

    const rows = await pool.query(calendarSql.sql, [...calendarSql.parameters]);
    console.log(
      `\ncalendar: brand ${brandId}, ${month.from.toISOString().slice(0, 7)}, ${rows.rowCount} posts`,
    );

    floorServer = await spawnFrameworkFloor({
      calendar: await listCalendar(db, { workspaceId, brandId }, month),
      list: await listPosts(db, workspaceId, brandId, listInput),
    });
    const servers = { stack: server, frameworks: floorServer };

    const results = [
      ...(await compare(
        'posts.calendar (one brand-month)',
        servers,
        cookie,
        calendarInput,
        calendarSql,
        databaseUrl,
      )),
      ...(await compare(
        'posts.list (first page of 50)',
        servers,
        cookie,
        listInput,
        listSql,
        databaseUrl,
      )),
      ...(await floor(server)),
    ];

    const load = os.loadavg().map((value) => value.toFixed(1));
    console.log(
      `\nsummary (target: p99 < 30 ms, stack/bare < 2×; paced at ${RATE} req/s over ${CONNECTIONS} connections); ${os.cpus().length} CPUs, load average ${load.join(' ')}`,
    );
    console.table(results);

    await explain(pool, 'posts.calendar', calendarSql);
    await explain(pool, 'posts.list', listSql);
  } finally {
    await Promise.all([stop(server), floorServer && stop(floorServer)]);
    await db.destroy();
  }
}

async function stop(running: ServerProcess) {
  running.child.kill('SIGTERM');
  await running.exited;
}

/** Fills the database: 20 workspaces × 10 brands × 1,000 posts, two targets each. */
async function seed(db: Db, userId: string, workspaceId: string): Promise<string> {
  const started = performance.now();

  await sql`insert into workspaces (name)
    select 'Bench workspace ' || w from generate_series(2, ${BRANDS / BRANDS_PER_WORKSPACE}) w`.execute(
    db,
  );

  await sql`insert into brands (workspace_id, name, slug, timezone, language)
    select w.id, 'Brand ' || w.rn || '-' || b, 'brand-' || w.rn || '-' || b, 'Europe/Budapest', 'en'
    from (select id, row_number() over (order by id <> ${workspaceId}, id) as rn from workspaces) w
    cross join generate_series(1, ${BRANDS_PER_WORKSPACE}) b`.execute(db);

  // Each brand gets 1,000 posts over two years around now: past ones published,
  // future ones scheduled, every tenth a draft without a time.
  await sql`insert into posts (workspace_id, brand_id, author_id, caption, media, targets,
      status, scheduled_at, published_at, created_at, updated_at)
    select b.workspace_id, b.id, ${userId},
      'Post ' || s.n || ' ' || md5(s.n::text) || E'\nMore about it #bench #post' || (s.n % 50),
      jsonb_build_array(jsonb_build_object('url', 'https://cdn.example.com/' || s.n || '.jpg', 'alt', '')),
      '{facebook,instagram}',
      case when s.draft then 'draft' when s.at < now() then 'published' else 'scheduled' end,
      case when s.draft then null else s.at end,
      case when not s.draft and s.at < now() then s.at end,
      s.at - interval '3 days', s.at - interval '3 days'
    from (
      select n, n % ${BRANDS} + 1 as brand_no, (n / ${BRANDS}) % 10 = 0 as draft,
        now() - interval '365 days' + (n / ${BRANDS}) * interval '730 days' / ${POSTS / BRANDS}
          + random() * interval '12 hours' as at
      from generate_series(0, ${POSTS - 1}) n
    ) s
    join (select id, workspace_id, row_number() over (order by workspace_id <> ${workspaceId}, id) as brand_no
          from brands) b using (brand_no)`.execute(db);

  await sql`insert into post_targets (post_id, platform, workspace_id, status, published_at)
    select p.id, t.platform, p.workspace_id,
      case when p.status = 'published' then 'published' else 'pending' end, p.published_at
    from posts p cross join unnest(p.targets) as t(platform)`.execute(db);

  await sql`analyze`.execute(db);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seeded ${POSTS.toLocaleString('en')} posts across ${BRANDS} brands in ${seconds} s`);
  return firstBrand(db, workspaceId);
}

async function firstBrand(db: Db, workspaceId: string): Promise<string> {
  const brand = await db
    .selectFrom('brands')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return brand.id;
}

async function compare(
  name: string,
  servers: { stack: ServerProcess; frameworks: ServerProcess },
  cookie: string,
  input: Record<string, unknown>,
  query: CompiledQuery,
  databaseUrl: string,
) {
  const procedure = name.split(' ')[0]!;
  console.log(`\n${name}`);

  const rows = [];
  for (const rate of [undefined, RATE]) {
    const mode = rate === undefined ? 'saturated' : `${rate} req/s`;
    const stack = await loadHttp(servers.stack, procedure, input, cookie, rate);
    const frameworks = await loadHttp(servers.frameworks, procedure, input, '', rate);
    const bare = await loadBare(databaseUrl, query, rate);
    console.log(`  ${mode.padEnd(10)} stack (HTTP):      ${format(stack)}`);
    console.log(`  ${''.padEnd(10)} frameworks (HTTP): ${format(frameworks)}`);
    console.log(`  ${''.padEnd(10)} bare (pg):         ${format(bare)}`);

    for (const [layer, figures] of [
      ['stack', stack],
      ['frameworks only', frameworks],
      ['bare pg', bare],
    ] as const) {
      rows.push({
        query: procedure,
        load: mode,
        layer,
        'p50 ms': round(figures.p50),
        'p99 ms': round(figures.p99),
        'req/s': Math.round(figures.rps),
        'p50 / bare': round(figures.p50 / bare.p50),
        'p99 / bare': round(figures.p99 / bare.p99),
        'CPU ms/req': figures.cpu === undefined ? '' : round(figures.cpu),
      });
    }
  }
  return rows;
}

/** The floor of the stack: HTTP, session middleware and tRPC around a procedure that reads nothing. */
async function floor(server: ServerProcess) {
  const rows = [];
  for (const rate of [undefined, RATE]) {
    const figures = await loadHttp(server, 'auth.me', undefined, '', rate);
    rows.push({
      query: 'auth.me',
      load: rate === undefined ? 'saturated' : `${rate} req/s`,
      layer: 'stack, signed out, no query',
      'p50 ms': round(figures.p50),
      'p99 ms': round(figures.p99),
      'req/s': Math.round(figures.rps),
      'CPU ms/req': figures.cpu === undefined ? '' : round(figures.cpu),
    });
  }
  return rows;
}

/** Figures with the CPU the measured process spent per request, where it could be read. */
type Measured = Figures & { cpu?: number };

function format(f: Measured): string {
  const cpu = f.cpu === undefined ? '' : `, CPU ${f.cpu.toFixed(2)} ms/req`;
  return `p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, ${Math.round(f.rps)} req/s${cpu}`;
}

/** CPU per request of `pid` over `run`, which resolves with the figures and its request count. */
async function withCpu(
  pid: number | undefined,
  run: () => Promise<{ figures: Figures; requests: number }>,
): Promise<Measured> {
  const before = pid === undefined ? undefined : processCpuMs(pid);
  const { figures, requests } = await run();
  const after = pid === undefined ? undefined : processCpuMs(pid);

  if (before === undefined || after === undefined || requests === 0) return figures;
  return { ...figures, cpu: (after - before) / requests };
}

/**
 * The procedure over HTTP from a worker thread, so the load does not share the
 * server's loop: saturated with autocannon, or paced at `rate` per second.
 */
async function loadHttp(
  server: ServerProcess,
  procedure: string,
  input: Record<string, unknown> | undefined,
  cookie: string,
  rate?: number,
): Promise<Measured> {
  const query = input ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : '';
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const target = `${server.url}/trpc/${procedure}${query}`;
  const probe = await fetch(target, { headers });
  if (!probe.ok) throw new Error(`${procedure} answered ${probe.status}: ${await probe.text()}`);

  return withCpu(server.child.pid, async () => {
    if (rate !== undefined) {
      const paced = await pacedHttp({
        url: target,
        headers,
        connections: CONNECTIONS,
        rate,
        seconds: SECONDS,
      });
      if (paced.failures > 0) throw new Error(`${procedure}: ${paced.failures} non-2xx answers`);
      return { figures: figures(paced.samples, SECONDS), requests: paced.samples.length };
    }

    const result = await autocannon({
      url: target,
      headers,
      connections: CONNECTIONS,
      duration: SECONDS,
      workers: 1,
    });

    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${procedure}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    }
    const { latency, requests } = result;
    return {
      figures: { p50: latency.p50, p99: latency.p99, rps: requests.average },
      requests: requests.total,
    };
  });
}

/**
 * The same SQL through `pg`: one client per connection, sending it back to
 * back, or paced as `pacedHttp` paces the stack.
 */
async function loadBare(
  databaseUrl: string,
  query: CompiledQuery,
  rate?: number,
): Promise<Measured> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const parameters = [...query.parameters];
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => pool.connect()));
  const send = async (loop: number) => void (await clients[loop]!.query(query.sql, parameters));

  const measured = await withCpu(process.pid, async () => {
    const samples =
      rate === undefined
        ? await saturatedLoad({ connections: CONNECTIONS, seconds: SECONDS, send })
        : await pacedLoad({ connections: CONNECTIONS, rate, seconds: SECONDS, send });
    return { figures: figures(samples, SECONDS), requests: samples.length };
  });

  clients.forEach((client) => client.release());
  await pool.end();
  return measured;
}

async function explain(pool: pg.Pool, name: string, query: CompiledQuery) {
  const plan = await pool.query(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]);
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}`);
  for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
}

/** The SQL and parameters a domain function sends, captured from its first query. */
async function captureSql(call: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  const capture = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });

  await call(capture);
  await capture.destroy();
  return captured[0]!;
}

/**
 * Signs up over the API, as a person would, keeping the session cookie. On a
 * database a previous run already filled (DATABASE_URL), signs in instead.
 */
async function signIn(url: string) {
  const credentials = { email: 'bench@example.com', password: 'benchmark password' };
  const post = (procedure: string, body: unknown) =>
    fetch(`${url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: body }),
    });

  let response = await post('auth.signUp', { ...credentials, name: 'Bench' });
  const existing = response.status === 409;
  if (existing) response = await post('auth.signIn', credentials);
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;

  const me = await fetch(`${url}/trpc/auth.me`, { headers: { cookie } });
  const body = (await me.json()) as {
    result: { data: { json: { user: { id: string }; workspaces: { id: string }[] } } };
  };
  const data = body.result.data.json;
  return { cookie, existing, userId: data.user.id, workspaceId: data.workspaces[0]!.id };
}

function nextMonth() {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
  return { from, to };
}

async function prepareDatabase() {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    return { url, label: `${redact(url)} (from DATABASE_URL)`, dispose: async () => {} };
  }

  const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `pp_bench_posts_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    label: `${url.toString()} (created for this run, dropped after)`,
    dispose: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
