import { router } from '../trpc/trpc';
import { aiRouter } from './ai';
import { authRouter } from './auth';
import { postsRouter } from './posts';
import { postsRouter } from './posts';
import { brainRouter } from './brain';
import { brandsRouter } from './brands';
import { sandboxRouter } from './sandbox';
import { workspacesRouter } from './workspaces';

/** Every procedure of the API. Each domain adds its router here. */
export const appRouter = router({
  auth: authRouter,
  ai: aiRouter,
  brands: brandsRouter,
  brain: brainRouter,
  workspaces: workspacesRouter,
  sandbox: sandboxRouter,
  posts: postsRouter,
  posts: postsRouter,
});

export type AppRouter = typeof appRouter;
