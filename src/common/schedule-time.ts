import { DateTime } from 'luxon';

/**
 * Turning what a person typed ("2025-03-30T02:30" in the brand's timezone) into
 * one instant. Shared with the client, so the editor can warn before saving and
 * shows the same words the server would answer with.
 */

/** A wall-clock time without an offset: `2025-03-30T09:00` (seconds and milliseconds optional). */
export const LOCAL_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** An instant: a date-time that names its offset (`Z`, `+02:00`). */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export type ResolvedTime =
  { ok: true; instant: Date; notice?: string } | { ok: false; problem: string };

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** True when the IANA zone name is one luxon (and so PostgreSQL's tz data) knows. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * Resolves `at` (an instant, or a local date-time in `zone`) to the instant to store.
 * A local time inside a spring-forward gap is refused, naming the next valid time;
 * one that occurs twice (fall-back) takes the first occurrence and says so in `notice`.
 *
 * @example
 *   resolveScheduleTime('2025-10-26T02:30', 'Europe/Budapest')
 *   // { ok: true, instant: 2025-10-26T00:30:00Z, notice: '02:30 occurs twice … CEST (UTC+2)' }
 */
export function resolveScheduleTime(at: string, zone: string): ResolvedTime {
  const text = at.trim();

  if (INSTANT.test(text)) {
    const instant = DateTime.fromISO(text, { setZone: true });
    if (!instant.isValid) return { ok: false, problem: `${text} is not a real date and time` };
    return { ok: true, instant: instant.toJSDate() };
  }

  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) {
    return {
      ok: false,
      problem: 'Enter a date and time such as 2025-06-01T09:30, or an instant with an offset',
    };
  }

  const [year, month, day, hour, minute, second, fraction] = match.slice(1);
  return resolveWallClock(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second ?? 0),
      millisecond: Number((fraction ?? '').padEnd(3, '0')),
    },
    zone,
  );
}

function resolveWallClock(wall: WallClock, zone: string): ResolvedTime {
  if (!isValidTimeZone(zone)) return { ok: false, problem: `${zone} is not a known timezone` };

  const local = DateTime.fromObject(wall, { zone });
  if (!local.isValid) {
    return { ok: false, problem: `${formatWallClock(wall)} is not a real date and time` };
  }

  if (!sameWallClock(local, wall)) {
    const next = nextExistingTime(wall, zone);
    return {
      ok: false,
      problem:
        `${formatClock(wall)} does not exist in ${zone} on ${formatDate(wall)}: the clocks ` +
        `jump forward that night. The next valid time is ${next.toFormat('HH:mm')}.`,
    };
  }

  const occurrences = local.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  const first = occurrences[0] ?? local;

  if (occurrences.length > 1) {
    return {
      ok: true,
      instant: first.toJSDate(),
      notice:
        `${formatClock(wall)} occurs twice in ${zone} on ${formatDate(wall)} (the clocks go ` +
        `back that night); scheduled for the first, ${formatClock(wall)} ${describeOffset(first)}.`,
    };
  }

  return { ok: true, instant: first.toJSDate() };
}

/** The first wall-clock minute after a gap, found by walking forward (gaps last ≤ 2 h). */
function nextExistingTime(wall: WallClock, zone: string): DateTime {
  const start = DateTime.fromObject({ ...wall, second: 0, millisecond: 0 }, { zone: 'utc' });

  for (let minutes = 1; minutes <= 24 * 60; minutes++) {
    const candidate = start.plus({ minutes });
    const fields = candidate.toObject() as WallClock;
    const local = DateTime.fromObject(fields, { zone });
    if (sameWallClock(local, fields)) return local;
  }

  return DateTime.fromObject(wall, { zone });
}

function sameWallClock(dateTime: DateTime, wall: WallClock): boolean {
  return (
    dateTime.year === wall.year &&
    dateTime.month === wall.month &&
    dateTime.day === wall.day &&
    dateTime.hour === wall.hour &&
    dateTime.minute === wall.minute
  );
}

/** `CEST (UTC+2)`, or just `(UTC+5:30)` where the zone has no common abbreviation. */
export function describeOffset(dateTime: DateTime): string {
  const minutes = Math.abs(dateTime.offset);
  const sign = dateTime.offset < 0 ? '-' : '+';
  const utc = `UTC${sign}${Math.floor(minutes / 60)}${minutes % 60 ? `:${pad(minutes % 60)}` : ''}`;
  const name = ['en-US', 'en-GB']
    .map((locale) => dateTime.setLocale(locale).offsetNameShort)
    .find((short) => short && !/^(GMT|UTC)/.test(short));

  return name ? `${name} (${utc})` : `(${utc})`;
}

/**
 * How an instant reads on the brand's wall clock (`2025-06-01T09:30`), precise
 * enough to resolve back to the same instant: seconds and milliseconds appear
 * only when set, and the offset only for the second occurrence of a fall-back hour.
 *
 * @example
 *   formatLocalDateTime(new Date('2025-06-01T07:30:00Z'), 'Europe/Budapest') // '2025-06-01T09:30'
 */
export function formatLocalDateTime(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  const seconds = local.millisecond ? ':ss.SSS' : local.second ? ':ss' : '';
  const text = local.toFormat(`yyyy-MM-dd'T'HH:mm${seconds}`);

  const back = resolveScheduleTime(text, zone);
  const exact = back.ok && back.instant.getTime() === instant.getTime();
  return exact ? text : `${text}${local.toFormat('ZZ')}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

function formatClock(wall: WallClock): string {
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

function formatDate(wall: WallClock): string {
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

function formatWallClock(wall: WallClock): string {
  return `${formatDate(wall)} ${formatClock(wall)}`;
}
