import { sql } from 'kysely';
import type { Db } from '../db/database';

export type DeliveryResult =
  { ok: true; status: number } | { ok: false; status: number | null; error: string };

export interface RetryPolicy {
  maxAttempts: number;
  baseSeconds: number;
  capSeconds: number;
}

/**
 * Records how attempt `attempt` of a delivery ended, fenced by that attempt:
 * a worker whose claim was taken over (it outlived its lease) writes nothing.
 *
 * A failure schedules the next attempt with capped exponential backoff,
 * computed in SQL: the ceiling doubles per attempt (base, 2·base, … up to the
 * cap) and the delay is drawn between half the ceiling and the ceiling, so
 * deliveries that failed together (a receiver outage) do not all return
 * together. After `maxAttempts` the delivery is marked `failed`; "send
 * again" can still revive it.
 *
 * @example
 *   await recordDeliveryResult(db, delivery.id, 1, { ok: false, status: 500, error: '…' }, policy);
 */
export async function recordDeliveryResult(
  db: Db,
  deliveryId: string,
  attempt: number,
  result: DeliveryResult,
  policy: RetryPolicy,
): Promise<'delivered' | 'retry' | 'failed' | 'lost'> {
  if (result.ok) {
    const { rows } = await sql<{ id: string }>`
      update webhook_deliveries
      set status = 'delivered', delivered_at = now(), last_status = ${result.status},
          last_error = null, updated_at = now()
      where id = ${deliveryId} and attempts = ${attempt} and status = 'pending'
      returning id
    `.execute(db);
    return rows.length === 1 ? 'delivered' : 'lost';
  }

  const { rows } = await sql<{ status: 'pending' | 'failed' }>`
    update webhook_deliveries
    set status = case when attempts >= ${policy.maxAttempts} then 'failed' else 'pending' end,
        next_attempt_at = now() + make_interval(secs =>
          least(${policy.capSeconds}::float8, ${policy.baseSeconds}::float8 * power(2, attempts - 1))
          * (0.5 + random() / 2)),
        last_status = ${result.status},
        last_error = ${result.error.slice(0, 500)},
        updated_at = now()
    where id = ${deliveryId} and attempts = ${attempt} and status = 'pending'
    returning status
  `.execute(db);

  const row = rows[0];
  if (!row) return 'lost';
  return row.status === 'failed' ? 'failed' : 'retry';
}
