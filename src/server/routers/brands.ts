import { z } from 'zod';
import { brandFieldsSchema } from '../brands/brand-fields';
import {
  archiveBrand,
  createBrand,
  getBrand,
  listBrands,
  restoreBrand,
  updateBrand,
} from '../brands/brands';
import { loadExampleBrands } from '../brands/example-brands';
import { brandProcedure, router, workspaceProcedure } from '../trpc/trpc';

export const brandsRouter = router({
  list: workspaceProcedure('viewer')
    .input(z.object({ includeArchived: z.boolean().optional() }))
    .query(({ ctx, input }) =>
      listBrands(ctx.db, input.workspaceId, { includeArchived: input.includeArchived }),
    ),

  get: brandProcedure('viewer').query(({ ctx, input }) =>
    getBrand(ctx.db, ctx.access.workspaceId, input.brandId),
  ),

  create: workspaceProcedure('editor')
    .input(brandFieldsSchema)
    .mutation(({ ctx, input }) => {
      const { workspaceId, ...fields } = input;
      return createBrand(ctx.db, workspaceId, ctx.caller.userId, fields);
    }),

  update: brandProcedure('editor')
    .input(brandFieldsSchema.partial())
    .mutation(({ ctx, input }) => {
      const { brandId, ...changes } = input;
      return updateBrand(ctx.db, ctx.access.workspaceId, brandId, changes);
    }),

  archive: brandProcedure('editor').mutation(({ ctx, input }) =>
    archiveBrand(ctx.db, ctx.access.workspaceId, input.brandId),
  ),

  restore: brandProcedure('editor').mutation(({ ctx, input }) =>
    restoreBrand(ctx.db, ctx.access.workspaceId, input.brandId),
  ),

  /** Fills an empty workspace with the example brands, exactly as the seeding script would. */
  loadExamples: workspaceProcedure('editor').mutation(({ ctx, input }) =>
    loadExampleBrands(ctx.db, input.workspaceId, ctx.caller.userId),
  ),
});
