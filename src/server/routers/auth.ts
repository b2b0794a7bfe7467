import { signInInput, signUpInput } from '../../common/account-schemas';
import { findUser, signUp, verifyCredentials } from '../auth/accounts';
import { beginSession, endSession } from '../auth/session';
import { AppError } from '../errors/app-error';
import { sessionProcedure, publicProcedure, router } from '../trpc/trpc';
import { listWorkspaces } from '../workspaces/workspaces';

export const authRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const user = await signUp(ctx.db, input);
    await beginSession(ctx.req, user.id);
    ctx.log.info({ userId: user.id }, 'user signed up');
    return user;
  }),

  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const ip = ctx.req.ip ?? 'unknown';
    const user = await verifyCredentials(ctx.db, { ...input, ip });
    await beginSession(ctx.req, user.id);
    ctx.log.info({ userId: user.id }, 'user signed in');
    return user;
  }),

  signOut: sessionProcedure.mutation(async ({ ctx }) => {
    await endSession(ctx.req);
    return { ok: true };
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.caller) return null;

    const user = await findUser(ctx.db, ctx.caller.userId);
    if (!user)
      throw new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign up again.');

    const workspaces = await listWorkspaces(ctx.db, user.id);
    const visible = ctx.caller.tokenWorkspaceId
      ? workspaces.filter((w) => w.id === ctx.caller?.tokenWorkspaceId)
      : workspaces;

    return { user, workspaces: visible };
  }),
});
