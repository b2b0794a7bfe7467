import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../db/types';
import { publishProblems, type PublishCheck } from '../../src/server/posts/publish-problems';

const now = new Date('2025-06-01T12:00:00Z');
const image = (n: number): MediaItem => ({ url: `https://cdn.example.com/${n}.jpg`, alt: '' });
const active = { status: 'active' as const, igUserId: '1784', reason: null };

function check(overrides: Partial<PublishCheck>) {
  return publishProblems({
    caption: 'Fresh bread every morning',
    captions: {},
    media: [image(1)],
    targets: ['facebook', 'instagram'],
    connection: active,
    at: new Date('2025-06-02T09:00:00Z'),
    now,
    ...overrides,
  });
}

describe('what scheduling checks, per platform', () => {
  it('accepts a post that fits both platforms', () => {
    expect(check({})).toEqual({});
  });

  describe('connections', () => {
    it('refuses when the brand has no Meta connection', () => {
      expect(check({ connection: null }).targets?.[0]).toMatch(/Connect the brand's Facebook Page/);
    });

    it('refuses when the connection needs reconnecting, giving the reason', () => {
      const problems = check({
        connection: { status: 'needs_reconnect', igUserId: '1', reason: 'the token expired' },
      });
      expect(problems.targets).toEqual([
        "Reconnect the brand's Facebook Page before scheduling: the token expired",
      ]);
    });

    it('refuses Instagram when the Page has no Instagram account, but not Facebook alone', () => {
      const connection = { ...active, igUserId: null };
      expect(check({ connection }).targets?.[0]).toMatch(/no Instagram business account/);
      expect(check({ connection, targets: ['facebook'] })).toEqual({});
    });
  });

  describe('Instagram', () => {
    const instagram = { targets: ['instagram' as const] };

    it('needs at least one image', () => {
      expect(check({ ...instagram, media: [] }).media).toEqual([
        'Instagram needs at least 1 image',
      ]);
    });

    it('takes at most 10 images', () => {
      const media = Array.from({ length: 11 }, (_, n) => image(n));
      expect(check({ ...instagram, media }).media?.[0]).toMatch(/at most 10 images.*has 11/);
      expect(check({ ...instagram, media: media.slice(0, 10) })).toEqual({});
    });

    it('counts the caption in code points, so 2,200 emoji or accented letters fit', () => {
      expect(check({ ...instagram, caption: '🎉'.repeat(2_200) })).toEqual({});
      expect(check({ ...instagram, caption: 'ő'.repeat(2_200) })).toEqual({});
      expect(check({ ...instagram, caption: 'ű'.repeat(2_201) }).caption?.[0]).toMatch(
        /at most 2,200 characters \(this one has 2,201\)/,
      );
    });

    it('allows 30 hashtags and 20 mentions, not more', () => {
      const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
      const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@user${i}`).join(' ');

      expect(check({ ...instagram, caption: `${tags(30)} ${mentions(20)}` })).toEqual({});
      expect(check({ ...instagram, caption: tags(31) }).caption).toEqual([
        'Instagram allows at most 30 hashtags (this caption has 31)',
      ]);
      expect(check({ ...instagram, caption: mentions(21) }).caption).toEqual([
        'Instagram allows at most 20 @mentions (this caption has 21)',
      ]);
    });

    it('checks the Instagram caption when one is set, and reports it under its own field', () => {
      const problems = check({ caption: 'short', captions: { instagram: 'x'.repeat(2_201) } });
      expect(problems.caption).toBeUndefined();
      expect(problems['captions.instagram']?.[0]).toMatch(/2,200/);
    });

    it('needs absolute https image addresses, naming each bad one', () => {
      const media = [image(1), { url: 'http://cdn.example.com/2.jpg', alt: '' }, image(3)];
      expect(check({ ...instagram, media })).toEqual({
        'media[1].url': ['Instagram needs an absolute https:// address for every image'],
      });
      expect(check({ targets: ['facebook'], media })).toEqual({});
    });
  });

  describe('Facebook', () => {
    const facebook = { targets: ['facebook' as const] };

    it('needs a caption or an image', () => {
      expect(check({ ...facebook, caption: '  ', media: [] }).caption).toEqual([
        'Facebook needs a caption or at least one image',
      ]);
      expect(check({ ...facebook, caption: '', media: [image(1)] })).toEqual({});
      expect(check({ ...facebook, caption: 'Text only', media: [] })).toEqual({});
    });

    it('does not cap hashtags the way Instagram does', () => {
      const caption = Array.from({ length: 40 }, (_, i) => `#t${i}`).join(' ');
      expect(check({ ...facebook, caption })).toEqual({});
    });
  });

  describe('time', () => {
    it('allows a minute of grace, not more', () => {
      expect(check({ at: new Date(now.getTime() - 30_000) })).toEqual({});
      expect(check({ at: new Date(now.getTime() - 120_000) }).at).toEqual([
        'Choose a time in the future: this one has already passed',
      ]);
    });

    it('allows at most one year ahead', () => {
      expect(check({ at: new Date('2026-05-31T12:00:00Z') })).toEqual({});
      expect(check({ at: new Date('2026-06-02T12:00:00Z') }).at).toEqual([
        'Schedule at most one year ahead',
      ]);
    });
  });

  it('reports every problem at once', () => {
    const problems = check({
      connection: { status: 'needs_reconnect', igUserId: null, reason: null },
      caption: `${'#a '.repeat(31)}`,
      media: [{ url: 'ftp://example.com/x.jpg', alt: '' }, ...Array.from({ length: 11 }, image)],
      at: new Date('2020-01-01T00:00:00Z'),
    });

    expect(Object.keys(problems).sort()).toEqual([
      'at',
      'caption',
      'media',
      'media[0].url',
      'targets',
    ]);
    expect(problems.media).toHaveLength(2); // too many for Facebook and for Instagram
  });
});
