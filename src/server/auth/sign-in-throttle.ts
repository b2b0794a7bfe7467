import { sql } from 'kysely';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';

/**
 * Failed sign-ins allowed in the window, per account and per IP address. An
 * address gets more room than an account: an office or a mobile carrier puts
 * many people behind one address.
 */
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;
export const WINDOW_MINUTES = 15;

const keysFor = (email: string, ip: string) => [`email:${email}`, `ip:${ip}`];
const limitOf = (key: string) =>
  key.startsWith('email:') ? MAX_FAILURES_PER_ACCOUNT : MAX_FAILURES_PER_ADDRESS;

/**
 * Refuses a sign-in while its account or its address has failed too often.
 * Failures live in PostgreSQL, so every web process sees the same count.
 */
export async function assertSignInAllowed(db: Db, email: string, ip: string): Promise<void> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .select(['key', sql<number>`count(*)`.as('failures'), sql<Date>`min(failed_at)`.as('oldest')])
    .where('key', 'in', keysFor(email, ip))
    .where('failed_at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .groupBy('key')
    .execute();

  const blocked = rows.filter((row) => row.failures >= limitOf(row.key));
  if (blocked.length === 0) return;

  const freeAt = Math.max(
    ...blocked.map((row) => new Date(row.oldest).getTime() + WINDOW_MINUTES * 60_000),
  );
  const seconds = Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);

  throw new AppError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds: seconds },
  );
}

export async function recordSignInFailure(db: Db, email: string, ip: string): Promise<void> {
  await db
    .insertInto('sign_in_failures')
    .values(keysFor(email, ip).map((key) => ({ key })))
    .execute();

  // Keep the table small: drop what can no longer count.
  await db
    .deleteFrom('sign_in_failures')
    .where('failed_at', '<', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .execute();
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', `email:${email}`).execute();
}
