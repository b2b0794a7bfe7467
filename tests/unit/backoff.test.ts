import { describe, expect, it } from 'vitest';
import {
  backoffCeilingSeconds,
  canRetry,
  retryDelaySeconds,
} from '../../src/server/publishing/backoff';

const policy = { baseSeconds: 30, capSeconds: 1800 };

describe('retry backoff', () => {
  it('doubles the ceiling with each attempt until the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((a) => backoffCeilingSeconds(a, policy));
    expect(ceilings).toEqual([30, 60, 120, 240, 480, 960, 1800, 1800, 1800]);
  });

  it('draws the delay uniformly below the ceiling (full jitter), never under one second', () => {
    expect(retryDelaySeconds(3, policy, { random: () => 0.999999 })).toBe(120);
    expect(retryDelaySeconds(3, policy, { random: () => 0.5 })).toBe(60);
    expect(retryDelaySeconds(3, policy, { random: () => 0 })).toBe(1);
    expect(retryDelaySeconds(40, policy, { random: () => 0.999999 })).toBe(1800);
  });

  it('spreads real delays over the whole window', () => {
    const delays = Array.from({ length: 2000 }, () => retryDelaySeconds(4, policy));
    expect(Math.max(...delays)).toBeLessThanOrEqual(240);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...delays)).toBeGreaterThan(200);
    expect(Math.min(...delays)).toBeLessThan(40);
  });

  it("obeys the platform's wait hint over the backoff, with a little jitter", () => {
    expect(retryDelaySeconds(1, policy, { hintSeconds: 600, random: () => 0 })).toBe(600);
    expect(retryDelaySeconds(1, policy, { hintSeconds: 600, random: () => 0.999 })).toBe(660);
    expect(retryDelaySeconds(1, policy, { hintSeconds: null, random: () => 0.999999 })).toBe(30);
  });

  it('allows attempts up to the maximum and no more', () => {
    expect([1, 2, 3, 4, 5].map((a) => canRetry(a, 5))).toEqual([true, true, true, true, false]);
  });
});
