import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { resolveRowAccess } from '../access/resolve-access';
import { saveSession } from '../auth/session';
import { AppError } from '../errors/app-error';
import { GraphError } from '../meta/graph-errors';
import type { Services } from '../services';
import { connectPage, type ConnectionView } from './meta-connections';

/**
 * Connecting a brand with Facebook Login.
 *
 * 1. `startFacebookLogin` keeps a random `state` in the caller's session,
 *    bound to them and the brand, usable once within ten minutes, and returns
 *    the dialog URL.
 * 2. Facebook sends the browser to `GET /auth/facebook/callback`, which checks
 *    the state, exchanges the code for a long-lived user token, lists the
 *    user's Pages and keeps them in the session, each Page token encrypted,
 *    for ten more minutes. The browser goes back to the brand's connection page.
 * 3. `listFacebookPages` shows those Pages (never their tokens) and
 *    `pickFacebookPage` connects the chosen one through the same verification
 *    as a manual connection.
 */
const LOGIN_TTL_MS = 10 * 60_000;
export const FACEBOOK_CALLBACK_PATH = '/auth/facebook/callback';

interface PendingLogin {
  state: string;
  brandId: string;
  userId: string;
  redirectUri: string;
  expiresAt: number;
}

interface CandidatePage {
  id: string;
  name: string;
  instagramId: string | null;
  instagramUsername: string | null;
  sealedToken: string;
}

interface LoginOutcome {
  brandId: string;
  userId: string;
  expiresAt: number;
  pages: CandidatePage[];
  error: string | null;
}

declare module 'express-session' {
  interface SessionData {
    facebookLogin?: PendingLogin;
    facebookPages?: LoginOutcome;
  }
}

export interface FacebookPageChoice {
  id: string;
  name: string;
  instagram: { id: string; username: string | null } | null;
}

const candidateContext = (brandId: string, pageId: string) => `facebook-login:${brandId}:${pageId}`;

/** Starts a Login for `brandId`: remembers the state in the session, returns the dialog URL. */
export async function startFacebookLogin(
  services: Pick<Services, 'graph' | 'config'>,
  req: Request,
  input: { brandId: string; userId: string },
): Promise<{ url: string }> {
  if (!req.session) {
    throw new AppError('FORBIDDEN', 'Connecting with Facebook needs a signed-in browser session.');
  }

  const redirectUri = `${publicOrigin(services.config.PUBLIC_URL, req)}${FACEBOOK_CALLBACK_PATH}`;
  const state = randomBytes(32).toString('base64url');
  const url = services.graph.buildLoginDialogUrl({ redirectUri, state });

  req.session.facebookLogin = {
    state,
    brandId: input.brandId,
    userId: input.userId,
    redirectUri,
    expiresAt: Date.now() + LOGIN_TTL_MS,
  };
  delete req.session.facebookPages;
  await saveSession(req);

  return { url };
}

/** The Pages the last Login found for this brand, without tokens. */
export function listFacebookPages(
  req: Request,
  input: { brandId: string; userId: string },
): { pages: FacebookPageChoice[]; error: string | null } {
  const outcome = currentOutcome(req, input);

  return {
    error: outcome.error,
    pages: outcome.pages.map((page) => ({
      id: page.id,
      name: page.name,
      instagram: page.instagramId
        ? { id: page.instagramId, username: page.instagramUsername }
        : null,
    })),
  };
}

/** Connects the chosen Page from the last Login; the candidates are then forgotten. */
export async function pickFacebookPage(
  services: Pick<Services, 'db' | 'graph' | 'tokenCipher'>,
  req: Request,
  input: { workspaceId: string; brandId: string; userId: string; pageId: string },
): Promise<ConnectionView> {
  const outcome = currentOutcome(req, input);
  const page = outcome.pages.find((candidate) => candidate.id === input.pageId);

  if (!page) {
    throw new AppError(
      'NOT_FOUND',
      'This Page was not among the Pages Facebook listed. Choose one from the list, or connect with Facebook again.',
      { fieldErrors: { pageId: ['not one of the listed Pages'] } },
    );
  }

  const pageToken = services.tokenCipher.decrypt(
    page.sealedToken,
    candidateContext(input.brandId, page.id),
  );
  const connection = await connectPage(services, { ...input, pageToken });
  delete req.session.facebookPages;
  return connection;
}

