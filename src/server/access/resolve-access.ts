import type { MemberRole } from '../../../db/types';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import { roleAtLeast, weakerRole } from './roles';

/** Who is calling: a browser session, or an API token bound to one workspace. */
export interface Caller {
  userId: string;
  via: 'session' | 'token';
  tokenWorkspaceId?: string;
  tokenRole?: MemberRole;
}

export interface WorkspaceAccess {
  workspaceId: string;
  role: MemberRole;
}

const notFound = (what: string) =>
  new AppError(
    'NOT_FOUND',
    `${what} not found. It may have been deleted, or you may not have access.`,
  );

/**
 * Resolves the caller's role in a workspace and checks it against `minimum`.
 * Outsiders get NOT_FOUND, exactly as for an id that does not exist, so ids
 * of other tenants reveal nothing.
 */
export async function resolveWorkspaceAccess(
  db: Db,
  caller: Caller,
  workspaceId: string,
  minimum: MemberRole,
  what = 'Workspace',
): Promise<WorkspaceAccess> {
  if (caller.tokenWorkspaceId !== undefined && caller.tokenWorkspaceId !== workspaceId) {
    throw notFound(what);
  }

  const membership = await db
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', caller.userId)
    .executeTakeFirst();

  if (!membership) throw notFound(what);

  const role = caller.tokenRole ? weakerRole(membership.role, caller.tokenRole) : membership.role;

  if (!roleAtLeast(role, minimum)) {
    throw new AppError(
      'FORBIDDEN',
      `This needs the ${minimum} role in the workspace; you are ${role}.`,
    );
  }

  return { workspaceId, role };
}

/** Finds the workspace that owns a row, or NOT_FOUND. */
export async function workspaceOf(
  db: Db,
  table: 'brands' | 'posts',
  id: string,
  what: string,
): Promise<string> {
  const row = await db
    .selectFrom(table)
    .select('workspace_id')
    .where('id', '=', id)
    .executeTakeFirst();

  if (!row) throw notFound(what);
  return row.workspace_id;
}
