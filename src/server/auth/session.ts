import connectPgSimple from 'connect-pg-simple';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Config } from '../config';
import type { NotifiedCache } from '../db/change-feed';
import { CachedSessionStore } from './cached-session-store';

declare module 'express-session' {
  interface SessionData {
    userId: string;
  }
}

export const SESSION_COOKIE = 'postpilot.sid';
const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/** Browser sessions stored in the `sessions` table, so restarts keep people signed in. */
export function createSessionMiddleware(
  pool: pg.Pool,
  secret: string,
  config: Config,
  cache: NotifiedCache<string>,
): RequestHandler {
  const PgStore = connectPgSimple(session);

  return session({
    name: SESSION_COOKIE,
    // No touch: with `rolling: false` the browser's cookie expires 7 days after
    // sign-in whatever the store says, so extending the row on every request
    // would only cost a write per request.
    store: new CachedSessionStore(
      new PgStore({ pool, tableName: 'sessions', createTableIfMissing: false, disableTouch: true }),
      cache,
    ),
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.NODE_ENV === 'production',
      maxAge: SEVEN_DAYS_MS,
    },
  });
}

/** Starts a fresh session id for `userId`, so a pre-sign-in id is never reused. */
export async function beginSession(req: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((e) => (e ? reject(e) : resolve())),
  );
  req.session.userId = userId;
  await new Promise<void>((resolve, reject) =>
    req.session.save((e) => (e ? reject(e) : resolve())),
  );
}

/**
 * Writes the session now. express-session saves at the end of the response,
 * but may flush headers first: a client that follows a redirect at once could
 * arrive before the row is written. Save before answering when that matters.
 */
export async function saveSession(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.save((e) => (e ? reject(e) : resolve())),
  );
}

/** Deletes the session row; the old cookie then authenticates nothing. */
export async function endSession(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.destroy((e) => (e ? reject(e) : resolve())),
  );
}
