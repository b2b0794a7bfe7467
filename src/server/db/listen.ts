import pg from 'pg';
import type { Logger } from '../logger';

export interface ChannelHandlers {
  /** A NOTIFY on the channel, with its payload. */
  onNotify(payload: string): void;
  /**
   * The connection was lost or (re)established: notifications sent meanwhile
   * may be missed, so whatever they keep fresh must be thrown away.
   */
  onReset(): void;
}

export interface ChannelListener {
  /** True while LISTEN is in place; notifications can be relied on only then. */
  readonly listening: boolean;
  close(): Promise<void>;
}

const RETRY_MS = { first: 500, max: 15_000 };

export interface HeartbeatOptions {
  /** How often the connection is asked to answer. */
  everyMs: number;
  /** How long an answer may take before the connection counts as lost. */
  timeoutMs: number;
}

/**
 * A connection can die without a word: a server host that vanishes, a NAT or
 * firewall that forgets the flow. No error arrives, and neither do the
 * notifications. So the connection is asked `select 1` now and then; one that
 * does not answer in time is treated as lost, which bounds how long a cache
 * can trust a silent channel to `everyMs + timeoutMs`.
 */
const HEARTBEAT: HeartbeatOptions = { everyMs: 10_000, timeoutMs: 5_000 };

/**
 * LISTENs on one channel over a dedicated connection (a pooled one would lose
 * the LISTEN when handed back), reconnecting with backoff when it drops.
 */
export function listenToChannel(
  url: string,
  channel: string,
  handlers: ChannelHandlers,
  log: Logger,
  heartbeat: HeartbeatOptions = HEARTBEAT,
): ChannelListener {
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retryMs = RETRY_MS.first;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;

  const discard = (which: pg.Client) => {
    which.removeAllListeners();
    which.on('error', () => {});
    void which.end().catch(() => {});
  };

  /** Gives up on `which` (once, however many ways it fails) and tries again later. */
  const drop = (which: pg.Client, error?: unknown) => {
    if (client !== which) return;
    client = undefined;
    listening = false;
    clearTimeout(heartbeatTimer);
    discard(which);
    handlers.onReset();
    if (closed) return;

    log.warn({ err: error, channel }, `LISTEN ${channel}: connection lost; reconnecting`);
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MS.max);
  };

  /** Asks `which` to answer (within the client's query timeout), then again after the interval. */
  const beat = (which: pg.Client) => {
    heartbeatTimer = setTimeout(async () => {
      try {
        await which.query('select 1');
      } catch (error) {
        return drop(which, error);
      }
      if (client === which) beat(which);
    }, heartbeat.everyMs);
    heartbeatTimer.unref();
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString: url,
      application_name: 'postpilot-listen',
      // Its only queries are LISTEN and the heartbeat: one that stays unanswered this long means
      // the connection is gone (pg then fails the query, and `drop` follows).
      query_timeout: heartbeat.timeoutMs,
      // The operating system also probes the socket, so one given up on is closed in the end.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client = next;
    next.on('error', (error) => drop(next, error));
    next.on('end', () => drop(next));
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '');
    });

    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      drop(next, error);
      return;
    }

    if (client !== next) return;
    listening = true;
    retryMs = RETRY_MS.first;
    handlers.onReset();
    beat(next);
  };

  void connect();

  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(heartbeatTimer);
      listening = false;
      const last = client;
      client = undefined;
      if (!last) return;
      last.removeAllListeners();
      last.on('error', () => {});
      await last.end().catch(() => {});
    },
  };
}
