import { z } from 'zod';
import { resolveReview } from '../publishing/resolve-review';
import { postProcedure, router } from '../trpc/trpc';

export const publishingRouter = router({
  /**
   * Settles a post in review: `published` (it is live; optionally its id on the
   * platform) or `retry` (it is not live; send it again now).
   */
  resolveReview: postProcedure('editor')
    .input(
      z.object({
        outcome: z.enum(['published', 'retry'], { error: 'expected "published" or "retry"' }),
        remoteId: z
          .string()
          .trim()
          .min(1)
          .max(200, { error: 'expected the post id as Facebook or Instagram shows it' })
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const post = await resolveReview(
        ctx.db,
        { workspaceId: ctx.access.workspaceId, userId: ctx.caller.userId },
        input,
      );
      ctx.kickPublisher();
      return post;
    }),
});
