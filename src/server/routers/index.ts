import { router } from '../trpc/trpc';
import { authRouter } from './auth';
import { workspacesRouter } from './workspaces';

/** Every procedure of the API. Each domain adds its router here. */
export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
});

export type AppRouter = typeof appRouter;
