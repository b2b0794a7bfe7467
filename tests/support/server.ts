import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';
import { startPostpilot, type RunningServer, type StartOptions } from '../../src/server/start';
import { cleanUp, tempDir } from './clean-up';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Environment every test server shares: quiet logs, a private data dir. */
export function testEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: tempDir('postpilot-test-data-'),
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    ...extra,
  };
}

/** Starts the app in this process on a free port; stopped after the file. */
export async function startTestServer(
  databaseUrl: string,
  extra: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = parseConfig(testEnv(databaseUrl, extra));
  const running = await startPostpilot(config, createLogger(config), options);
  cleanUp(() => running.stop());
  return running;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `src/server/main.ts` as its own process, resolving once it logs that it is ready.
 * Rejects with the process's output if it exits first.
 */
export function spawnServer(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);

    const onData = () => {
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*ready/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, url: match[1]!, output: () => output, exited });
    };

    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Runs the server entry expecting it to fail; resolves with exit code and output. */
export function runServerToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
