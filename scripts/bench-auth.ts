// `npm run bench:auth`: sign-in latency over HTTP against a started server.
// argon2id (m=19456 KiB, t=2, p=1) dominates; this prints p50 and p99.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig } from '../src/server/config';
import { createLogger } from '../src/server/logger';
import { startPostpilot } from '../src/server/start';

const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `pp_bench_auth_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${database}`);

const url = new URL(adminUrl);
url.pathname = `/${database}`;
const config = parseConfig({
  ...process.env,
  DATABASE_URL: url.toString(),
  PORT: '0',
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'x'.repeat(40),
  ROLE: 'web',
});
const server = await startPostpilot(config, createLogger(config));

const call = (procedure: string, body: unknown) =>
  fetch(`${server.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: body }),
  });

const credentials = { email: 'bench@example.com', password: 'benchmark password' };
await call('auth.signUp', { ...credentials, name: 'Bench' });

const samples: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  const response = await call('auth.signIn', credentials);
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  samples.push(performance.now() - started);
}

samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.floor(q * (samples.length - 1))]!.toFixed(1);
console.log(`sign-in over HTTP, 200 sequential requests: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);

await server.stop();
await admin.query(`drop database ${database} with (force)`);
await admin.end();
