// `npm run bench:startup`: how long `npm start` takes to answer /readyz with
// the embedded PostgreSQL, first on an empty data directory (initdb runs),
// then on the same directory again. Prints the median of a few runs of each.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.RUNS ?? 3);

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(port + 1),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
    detached: true, // its own process group, so npm's children stop with it
  });

  try {
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error('not ready after 120 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await waitUntilClosed(port);
  }
}

async function waitUntilClosed(port: number): Promise<void> {
  while (
    await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    )
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fresh: number[] = [];
const again: number[] = [];

for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postpilot-bench-start-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as its own user
  const port = 41_000 + run * 10;
  fresh.push(await timeStart(dataDir, port));
  again.push(await timeStart(dataDir, port));
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`npm start → /readyz, embedded PostgreSQL, ${RUNS} runs each`);
console.log(
  `  fresh data dir (initdb + migrations): median ${Math.round(median(fresh))} ms  [${fresh.map(Math.round).join(', ')}]`,
);
console.log(
  `  second start (reused data dir):       median ${Math.round(median(again))} ms  [${again.map(Math.round).join(', ')}]`,
);
