import type { MemberRole } from '../../../db/types';
import type { Db } from '../db/database';

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: MemberRole;
}

/** The workspaces a user belongs to, with their role in each, oldest first. */
export async function listWorkspaces(db: Db, userId: string): Promise<WorkspaceSummary[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['w.id', 'w.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
}

export async function createWorkspace(
  db: Db,
  userId: string,
  name: string,
): Promise<WorkspaceSummary> {
  return db.transaction().execute(async (trx) => {
    const workspace = await trx
      .insertInto('workspaces')
      .values({ name })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();

    await trx
      .insertInto('memberships')
      .values({ workspace_id: workspace.id, user_id: userId, role: 'owner' })
      .execute();

    return { ...workspace, role: 'owner' as const };
  });
}

export async function renameWorkspace(db: Db, workspaceId: string, name: string): Promise<void> {
  await db.updateTable('workspaces').set({ name }).where('id', '=', workspaceId).execute();
}
