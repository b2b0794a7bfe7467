import { DateTime } from 'luxon';

/** The `datetime-local` input's shape, which is also what `posts.schedule` takes as local time. */
export const LOCAL_INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/**
 * A moment on the brand's wall clock, for people: "Tue 3 Jun, 09:30".
 *
 * @example
 *   formatInZone(new Date('2025-06-03T07:30:00Z'), 'Europe/Budapest'); // 'Tue 3 Jun 2025, 09:30'
 */
export function formatInZone(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('ccc d LLL yyyy, HH:mm');
}

/** The instant as the brand's local `YYYY-MM-DDTHH:mm`, to fill a date-time input. */
export function toLocalInput(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat(LOCAL_INPUT_FORMAT);
}

/** The next whole hour on the brand's clock, a sensible first suggestion for a new post. */
export function nextHourInput(zone: string): string {
  return DateTime.now()
    .setZone(zone)
    .plus({ hours: 1 })
    .startOf('hour')
    .toFormat(LOCAL_INPUT_FORMAT);
}

/** "Europe/Budapest (UTC+2)": the zone with its offset right now. */
export function zoneLabel(zone: string): string {
  const offset = DateTime.now().setZone(zone).toFormat('ZZ');
  return `${zone} (UTC${offset})`;
}

/** Midnight of a `YYYY-MM-DD` day on the brand's clock, as an instant. */
export function startOfLocalDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}
