import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger';
import { listenToChannel, type ChannelListener } from './listen';

/**
 * The channel the triggers of migration 0012 notify at commit, with a payload
 * `<kind>:<key>` (`m:<userId>:<workspaceId>` for a membership, `s:<sid>` for a
 * session, `b:<brandId>` for a brand or its brain) or `*` when a whole table
 * was truncated.
 */
const CHANGE_CHANNEL = 'postpilot_changes';

/**
 * A per-process cache of rows that can change in any process. An entry is
 * dropped when its row's change is notified; while the notification channel
 * is down nothing is read from or kept in it, and everything is dropped when
 * the channel comes back.
 *
 * A value read from the database is kept only if no change arrived while it
 * was being read (`epoch`), so a slow read cannot bring back a row that
 * changed meanwhile.
 */
export class NotifiedCache<V extends NonNullable<unknown>> {
  readonly #entries: LRUCache<string, V>;
  readonly #live: () => boolean;
  #epoch = 0;

  constructor(options: { max: number; ttlMs: number; live: () => boolean }) {
    this.#entries = new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs });
    this.#live = options.live;
  }

  get(key: string): V | undefined {
    return this.#live() ? this.#entries.get(key) : undefined;
  }

  /** Call before reading the row that `remember` will keep. */
  epoch(): number {
    return this.#epoch;
  }

  remember(epoch: number, key: string, value: V): void {
    if (this.#live() && epoch === this.#epoch) this.#entries.set(key, value);
  }

  /** Drops one entry, or all with `*`. Also what this process calls after its own writes. */
  forget(key: string): void {
    this.#epoch += 1;
    if (key === '*') this.#entries.clear();
    else this.#entries.delete(key);
  }
}

export interface ChangeFeed {
  /** A cache whose entries are dropped by notifications of `kind`. */
  cache<V extends NonNullable<unknown>>(
    kind: string,
    options: { max: number; ttlMs: number },
  ): NotifiedCache<V>;
  close(): Promise<void>;
}

/** LISTENs on `CHANGE_CHANNEL` and routes each notification to its cache. */
export function startChangeFeed(url: string, log: Logger): ChangeFeed {
  const caches = new Map<string, { forget(key: string): void }>();
  const forgetAll = () => caches.forEach((cache) => cache.forget('*'));

  const listener: ChannelListener = listenToChannel(
    url,
    CHANGE_CHANNEL,
    {
      onNotify: (payload) => {
        if (payload === '*') return forgetAll();
        const colon = payload.indexOf(':');
        caches.get(payload.slice(0, colon))?.forget(payload.slice(colon + 1));
      },
      onReset: forgetAll,
    },
    log,
  );

  return {
    cache<V extends NonNullable<unknown>>(kind: string, options: { max: number; ttlMs: number }) {
      const cache = new NotifiedCache<V>({ ...options, live: () => listener.listening });
      caches.set(kind, cache);
      return cache;
    },
    close: () => listener.close(),
  };
}
