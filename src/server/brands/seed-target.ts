import { z } from 'zod';
import type { Db } from '../db/database';

/** A problem with the workspace or owner named on the seeding script's command line. */
export class SeedTargetError extends Error {
  override name = 'SeedTargetError';
}

/**
 * Finds the workspace a seed file goes into and the user recorded as the
 * author of its brain versions.
 *
 * - `workspace`: a workspace id or its exact name;
 * - `owner`: an account's email, which must be an owner or editor of the
 *   workspace; without `workspace`, their only such workspace;
 * - neither: the only workspace in the database.
 */
export async function resolveSeedTarget(
  db: Db,
  options: { workspace?: string; owner?: string },
): Promise<{ workspaceId: string; workspaceName: string; authorId: string | null }> {
  const owner = options.owner ? await findUser(db, options.owner) : undefined;

  let query = db
    .selectFrom('workspaces as w')
    .select(['w.id', 'w.name'])
    .orderBy('w.created_at')
    .limit(10);

  if (options.workspace !== undefined) {
    const isId = z.uuid().safeParse(options.workspace).success;
    query = query.where(isId ? 'w.id' : 'w.name', '=', options.workspace);
  }
  if (owner) {
    query = query
      .innerJoin('memberships as m', 'm.workspace_id', 'w.id')
      .where('m.user_id', '=', owner.id)
      .where('m.role', 'in', ['owner', 'editor']);
  }

  const workspaces = await query.execute();
  const named = describeChoice(options, owner?.email);

  if (workspaces.length === 0) {
    throw new SeedTargetError(
      `No workspace found for ${named}. Sign up in the app first (that creates a workspace), then name it with --workspace or --owner.`,
    );
  }
  if (workspaces.length > 1) {
    const list = workspaces.map((w) => `${w.id} (${w.name})`).join(', ');
    throw new SeedTargetError(
      `More than one workspace matches ${named}: ${list}. Name one with --workspace <id>.`,
    );
  }

  const workspace = workspaces[0]!;
  return { workspaceId: workspace.id, workspaceName: workspace.name, authorId: owner?.id ?? null };
}

async function findUser(db: Db, email: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();

  if (!user) {
    throw new SeedTargetError(
      `No account uses ${email}. Sign up in the app first, or leave out --owner.`,
    );
  }
  return user;
}

function describeChoice(options: { workspace?: string }, ownerEmail?: string): string {
  const workspace =
    options.workspace === undefined ? undefined : `--workspace "${options.workspace}"`;
  const owner = ownerEmail ? `--owner ${ownerEmail} (as owner or editor)` : undefined;
  if (workspace && owner) return `${workspace} with ${owner}`;
  return workspace ?? owner ?? 'this database (no --workspace given)';
}
