import type { MemberRole } from '../../../db/types';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  joinedAt: Date;
}

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'm.role', 'm.created_at as joinedAt'])
    .where('m.workspace_id', '=', workspaceId)
    .orderBy('m.created_at')
    .execute();
}

/** Adds an existing user to the workspace. */
export async function inviteMember(
  db: Db,
  workspaceId: string,
  email: string,
  role: MemberRole,
): Promise<Member> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('email', '=', email)
    .executeTakeFirst();

  if (!user) {
    throw new AppError(
      'NOT_FOUND',
      'No Postpilot account uses this email. Ask them to sign up, then invite them.',
      {
        fieldErrors: { email: ['No account uses this email yet'] },
      },
    );
  }

  const added = await db
    .insertInto('memberships')
    .values({ workspace_id: workspaceId, user_id: user.id, role })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .returning('created_at')
    .executeTakeFirst();

  if (!added) {
    throw new AppError('CONFLICT', `${user.email} is already a member of this workspace.`, {
      fieldErrors: { email: ['Already a member'] },
    });
  }

  return { userId: user.id, email: user.email, name: user.name, role, joinedAt: added.created_at };
}

/**
 * Changes a member's role. A workspace always keeps one owner: the owners'
 * rows are locked first, so two demotions at once cannot both pass the check.
 */
export async function setMemberRole(
  db: Db,
  workspaceId: string,
  userId: string,
  role: MemberRole,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const member = await lockMembers(trx, workspaceId, userId);

    if (member.role === 'owner' && role !== 'owner')
      await assertAnotherOwner(trx, workspaceId, userId);

    await trx
      .updateTable('memberships')
      .set({ role })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();
  });
}

export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const member = await lockMembers(trx, workspaceId, userId);

    if (member.role === 'owner') await assertAnotherOwner(trx, workspaceId, userId);

    await trx
      .deleteFrom('memberships')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();
  });
}

async function lockMembers(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<{ role: MemberRole }> {
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .forUpdate()
    .execute();

  const member = rows.find((row) => row.user_id === userId);
  if (!member) throw new AppError('NOT_FOUND', 'Member not found in this workspace.');
  return member;
}

async function assertAnotherOwner(db: Db, workspaceId: string, userId: string): Promise<void> {
  const other = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('user_id', '<>', userId)
    .executeTakeFirst();

  if (!other) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'A workspace needs at least one owner. Make someone else an owner first.',
    );
  }
}
