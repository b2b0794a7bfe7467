import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { PLATFORMS } from '../../common/platforms';
import { summarizeUsage } from '../ai/ai-usage';
import { MAX_VARIANTS } from '../ai/draft-output';
import { draftPosts, generateDrafts, type DraftStreamEvent } from '../ai/generate-drafts';
import { REWRITE_INSTRUCTIONS } from '../ai/revision-prompts';
import { rewritePost } from '../ai/rewrite-post';
import { AppError, toTrpcCode } from '../errors/app-error';
import { brandProcedure, router, workspaceProcedure } from '../trpc/trpc';

const draftInput = z.object({
  brief: z
    .string()
    .trim()
    .min(3, { error: 'write a brief of at least a few words' })
    .max(4_000, { error: 'keep the brief under 4,000 characters' }),
  platform: z.enum(PLATFORMS, { error: 'choose facebook or instagram' }),
  variants: z
    .number()
    .int()
    .min(1, { error: `ask for 1 to ${MAX_VARIANTS} variants` })
    .max(MAX_VARIANTS, { error: `ask for 1 to ${MAX_VARIANTS} variants` })
    .default(3),
});

const rewriteInput = z.object({
  text: z
    .string()
    .trim()
    .min(1, { error: 'there is no text to rewrite' })
    .max(63_206, { error: 'the text is longer than any platform allows' }),
  instruction: z.enum(REWRITE_INSTRUCTIONS, {
    error: `choose one of ${REWRITE_INSTRUCTIONS.join(', ')}`,
  }),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
      error: 'expected a language code such as hu or en-GB',
    })
    .optional(),
  platform: z.enum(PLATFORMS).default('facebook'),
});

const usageInput = z
  .object({ from: z.date(), to: z.date() })
  .refine((period) => period.from < period.to, {
    error: '"from" must be before "to"',
    path: ['to'],
  });

export const aiRouter = router({
  /** Which providers are set up, in what order, and how to set up the others. */
  status: workspaceProcedure('viewer').query(({ ctx }) => ({
    providers: ctx.ai.status,
    order: ctx.ai.providers.map((provider) => provider.name),
    sampleOnly: ctx.ai.providers.every((provider) => provider.name === 'sandbox'),
    timeoutMs: ctx.ai.timeoutMs,
  })),

  draft: brandProcedure('editor')
    .input(draftInput)
    .mutation(({ ctx, input, signal }) =>
      draftPosts(
        ctx,
        {
          workspaceId: ctx.access.workspaceId,
          brandId: input.brandId,
          userId: ctx.caller.userId,
          brief: input.brief,
          platform: input.platform,
          variants: input.variants,
        },
        signal,
      ),
    ),

  /** Server-sent events: `delta` pieces of text per variant, then `done` with checked drafts. */
  draftStream: brandProcedure('editor')
    .input(draftInput)
    .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<DraftStreamEvent> {
      const events = generateDrafts(
        ctx,
        {
          workspaceId: ctx.access.workspaceId,
          brandId: input.brandId,
          userId: ctx.caller.userId,
          brief: input.brief,
          platform: input.platform,
          variants: input.variants,
        },
        { stream: true, signal },
      );
      yield* withMappedErrors(events);
    }),

  rewrite: brandProcedure('editor')
    .input(rewriteInput)
    .mutation(({ ctx, input, signal }) =>
      rewritePost(
        ctx,
        {
          workspaceId: ctx.access.workspaceId,
          brandId: input.brandId,
          userId: ctx.caller.userId,
          text: input.text,
          instruction: input.instruction,
          language: input.language,
          platform: input.platform,
        },
        signal,
      ),
    ),

  usage: workspaceProcedure('viewer')
    .input(usageInput)
    .query(({ ctx, input }) => summarizeUsage(ctx.db, input.workspaceId, input.from, input.to)),
});

// A subscription's errors arrive after the procedure's middleware has
// returned, so the AppError → tRPC code mapping happens here for them.
async function* withMappedErrors<T>(events: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* events;
  } catch (error) {
    if (error instanceof AppError) {
      throw new TRPCError({ code: toTrpcCode(error.code), message: error.message, cause: error });
    }
    throw error;
  }
}
