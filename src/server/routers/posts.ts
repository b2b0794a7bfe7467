import { z } from 'zod';
import {
  calendarRangeSchema,
  dateRangeSchema,
  importCsvSchema,
  listPostsSchema,
  optionalVersionSchema,
  postChangesSchema,
  postContentSchema,
  resolveReviewSchema,
  scheduleInputSchema,
} from '../../common/post-schemas';
import { resolveRowAccess, resolveWorkspaceAccess } from '../access/resolve-access';
import { createPost, deletePost, duplicatePost, updatePost, type Actor } from '../posts/edit-post';
import { exportPostsCsv } from '../posts/export-posts';
import { importPostsCsv } from '../posts/import-posts';
import { listPosts } from '../posts/list-posts';
import { listCalendar } from '../posts/post-calendar';
import { getPostHistory } from '../posts/post-history';
import { getPost } from '../posts/post-view';
import { publishPostNow, retryPost, schedulePost, unschedulePost } from '../posts/schedule-post';
import { resolveReview } from '../publishing/resolve-review';
import type { WorkspaceAccess } from '../access/resolve-access';
import type { Caller } from '../access/resolve-access';
import { authedProcedure, brandProcedure, postProcedure, router } from '../trpc/trpc';

const actorOf = (ctx: { access: WorkspaceAccess; caller: Caller }): Actor => ({
  workspaceId: ctx.access.workspaceId,
  userId: ctx.caller.userId,
});

const calendarInput = z
  .object({
    brandId: z.uuid({ error: 'expected a brand id' }).optional(),
    workspaceId: z.uuid({ error: 'expected a workspace id' }).optional(),
  })
  .and(calendarRangeSchema)
  .refine((input) => (input.brandId === undefined) !== (input.workspaceId === undefined), {
    error: 'Give either brandId or workspaceId',
    path: ['brandId'],
  });

const MAX_EXPORT_DAYS = 400;
const exportRange = dateRangeSchema.refine(
  (range) => range.to.getTime() - range.from.getTime() <= MAX_EXPORT_DAYS * 86_400_000,
  { error: `Export at most ${MAX_EXPORT_DAYS} days at once`, path: ['to'] },
);

export const postsRouter = router({
  create: brandProcedure('editor')
    .input(postContentSchema)
    .mutation(({ ctx, input }) => createPost(ctx.db, actorOf(ctx), input.brandId, input)),

  get: postProcedure('viewer').query(({ ctx, input }) =>
    getPost(ctx.db, ctx.access.workspaceId, input.postId),
  ),

  update: postProcedure('editor')
    .input(postChangesSchema)
    .mutation(({ ctx, input }) => {
      const { postId, ...changes } = input;
      return updatePost(ctx.db, actorOf(ctx), postId, changes);
    }),

  delete: postProcedure('editor')
    .input(optionalVersionSchema)
    .mutation(async ({ ctx, input }) => {
      await deletePost(ctx.db, actorOf(ctx), input.postId, input.version);
      return { ok: true };
    }),

  duplicate: postProcedure('editor').mutation(({ ctx, input }) =>
    duplicatePost(ctx.db, actorOf(ctx), input.postId),
  ),

  list: brandProcedure('viewer')
    .input(listPostsSchema)
    .query(({ ctx, input }) => {
      const { brandId, ...filters } = input;
      return listPosts(ctx.db, ctx.access.workspaceId, brandId, filters);
    }),

  calendar: authedProcedure.input(calendarInput).query(async ({ ctx, input }) => {
    const { workspaceId } = input.brandId
      ? await resolveRowAccess(ctx, ctx.caller, 'brands', input.brandId, 'viewer', 'Brand')
      : await resolveWorkspaceAccess(ctx, ctx.caller, input.workspaceId!, 'viewer');

    return listCalendar(ctx.db, { workspaceId, brandId: input.brandId }, input);
  }),

  schedule: postProcedure('editor')
    .input(scheduleInputSchema)
    .mutation(({ ctx, input }) => schedulePost(ctx.db, actorOf(ctx), input.postId, input)),

  unschedule: postProcedure('editor')
    .input(optionalVersionSchema)
    .mutation(({ ctx, input }) =>
      unschedulePost(ctx.db, actorOf(ctx), input.postId, input.version),
    ),

  publishNow: postProcedure('editor')
    .input(optionalVersionSchema)
    .mutation(async ({ ctx, input }) => {
      const post = await publishPostNow(ctx.db, actorOf(ctx), input.postId, input.version);
      ctx.kickPublisher();
      return post;
    }),

  retry: postProcedure('editor')
    .input(optionalVersionSchema)
    .mutation(async ({ ctx, input }) => {
      const post = await retryPost(ctx.db, actorOf(ctx), input.postId, input.version);
      ctx.kickPublisher();
      return post;
    }),

  /**
   * Settles a post in review: `published` (it is live; optionally its id on the
   * platform) or `retry` (it is not live; send it again now).
   */
  resolveReview: postProcedure('editor')
    .input(resolveReviewSchema)
    .mutation(async ({ ctx, input }) => {
      const post = await resolveReview(ctx.db, actorOf(ctx), input);
      ctx.kickPublisher();
      return post;
    }),

  history: postProcedure('viewer').query(({ ctx, input }) =>
    getPostHistory(ctx.db, ctx.access.workspaceId, input.postId),
  ),

  importCsv: brandProcedure('editor')
    .input(importCsvSchema)
    .mutation(({ ctx, input }) => importPostsCsv(ctx.db, actorOf(ctx), input.brandId, input)),

  exportCsv: brandProcedure('viewer')
    .input(exportRange)
    .query(({ ctx, input }) =>
      exportPostsCsv(ctx.db, ctx.access.workspaceId, input.brandId, input),
    ),
});
