import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { closedFoldersAbove } from '../../src/server/db/embedded-postgres';
import { CookieJar, createApiClient } from '../support/api-client';
import { cleanUp, tempDir } from '../support/clean-up';
import { createTestDatabase } from '../support/database';
import { adminQuery, freePort, withDatabase } from '../support/local-resources';
import { runServerToExit, spawnServer, testEnv } from '../support/server';

const database = await createTestDatabase();

describe('the server process', { timeout: 60_000 }, () => {
  it('keeps a session across a restart of the server process', async () => {
    const env = testEnv(database.url);
    const first = await spawnServer(env);

    const jar = new CookieJar();
    const api = createApiClient(first.url, jar);
    await api.auth.signUp.mutate({
      email: 'restart@example.com',
      name: 'Re Start',
      password: 'survives restarts',
    });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnServer(env);
    try {
      const me = await createApiClient(second.url, jar).auth.me.query();
      expect(me?.user.email).toBe('restart@example.com');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('starts with no DATABASE_URL and no data dir: the embedded PostgreSQL is made, then reused', async () => {
    const root = tempDir('postpilot-fresh-', 0o755);
    // As after a fresh clone: no database, no secrets, no data dir yet.
    const { SESSION_SECRET: _none, ...base } = testEnv('');
    const env = {
      ...base,
      DATA_DIR: path.join(root, 'checkout', '.data'),
      EMBEDDED_PG_PORT: String(await freePort()),
    };

    const first = await spawnServer(env, 90_000);
    const jar = new CookieJar();
    try {
      await createApiClient(first.url, jar).auth.signUp.mutate({
        email: 'fresh@example.com',
        name: 'Fresh Start',
        password: 'a fresh machine',
      });
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);

    const second = await spawnServer(env, 90_000);
    try {
      const me = await createApiClient(second.url, jar).auth.me.query();
      expect(me?.user.email).toBe('fresh@example.com');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 180_000);

  it('starts two processes migrating one empty database at once', async () => {
    const fresh = await createEmptyDatabase();
    const [a, b] = await Promise.all([spawnServer(testEnv(fresh)), spawnServer(testEnv(fresh))]);

    try {
      for (const server of [a, b]) {
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(200);
      }
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });

  it('fails with a message naming DATABASE_URL when it is malformed or unreachable', async () => {
    const malformed = await runServerToExit(testEnv('mysql://nope'));
    expect(malformed.code).toBe(1);
    expect(malformed.output).toMatch(/DATABASE_URL: expected a URL such as postgres:\/\//);

    const unreachable = await runServerToExit(testEnv('postgres://nobody@127.0.0.1:1/none'));
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/DATABASE_URL: cannot connect to 127\.0\.0\.1:1\/none/);
  });

  it('names the folder to open when, as root, the embedded PostgreSQL could not enter DATA_DIR', async () => {
    const closed = tempDir('postpilot-closed-'); // mkdtemp makes it 700
    expect(closedFoldersAbove(path.join(closed, 'data', 'postgres'))).toEqual([closed]);
    expect(closedFoldersAbove(path.join(os.tmpdir(), 'postpilot-open', 'postgres'))).toEqual([]);
    if (process.getuid?.() !== 0) return; // Only root hands the server to another user.

    const { SESSION_SECRET: _none, ...base } = testEnv('');
    const result = await runServerToExit({
      ...base,
      DATA_DIR: path.join(closed, 'data'),
      EMBEDDED_PG_PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`who may not enter ${closed}`);
    expect(result.output).toContain(`chmod o+x ${closed}`);
  });

  it('fails with a message naming PORT when it is not a port', async () => {
    const result = await runServerToExit({ ...testEnv(database.url), PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.output.trim().split('\n')).toHaveLength(1);
    expect(result.output).toMatch(/PORT: expected a whole number from 0 to 65535 \(got "eighty"\)/);
  });

  it('refuses to start in production without SESSION_SECRET', async () => {
    const env = { ...testEnv(database.url), NODE_ENV: 'production', SESSION_SECRET: '' };
    const result = await runServerToExit(env);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/SESSION_SECRET: required in production/);
  });

  it('answers /readyz with 503 and the reason when migrations are pending', async () => {
    const server = await spawnServer(testEnv(database.url));
    try {
      await database.db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', '0004-ai-generations' as never)
        .execute();
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        checks: { database: { ok: false, reason: 'migrations pending' } },
      });
    } finally {
      await database.db
        .insertInto('kysely_migration' as never)
        .values({ name: '0004-ai-generations', timestamp: new Date().toISOString() } as never)
        .execute();
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

async function createEmptyDatabase(): Promise<string> {
  const name = `pp_empty_${Date.now()}`;
  await adminQuery(inject('adminUrl'), `create database ${name}`);
  cleanUp(() => adminQuery(inject('adminUrl'), `drop database if exists ${name} with (force)`));
  return withDatabase(inject('adminUrl'), name);
}
