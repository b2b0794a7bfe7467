import type { RequestHandler } from 'express';
import './request-types';

/** Reads who is calling from the session cookie into `req.caller`, unless a token already did. */
export function authenticateSession(): RequestHandler {
  return (req, _res, next) => {
    const userId = req.session?.userId;
    if (!req.caller && userId) req.caller = { userId, via: 'session' };
    next();
  };
}

/**
 * A cookie rides along on cross-site form posts; a JSON body does not without
 * CORS approval. So a cookie-authenticated POST must be `application/json`,
 * which is what tRPC's own client sends.
 */
export function requireJsonForCookieWrites(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.caller?.via !== 'session') return next();
    if (req.is('application/json')) return next();

    res.status(415).json({
      error: {
        message:
          'Send this request as application/json. Form and text posts are refused for signed-in browsers.',
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
    });
  };
}
