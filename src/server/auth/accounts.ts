import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import { hashPassword, verifyPassword } from './passwords';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from './sign-in-throttle';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Creates a user with a workspace of their own, where they are the owner.
 *
 * @example
 *   const user = await signUp(db, { email: 'ada@example.com', name: 'Ada', password: '…' });
 */
export async function signUp(
  db: Db,
  input: { email: string; name: string; password: string },
): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);

  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ email: input.email, name: input.name, password_hash: passwordHash })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'email', 'name'])
      .executeTakeFirst();

    if (!user) {
      throw new AppError(
        'CONFLICT',
        'An account with this email already exists. Sign in instead.',
        {
          fieldErrors: { email: ['An account with this email already exists'] },
        },
      );
    }

    const workspace = await trx
      .insertInto('workspaces')
      .values({ name: `${input.name}'s workspace` })
      .returning('id')
      .executeTakeFirstOrThrow();

    await trx
      .insertInto('memberships')
      .values({ workspace_id: workspace.id, user_id: user.id, role: 'owner' })
      .execute();

    return user;
  });
}

const WRONG_CREDENTIALS = 'Email or password is incorrect.';

/**
 * Checks an email and password. Unknown email and wrong password fail the
 * same way, in about the same time; repeated failures are throttled.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<PublicUser> {
  await assertSignInAllowed(db, input.email, input.ip);

  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash'])
    .where('email', '=', input.email)
    .executeTakeFirst();

  const valid = await verifyPassword(user?.password_hash, input.password);

  if (!user || !valid) {
    await recordSignInFailure(db, input.email, input.ip);
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }

  await clearSignInFailures(db, input.email);
  return { id: user.id, email: user.email, name: user.name };
}

export async function findUser(db: Db, userId: string): Promise<PublicUser | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
