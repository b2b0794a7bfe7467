import session from 'express-session';
import type { NotifiedCache } from '../db/change-feed';

type Callback = (error?: unknown) => void;

/**
 * A session store with a per-process cache in front of reads, so most
 * requests need no query to learn who is calling. Writes and deletions go to
 * the store, and this process drops its copy before and after; other
 * processes drop theirs when the `sessions` trigger notifies them.
 *
 * There is no `touch`: the cookie expires a fixed time after sign-in, so
 * express-session has nothing to extend on a request that changed nothing.
 */
export class CachedSessionStore extends session.Store {
  constructor(
    private readonly store: session.Store,
    private readonly cache: NotifiedCache<string>,
  ) {
    super();
  }

  override get(
    sid: string,
    callback: (error: unknown, data?: session.SessionData | null) => void,
  ): void {
    const hit = this.cache.get(sid);
    if (hit !== undefined) {
      // A copy each time: express-session changes the object it is given.
      const data = JSON.parse(hit) as session.SessionData;
      if (!expired(data)) return callback(null, data);
      this.cache.forget(sid);
    }

    const epoch = this.cache.epoch();
    this.store.get(sid, (error, data) => {
      if (!error && data && !expired(data)) this.cache.remember(epoch, sid, JSON.stringify(data));
      callback(error, data);
    });
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.cache.forget(sid);
    this.store.set(sid, data, (error) => {
      this.cache.forget(sid);
      callback?.(error);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.cache.forget(sid);
    this.store.destroy(sid, (error) => {
      this.cache.forget(sid);
      callback?.(error);
    });
  }
}

function expired(data: session.SessionData): boolean {
  const expires = data.cookie?.expires;
  return expires !== undefined && expires !== null && new Date(expires).getTime() <= Date.now();
}
