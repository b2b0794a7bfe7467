import type { MemberRole } from '../../../db/types';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import type { AccessCache } from './access-cache';
import { roleAtLeast, weakerRole } from './roles';

/** Where access is read from: the cache first, the database when it does not know. */
export interface AccessSources {
  db: Db;
  accessCache: AccessCache;
}

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
  { db, accessCache }: AccessSources,
  caller: Caller,
  workspaceId: string,
  minimum: MemberRole,
  what = 'Workspace',
): Promise<WorkspaceAccess> {
  if (caller.tokenWorkspaceId !== undefined && caller.tokenWorkspaceId !== workspaceId) {
    throw notFound(what);
  }

  let role = accessCache.role(caller.userId, workspaceId);
  if (role === undefined) {
    const epoch = accessCache.epoch();
    const membership = await db
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', caller.userId)
      .executeTakeFirst();

    role = membership?.role;
    if (role) accessCache.rememberRole(epoch, caller.userId, workspaceId, role);
  }

  return checkRole(caller, workspaceId, role, minimum, what);
}

/**
 * Access through a row that names its workspace (a brand, a post). Rows never
 * change workspace, so the owner is cached for good; on a miss the row and the
 * caller's membership are read in one query.
 */
export async function resolveRowAccess(
  sources: AccessSources,
  caller: Caller,
  table: 'brands' | 'posts',
  id: string,
  minimum: MemberRole,
  what: string,
): Promise<WorkspaceAccess> {
  const { db, accessCache } = sources;
  const owner = accessCache.workspaceOf(table, id);
  if (owner !== undefined) return resolveWorkspaceAccess(sources, caller, owner, minimum, what);

  const epoch = accessCache.epoch();
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
  accessCache.rememberWorkspace(table, id, row.workspaceId);
  if (row.role) accessCache.rememberRole(epoch, caller.userId, row.workspaceId, row.role);

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
