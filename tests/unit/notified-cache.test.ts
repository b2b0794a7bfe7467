import { describe, expect, it } from 'vitest';
import { NotifiedCache } from '../../src/server/db/change-feed';

function cache(live = { value: true }) {
  return new NotifiedCache<string>({ max: 10, ttlMs: 60_000, live: () => live.value });
}

describe('NotifiedCache', () => {
  it('keeps what was read, and drops it when its change is notified', () => {
    const roles = cache();
    roles.remember(roles.epoch(), 'u:w', 'editor');
    expect(roles.get('u:w')).toBe('editor');

    roles.forget('u:w');
    expect(roles.get('u:w')).toBeUndefined();
  });

  it('does not keep a value read before a change that was notified while reading', () => {
    const roles = cache();
    const epoch = roles.epoch(); // a request starts reading the old role
    roles.forget('u:w'); // the change commits and its notification arrives
    roles.remember(epoch, 'u:w', 'owner'); // the slow read finishes with the old role

    expect(roles.get('u:w')).toBeUndefined();
  });

  it('neither answers nor keeps anything while the channel is down', () => {
    const live = { value: true };
    const roles = cache(live);
    roles.remember(roles.epoch(), 'u:w', 'editor');

    live.value = false;
    expect(roles.get('u:w')).toBeUndefined();
    roles.remember(roles.epoch(), 'u:x', 'viewer');

    live.value = true;
    expect(roles.get('u:x')).toBeUndefined();
  });

  it('drops everything on `*`', () => {
    const roles = cache();
    roles.remember(roles.epoch(), 'a', '1');
    roles.remember(roles.epoch(), 'b', '2');
    roles.forget('*');
    expect([roles.get('a'), roles.get('b')]).toEqual([undefined, undefined]);
  });
});
