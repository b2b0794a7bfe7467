import type { MemberRole } from '../../../db/types';
import type { Caller } from '../access/resolve-access';
import type { Db } from '../db/database';
import { hashToken, looksLikeToken } from './token-secret';

export type TokenCheck =
  { ok: true; tokenId: string; caller: Caller } | { ok: false; reason: string };

/** `last_used_at` is refreshed at most this often, so a busy token costs no write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Finds who an API token speaks for, or why it is refused. The lookup is by
 * the token's SHA-256, so the text is never compared (or timed) against
 * stored values. Revocation and expiry are read on every request: a revoked
 * token stops working with its next call.
 *
 * @example
 *   const check = await checkApiToken(db, 'pp_…');
 *   if (check.ok) req.caller = check.caller;
 */
export async function checkApiToken(db: Db, token: string): Promise<TokenCheck> {
  if (!looksLikeToken(token)) {
    return {
      ok: false,
      reason: 'This is not a Postpilot API token. Tokens start with pp_; create one in Settings.',
    };
  }

  const row = await db
    .selectFrom('api_tokens')
    .select([
      'id',
      'workspace_id',
      'created_by',
      'role',
      'expires_at',
      'revoked_at',
      'last_used_at',
    ])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();

  if (!row)
    return { ok: false, reason: 'This API token is not valid. Create a new one in Settings.' };
  if (row.revoked_at) {
    return { ok: false, reason: 'This API token was revoked. Create a new one in Settings.' };
  }
  if (row.expires_at && row.expires_at.getTime() <= Date.now()) {
    return { ok: false, reason: 'This API token has expired. Create a new one in Settings.' };
  }

  const stale =
    !row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS;
  if (stale) await noteTokenUse(db, row.id);

  return {
    ok: true,
    tokenId: row.id,
    caller: {
      userId: row.created_by,
      via: 'token',
      tokenWorkspaceId: row.workspace_id,
      tokenRole: row.role as MemberRole,
    },
  };
}

async function noteTokenUse(db: Db, tokenId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('id', '=', tokenId)
    .execute();
}
