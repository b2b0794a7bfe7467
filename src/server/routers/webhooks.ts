import { z } from 'zod';
import type { MemberRole } from '../../../db/types';
import { webhookEventsSchema, webhookUrlSchema } from '../../common/developer-api';
import { resolveWorkspaceAccess } from '../access/resolve-access';
import type { Db } from '../db/database';
import { found } from '../errors/app-error';
import { authedProcedure, router, workspaceProcedure } from '../trpc/trpc';
import { listDeliveries, redeliverDelivery } from '../webhooks/webhook-deliveries';
import { createWebhook, deleteWebhook, listWebhooks } from '../webhooks/webhooks';

const webhookId = z.uuid({ error: 'expected a webhook id' });
const deliveryId = z.uuid({ error: 'expected a delivery id' });

/** A procedure that takes `webhookId`; access is checked on the webhook's workspace. */
function webhookProcedure(minimum: MemberRole) {
  return authedProcedure.input(z.object({ webhookId })).use(async ({ ctx, input, next }) => {
    const workspaceId = await workspaceOfRow(ctx.db, 'webhooks', input.webhookId, 'Webhook');
    const access = await resolveWorkspaceAccess(ctx, ctx.caller, workspaceId, minimum, 'Webhook');
    return next({ ctx: { access } });
  });
}

/** A procedure that takes `deliveryId`; access is checked on the delivery's workspace. */
function deliveryProcedure(minimum: MemberRole) {
  return authedProcedure.input(z.object({ deliveryId })).use(async ({ ctx, input, next }) => {
    const table = 'webhook_deliveries';
    const workspaceId = await workspaceOfRow(ctx.db, table, input.deliveryId, 'Delivery');
    const access = await resolveWorkspaceAccess(ctx, ctx.caller, workspaceId, minimum, 'Delivery');
    return next({ ctx: { access } });
  });
}

async function workspaceOfRow(
  db: Db,
  table: 'webhooks' | 'webhook_deliveries',
  id: string,
  what: string,
): Promise<string> {
  const row = await db
    .selectFrom(table)
    .select('workspace_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return found(row, what).workspace_id;
}

export const webhooksRouter = router({
  /** Returns the signing secret once; store it now, it cannot be shown again. */
  create: workspaceProcedure('owner')
    .input(z.object({ url: webhookUrlSchema, events: webhookEventsSchema }))
    .mutation(({ ctx, input }) =>
      createWebhook(ctx.db, ctx.tokenCipher, ctx.config, {
        workspaceId: input.workspaceId,
        userId: ctx.caller.userId,
        url: input.url,
        events: input.events,
      }),
    ),

  list: workspaceProcedure('owner').query(({ ctx, input }) =>
    listWebhooks(ctx.db, input.workspaceId),
  ),

  delete: webhookProcedure('owner').mutation(async ({ ctx, input }) => {
    await deleteWebhook(ctx.db, ctx.access.workspaceId, input.webhookId);
    return { ok: true };
  }),

  /** The webhook's newest deliveries with status, attempts and the last response. */
  deliveries: webhookProcedure('owner')
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) =>
      listDeliveries(ctx.db, {
        workspaceId: ctx.access.workspaceId,
        webhookId: input.webhookId,
        limit: input.limit,
      }),
    ),

  /** Sends a delivery again now, with the same id and body. */
  redeliver: deliveryProcedure('owner').mutation(async ({ ctx, input }) => {
    await redeliverDelivery(ctx.db, {
      workspaceId: ctx.access.workspaceId,
      deliveryId: input.deliveryId,
    });
    ctx.kickWebhooks();
    return { ok: true };
  }),
});
