/*
 * Claiming webhook deliveries
 * ===========================
 *
 * `webhook_deliveries` is an outbox: rows are written in the same transaction
 * as the state change they announce, and any worker process sends them later.
 * Each tick a worker claims a few due rows with ONE statement that
 *
 *   - selects due `pending` rows with `FOR UPDATE SKIP LOCKED`, so concurrent
 *     workers step past each other's rows instead of sending them twice or
 *     queueing behind them;
 *   - counts the attempt (`attempts + 1`), which fences the result write: a
 *     worker only records the outcome of the attempt it made;
 *   - pushes `next_attempt_at` past the send timeout. That is the lease: if
 *     the process dies mid-send, the row simply becomes due again and another
 *     worker sends it. Nothing needs a sweep.
 *
 * What it guarantees: every committed delivery is sent at least once, until
 * the receiver answers 2xx or the attempts run out. Receivers may see a
 * delivery twice (a crash after their 2xx, before we recorded it); the
 * `Postpilot-Delivery` header carries the row id so they can drop repeats.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  workspaceId: string;
  event: string;
  payload: Record<string, unknown>;
  attempt: number;
  createdAt: Date;
  url: string;
  sealedSecret: string;
}

interface ClaimedRow {
  id: string;
  webhook_id: string;
  workspace_id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
}

/**
 * @example
 *   const deliveries = await claimDueDeliveries(db, { limit: 10, leaseSeconds: 40 });
 */
export async function claimDueDeliveries(
  db: Db,
  options: { limit: number; leaseSeconds: number },
): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedRow>`
    update webhook_deliveries d
    set attempts = d.attempts + 1,
        next_attempt_at = now() + make_interval(secs => ${options.leaseSeconds}),
        updated_at = now()
    from (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at
      limit ${options.limit}
      for update skip locked
    ) due, webhooks w
    where d.id = due.id and w.id = d.webhook_id
    returning d.id, d.webhook_id, d.workspace_id, d.event, d.payload, d.attempts, d.created_at,
      w.url, w.secret
  `.execute(db);

  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    workspaceId: row.workspace_id,
    event: row.event,
    payload: row.payload,
    attempt: row.attempts,
    createdAt: row.created_at,
    url: row.url,
    sealedSecret: row.secret,
  }));
}
