import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import { getCurrentTest } from 'vitest/suite';

/**
 * Runs `fn` when the current test ends, or after the file when called outside
 * a test. Vitest silently drops an `afterAll` registered inside a running
 * test, so helpers that a test may call register their teardown here.
 *
 * @example
 *   const running = await startPostpilot(config, log);
 *   cleanUp(() => running.stop());
 */
export function cleanUp(fn: () => unknown): void {
  const run = async () => {
    await fn();
  };
  if (getCurrentTest()) onTestFinished(run);
  else afterAll(run);
}

/**
 * A new folder under the OS temp dir, removed by `cleanUp`. `mode` widens it
 * (`mkdtemp` makes 700), e.g. 0o755 so a server running as another user can enter.
 *
 * @example
 *   const dataDir = tempDir('postpilot-seed-');
 */
export function tempDir(prefix: string, mode?: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (mode !== undefined) chmodSync(dir, mode);
  cleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
