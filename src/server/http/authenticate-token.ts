import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { checkApiToken } from '../api-tokens/authenticate-token';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import './request-types';

export interface TokenAuthOptions {
  db: Db;
  log: Logger;
  /** Requests each token may make per minute. */
  perMinute?: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      apiTokenId?: string;
    }
  }
}

/**
 * `Authorization: Bearer pp_…` on `/trpc`: authenticates the request as the
 * token (its workspace, its role) before the session is read, and applies the
 * token's rate limit. A Bearer request needs no cookie, and the JSON-only rule
 * for cookie writes does not apply to it: a browser never attaches the header
 * on its own, so a cross-site form cannot use it.
 *
 * The limit is counted in this process's memory. With N web processes behind
 * a balancer a token can make up to N × the limit. That is acceptable: the
 * limit protects the service from a runaway script, not a quota that is
 * billed, and it needs no shared store or extra round trip per request.
 */
export function authenticateToken(options: TokenAuthOptions): RequestHandler[] {
  const limit = rateLimit({
    windowMs: 60_000,
    limit: options.perMinute ?? 600,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => !req.apiTokenId,
    keyGenerator: (req) => req.apiTokenId!,
    handler: (req, res) => {
      const retryAfter = Number(res.getHeader('Retry-After') ?? 60);
      sendTrpcError(
        req,
        res,
        'TOO_MANY_REQUESTS',
        `This API token made more than ${options.perMinute ?? 600} requests in a minute. Wait ${retryAfter} s and slow down.`,
        { retryAfterSeconds: retryAfter },
      );
    },
  });

  const authenticate: RequestHandler = async (req, res, next) => {
    const header = req.headers.authorization;
    if (!header || !req.path.startsWith('/trpc')) return next();

    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      sendTrpcError(
        req,
        res,
        'UNAUTHORIZED',
        'Send the API token as "Authorization: Bearer pp_…".',
      );
      return;
    }

    try {
      const check = await checkApiToken(options.db, match[1]!);
      if (!check.ok) {
        sendTrpcError(req, res, 'UNAUTHORIZED', check.reason);
        return;
      }

      req.caller = check.caller;
      req.apiTokenId = check.tokenId;
      next();
    } catch (error) {
      next(error);
    }
  };

  return [authenticate, limit];
}

type RefusalCode = 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS';

const httpStatus: Record<RefusalCode, number> = { UNAUTHORIZED: 401, TOO_MANY_REQUESTS: 429 };

/**
 * Answers in tRPC's own error shape (superjson-wrapped, one entry per call
 * of a batch), so typed clients raise a normal TRPCClientError with our
 * message, and curl users read the same JSON as for any other error. A
 * subscription (server-sent events) gets the error as tRPC's
 * `serialized-error` event: an EventSource that only saw a bare 401 would
 * report "Non-200 status code" and lose the reason.
 */
function sendTrpcError(
  req: Request,
  res: Response,
  code: RefusalCode,
  message: string,
  data: Record<string, unknown> = {},
): void {
  const paths = req.path.replace(/^\/trpc\/?/, '').split(',');
  const shape = (path: string) => ({
    message,
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: { code, httpStatus: httpStatus[code], path: path || undefined, ...data },
  });

  if (code === 'UNAUTHORIZED') res.setHeader('WWW-Authenticate', 'Bearer realm="postpilot"');

  if (req.headers.accept?.includes('text/event-stream')) {
    res.status(200).setHeader('content-type', 'text/event-stream');
    res.end(`event: serialized-error\ndata: ${JSON.stringify({ json: shape(paths[0]!) })}\n\n`);
    return;
  }

  const batched = req.query.batch === '1' || req.query.batch === 'true';
  const error = (path: string) => ({ error: { json: shape(path) } });
  res.status(httpStatus[code]).json(batched ? paths.map(error) : error(paths[0] ?? ''));
}
