import { sql } from 'kysely';
import type { WebhookEvent } from '../../common/developer-api';
import type { Db } from '../db/database';

/**
 * Queues `event` for every webhook of the workspace that listens to it: one
 * `webhook_deliveries` row each, written with the caller's handle.
 *
 * Pass the transaction that makes the state change (the outbox pattern):
 * the delivery rows commit or roll back together with it, so an event is
 * never announced for a change that did not happen, and never lost when the
 * process dies after the change. The delivery loop sends the rows later.
 *
 * @example
 *   await db.transaction().execute(async (trx) => {
 *     await markSomething(trx);
 *     await enqueueWebhookEvent(trx, { workspaceId, event: 'post.published', payload: { post } });
 *   });
 */
export async function enqueueWebhookEvent(
  trx: Db,
  input: { workspaceId: string; event: WebhookEvent; payload: Record<string, unknown> },
): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    insert into webhook_deliveries (webhook_id, workspace_id, event, payload)
    select id, workspace_id, ${input.event}, ${JSON.stringify(input.payload)}::jsonb
    from webhooks
    where workspace_id = ${input.workspaceId} and ${input.event} = any(events)
    returning id
  `.execute(trx);

  return rows.length;
}
