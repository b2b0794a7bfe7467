import { z } from 'zod';
import { emailSchema, memberRoleSchema, workspaceNameSchema } from '../../common/account-schemas';
import { AppError } from '../errors/app-error';
import { authedProcedure, router, sessionProcedure, workspaceProcedure } from '../trpc/trpc';
import { inviteMember, listMembers, removeMember, setMemberRole } from '../workspaces/members';
import { createWorkspace, listWorkspaces, renameWorkspace } from '../workspaces/workspaces';

const userId = z.uuid({ error: 'expected a user id' });

const membersRouter = router({
  list: workspaceProcedure('viewer').query(({ ctx, input }) =>
    listMembers(ctx.db, input.workspaceId),
  ),

  invite: workspaceProcedure('owner')
    .input(z.object({ email: emailSchema, role: memberRoleSchema }))
    .mutation(({ ctx, input }) => inviteMember(ctx.db, input.workspaceId, input.email, input.role)),

  setRole: workspaceProcedure('owner')
    .input(z.object({ userId, role: memberRoleSchema }))
    .mutation(async ({ ctx, input }) => {
      await setMemberRole(ctx.db, input.workspaceId, input.userId, input.role);
      ctx.accessCache.forgetRole(input.userId, input.workspaceId);
      return { ok: true };
    }),

  remove: workspaceProcedure('viewer')
    .input(z.object({ userId }))
    .mutation(async ({ ctx, input }) => {
      const leaving = input.userId === ctx.caller.userId;
      if (!leaving && ctx.access.role !== 'owner') {
        throw new AppError('FORBIDDEN', 'Only an owner can remove other members.');
      }
      await removeMember(ctx.db, input.workspaceId, input.userId);
      ctx.accessCache.forgetRole(input.userId, input.workspaceId);
      return { ok: true };
    }),
});

export const workspacesRouter = router({
  list: authedProcedure.query(async ({ ctx }) => {
    const all = await listWorkspaces(ctx.db, ctx.caller.userId);
    return ctx.caller.tokenWorkspaceId
      ? all.filter((w) => w.id === ctx.caller.tokenWorkspaceId)
      : all;
  }),

  create: sessionProcedure
    .input(z.object({ name: workspaceNameSchema }))
    .mutation(({ ctx, input }) => createWorkspace(ctx.db, ctx.caller.userId, input.name)),

  rename: workspaceProcedure('owner')
    .input(z.object({ name: workspaceNameSchema }))
    .mutation(async ({ ctx, input }) => {
      await renameWorkspace(ctx.db, input.workspaceId, input.name);
      return { ok: true };
    }),

  members: membersRouter,
});
