import { sql } from 'kysely';
import type { MemberRole } from '../../../db/types';
import { roleAtLeast } from '../access/roles';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';
import { generateTokenSecret } from './token-secret';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  role: MemberRole;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiToken {
  workspaceId: string;
  userId: string;
  creatorRole: MemberRole;
  name: string;
  role: MemberRole;
  expiresAt?: Date | null;
}

const columns = [
  'id',
  'name',
  'prefix',
  'role',
  'created_by',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  role: MemberRole;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
};

function toView(row: TokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Creates a token bound to one workspace and role, and returns its text
 * once: only the hash is kept. The role may not exceed the creator's.
 *
 * @example
 *   const { token } = await createApiToken(db, { workspaceId, userId, creatorRole: 'owner',
 *     name: 'CI', role: 'editor' });
 */
export async function createApiToken(
  db: Db,
  input: NewApiToken,
): Promise<{ token: string; apiToken: ApiTokenView }> {
  if (!roleAtLeast(input.creatorRole, input.role)) {
    throw new AppError(
      'FORBIDDEN',
      `A token cannot have more rights than you: you are ${input.creatorRole} in this workspace, so choose ${input.creatorRole} or below.`,
      { fieldErrors: { role: [`choose ${input.creatorRole} or below`] } },
    );
  }

  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError('BAD_INPUT', 'Choose an expiry date in the future.', {
      fieldErrors: { expiresAt: ['must be in the future'] },
    });
  }

  const secret = generateTokenSecret();
  const row = await db
    .insertInto('api_tokens')
    .values({
      workspace_id: input.workspaceId,
      created_by: input.userId,
      name: input.name,
      prefix: secret.prefix,
      token_hash: secret.hash,
      role: input.role,
      expires_at: input.expiresAt ?? null,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();

  return { token: secret.token, apiToken: toView(row) };
}

/** The workspace's tokens, newest first, revoked ones included (for the audit trail). */
export async function listApiTokens(db: Db, workspaceId: string): Promise<ApiTokenView[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(columns)
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();

  return rows.map(toView);
}

/**
 * Revokes a token at once: the next request with it is refused. Revoking a
 * revoked token is harmless. Owners revoke any token; others only their own.
 */
export async function revokeApiToken(
  db: Db,
  input: { workspaceId: string; tokenId: string; userId: string; role: MemberRole },
): Promise<ApiTokenView> {
  const token = found(
    await db
      .selectFrom('api_tokens')
      .select(columns)
      .where('id', '=', input.tokenId)
      .where('workspace_id', '=', input.workspaceId)
      .executeTakeFirst(),
    'API token',
  );

  if (token.created_by !== input.userId && input.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can revoke tokens made by other members.');
  }

  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('id', '=', token.id)
    .returning(columns)
    .executeTakeFirstOrThrow();

  return toView(row);
}
