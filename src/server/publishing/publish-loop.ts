import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Cron } from 'croner';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { claimDuePosts, type ClaimedPost } from './claim-due-posts';
import { sweepExpiredLeases } from './sweep-expired-leases';

export interface PublishLoopOptions {
  db: Db;
  log: Logger;
  /** Cron pattern of the tick, e.g. every 5 seconds: `*∕5 * * * * *`. */
  tick: string;
  batch: number;
  concurrency: number;
  leaseSeconds: number;
  /** Attempts a post may spend; past them an expired lease sends it to review. */
  maxAttempts: number;
  /** How long `stop()` waits for in-flight posts before asking them to give up. */
  stopSeconds: number;
  /** Publishes one claimed post; `stopping` aborts between steps. Must not throw for a post. */
  publish: (post: ClaimedPost, stopping: AbortSignal) => Promise<void>;
  workerId?: string;
}

export type PublishLoopStatus = {
  ok: boolean;
  workerId: string;
  lastTickAt: string | null;
  lastError: { message: string; at: string } | null;
  inFlight: number;
  /** Posts due for more than a minute that nobody has claimed. */
  overdue: number;
};

export interface PublishLoop {
  workerId: string;
  /** Looks for due posts now (coalesces with a tick already running). */
  kick(): void;
  /** Stops claiming, lets in-flight posts finish (bounded), releases what did not start. */
  stop(): Promise<void>;
  status(): Promise<PublishLoopStatus>;
}

/** A tick that has not succeeded for this long makes the worker unready. */
const STALE_AFTER_MS = 60_000;

/**
 * The publish worker: on every tick it returns expired leases, then claims
 * as many due posts as it has free slots and publishes them, at most
 * `concurrency` at a time. It only schedules work; the rules live in
 * `publish-post.ts` and the SQL in the files next to it.
 *
 * @example
 *   const loop = startPublishLoop({ db, log, tick: '*∕5 * * * * *', ..., publish });
 *   services.kickPublisher = loop.kick;
 *   await loop.stop();
 */
export function startPublishLoop(options: PublishLoopOptions): PublishLoop {
  const { db, concurrency } = options;
  const workerId =
    options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = options.log.child({ workerId });
  const startedAt = Date.now();
  const inFlight = new Map<string, Promise<void>>();
  const stopping = new AbortController();

  let lastTickAt: Date | null = null;
  let lastError: { message: string; at: Date } | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let backlog = false;
  let closing: Promise<void> | null = null;

  const tick = async () => {
    const swept = await sweepExpiredLeases(db, { maxAttempts: options.maxAttempts });
    if (swept.length > 0)
      log.warn({ posts: swept.map((s) => s.postId) }, 'returned expired leases');

    const free = concurrency - inFlight.size;
    const posts = await claimDuePosts(db, {
      workerId,
      limit: Math.min(options.batch, free),
      leaseSeconds: options.leaseSeconds,
    });
    backlog = free > 0 && posts.length === Math.min(options.batch, free);

    for (const post of posts) start(post);
    lastTickAt = new Date();
  };

  const start = (post: ClaimedPost) => {
    const work = options
      .publish(post, stopping.signal)
      .catch((error: Error) => {
        lastError = { message: error.message, at: new Date() };
        log.error({ err: error, postId: post.postId, attempt: post.attempt }, 'publishing failed');
      })
      .finally(() => {
        inFlight.delete(post.postId);
        if (backlog) kick();
      });
    inFlight.set(post.postId, work);
  };

  // Ticks and kicks share one runner: a kick during a tick runs one more tick after it.
  const run = (): Promise<void> => {
    if (closing) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }

    running = (async () => {
      do {
        again = false;
        await tick().catch((error: Error) => {
          lastError = { message: error.message, at: new Date() };
          log.warn({ err: error }, 'publish tick failed; retrying on the next tick');
        });
      } while (again && !closing);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const kick = () => void run();
  const cron = new Cron(options.tick, { protect: true, catch: true }, run);
  kick();

  const stop = () => (closing ??= close());

  const close = async () => {
    cron.stop();
    await running;

    const finished = Promise.allSettled([...inFlight.values()]);
    const waited = await Promise.race([
      finished.then(() => true),
      sleep(options.stopSeconds * 1000).then(() => false),
    ]);

    // In-flight posts see the signal between steps: they release their claim if nothing was sent yet,
    // or hand the rest back for a retry. A post stuck in a Graph call is left to its lease.
    stopping.abort();
    if (!waited) {
      log.warn({ inFlight: inFlight.size }, 'stopping: asking in-flight posts to give up');
      await Promise.race([finished, sleep(10_000)]);
    }
    log.info({ left: inFlight.size }, 'publish worker stopped');
  };

  const status = async (): Promise<PublishLoopStatus> => {
    const { rows } = await sql<{ overdue: number }>`
      select count(*)::int as overdue from posts
      where status = 'scheduled' and deleted_at is null
        and greatest(scheduled_at, coalesce(retry_at, scheduled_at)) < now() - interval '1 minute'
    `.execute(db);

    const fresh =
      (lastTickAt?.getTime() ?? startedAt) > Date.now() - STALE_AFTER_MS &&
      !stopping.signal.aborted;
    return {
      ok: fresh,
      workerId,
      lastTickAt: lastTickAt?.toISOString() ?? null,
      lastError: lastError && { message: lastError.message, at: lastError.at.toISOString() },
      inFlight: inFlight.size,
      overdue: rows[0]?.overdue ?? 0,
    };
  };

  return { workerId, kick, stop, status };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
