import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/auth/session';
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
} from '../../src/server/auth/sign-in-throttle';
import { CookieJar, createApiClient, errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url, { TRUST_PROXY: 'loopback' });

let address = 0;
/** A client that appears to come from its own IP address (through the trusted proxy). */
const fromNewAddress = (jar = new CookieJar()) =>
  createApiClient(server.url, jar, { 'x-forwarded-for': `203.0.113.${++address}` });

describe('accounts and sessions', () => {
  it('signs up with a normalised email and an argon2id hash, and opens an owned workspace', async () => {
    const api = createApiClient(server.url);
    const user = await api.auth.signUp.mutate({
      email: '  Ada@Example.COM ',
      name: 'Ada',
      password: 'long enough pw',
    });

    expect(user.email).toBe('ada@example.com');

    const row = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    const me = await api.auth.me.query();
    expect(me?.workspaces).toEqual([expect.objectContaining({ role: 'owner' })]);
  });

  it('refuses a second account with the same email however it is written', async () => {
    const { email } = await signUpUser(server.url);
    const error = await errorOf(
      createApiClient(server.url).auth.signUp.mutate({
        email: email.toUpperCase(),
        name: 'B',
        password: 'another password',
      }),
    );
    expect(error.data?.code).toBe('CONFLICT');
  });

  it('refuses a short password with a field error', async () => {
    const error = await errorOf(
      createApiClient(server.url).auth.signUp.mutate({
        email: 'short@example.com',
        name: 'S',
        password: 'short',
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors?.password?.[0]).toMatch(/at least 10/);
  });

  it('changes the session id at sign-in', async () => {
    const { email, password } = await signUpUser(server.url);
    const jar = new CookieJar();
    const api = createApiClient(server.url, jar);

    // An anonymous session id planted before sign-in must not survive it.
    jar.cookie = `${SESSION_COOKIE}=s%3Aplanted.invalid`;
    await api.auth.signIn.mutate({ email, password });
    const first = jar.cookie;
    await api.auth.signIn.mutate({ email, password });

    expect(first).not.toContain('planted');
    expect(jar.cookie).not.toBe(first);
    expect(await api.auth.me.query()).not.toBeNull();
  });

  it('rejects the old cookie after sign-out and deletes the session row', async () => {
    const { api, jar } = await signUpUser(server.url);
    const oldCookie = jar.cookie!;
    const sessionsBefore = await database.db.selectFrom('sessions').select('sid').execute();

    await api.auth.signOut.mutate();

    const replay = createApiClient(
      server.url,
      Object.assign(new CookieJar(), { cookie: oldCookie }),
    );
    expect(await replay.auth.me.query()).toBeNull();
    const sessionsAfter = await database.db.selectFrom('sessions').select('sid').execute();
    expect(sessionsAfter.length).toBe(sessionsBefore.length - 1);
  });

  it('answers unknown email and wrong password identically', async () => {
    const { email } = await signUpUser(server.url);
    const api = fromNewAddress();

    const unknown = await errorOf(
      api.auth.signIn.mutate({ email: 'nobody@example.com', password: 'wrong password' }),
    );
    const wrong = await errorOf(api.auth.signIn.mutate({ email, password: 'wrong password' }));

    expect(unknown.message).toBe(wrong.message);
    expect(unknown.data?.code).toBe(wrong.data?.code);
    expect(unknown.data?.httpStatus).toBe(wrong.data?.httpStatus);
    expect(wrong.data?.httpStatus).toBe(401);
  });

  it('throttles repeated failures for an account and says when to try again', async () => {
    const { email, password } = await signUpUser(server.url);
    const api = fromNewAddress();

    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const error = await errorOf(
        api.auth.signIn.mutate({ email, password: `wrong password ${i}` }),
      );
      expect(error.data?.code).toBe('UNAUTHORIZED');
    }

    const blocked = await errorOf(api.auth.signIn.mutate({ email, password }));
    expect(blocked.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.message).toMatch(/Try again in 1[45] minutes/);
    expect(blocked.data?.retryAfterSeconds).toBeGreaterThan(800);

    const elsewhere = await errorOf(fromNewAddress().auth.signIn.mutate({ email, password }));
    expect(elsewhere.data?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('throttles one address that guesses across many accounts', async () => {
    const { email, password } = await signUpUser(server.url);
    const api = fromNewAddress();

    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await errorOf(
        api.auth.signIn.mutate({ email: `guess${i}@example.com`, password: 'wrong password' }),
      );
    }

    const blocked = await errorOf(api.auth.signIn.mutate({ email, password }));
    expect(blocked.data?.code).toBe('TOO_MANY_REQUESTS');
    await expect(fromNewAddress().auth.signIn.mutate({ email, password })).resolves.toMatchObject({
      email,
    });
  });

  it('refuses a cookie-authenticated mutation sent as text/plain or form data, changing nothing', async () => {
    const { jar, workspaceId, api } = await signUpUser(server.url);

    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await fetch(`${server.url}/trpc/workspaces.rename`, {
        method: 'POST',
        headers: { cookie: jar.cookie!, 'content-type': contentType },
        body: JSON.stringify({ json: { workspaceId, name: 'Hijacked' } }),
      });
      expect(response.status).toBe(415);
    }

    const signOut = await fetch(`${server.url}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { cookie: jar.cookie!, 'content-type': 'text/plain' },
    });
    expect(signOut.status).toBe(415);

    const me = await api.auth.me.query();
    expect(me?.workspaces[0]?.name).not.toBe('Hijacked');
  });

  it('answers 413 with a clear message for a body over 1 MB', async () => {
    const response = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'a@b.co', password: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/larger than 1 MB/);
  });

  it('hides internals of unexpected errors and names the request id', async () => {
    const response = await fetch(`${server.url}/trpc/auth.me`, {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });
});
