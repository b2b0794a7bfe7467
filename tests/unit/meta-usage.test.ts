import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appSecretProof } from '../../src/server/meta/graph-client';
import { paceFor, parseUsageHeaders } from '../../src/server/meta/usage-headers';

describe('parseUsageHeaders', () => {
  it('reads the highest percentage across the app and Page headers', () => {
    const headers = new Headers({
      'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 40 }),
      'x-page-usage': JSON.stringify({ call_count: 85, total_cputime: 10, total_time: 20 }),
    });

    expect(parseUsageHeaders(headers)).toEqual({ highestPercent: 85 });
  });

  it('reads business use case usage and its wait hint in seconds', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1234': [
          {
            type: 'pages',
            call_count: 100,
            total_cputime: 20,
            total_time: 30,
            estimated_time_to_regain_access: 12,
          },
        ],
        '5678': [{ type: 'instagram', call_count: 40, estimated_time_to_regain_access: 0 }],
      }),
    });

    expect(parseUsageHeaders(headers)).toEqual({ highestPercent: 100, regainAccessSeconds: 720 });
  });

  it('returns undefined without usage headers and ignores malformed ones', () => {
    expect(parseUsageHeaders(new Headers())).toBeUndefined();
    expect(
      parseUsageHeaders(
        new Headers({
          'x-app-usage': 'not json',
          'x-page-usage': JSON.stringify({ call_count: 5 }),
        }),
      ),
    ).toEqual({ highestPercent: 5 });
  });
});

describe('paceFor', () => {
  it('goes at full speed at or below 80 %', () => {
    expect(paceFor(undefined)).toEqual({ action: 'go', delayMs: 0 });
    expect(paceFor({ highestPercent: 80 })).toEqual({ action: 'go', delayMs: 0 });
  });

  it('slows down more the closer usage gets to 100 %', () => {
    const at85 = paceFor({ highestPercent: 85 });
    const at95 = paceFor({ highestPercent: 95 });

    expect(at85.action).toBe('slow');
    expect(at95.delayMs).toBeGreaterThan(at85.delayMs);
    expect(at95.delayMs).toBeLessThanOrEqual(10_000);
  });

  it("stops at 100 % for Meta's hint, or a default without one", () => {
    expect(paceFor({ highestPercent: 100, regainAccessSeconds: 120 })).toEqual({
      action: 'stop',
      delayMs: 120_000,
    });
    expect(paceFor({ highestPercent: 104 }, { stopDelayMs: 9_000 })).toEqual({
      action: 'stop',
      delayMs: 9_000,
    });
  });
});

describe('appSecretProof', () => {
  it('is the hex HMAC-SHA256 of the token keyed with the app secret', () => {
    const proof = appSecretProof('EAAB-token', 'app-secret');

    expect(proof).toBe(createHmac('sha256', 'app-secret').update('EAAB-token').digest('hex'));
    expect(proof).toBe('294c307ff2427ed2140908ec13f483ef7f7d7819a8fc32fb535cf6ada2327ab2');
    expect(appSecretProof('EAAB-token', 'other-secret')).not.toBe(proof);
  });
});
