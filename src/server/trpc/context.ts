import type { Request, Response } from 'express';
import type { Caller } from '../access/resolve-access';
import type { Logger } from '../logger';
import type { Services } from '../services';

export interface Context extends Services {
  req: Request;
  res: Response;
  requestId: string;
  caller: Caller | null;
}

/**
 * Builds the per-request context. Authentication happens in Express
 * middleware before tRPC runs (`req.caller`), so this only gathers.
 */
export function createContextFactory(services: Services) {
  return ({ req, res }: { req: Request; res: Response }): Context => {
    const requestId = String(req.id);
    const caller = req.caller ?? null;
    const log: Logger = services.log.child({ requestId, userId: caller?.userId });

    return { ...services, log, req, res, requestId, caller };
  };
}
