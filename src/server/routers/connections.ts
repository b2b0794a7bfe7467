import { z } from 'zod';
import {
  listFacebookPages,
  pickFacebookPage,
  startFacebookLogin,
} from '../connections/facebook-login';
import { connectPage, disconnectPage, getConnection } from '../connections/meta-connections';
import { AppError } from '../errors/app-error';
import { brandProcedure, router } from '../trpc/trpc';

const pageId = z
  .string({ error: 'enter the Facebook Page id' })
  .trim()
  .regex(/^\d{1,30}$/, { error: 'a Page id is a number, such as 104857392019283' });

const pageAccessToken = z
  .string({ error: 'paste the Page access token' })
  .trim()
  .min(20, { error: 'this is too short to be a Page access token' })
  .max(1000, { error: 'this is too long to be a Page access token' })
  .regex(/^[\w.|-]+$/, { error: 'a Page access token has no spaces or punctuation' });

/** Facebook Login keeps its state in the browser session, so API tokens cannot use it. */
function requireSession(via: 'session' | 'token') {
  if (via !== 'session') {
    throw new AppError(
      'FORBIDDEN',
      'Connecting with Facebook needs a signed-in browser session, not an API token.',
    );
  }
}

export const connectionsRouter = router({
  /** The brand's connection (never its token), and whether Facebook Login is offered. */
  get: brandProcedure('viewer').query(async ({ ctx, input }) => ({
    connection: await getConnection(ctx.db, ctx.access.workspaceId, input.brandId),
    facebookLoginAvailable: ctx.graph.canUseLogin,
  })),

  /** Connects with a Page id and Page access token, after Facebook confirms them. */
  connectMeta: brandProcedure('editor')
    .input(z.object({ pageId, pageAccessToken }))
    .mutation(({ ctx, input }) =>
      connectPage(ctx, {
        workspaceId: ctx.access.workspaceId,
        brandId: input.brandId,
        pageId: input.pageId,
        pageToken: input.pageAccessToken,
      }),
    ),

  disconnect: brandProcedure('editor').mutation(({ ctx, input }) =>
    disconnectPage(ctx.db, ctx.access.workspaceId, input.brandId),
  ),

  /** The Facebook Login dialog URL to send the browser to. */
  facebookLoginUrl: brandProcedure('editor').mutation(({ ctx, input }) => {
    requireSession(ctx.caller.via);
    return startFacebookLogin(ctx, ctx.req, { brandId: input.brandId, userId: ctx.caller.userId });
  }),

  /** The Pages the last Facebook Login found, to choose from (no tokens). */
  facebookPages: brandProcedure('editor').query(({ ctx, input }) => {
    requireSession(ctx.caller.via);
    return listFacebookPages(ctx.req, { brandId: input.brandId, userId: ctx.caller.userId });
  }),

  pickFacebookPage: brandProcedure('editor')
    .input(z.object({ pageId }))
    .mutation(({ ctx, input }) => {
      requireSession(ctx.caller.via);
      return pickFacebookPage(ctx, ctx.req, {
        workspaceId: ctx.access.workspaceId,
        brandId: input.brandId,
        userId: ctx.caller.userId,
        pageId: input.pageId,
      });
    }),
});
