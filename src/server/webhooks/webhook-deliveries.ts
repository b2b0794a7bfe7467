import type { WebhookDeliveryStatus } from '../../../db/types';
import type { Db } from '../db/database';
import { found } from '../errors/app-error';

export interface DeliveryView {
  id: string;
  webhookId: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  payload: Record<string, unknown>;
}

const columns = [
  'id',
  'webhook_id',
  'event',
  'status',
  'attempts',
  'next_attempt_at',
  'last_status',
  'last_error',
  'delivered_at',
  'created_at',
  'payload',
] as const;

/** The newest deliveries of a webhook in the workspace, for its delivery log. */
export async function listDeliveries(
  db: Db,
  input: { workspaceId: string; webhookId: string; limit: number },
): Promise<DeliveryView[]> {
  found(
    await db
      .selectFrom('webhooks')
      .select('id')
      .where('id', '=', input.webhookId)
      .where('workspace_id', '=', input.workspaceId)
      .executeTakeFirst(),
    'Webhook',
  );

  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(columns)
    .where('webhook_id', '=', input.webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .execute();

  return rows.map((row) => ({
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    payload: row.payload,
  }));
}

/**
 * "Send again": queues the delivery to go out at once with the same id and
 * body, so a receiver that already handled it can recognise the repeat. A
 * finished delivery gets a fresh set of attempts.
 */
export async function redeliverDelivery(
  db: Db,
  input: { workspaceId: string; deliveryId: string },
): Promise<void> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: 'pending',
      attempts: eb.case().when('status', '=', 'pending').then(eb.ref('attempts')).else(0).end(),
      next_attempt_at: new Date(),
      delivered_at: null,
      updated_at: new Date(),
    }))
    .where('id', '=', input.deliveryId)
    .where('workspace_id', '=', input.workspaceId)
    .returning('id')
    .executeTakeFirst();

  found(row, 'Delivery');
}
