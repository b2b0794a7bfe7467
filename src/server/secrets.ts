import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads a development secret from `<dataDir>/secrets/<name>`, generating it on
 * first use. Production sets its secrets in the environment instead.
 */
export function readOrCreateSecret(
  dataDir: string,
  name: string,
  bytes = 32,
): { value: string; created: boolean } {
  const file = path.resolve(dataDir, 'secrets', name);

  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };

  // The data dir stays traversable (the embedded PostgreSQL runs as its own user
  // below it); only the secrets folder is private.
  mkdirSync(path.resolve(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
  return { value, created: true };
}
