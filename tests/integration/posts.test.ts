import { describe, expect, it } from 'vitest';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { addBrand, daysAhead } from '../support/post-fixtures';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const server = await startTestServer(database.url);
const { db } = database;

const image = { url: 'https://cdn.example.com/bread.jpg', alt: 'A loaf on a board' };

async function setUp() {
  const owner = await signUpUser(server.url, 'Olga Owner');
  const brandId = await addBrand(db, owner.workspaceId, { name: 'Bakery' });
  return { ...owner, brandId };
}

async function eventsOf(postId: string) {
  return db
    .selectFrom('post_events')
    .select('kind')
    .where('post_id', '=', postId)
    .orderBy('created_at')
    .execute()
    .then((rows) => rows.map((row) => row.kind));
}

describe('posts', () => {
  it('creates a draft with one pending target row per platform', async () => {
    const { api, brandId, user } = await setUp();

    const post = await api.posts.create.mutate({
      brandId,
      caption: 'Fresh bread',
      captions: { instagram: 'Fresh bread #bakery', facebook: '' },
      media: [image],
      targets: ['facebook', 'instagram'],
    });

    expect(post).toMatchObject({
      status: 'draft',
      version: 1,
      authorId: user.id,
      captions: { instagram: 'Fresh bread #bakery' },
      scheduledAt: null,
    });
    expect(post.targets.map((t) => [t.platform, t.status])).toEqual([
      ['facebook', 'pending'],
      ['instagram', 'pending'],
    ]);
    expect(await api.posts.get.query({ postId: post.id })).toEqual(post);
  });

  it('saves an edit at the current version and bumps it, keeping target rows in step', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({ brandId, caption: 'v1', targets: ['facebook'] });

    const edited = await api.posts.update.mutate({
      postId: post.id,
      version: 1,
      caption: 'v2',
      media: [image],
      targets: ['instagram'],
    });

    expect(edited).toMatchObject({ caption: 'v2', version: 2, media: [image] });
    expect(edited.targets.map((t) => t.platform)).toEqual(['instagram']);
    const rows = await db
      .selectFrom('post_targets')
      .select('platform')
      .where('post_id', '=', post.id)
      .execute();
    expect(rows).toEqual([{ platform: 'instagram' }]);
  });

  it('refuses an edit made at a stale version with CONFLICT, and keeps the newer text', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({
      brandId,
      caption: 'original',
      targets: ['facebook'],
    });
    await api.posts.update.mutate({ postId: post.id, version: 1, caption: 'first editor' });

    const error = await errorOf(
      api.posts.update.mutate({ postId: post.id, version: 1, caption: 'second editor' }),
    );

    expect(error.data?.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'This post changed since you opened it. Reload to see the latest version.',
    );
    expect(await api.posts.get.query({ postId: post.id })).toMatchObject({
      caption: 'first editor',
      version: 2,
    });
  });

  it('refuses a reschedule made at a stale version', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({ brandId, caption: 'Hi', targets: ['facebook'] });
    await api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(3) });

    const error = await errorOf(
      api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(4) }),
    );

    expect(error.data?.code).toBe('CONFLICT');
  });

  it('does not let anyone edit, unschedule or delete a post while it is being published', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({ brandId, caption: 'Hi', targets: ['facebook'] });
    const scheduled = await api.posts.schedule.mutate({
      postId: post.id,
      version: 1,
      at: daysAhead(1),
    });
    await db
      .updateTable('posts')
      .set({ status: 'publishing', claimed_by: 'worker-1', claim_expires_at: new Date() })
      .where('id', '=', post.id)
      .execute();
    const version = scheduled.post.version;

    const attempts = [
      () => api.posts.update.mutate({ postId: post.id, version, caption: 'changed' }),
      () => api.posts.update.mutate({ postId: post.id, version, targets: ['instagram'] }),
      () => api.posts.unschedule.mutate({ postId: post.id, version }),
      () => api.posts.delete.mutate({ postId: post.id, version }),
      () => api.posts.schedule.mutate({ postId: post.id, version, at: daysAhead(5) }),
    ];

    for (const attempt of attempts) {
      const error = await errorOf(attempt());
      expect(error.data?.code).toBe('CONFLICT');
      expect(error.message).toMatch(/being published right now/);
    }
    const row = await db
      .selectFrom('posts')
      .select(['caption', 'status', 'deleted_at', 'version', 'scheduled_at'])
      .where('id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ caption: 'Hi', status: 'publishing', deleted_at: null, version });
    expect(row.scheduled_at).toEqual(scheduled.post.scheduledAt);
  });

  it('soft-deletes a post: gone from get, list and calendar, kept in the table', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({ brandId, caption: 'Bye', targets: ['facebook'] });
    await api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(2) });

    await api.posts.delete.mutate({ postId: post.id });

    expect((await errorOf(api.posts.get.query({ postId: post.id }))).data?.code).toBe('NOT_FOUND');
    expect((await api.posts.list.query({ brandId })).posts).toEqual([]);
    const row = await db
      .selectFrom('posts')
      .select(['status', 'deleted_at'])
      .where('id', '=', post.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.status).toBe('draft'); // a deleted post can never be claimed
  });

  it('duplicates a post into a new unscheduled draft with pending targets', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({
      brandId,
      caption: 'Original',
      media: [image],
      targets: ['facebook', 'instagram'],
    });
    await api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(2) });

    const copy = await api.posts.duplicate.mutate({ postId: post.id });

    expect(copy.id).not.toBe(post.id);
    expect(copy).toMatchObject({
      caption: 'Original',
      status: 'draft',
      scheduledAt: null,
      version: 1,
    });
    expect(copy.targets.map((t) => t.status)).toEqual(['pending', 'pending']);
    expect(await eventsOf(copy.id)).toEqual(['duplicated']);
  });

  it('lists a brand’s posts newest first, page by page, with filters and search', async () => {
    const { api, brandId } = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const post = await api.posts.create.mutate({
        brandId,
        caption: i % 2 ? `Odd 100%_post ${i}` : `Even post ${i}`,
        targets: ['facebook'],
      });
      ids.push(post.id);
    }
    await api.posts.schedule.mutate({ postId: ids[2]!, version: 1, at: daysAhead(3) });

    const first = await api.posts.list.query({ brandId, limit: 3 });
    const second = await api.posts.list.query({ brandId, limit: 3, cursor: first.nextCursor! });
    const third = await api.posts.list.query({ brandId, limit: 3, cursor: second.nextCursor! });

    expect([...first.posts, ...second.posts, ...third.posts].map((p) => p.id)).toEqual(
      [...ids].reverse(),
    );
    expect(third.nextCursor).toBeNull();

    const scheduled = await api.posts.list.query({ brandId, status: 'scheduled' });
    expect(scheduled.posts.map((p) => p.id)).toEqual([ids[2]]);

    const searched = await api.posts.list.query({ brandId, search: '100%_' });
    expect(searched.posts).toHaveLength(3);
    expect((await api.posts.list.query({ brandId, search: '0%_' })).posts).toHaveLength(3);
    expect((await api.posts.list.query({ brandId, search: '%' })).posts).toHaveLength(3);
  });

  it('shows a month of one brand, or of every brand of the workspace, in the calendar', async () => {
    const { api, brandId, workspaceId } = await setUp();
    const other = await addBrand(db, workspaceId, { name: 'Café' });
    const a = await api.posts.create.mutate({
      brandId,
      caption: 'Croissants\nsecond line',
      media: [image],
      targets: ['facebook', 'instagram'],
    });
    const b = await api.posts.create.mutate({
      brandId: other,
      caption: 'Espresso',
      targets: ['facebook'],
    });
    await api.posts.create.mutate({ brandId, caption: 'Unscheduled draft', targets: ['facebook'] });
    await api.posts.schedule.mutate({ postId: a.id, version: 1, at: daysAhead(3, '09:00') });
    await api.posts.schedule.mutate({ postId: b.id, version: 1, at: daysAhead(4, '09:00') });
    const from = new Date();
    const to = new Date(Date.now() + 30 * 86_400_000);

    const brandView = await api.posts.calendar.query({ brandId, from, to });
    const workspaceView = await api.posts.calendar.query({ workspaceId, from, to });

    expect(brandView).toEqual([
      {
        id: a.id,
        brandId,
        brandName: 'Bakery',
        status: 'scheduled',
        scheduledAt: expect.any(Date),
        title: 'Croissants',
        firstImage: image.url,
        targets: [
          { platform: 'facebook', status: 'pending' },
          { platform: 'instagram', status: 'pending' },
        ],
        version: 2,
      },
    ]);
    expect(workspaceView.map((p) => [p.title, p.brandName])).toEqual([
      ['Croissants', 'Bakery'],
      ['Espresso', 'Café'],
    ]);
  });

  it('unschedules a post back to a draft off the calendar', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({ brandId, caption: 'Hi', targets: ['facebook'] });
    await api.posts.schedule.mutate({ postId: post.id, version: 1, at: daysAhead(2) });

    const draft = await api.posts.unschedule.mutate({ postId: post.id, version: 2 });

    expect(draft).toMatchObject({ status: 'draft', scheduledAt: null, version: 3 });
  });

  it('publishes now: due immediately, and the publish loop is woken', async () => {
    const { api, brandId } = await setUp();
    let kicks = 0;
    const previous = server.services.kickPublisher;
    server.services.kickPublisher = () => void kicks++;
    try {
      const post = await api.posts.create.mutate({
        brandId,
        caption: 'Now!',
        targets: ['facebook'],
      });

      const due = await api.posts.publishNow.mutate({ postId: post.id, version: 1 });

      expect(due.status).toBe('scheduled');
      expect(Math.abs(due.scheduledAt!.getTime() - Date.now())).toBeLessThan(5_000);
      expect(kicks).toBe(1);
    } finally {
      server.services.kickPublisher = previous;
    }
  });

  it('retries a failed post: published targets stay, the rest start over as pending', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({
      brandId,
      caption: 'Half done',
      media: [image],
      targets: ['facebook', 'instagram'],
    });
    await db
      .updateTable('posts')
      .set({ status: 'failed', last_error: 'Instagram refused the image' })
      .where('id', '=', post.id)
      .execute();
    const publishedAt = new Date('2026-01-01T10:00:00Z');
    await db
      .updateTable('post_targets')
      .set({ status: 'published', remote_id: 'fb_123', published_at: publishedAt })
      .where('post_id', '=', post.id)
      .where('platform', '=', 'facebook')
      .execute();
    await db
      .updateTable('post_targets')
      .set({ status: 'failed', error_code: '36003', error_message: 'Aspect ratio' })
      .where('post_id', '=', post.id)
      .where('platform', '=', 'instagram')
      .execute();

    const retried = await api.posts.retry.mutate({ postId: post.id });

    expect(retried).toMatchObject({ status: 'scheduled', lastError: null });
    expect(retried.targets).toEqual([
      expect.objectContaining({
        platform: 'facebook',
        status: 'published',
        remoteId: 'fb_123',
        publishedAt,
      }),
      expect.objectContaining({
        platform: 'instagram',
        status: 'pending',
        errorCode: null,
        errorMessage: null,
      }),
    ]);
  });

  it('only retries failed posts and those waiting for review', async () => {
    const { api, brandId } = await setUp();
    const post = await api.posts.create.mutate({
      brandId,
      caption: 'Draft',
      targets: ['facebook'],
    });

    const error = await errorOf(api.posts.retry.mutate({ postId: post.id }));

    expect(error.data?.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toBe(
      'You cannot retry a post that is a draft. Schedule it, or publish it now.',
    );
  });

  it('records who did what in the history, with publish attempts in the same timeline', async () => {
    const { api, brandId, workspaceId, user } = await setUp();
    const post = await api.posts.create.mutate({
      brandId,
      caption: 'Story',
      targets: ['facebook'],
    });
    await api.posts.update.mutate({ postId: post.id, version: 1, caption: 'Better story' });
    await api.posts.schedule.mutate({ postId: post.id, version: 2, at: daysAhead(2) });
    await db
      .insertInto('publish_attempts')
      .values({
        post_id: post.id,
        workspace_id: workspaceId,
        platform: 'facebook',
        attempt: 1,
        worker_id: 'worker-a',
        call: 'POST /{page-id}/feed',
        http_status: 500,
        error_code: 2,
        error_subcode: null,
        error_message: 'Service temporarily unavailable',
        duration_ms: 120,
      })
      .execute();
    await api.posts.unschedule.mutate({ postId: post.id });

    const history = await api.posts.history.query({ postId: post.id });

    expect(history.map((entry) => (entry.type === 'event' ? entry.kind : entry.call))).toEqual([
      'created',
      'updated',
      'scheduled',
      'POST /{page-id}/feed',
      'unscheduled',
    ]);
    const events = history.filter((entry) => entry.type === 'event');
    expect(events.every((e) => e.actor?.id === user.id && e.actor.name === 'Olga Owner')).toBe(
      true,
    );
    expect(events[1]!.detail).toEqual({ fields: ['caption'] });
    expect(history[3]).toMatchObject({ httpStatus: 500, errorCode: 2, workerId: 'worker-a' });
  });
});
