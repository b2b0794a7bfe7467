/**
 * What Postpilot adds to an AI draft's latency, measured end to end.
 *
 * Starts the app in this process against the fake OpenAI server (fixed time to
 * first token and chunk cadence), signs up a user with a brand, then runs
 * REQUESTS draft streams over the SSE subscription, CONCURRENCY at a time, as
 * the browser does. For each it takes the client's time to the first streamed
 * text and to `done`, and subtracts what the fake itself spent on the same
 * request (its own first-token time and total time, measured in the fake), so
 * what remains is our overhead: sessions, access checks, the brand load, the
 * SDK, JSON streaming, SSE, rule checks and the generation record.
 *
 *   npm run bench:ai
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ai
 *
 * Without BENCH_DATABASE_URL (or TEST_DATABASE_URL) it uses the embedded PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/server/config';
import { createLogger } from '../src/server/logger';
import { startPostpilot } from '../src/server/start';
import { startFakeOpenAi } from '../tests/fakes/openai/fake-openai';
import { draftsReply } from '../tests/fakes/openai/scripted-server';
import { insertBrand, collectDraftStream } from '../tests/integration/ai-support';
import { createStreamingApiClient, signUpUser } from '../tests/support/api-client';
import { adminQuery, freePort } from '../tests/support/local-resources';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const WARMUP = 10;
const FAKE_FIRST_TOKEN_MS = 50;
const FAKE_CHUNK_MS = 5;
// 24 characters: the first chunk reaches into the first variant's text, so the
// fake's first token is also the first text a person could see.
const FAKE_CHUNK_CHARACTERS = 24;
const TARGET_P50_MS = 20;

interface Sample {
  /** From the client's request to the fake receiving the provider call. */
  toProvider: number;
  ttftOverhead: number;
  fullOverhead: number;
  ttft: number;
  full: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postpilot-bench-ai-'));
  const database = await prepareDatabase();
  const openai = await startFakeOpenAi();

  const variant =
    'Nyáron is friss pörkölésű kávéval várunk a belvárosban. Próbáld ki az új hideg főzésű kávénkat, ' +
    'és mondd el, mit gondolsz róla! Hétfőtől péntekig reggel hét órától nyitva.';
  openai.script.reset(
    draftsReply([variant, variant], {
      firstTokenMs: FAKE_FIRST_TOKEN_MS,
      chunkMs: FAKE_CHUNK_MS,
      chunkChars: FAKE_CHUNK_CHARACTERS,
    }),
  );

  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    EMBEDDED_PG_PORT: String(await freePort()),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseUrl,
    AI_TIMEOUT_MS: '30000',
  });
  const app = await startPostpilot(config, createLogger(config));

  try {
    const user = await signUpUser(app.url);
    const brandId = await insertBrand(app.services.db, user.workspaceId, {
      identity: { description: 'Belvárosi kávézó, saját pörköléssel.' },
      style: { emoji: 'sparingly' },
    });
    const client = createStreamingApiClient(app.url, user.jar);

    let next = 0;
    const run = async (count: number, samples: Sample[]) => {
      while (next < count) {
        const id = next++;
        samples.push(await measureOne(client, brandId, id, openai.script.requests));
      }
    };

    await Promise.all(Array.from({ length: CONCURRENCY }, () => run(WARMUP, [])));
    next = 0;
    openai.script.requests.length = 0;

    const samples: Sample[] = [];
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: CONCURRENCY }, () => run(REQUESTS, samples)));
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - started) / 1000;

    report(samples, seconds, (cpu.user + cpu.system) / 1000 / samples.length);
  } finally {
    await app.stop();
    await openai.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureOne(
  client: ReturnType<typeof createStreamingApiClient>,
  brandId: string,
  id: number,
  requests: {
    body: any;
    timings: { receivedAt: number; firstTokenAt?: number; finishedAt?: number };
  }[],
): Promise<Sample> {
  const marker = `bench-${id}-${randomBytes(4).toString('hex')}`;
  const started = performance.now();

  const { events, error, firstEventAt } = await collectDraftStream(client, {
    brandId,
    brief: `Nyári hideg kávé bevezetése (${marker})`,
    platform: 'facebook',
    variants: 2,
  });
  const finished = performance.now();

  if (error) throw new Error(`draft ${id} failed: ${error.message}`);
  const done = events.at(-1);
  if (done?.type !== 'done' || done.drafts.some((draft: any) => draft.warnings.length > 0)) {
    throw new Error(`draft ${id} did not finish cleanly`);
  }

  const request = requests.find((candidate) =>
    String(candidate.body?.messages?.[1]?.content ?? '').includes(marker),
  );
  const timings = request?.timings;
  if (!timings?.firstTokenAt || !timings.finishedAt || firstEventAt === undefined) {
    throw new Error(`draft ${id}: the fake has no timings for it`);
  }

  const ttft = firstEventAt - started;
  const full = finished - started;
  return {
    toProvider: timings.receivedAt - started,
    ttft,
    full,
    ttftOverhead: ttft - (timings.firstTokenAt - timings.receivedAt),
    fullOverhead: full - (timings.finishedAt - timings.receivedAt),
  };
}

function report(samples: Sample[], seconds: number, cpuMsPerDraft: number): void {
  const line = (label: string, values: number[]) =>
    `  ${label.padEnd(34)} p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(values, 99).toFixed(1).padStart(7)} ms`;
  const ttftOverheadP50 = percentile(
    samples.map((sample) => sample.ttftOverhead),
    50,
  );

  console.log(
    `bench:ai — ${samples.length} draft streams over SSE, ${CONCURRENCY} concurrent, ` +
      `fake OpenAI: first token after ${FAKE_FIRST_TOKEN_MS} ms, ${FAKE_CHUNK_CHARACTERS}-character chunks every ${FAKE_CHUNK_MS} ms`,
  );
  console.log(
    line(
      'time to first token (client)',
      samples.map((s) => s.ttft),
    ),
  );
  console.log(
    line(
      'full draft (client)',
      samples.map((s) => s.full),
    ),
  );
  console.log(
    line(
      'of which before the provider call',
      samples.map((s) => s.toProvider),
    ),
  );
  console.log(
    line(
      'overhead: time to first token',
      samples.map((s) => s.ttftOverhead),
    ),
  );
  console.log(
    line(
      'overhead: full draft',
      samples.map((s) => s.fullOverhead),
    ),
  );
  console.log(`  CPU per draft (app, fake and client together) ${cpuMsPerDraft.toFixed(1)} ms`);
  console.log(
    `  throughput                         ${(samples.length / seconds).toFixed(1)} drafts/s`,
  );
  console.log(
    `  target: first-token overhead p50 < ${TARGET_P50_MS} ms — ${ttftOverheadP50 < TARGET_P50_MS ? 'met' : 'NOT met'}`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** A throwaway database on the given server, or none (the app then embeds PostgreSQL). */
async function prepareDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) return { drop: async () => {} };

  const name = `pp_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

main().catch((error: Error) => {
  console.error(`bench:ai failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
