import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { Claim } from './claim-due-posts';
import { renewLease } from './renew-lease';

/** Thrown when a fenced write finds the post no longer held: stop, write nothing more. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
  constructor() {
    super('the lease on this post was lost; another worker may hold it now');
  }
}

/**
 * Keeps the lease alive while a post is worked on (Instagram processing can
 * take minutes), renewing it every third of its length. Once a renewal finds
 * the post no longer held, `lost` turns true and stays so.
 *
 * @example
 *   const lease = holdLease(db, log, claim, 120);
 *   try { ... if (lease.lost) return; ... } finally { lease.release(); }
 */
export function holdLease(db: Db, log: Logger, claim: Claim, leaseSeconds: number) {
  const state = { lost: false, released: false };

  const timer = setInterval(
    () => {
      renewLease(db, claim, leaseSeconds).then(
        (held) => {
          if (!held && !state.lost && !state.released) {
            state.lost = true;
            log.warn('lease lost while publishing; stopping work on this post');
          }
        },
        (error: Error) => log.warn({ err: error }, 'could not renew the lease; will try again'),
      );
    },
    (leaseSeconds * 1000) / 3,
  );
  timer.unref();

  return {
    get lost() {
      return state.lost;
    },
    release() {
      state.released = true;
      clearInterval(timer);
    },
  };
}
