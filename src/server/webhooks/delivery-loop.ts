import { Cron } from 'croner';
import type { TokenCipher } from '../crypto/token-cipher';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { claimDueDeliveries, type ClaimedDelivery } from './claim-due-deliveries';
import { recordDeliveryResult, type RetryPolicy } from './record-delivery-result';
import { sendDelivery } from './send-delivery';
import { secretContext } from './webhooks';

export interface DeliveryLoopOptions {
  db: Db;
  log: Logger;
  cipher: TokenCipher;
  /** Cron pattern of the tick, e.g. every 2 seconds: `*∕2 * * * * *`. */
  tick: string;
  batch: number;
  timeoutMs: number;
  /** Refuse endpoints that resolve to private, loopback or link-local addresses. */
  blockPrivate: boolean;
  retry: RetryPolicy;
}

export interface DeliveryLoop {
  /** Looks for due deliveries now (coalesces with a tick already running). */
  kick(): void;
  /** Stops claiming and waits for the deliveries being sent. */
  stop(): Promise<void>;
  lastTickAt(): Date | null;
}

/**
 * The webhook sender: each tick claims a batch of due deliveries and sends
 * them in parallel, then records each result. A tick that claimed a full
 * batch runs again at once. It only schedules; claims, backoff and fencing
 * live in the SQL files next to it.
 *
 * @example
 *   const loop = startDeliveryLoop({ db, log, cipher, tick: '*∕2 * * * * *', batch: 10, ... });
 *   await loop.stop();
 */
export function startDeliveryLoop(options: DeliveryLoopOptions): DeliveryLoop {
  const log = options.log.child({ component: 'webhooks' });
  // The lease outlasts the send timeout, so a live worker always records before anyone retries.
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 30;

  let running: Promise<void> | null = null;
  let again = false;
  let closing = false;
  let lastTickAt: Date | null = null;

  const deliver = async (delivery: ClaimedDelivery) => {
    const scoped = log.child({ deliveryId: delivery.id, attempt: delivery.attempt });
    let result;
    try {
      const secret = options.cipher.decrypt(
        delivery.sealedSecret,
        secretContext(delivery.webhookId),
      );
      result = await sendDelivery(
        { ...delivery, secret },
        { timeoutMs: options.timeoutMs, blockPrivate: options.blockPrivate },
      );
    } catch (error) {
      result = { ok: false as const, status: null, error: (error as Error).message };
    }

    const outcome = await recordDeliveryResult(
      options.db,
      delivery.id,
      delivery.attempt,
      result,
      options.retry,
    );
    if (outcome === 'failed')
      scoped.warn({ error: result.ok ? null : result.error }, 'webhook delivery gave up');
    else if (outcome === 'retry')
      scoped.debug({ status: result.status }, 'webhook delivery will retry');
  };

  const tick = async () => {
    const deliveries = await claimDueDeliveries(options.db, {
      limit: options.batch,
      leaseSeconds,
    });
    await Promise.all(deliveries.map(deliver));
    lastTickAt = new Date();
    if (deliveries.length === options.batch) again = true;
  };

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
          log.warn({ err: error }, 'webhook tick failed; retrying on the next tick');
        });
      } while (again && !closing);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const cron = new Cron(options.tick, { protect: true, catch: true }, run);
  void run();

  return {
    kick: () => void run(),
    lastTickAt: () => lastTickAt,
    stop: async () => {
      closing = true;
      cron.stop();
      await running;
    },
  };
}
