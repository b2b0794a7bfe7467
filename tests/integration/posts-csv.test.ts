import { describe, expect, it } from 'vitest';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { addBrand, daysAhead } from '../support/post-fixtures';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);
const { db } = database;

const header = 'date,time,caption,image_urls,targets';
const [soonDate] = daysAhead(5).split('T');
const [laterDate] = daysAhead(6).split('T');

async function countPosts(brandId: string) {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('brand_id', '=', brandId)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('CSV import and export', () => {
  it('exports a range and imports it into another brand with nothing lost', async () => {
    const { api, workspaceId } = await signUpUser(server.url);
    const source = await addBrand(db, workspaceId, { timezone: 'America/New_York' });
    const target = await addBrand(db, workspaceId, { timezone: 'America/New_York' });
    const made = [
      {
        caption: 'Line one, "quoted"\nline two #nyc 🗽',
        captions: { instagram: '=Instagram gets its own words' },
        media: [
          { url: 'https://cdn.example.com/a.jpg', alt: 'Skyline at dusk' },
          { url: 'https://cdn.example.com/b.jpg', alt: '' },
        ],
        targets: ['instagram' as const, 'facebook' as const],
        at: daysAhead(3, '08:05'),
      },
      {
        caption: 'Text only',
        captions: {},
        media: [],
        targets: ['facebook' as const],
        at: daysAhead(4, '18:45'),
      },
    ];
    for (const { at, ...content } of made) {
      const post = await api.posts.create.mutate({ brandId: source, ...content });
      await api.posts.schedule.mutate({ postId: post.id, version: 1, at });
    }
    const range = { from: new Date(), to: new Date(Date.now() + 30 * 86_400_000) };

    const csv = await api.posts.exportCsv.query({ brandId: source, ...range });
    const imported = await api.posts.importCsv.mutate({ brandId: target, csv, dryRun: false });

    expect(imported).toMatchObject({ scheduled: 2, drafts: 0, problems: [] });
    const strip = async (brandId: string) =>
      (
        await db
          .selectFrom('posts')
          .select(['caption', 'captions', 'media', 'targets', 'scheduled_at', 'status'])
          .where('brand_id', '=', brandId)
          .orderBy('scheduled_at')
          .execute()
      ).map((row) => ({ ...row }));
    expect(await strip(target)).toEqual(await strip(source));
    expect(await api.posts.exportCsv.query({ brandId: target, ...range })).toBe(csv);
    const targetRows = await db
      .selectFrom('post_targets as t')
      .innerJoin('posts as p', 'p.id', 't.post_id')
      .select(['t.platform', 't.status'])
      .where('p.brand_id', '=', target)
      .execute();
    expect(targetRows).toHaveLength(3);
    expect(targetRows.every((row) => row.status === 'pending')).toBe(true);
  });

  it('imports nothing when any row has a problem, and lists every problem by row and column', async () => {
    const { api, workspaceId } = await signUpUser(server.url);
    const brandId = await addBrand(db, workspaceId, { timezone: 'Europe/Budapest' });
    const csv = [
      header,
      `${soonDate},09:00,Good row,https://cdn.example.com/a.jpg,instagram`,
      `${laterDate},09:00,No image for Instagram,,instagram`,
      `${soonDate},9am,Bad time,,facebook`,
      `${laterDate},10:00,,http://insecure.example.com/x.jpg,"facebook,instagram"`,
      `2020-01-01,10:00,In the past,,facebook`,
    ].join('\n');

    const dry = await api.posts.importCsv.mutate({ brandId, csv, dryRun: true });
    const error = await errorOf(api.posts.importCsv.mutate({ brandId, csv, dryRun: false }));

    const expected = [
      { row: 3, column: 'image_urls', message: 'Instagram needs at least 1 image' },
      { row: 4, column: 'time', message: expect.stringMatching(/HH:MM/) },
      {
        row: 5,
        column: 'image_urls',
        message: 'Instagram needs an absolute https:// address for every image',
      },
      { row: 6, column: 'time', message: expect.stringMatching(/already passed/) },
    ];
    expect(dry).toMatchObject({ dryRun: true, problems: expected });
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(
      'The file has 4 problems; nothing was imported. Fix them and import again.',
    );
    expect(error.data?.details?.problems).toEqual(expected);
    expect(error.data?.fieldErrors?.['rows[4].time']).toBeDefined();
    expect(await countPosts(brandId)).toBe(0);
  });

  it('checks a dry run fully but writes nothing, then imports the same file', async () => {
    const { api, workspaceId } = await signUpUser(server.url);
    const brandId = await addBrand(db, workspaceId);
    const csv = `${header}\n${soonDate},12:00,Lunch special,,facebook\n,,Someday,,facebook\n`;

    const dry = await api.posts.importCsv.mutate({ brandId, csv, dryRun: true });
    expect(dry).toEqual({ dryRun: true, scheduled: 1, drafts: 1, problems: [], postIds: [] });
    expect(await countPosts(brandId)).toBe(0);

    const real = await api.posts.importCsv.mutate({ brandId, csv, dryRun: false });
    expect(real.postIds).toHaveLength(2);
    const statuses = await db
      .selectFrom('posts')
      .select('status')
      .where('brand_id', '=', brandId)
      .orderBy('status')
      .execute();
    expect(statuses.map((row) => row.status)).toEqual(['draft', 'scheduled']);
    const history = await api.posts.history.query({ postId: real.postIds[0]! });
    expect(history).toMatchObject([{ type: 'event', kind: 'imported', detail: { row: 2 } }]);
  });

  it('refuses rows scheduled on a brand whose Page needs reconnecting', async () => {
    const { api, workspaceId } = await signUpUser(server.url);
    const brandId = await addBrand(db, workspaceId, { connection: 'needs_reconnect' });
    const csv = `${header}\n${soonDate},12:00,Hi,,facebook\n,,A draft is fine,,facebook\n`;

    const dry = await api.posts.importCsv.mutate({ brandId, csv, dryRun: true });

    expect(dry.problems).toEqual([
      { row: 2, column: 'targets', message: expect.stringMatching(/^Reconnect/) },
    ]);
  });
});
