import { router } from '../trpc/trpc';
import { aiRouter } from './ai';
import { authRouter } from './auth';
import { postsRouter } from './posts';
import { brainRouter } from './brain';
import { brandsRouter } from './brands';
import { connectionsRouter } from './connections';
import { sandboxRouter } from './sandbox';
import { tokensRouter } from './tokens';
import { webhooksRouter } from './webhooks';
import { workspacesRouter } from './workspaces';

/** Every procedure of the API. Each domain adds its router here. */
export const appRouter = router({
  auth: authRouter,
  ai: aiRouter,
  brands: brandsRouter,
  brain: brainRouter,
  connections: connectionsRouter,
  workspaces: workspacesRouter,
  posts: postsRouter,
  sandbox: sandboxRouter,
  tokens: tokensRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
