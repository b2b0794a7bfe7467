import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import type { AppRouter } from '../server/routers';

export type { AppRouter };
export { TRPCClientError } from '@trpc/client';

export interface PostpilotClientOptions {
  /** The Postpilot server, e.g. `https://postpilot.example.com`. */
  url: string;
  /** An API token from Settings → API tokens (`pp_…`). */
  token: string;
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: typeof fetch;
}

export type PostpilotClient = TRPCClient<AppRouter>;

/**
 * A typed client for every Postpilot procedure, authenticated with an API
 * token. Queries and mutations go over HTTP (batched when issued together);
 * subscriptions stream over server-sent events. Dates travel as dates.
 *
 * @example
 *   const postpilot = createPostpilotClient({ url: 'http://localhost:3000', token: 'pp_…' });
 *   const brands = await postpilot.brands.list.query({ workspaceId });
 *   postpilot.ai.draftStream.subscribe({ brandId, brief, platform: 'instagram' }, {
 *     onData: (event) => console.log(event),
 *   });
 */
export function createPostpilotClient(options: PostpilotClientOptions): PostpilotClient {
  const endpoint = `${options.url.replace(/\/+$/, '')}/trpc`;
  const authorization = `Bearer ${options.token}`;
  const baseFetch = options.fetch ?? fetch;

  // Browsers' EventSource cannot send headers; this one takes a fetch, which can.
  const streamFetch: typeof fetch = (input, init) =>
    baseFetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), authorization },
    });

  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: endpoint,
          transformer: superjson,
          EventSource,
          eventSourceOptions: { fetch: streamFetch },
        }),
        false: httpBatchLink({
          url: endpoint,
          transformer: superjson,
          fetch: baseFetch,
          headers: { authorization },
        }),
      }),
    ],
  });
}
