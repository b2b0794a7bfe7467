import { router } from '../trpc/trpc';
import { authRouter } from './auth';
import { postsRouter } from './posts';
import { postsRouter } from './posts';
import { brainRouter } from './brain';
import { brandsRouter } from './brands';
import { workspacesRouter } from './workspaces';

/** Every procedure of the API. Each domain adds its router here. */
export const appRouter = router({
  auth: authRouter,
  brands: brandsRouter,
  brain: brainRouter,
  workspaces: workspacesRouter,
  posts: postsRouter,
  posts: postsRouter,
});

export type AppRouter = typeof appRouter;
