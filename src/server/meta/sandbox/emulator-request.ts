import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { EmulatorState, SandboxToken } from './emulator-state';
import { graphErrors, type FieldTree } from './graph-wire';

/** The emulator's settings that routes read. */
export interface EmulatorSettings {
  /** When set, OAuth calls must name this app and `appsecret_proof` is checked. */
  appId?: string;
  appSecret?: string;
  /** Refuse token calls without `appsecret_proof` (Meta's "Require App Secret"). */
  requireProof: boolean;
  /** Answer 506 to the same message posted twice in a row on a Page (off: duplicates must stay countable). */
  rejectDuplicateStatus: boolean;
}

/** What a route handler gets for one call. */
export interface EmulatorRequest {
  req: Request;
  params: Record<string, string>;
  fields?: FieldTree;
  state: EmulatorState;
  settings: EmulatorSettings;
  /** The object id in the path (`/{id}` or `/{id}/{edge}`). */
  id: string;
}

/**
 * Checks the call's token (and `appsecret_proof`) and returns what it stands for.
 * Throws Meta's 190 for an unknown or revoked token.
 */
export function authenticate(call: EmulatorRequest, token: string | undefined): SandboxToken {
  if (!token) throw graphErrors.missingToken();

  const record = call.state.tokens.get(token);
  if (!record) throw graphErrors.invalidToken();
  if (record.revokedSubcode !== undefined) throw graphErrors.revokedToken(record.revokedSubcode);

  const proof = call.params.appsecret_proof;
  const secret = call.settings.appSecret;
  if (secret && (proof || call.settings.requireProof)) {
    const expected = createHmac('sha256', secret).update(token).digest();
    const given = Buffer.from(proof ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw graphErrors.badProof();
    }
  }

  return record;
}

/** Cursor paging over a list, the way Graph edges page (`limit`, `after`). */
export function pageOf<T>(
  items: T[],
  params: Record<string, string>,
  maxLimit = 100,
): { data: T[]; paging?: { cursors: { before: string; after: string }; next?: string } } {
  const limit = Math.min(Math.max(Number(params.limit) || 25, 1), maxLimit);
  const start = params.after ? Number(Buffer.from(params.after, 'base64url').toString()) || 0 : 0;
  const data = items.slice(start, start + limit);
  if (data.length === 0) return { data };

  const cursor = (offset: number) => Buffer.from(String(offset)).toString('base64url');
  const after = cursor(start + data.length);
  const more = start + data.length < items.length;

  return {
    data,
    paging: {
      cursors: { before: cursor(start), after },
      ...(more && { next: `?limit=${limit}&after=${after}` }),
    },
  };
}

/** Throws Meta's "does not exist or missing permissions" unless the token may act for the Page. */
export function requirePage(call: EmulatorRequest, token: SandboxToken, pageId: string): void {
  if (!call.state.canActForPage(token, pageId)) {
    throw graphErrors.unknownObject(call.id, call.req.method.toLowerCase());
  }
}
