import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { ConnectionStatus } from '../../db/types';
import type { Db } from '../../src/server/db/database';

/**
 * A brand in an existing workspace, inserted directly, with a Meta connection
 * in the given state (or none). Page tokens here are placeholders.
 */
export async function addBrand(
  db: Db,
  workspaceId: string,
  options: {
    timezone?: string;
    name?: string;
    connection?: ConnectionStatus | null;
    instagram?: boolean;
  } = {},
): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const brand = await db
    .insertInto('brands')
    .values({
      workspace_id: workspaceId,
      name: options.name ?? `Brand ${tag}`,
      slug: `brand-${tag}`,
      timezone: options.timezone ?? 'Europe/Budapest',
      language: 'en',
      default_targets: ['facebook', 'instagram'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const connection = options.connection === undefined ? 'active' : options.connection;
  if (connection) {
    await db
      .insertInto('meta_connections')
      .values({
        brand_id: brand.id,
        workspace_id: workspaceId,
        page_id: `page${tag}`,
        page_name: `Page ${tag}`,
        ig_user_id: options.instagram === false ? null : `ig${tag}`,
        ig_username: options.instagram === false ? null : `brand_${tag}`,
        page_token: 'placeholder-token',
        status: connection,
        status_reason: connection === 'active' ? null : 'the Page token expired',
        verified_at: new Date(),
      })
      .execute();
  }

  return brand.id;
}

/**
 * The local date (`2027-03-28`) of the next night the clocks in `zone` go
 * forward or back, found by comparing noon offsets day by day.
 */
export function nextClockChange(zone: string, direction: 'forward' | 'back'): string {
  let day = DateTime.now().setZone(zone).startOf('day').plus({ days: 2 });

  for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
    const before = day.minus({ days: 1 }).set({ hour: 12 }).offset;
    const after = day.set({ hour: 12 }).offset;
    if (direction === 'forward' ? after > before : after < before) return day.toISODate()!;
  }

  throw new Error(`${zone} has no clock change ${direction} within 400 days`);
}

/** A local date-time string some days ahead on the brand's wall clock. */
export function daysAhead(days: number, time = '10:00'): string {
  return `${DateTime.now().plus({ days }).toISODate()}T${time}`;
}
