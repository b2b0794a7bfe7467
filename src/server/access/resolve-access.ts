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

  return checkRole(caller, workspaceId, membership?.role, minimum, what);
}

/**
 * Access through a row that names its workspace (a brand, a post), read with
 * the caller's membership in one query: the same answers as `workspaceOf`
 * followed by `resolveWorkspaceAccess`, one round trip fewer on every request.
 */
export async function resolveRowAccess(
  db: Db,
  caller: Caller,
  table: 'brands' | 'posts',
  id: string,
  minimum: MemberRole,
  what: string,
): Promise<WorkspaceAccess> {
  const row = await db
    .selectFrom(table)
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.workspace_id', '=', `${table}.workspace_id`)
        .on('memberships.user_id', '=', caller.userId),
    )
    .select([`${table}.workspace_id as workspaceId`, 'memberships.role'])
    .where(`${table}.id`, '=', id)
    .executeTakeFirst();

  if (!row) throw notFound(what);
  if (caller.tokenWorkspaceId !== undefined && caller.tokenWorkspaceId !== row.workspaceId) {
    throw notFound(what);
  }

  return checkRole(caller, row.workspaceId, row.role, minimum, what);
}

function checkRole(
  caller: Caller,
  workspaceId: string,
  memberRole: MemberRole | null | undefined,
  minimum: MemberRole,
  what: string,
): WorkspaceAccess {
  if (!memberRole) throw notFound(what);

  const role = caller.tokenRole ? weakerRole(memberRole, caller.tokenRole) : memberRole;

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
