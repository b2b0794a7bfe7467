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

/**
 * LISTENs on one channel over a dedicated connection (a pooled one would lose
 * the LISTEN when handed back), reconnecting with backoff when it drops.
 */
export function listenToChannel(
  url: string,
  channel: string,
  handlers: ChannelHandlers,
  log: Logger,
): ChannelListener {
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retryMs = RETRY_MS.first;
  let retryTimer: NodeJS.Timeout | undefined;

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
    discard(which);
    handlers.onReset();
    if (closed) return;

    log.warn({ err: error, channel }, `LISTEN ${channel}: connection lost; reconnecting`);
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MS.max);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, application_name: 'postpilot-listen' });
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
  };

  void connect();

  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
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
