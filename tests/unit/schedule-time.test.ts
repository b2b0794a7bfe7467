import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, resolveScheduleTime } from '../../src/common/schedule-time';

function instantOf(at: string, zone: string): string {
  const resolved = resolveScheduleTime(at, zone);
  if (!resolved.ok) throw new Error(resolved.problem);
  return resolved.instant.toISOString();
}

describe('schedule times on the brand wall clock', () => {
  it('reads ordinary local times in Budapest and New York as the right UTC instant', () => {
    expect(instantOf('2025-01-15T09:30', 'Europe/Budapest')).toBe('2025-01-15T08:30:00.000Z');
    expect(instantOf('2025-07-15T09:30', 'Europe/Budapest')).toBe('2025-07-15T07:30:00.000Z');
    expect(instantOf('2025-01-15T09:30', 'America/New_York')).toBe('2025-01-15T14:30:00.000Z');
    expect(instantOf('2025-07-15T09:30', 'America/New_York')).toBe('2025-07-15T13:30:00.000Z');
  });

  it('reads times right next to a change of clocks correctly', () => {
    expect(instantOf('2025-03-30T01:59', 'Europe/Budapest')).toBe('2025-03-30T00:59:00.000Z');
    expect(instantOf('2025-03-30T03:00', 'Europe/Budapest')).toBe('2025-03-30T01:00:00.000Z');
    expect(instantOf('2025-03-09T03:00', 'America/New_York')).toBe('2025-03-09T07:00:00.000Z');
  });

  it('refuses a Budapest time inside the spring-forward gap, naming the next valid time', () => {
    const resolved = resolveScheduleTime('2025-03-30T02:30', 'Europe/Budapest');

    expect(resolved.ok).toBe(false);
    expect(resolved.ok ? '' : resolved.problem).toBe(
      '02:30 does not exist in Europe/Budapest on 2025-03-30: the clocks jump forward that night. The next valid time is 03:00.',
    );
  });

  it('refuses a New York time inside the spring-forward gap', () => {
    const resolved = resolveScheduleTime('2025-03-09T02:05', 'America/New_York');

    expect(resolved.ok ? '' : resolved.problem).toMatch(
      /^02:05 does not exist in America\/New_York on 2025-03-09.*next valid time is 03:00/,
    );
  });

  it('takes the first of two Budapest 02:30s on the fall-back night and says so', () => {
    const resolved = resolveScheduleTime('2025-10-26T02:30', 'Europe/Budapest');

    expect(resolved).toEqual({
      ok: true,
      instant: new Date('2025-10-26T00:30:00.000Z'),
      notice:
        '02:30 occurs twice in Europe/Budapest on 2025-10-26 (the clocks go back that night); scheduled for the first, 02:30 CEST (UTC+2).',
    });
  });

  it('takes the first of two New York 01:30s, daylight time', () => {
    const resolved = resolveScheduleTime('2025-11-02T01:30', 'America/New_York');

    expect(resolved.ok && resolved.instant.toISOString()).toBe('2025-11-02T05:30:00.000Z');
    expect(resolved.ok && resolved.notice).toContain('EDT (UTC-4)');
  });

  it('gives no notice for a time that occurs once', () => {
    const resolved = resolveScheduleTime('2025-10-26T03:30', 'Europe/Budapest');
    expect(resolved).toEqual({ ok: true, instant: new Date('2025-10-26T02:30:00.000Z') });
  });

  it('takes an instant with an offset as it is, whatever the zone', () => {
    expect(instantOf('2025-03-30T02:30:00+01:00', 'Europe/Budapest')).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(instantOf('2025-06-01T07:30:00.250Z', 'America/New_York')).toBe(
      '2025-06-01T07:30:00.250Z',
    );
  });

  it('refuses dates that do not exist and unknown zones', () => {
    expect(resolveScheduleTime('2025-02-30T09:00', 'Europe/Budapest').ok).toBe(false);
    expect(resolveScheduleTime('2025-06-01T25:00', 'Europe/Budapest').ok).toBe(false);
    expect(resolveScheduleTime('2025-06-01T09:00', 'Mars/Olympus').ok).toBe(false);
    expect(resolveScheduleTime('tomorrow at nine', 'Europe/Budapest').ok).toBe(false);
  });

  it('writes instants back as wall-clock text that resolves to the same instant', () => {
    const second = new Date('2025-10-26T01:30:00.000Z'); // the later 02:30 in Budapest
    const cases: Array<[Date, string, string]> = [
      [new Date('2025-06-01T07:30:00Z'), 'Europe/Budapest', '2025-06-01T09:30'],
      [new Date('2025-06-01T07:30:15Z'), 'Europe/Budapest', '2025-06-01T09:30:15'],
      [new Date('2025-10-26T00:30:00Z'), 'Europe/Budapest', '2025-10-26T02:30'],
      [second, 'Europe/Budapest', '2025-10-26T02:30+01:00'],
    ];

    for (const [instant, zone, text] of cases) {
      expect(formatLocalDateTime(instant, zone)).toBe(text);
      expect(instantOf(text, zone)).toBe(instant.toISOString());
    }
  });
});
