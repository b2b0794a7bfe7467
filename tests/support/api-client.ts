import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import type { AppRouter } from '../../src/server/routers';

/** Holds the session cookie the way a browser would. */
export class CookieJar {
  cookie: string | undefined;

  capture(response: Response): void {
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
  }
}

/**
 * A typed client over real HTTP that keeps its session cookie.
 *
 * @example
 *   const jar = new CookieJar();
 *   const api = createApiClient(server.url, jar);
 *   await api.auth.signIn.mutate({ email, password });
 */
export function createApiClient(
  url: string,
  jar = new CookieJar(),
  headers: Record<string, string> = {},
) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => ({ ...headers, ...(jar.cookie ? { cookie: jar.cookie } : {}) }),
        fetch: async (input, init) => {
          const response = await fetch(input, init as RequestInit);
          jar.capture(response);
          return response;
        },
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * Like `createApiClient`, with subscriptions over server-sent events, as the
 * browser client does them (Node 20 has no EventSource of its own).
 */
export function createStreamingApiClient(url: string, jar: CookieJar) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) =>
              fetch(input, {
                ...init,
                headers: { ...init?.headers, ...(jar.cookie ? { cookie: jar.cookie } : {}) },
              }),
          }),
        }),
        false: httpLink({
          url: `${url}/trpc`,
          transformer: superjson,
          headers: () => (jar.cookie ? { cookie: jar.cookie } : {}),
        }),
      }),
    ],
  });
}

/** Runs `call` and returns the tRPC error it throws (fails if it does not throw). */
export async function errorOf(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

let counter = 0;

/** Signs up a new user with a unique email; returns the client signed in as them. */
export async function signUpUser(url: string, name = 'Test User') {
  const jar = new CookieJar();
  const api = createApiClient(url, jar);
  const email = `user${Date.now()}${counter++}@example.com`;
  const password = 'correct horse battery';
  const user = await api.auth.signUp.mutate({ email, name, password });
  const me = await api.auth.me.query();
  return { api, jar, user, email, password, workspaceId: me!.workspaces[0]!.id };
}