function currentOutcome(req: Request, input: { brandId: string; userId: string }): LoginOutcome {
  const outcome = req.session?.facebookPages;
  const usable =
    outcome &&
    outcome.brandId === input.brandId &&
    outcome.userId === input.userId &&
    outcome.expiresAt > Date.now();

  if (!usable) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'No Facebook Login is waiting for a Page choice for this brand (it may have expired after 10 minutes). Connect with Facebook again.',
    );
  }
  return outcome;
}

/** `GET /auth/facebook/callback`: where Facebook sends the browser back. */
export function facebookLoginRoutes(services: Services): Router {
  const router = express.Router();

  router.get(FACEBOOK_CALLBACK_PATH, async (req, res, next) => {
    try {
      await handleCallback(services, req, res);
    } catch (error) {
      next(error);
    }
  });

  return router;
}

async function handleCallback(services: Services, req: Request, res: Response): Promise<void> {
  const { graph, tokenCipher, config } = services;
  const query = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '');
  const pending = req.session?.facebookLogin;

  if (!pending || !sameState(query('state'), pending.state)) {
    res
      .status(400)
      .type('text/plain')
      .send(
        'This Facebook Login link is not valid (it was already used, or it belongs to another session). Go back to the brand and connect with Facebook again.',
      );
    return;
  }

  delete req.session.facebookLogin;
  const back = (params: string) =>
    `${config.PUBLIC_URL?.replace(/\/+$/, '') ?? ''}/brands/${pending.brandId}/connection?${params}`;

  const finish = async (outcome: Omit<LoginOutcome, 'brandId' | 'userId' | 'expiresAt'>) => {
    req.session.facebookPages = {
      brandId: pending.brandId,
      userId: pending.userId,
      expiresAt: Date.now() + LOGIN_TTL_MS,
      ...outcome,
    };
    await saveSession(req);
    res.redirect(303, back(outcome.error ? 'pick=1&error=facebook' : 'pick=1'));
  };

  if (pending.expiresAt < Date.now()) {
    return await finish({
      pages: [],
      error: 'The Facebook Login took longer than 10 minutes. Start again.',
    });
  }
  if (req.caller?.userId !== pending.userId) {
    return await finish({
      pages: [],
      error: 'You were signed out during the Facebook Login. Sign in and start again.',
    });
  }

  try {
    await resolveRowAccess(services, req.caller, 'brands', pending.brandId, 'editor', 'Brand');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return await finish({ pages: [], error: error.message });
  }

  if (query('error') || !query('code')) {
    return await finish({
      pages: [],
      error:
        'Facebook Login was cancelled or permissions were declined. Connect with Facebook again and allow every permission Postpilot asks for.',
    });
  }

  try {
    const short = await graph.exchangeCode(query('code'), pending.redirectUri);
    const long = await graph.exchangeForLongLivedToken(short.accessToken);
    const pages = await graph.listPages(long.accessToken);

    await finish({
      error:
        pages.length === 0 ? 'Facebook listed no Pages that you manage with this account.' : null,
      pages: pages.map((page) => ({
        id: page.id,
        name: page.name,
        instagramId: page.instagram?.id ?? null,
        instagramUsername: page.instagram?.username ?? null,
        sealedToken: tokenCipher.encrypt(
          page.accessToken,
          candidateContext(pending.brandId, page.id),
        ),
      })),
    });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    req.log?.warn({ err: error, brandId: pending.brandId }, 'facebook login failed');
    await finish({ pages: [], error: error.message });
  }
}

function sameState(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The origin Facebook should send the browser back to. */
function publicOrigin(publicUrl: string | undefined, req: Request): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host')}`;
}
