import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { MemberRole } from '../../../db/types';
import { resolveRowAccess, resolveWorkspaceAccess, type Caller } from '../access/resolve-access';
import { AppError, toTrpcCode } from '../errors/app-error';
import type { Context } from './context';
import { describeError } from './format-error';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const { message, data } = describeError(error, ctx?.requestId);
    return { ...shape, message, data: { ...shape.data, ...data, stack: undefined } };
  },
});

/** Converts the domain's AppError into a TRPCError once, keeping it as cause. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();

  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: toTrpcCode(cause.code), message: cause.message, cause });
  }

  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

/** Any signed-in caller. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return next({ ctx: { caller: ctx.caller as Caller } });
});

/** Sessions only: what an API token may never do (manage tokens, change accounts). */
export const sessionProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.caller.via !== 'session') {
    throw new AppError(
      'FORBIDDEN',
      'This can only be done while signed in, not with an API token.',
    );
  }
  return next();
});

const uuid = (what: string) => z.uuid({ error: `expected a ${what} id` });

/**
 * A procedure that takes `workspaceId` and needs at least `minimum` in it.
 *
 * @example
 *   workspaceProcedure('editor').input(z.object({ name: z.string() })).mutation(...)
 */
export function workspaceProcedure(minimum: MemberRole) {
  return authedProcedure
    .input(z.object({ workspaceId: uuid('workspace') }))
    .use(async ({ ctx, input, next }) => {
      const access = await resolveWorkspaceAccess(ctx, ctx.caller, input.workspaceId, minimum);
      return next({ ctx: { access } });
    });
}

/** A procedure that takes `brandId`; access is checked on the brand's workspace. */
export function brandProcedure(minimum: MemberRole) {
  return authedProcedure
    .input(z.object({ brandId: uuid('brand') }))
    .use(async ({ ctx, input, next }) => {
      const access = await resolveRowAccess(
        ctx,
        ctx.caller,
        'brands',
        input.brandId,
        minimum,
        'Brand',
      );
      return next({ ctx: { access } });
    });
}

/** A procedure that takes `postId`; access is checked on the post's workspace. */
export function postProcedure(minimum: MemberRole) {
  return authedProcedure
    .input(z.object({ postId: uuid('post') }))
    .use(async ({ ctx, input, next }) => {
      const access = await resolveRowAccess(
        ctx,
        ctx.caller,
        'posts',
        input.postId,
        minimum,
        'Post',
      );
      return next({ ctx: { access } });
    });
}
