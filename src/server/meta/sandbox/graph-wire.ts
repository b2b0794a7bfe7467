import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { GraphErrorBody } from '../graph-errors';

/**
 * Wire details of the Graph API that the emulator shares between routes:
 * where parameters come from, how `fields=` selects, and what errors look like.
 */

/** A Graph error the emulator answers with, exactly in Meta's shape. */
export class GraphFailure extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: Required<Pick<GraphErrorBody, 'message' | 'type' | 'code'>> & GraphErrorBody,
    /** Extra response headers (usage headers for throttling). */
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }

  toJson(): { error: GraphErrorBody } {
    return {
      error: {
        is_transient: false,
        ...this.body,
        fbtrace_id: this.body.fbtrace_id ?? traceId(),
      },
    };
  }
}

export function traceId(): string {
  return randomBytes(8).toString('base64url');
}

/** Every parameter of a request: query string, then form or JSON body. */
export function paramsOf(req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  const add = (source: unknown) => {
    if (!source || typeof source !== 'object') return;
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined || value === null) continue;
      params[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  };

  add(req.query);
  add(req.body);
  return params;
}

/** The token from `access_token` or `Authorization: Bearer`. */
export function tokenOf(req: Request, params: Record<string, string>): string | undefined {
  if (params.access_token) return params.access_token;
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export type FieldTree = Map<string, FieldTree | null>;

/**
 * Parses `id,name,instagram_business_account{id,username}` into a tree.
 *
 * @example
 *   parseFields('id,owner{id,name}') // Map { id → null, owner → Map { id, name } }
 */
export function parseFields(text: string | undefined): FieldTree | undefined {
  if (!text) return undefined;
  let at = 0;

  const readList = (): FieldTree => {
    const tree: FieldTree = new Map();
    while (at < text.length) {
      const start = at;
      while (at < text.length && !',{}'.includes(text[at]!)) at++;
      const name = text.slice(start, at).trim();

      let children: FieldTree | null = null;
      if (text[at] === '{') {
        at++;
        children = readList();
        at++;
      }
      if (name) tree.set(name.replace(/\.limit\(\d+\)$/, ''), children);

      if (text[at] === ',') at++;
      else if (text[at] === '}') return tree;
    }
    return tree;
  };

  return readList();
}

/** Keeps the requested fields of `value`; without a selection, `defaults` are kept. */
export function pickFields(
  value: Record<string, unknown>,
  fields: FieldTree | undefined,
  defaults: string[],
): Record<string, unknown> {
  const tree = fields ?? new Map(defaults.map((name) => [name, null]));
  const picked: Record<string, unknown> = {};

  for (const [name, children] of tree) {
    const field = value[name];
    if (field === undefined) continue;
    picked[name] =
      children && field && typeof field === 'object' && !Array.isArray(field)
        ? pickFields(field as Record<string, unknown>, children, ['id'])
        : field;
  }

  if (picked.id === undefined && value.id !== undefined) picked.id = value.id;
  return picked;
}

/** Meta's timestamp format: `2024-05-01T10:00:00+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Reads `since`/`until` as Unix seconds or a date string. */
export function parseTimeParam(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const graphErrors = {
  missingToken: () =>
    new GraphFailure(400, {
      message: 'An active access token must be used to query information about the current user.',
      type: 'OAuthException',
      code: 2500,
    }),

  invalidToken: () =>
    new GraphFailure(400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    }),

  revokedToken: (subcode: number) =>
    new GraphFailure(400, {
      message:
        subcode === 463
          ? 'Error validating access token: Session has expired.'
          : 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      type: 'OAuthException',
      code: 190,
      error_subcode: subcode,
      error_user_title: 'Session expired',
      error_user_msg: 'Your session is no longer valid. Please log in again.',
    }),

  badProof: () =>
    new GraphFailure(400, {
      message: 'Invalid appsecret_proof provided in the API argument',
      type: 'GraphMethodException',
      code: 100,
    }),

  unknownObject: (id: string, method = 'get') =>
    new GraphFailure(400, {
      message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    }),

  badParam: (message: string, subcode?: number, userMessage?: string) =>
    new GraphFailure(400, {
      message: `(#100) ${message}`,
      type: 'OAuthException',
      code: 100,
      ...(subcode !== undefined && { error_subcode: subcode }),
      ...(userMessage && { error_user_msg: userMessage }),
    }),

  permission: (message: string) =>
    new GraphFailure(403, {
      message: `(#200) ${message}`,
      type: 'OAuthException',
      code: 200,
    }),

  instagram: (code: number, subcode: number, title: string, userMessage: string) =>
    new GraphFailure(400, {
      message: title,
      type: 'OAuthException',
      code,
      error_subcode: subcode,
      error_user_title: title,
      error_user_msg: userMessage,
    }),
};
