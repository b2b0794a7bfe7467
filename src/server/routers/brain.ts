import { z } from 'zod';
import { brandBrainSchema } from '../../common/brand-brain';
import {
  getBrainVersion,
  getCurrentBrain,
  listBrainVersions,
  restoreBrainVersion,
  saveBrain,
} from '../brands/brand-brains';
import { brandProcedure, router } from '../trpc/trpc';

const version = z
  .number({ error: 'expected a version number' })
  .int({ error: 'expected a version number' })
  .min(1, { error: 'versions start at 1' });

export const brainRouter = router({
  get: brandProcedure('viewer').query(({ ctx, input }) =>
    getCurrentBrain(ctx.db, { workspaceId: ctx.access.workspaceId, brandId: input.brandId }),
  ),

  /** Stores a new version; CONFLICT when `baseVersion` is no longer the newest. */
  save: brandProcedure('editor')
    .input(z.object({ content: brandBrainSchema, baseVersion: version }))
    .mutation(({ ctx, input }) =>
      saveBrain(
        ctx.db,
        { workspaceId: ctx.access.workspaceId, brandId: input.brandId },
        input.content,
        input.baseVersion,
        ctx.caller.userId,
      ),
    ),

  versions: brandProcedure('viewer').query(({ ctx, input }) =>
    listBrainVersions(ctx.db, { workspaceId: ctx.access.workspaceId, brandId: input.brandId }),
  ),

  getVersion: brandProcedure('viewer')
    .input(z.object({ version }))
    .query(({ ctx, input }) =>
      getBrainVersion(
        ctx.db,
        { workspaceId: ctx.access.workspaceId, brandId: input.brandId },
        input.version,
      ),
    ),

  /** Saves an older version's content as the newest version. */
  restore: brandProcedure('editor')
    .input(z.object({ version }))
    .mutation(({ ctx, input }) =>
      restoreBrainVersion(
        ctx.db,
        { workspaceId: ctx.access.workspaceId, brandId: input.brandId },
        input.version,
        ctx.caller.userId,
      ),
    ),
});
