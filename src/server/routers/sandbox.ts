import { z } from 'zod';
import {
  createSandboxPage,
  listSandboxPages,
  listSandboxPublished,
  requireSandbox,
} from '../meta/sandbox/sandbox-views';
import { resolveWorkspaceAccess } from '../access/resolve-access';
import { authedProcedure, router } from '../trpc/trpc';

/** A made-up name is enough; it only ever shows in the sandbox. */
const pageName = z
  .string()
  .trim()
  .min(1, { error: 'Give the sandbox Page a name.' })
  .max(100, { error: 'Keep the Page name under 100 characters.' });

const sandboxPagesRouter = router({
  list: authedProcedure.query(({ ctx }) =>
    listSandboxPages(requireSandbox(ctx.metaSandbox), ctx.caller.userId),
  ),

  create: authedProcedure
    .input(z.object({ name: pageName, withInstagram: z.boolean().default(true) }))
    .mutation(({ ctx, input }) =>
      createSandboxPage(requireSandbox(ctx.metaSandbox), ctx.caller.userId, input),
    ),
});

/**
 * The Sandbox page: whether this server publishes to its own Graph emulator,
 * the sandbox Pages to connect, and what the emulator "published". Nothing
 * here reaches Facebook or Instagram.
 */
export const sandboxRouter = router({
  status: authedProcedure.query(({ ctx }) => {
    const sandbox = ctx.metaSandbox;
    return {
      enabled: sandbox !== undefined,
      notice: sandbox
        ? 'Sandbox mode: posts go to a simulated Facebook and Instagram inside this server. Nothing is really published, and sandbox data is lost when the server restarts.'
        : 'Live mode: posts are published to real Facebook Pages and Instagram accounts.',
      pages: sandbox ? sandbox.state.pages.size : 0,
      published: sandbox ? sandbox.state.published.length : 0,
    };
  }),

  pages: sandboxPagesRouter,

  published: authedProcedure
    .input(
      z.object({
        workspaceId: z.uuid({ error: 'expected a workspace id' }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(async ({ ctx, input }) => {
      const sandbox = requireSandbox(ctx.metaSandbox);
      if (input.workspaceId) {
        await resolveWorkspaceAccess(ctx, ctx.caller, input.workspaceId, 'viewer');
      }

      const items = await listSandboxPublished(ctx.db, sandbox, {
        userId: ctx.caller.userId,
        workspaceId: input.workspaceId,
        limit: input.limit,
      });
      return { notReal: true as const, items };
    }),
});
