import { describe, expect, it } from 'vitest';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { addBrand, daysAhead, nextClockChange } from '../support/post-fixtures';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);
const { db } = database;

const image = { url: 'https://cdn.example.com/a.jpg', alt: '' };

async function draftIn(options: Parameters<typeof addBrand>[2] = {}) {
  const owner = await signUpUser(server.url);
  const brandId = await addBrand(db, owner.workspaceId, options);
  const post = await owner.api.posts.create.mutate({
    brandId,
    caption: 'Opening hours',
    media: [image],
    targets: ['facebook', 'instagram'],
  });
  return { api: owner.api, brandId, post };
}

async function snapshot(postId: string) {
  const post = await db
    .selectFrom('posts')
    .select(['status', 'scheduled_at', 'version'])
    .where('id', '=', postId)
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('post_events')
    .select('kind')
    .where('post_id', '=', postId)
    .execute();
  return { ...post, events: events.length };
}

describe('scheduling on the brand wall clock', () => {
  for (const zone of ['Europe/Budapest', 'America/New_York']) {
    it(`stores an ordinary ${zone} time as the right instant, and a notice-free answer`, async () => {
      const { api, post } = await draftIn({ timezone: zone });
      const at = daysAhead(10, '09:15');

      const result = await api.posts.schedule.mutate({ postId: post.id, version: 1, at });

      const expected = new Date(
        new Date(`${at}:00Z`).getTime() - offsetMinutes(zone, `${at}:00Z`) * 60_000,
      );
      expect(result.post.scheduledAt).toEqual(expected);
      expect(result.notice).toBeUndefined();
    });
  }

  it('refuses a Budapest time in the spring-forward gap as a field error, saving nothing', async () => {
    const { api, post } = await draftIn({ timezone: 'Europe/Budapest' });
    const day = nextClockChange('Europe/Budapest', 'forward');
    const before = await snapshot(post.id);

    const error = await errorOf(
      api.posts.schedule.mutate({ postId: post.id, version: 1, at: `${day}T02:30` }),
    );

    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors?.at).toEqual([
      `02:30 does not exist in Europe/Budapest on ${day}: the clocks jump forward that night. The next valid time is 03:00.`,
    ]);
    expect(await snapshot(post.id)).toEqual(before);
  });

  it('refuses a New York time in the spring-forward gap', async () => {
    const { api, post } = await draftIn({ timezone: 'America/New_York' });
    const day = nextClockChange('America/New_York', 'forward');

    const error = await errorOf(
      api.posts.schedule.mutate({ postId: post.id, version: 1, at: `${day}T02:00` }),
    );

    expect(error.data?.fieldErrors?.at?.[0]).toMatch(/does not exist in America\/New_York/);
  });

  it('schedules an ambiguous Budapest time at its first occurrence and says so', async () => {
    const { api, post } = await draftIn({ timezone: 'Europe/Budapest' });
    const day = nextClockChange('Europe/Budapest', 'back');

    const result = await api.posts.schedule.mutate({
      postId: post.id,
      version: 1,
      at: `${day}T02:30`,
    });

    expect(result.post.scheduledAt).toEqual(new Date(`${day}T00:30:00Z`)); // 02:30 CEST
    expect(result.notice).toBe(
      `02:30 occurs twice in Europe/Budapest on ${day} (the clocks go back that night); scheduled for the first, 02:30 CEST (UTC+2).`,
    );
    const history = await api.posts.history.query({ postId: post.id });
    expect(history.at(-1)).toMatchObject({ kind: 'scheduled', detail: { notice: result.notice } });
  });

  it('schedules an ambiguous New York time at its first occurrence, daylight time', async () => {
    const { api, post } = await draftIn({ timezone: 'America/New_York' });
    const day = nextClockChange('America/New_York', 'back');

    const result = await api.posts.schedule.mutate({
      postId: post.id,
      version: 1,
      at: `${day}T01:30`,
    });

    expect(result.post.scheduledAt).toEqual(new Date(`${day}T05:30:00Z`)); // 01:30 EDT
    expect(result.notice).toMatch(/EDT \(UTC-4\)/);
  });

  it('takes an instant with an offset as given, whatever the brand zone', async () => {
    const { api, post } = await draftIn({ timezone: 'America/New_York' });
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCMilliseconds(0);

    const result = await api.posts.schedule.mutate({
      postId: post.id,
      version: 1,
      at: at.toISOString(),
    });

    expect(result.post.scheduledAt).toEqual(at);
  });
});

describe('what scheduling refuses', () => {
  it('refuses targets whose connection is missing or needs reconnecting, saving nothing', async () => {
    for (const connection of [null, 'needs_reconnect' as const]) {
      const { api, post } = await draftIn({ connection });
      const before = await snapshot(post.id);

      const error = await errorOf(
        api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(2) }),
      );

      expect(error.data?.code).toBe('BAD_REQUEST');
      expect(error.data?.fieldErrors?.targets?.[0]).toMatch(/(Connect|Reconnect) the brand/);
      expect(await snapshot(post.id)).toEqual(before);
    }
  });

  it('refuses Instagram without an Instagram account on the Page, but schedules Facebook', async () => {
    const { api, post } = await draftIn({ instagram: false });

    const error = await errorOf(
      api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(2) }),
    );
    expect(error.data?.fieldErrors?.targets?.[0]).toMatch(/no Instagram business account/);

    await api.posts.update.mutate({ postId: post.id, version: 1, targets: ['facebook'] });
    const result = await api.posts.schedule.mutate({
      postId: post.id,
      version: 2,
      at: daysAhead(2),
    });
    expect(result.post.status).toBe('scheduled');
  });

  it('reports every problem of a post at once, as field errors', async () => {
    const { api, post } = await draftIn();
    await api.posts.update.mutate({
      postId: post.id,
      version: 1,
      caption: Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' '),
      media: [{ url: 'http://cdn.example.com/a.jpg', alt: '' }, ...Array(10).fill(image)],
    });

    const error = await errorOf(
      api.posts.schedule.mutate({ postId: post.id, version: 2, at: '2020-01-01T09:00' }),
    );

    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual([
      'at',
      'caption',
      'media',
      'media[0].url',
    ]);
    expect(error.message).toBe('This post cannot be scheduled yet: fix the fields marked.');
  });

  it('refuses a time more than a year ahead', async () => {
    const { api, post } = await draftIn();

    const error = await errorOf(
      api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(370) }),
    );

    expect(error.data?.fieldErrors?.at).toEqual(['Schedule at most one year ahead']);
  });

  it('checks publish now the same way, without the time', async () => {
    const { api, post } = await draftIn({ connection: 'needs_reconnect' });

    const error = await errorOf(api.posts.publishNow.mutate({ postId: post.id, version: 1 }));

    expect(error.data?.fieldErrors?.targets?.[0]).toMatch(/Reconnect/);
    expect((await snapshot(post.id)).status).toBe('draft');
  });

  it('refuses an edit that would make a scheduled post unpublishable', async () => {
    const { api, post } = await draftIn();
    await api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(2) });

    const error = await errorOf(
      api.posts.update.mutate({ postId: post.id, version: 2, media: [] }),
    );

    expect(error.data?.fieldErrors?.media).toEqual(['Instagram needs at least 1 image']);
    expect((await api.posts.get.query({ postId: post.id })).media).toEqual([image]);
  });
});

function offsetMinutes(zone: string, isoUtc: string): number {
  // Offsets in the zone on that day at noon are enough for a date away from any change.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(isoUtc));
  const name = parts.find((part) => part.type === 'timeZoneName')!.value; // GMT+01:00
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
