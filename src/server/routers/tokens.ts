import { z } from 'zod';
import { memberRoleSchema } from '../../common/account-schemas';
import { apiTokenNameSchema } from '../../common/developer-api';
import { resolveWorkspaceAccess } from '../access/resolve-access';
import { createApiToken, listApiTokens, revokeApiToken } from '../api-tokens/api-tokens';
import { found } from '../errors/app-error';
import { router, sessionProcedure } from '../trpc/trpc';

const workspaceId = z.uuid({ error: 'expected a workspace id' });

/** Token management is for signed-in people only: a token can never mint or revoke tokens. */
export const tokensRouter = router({
  /** Returns the token text once; store it now, it cannot be shown again. */
  create: sessionProcedure
    .input(
      z.object({
        workspaceId,
        name: apiTokenNameSchema,
        role: memberRoleSchema,
        expiresAt: z.date({ error: 'expected a date' }).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const access = await resolveWorkspaceAccess(ctx, ctx.caller, input.workspaceId, 'viewer');
      return createApiToken(ctx.db, {
        workspaceId: input.workspaceId,
        userId: ctx.caller.userId,
        creatorRole: access.role,
        name: input.name,
        role: input.role,
        expiresAt: input.expiresAt,
      });
    }),

  list: sessionProcedure.input(z.object({ workspaceId })).query(async ({ ctx, input }) => {
    await resolveWorkspaceAccess(ctx, ctx.caller, input.workspaceId, 'viewer');
    return listApiTokens(ctx.db, input.workspaceId);
  }),

  /** Owners revoke any token of the workspace; other members their own. */
  revoke: sessionProcedure
    .input(z.object({ tokenId: z.uuid({ error: 'expected a token id' }) }))
    .mutation(async ({ ctx, input }) => {
      const token = found(
        await ctx.db
          .selectFrom('api_tokens')
          .select('workspace_id')
          .where('id', '=', input.tokenId)
          .executeTakeFirst(),
        'API token',
      );
      const access = await resolveWorkspaceAccess(
        ctx,
        ctx.caller,
        token.workspace_id,
        'viewer',
        'API token',
      );
      return revokeApiToken(ctx.db, {
        workspaceId: token.workspace_id,
        tokenId: input.tokenId,
        userId: ctx.caller.userId,
        role: access.role,
      });
    }),
});
