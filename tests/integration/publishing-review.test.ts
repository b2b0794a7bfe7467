import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { errorOf, signUpUser } from '../support/api-client';
import { createTestDatabase } from '../support/database';
import { insertBrand, insertDuePosts } from '../support/publishing-fixtures';
import { startTestServer } from '../support/server';

const database = await createTestDatabase();
const { db } = database;
const server = await startTestServer(database.url, { ROLE: 'web' });

/** A post the worker sent to review: Facebook outcome unknown, Instagram published. */
async function postInReview(owner: { userId: string; workspaceId: string }) {
  const brand = await insertBrand(db, { owner });
  const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook', 'instagram'] });
  await sql`update posts set status = 'needs_review', attempt = 1,
    review_reason = 'Facebook: it is unknown whether the post went live.' where id = ${id!}`.execute(
    db,
  );
  await sql`update post_targets set status = 'sending', sending_started_at = now()
    where post_id = ${id!} and platform = 'facebook'`.execute(db);
  await sql`update post_targets set status = 'published', remote_id = 'ig_1'
    where post_id = ${id!} and platform = 'instagram'`.execute(db);
  return id!;
}

async function state(id: string) {
  const post = await db
    .selectFrom('posts')
    .select(['status', 'review_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const targets = await db
    .selectFrom('post_targets')
    .select(['platform', 'status', 'remote_id'])
    .where('post_id', '=', id)
    .orderBy('platform')
    .execute();
  return { ...post, targets };
}

describe('settling a post in review', () => {
  it('marks it published with the id a person found on the Page', async () => {
    const owner = await signUpUser(server.url);
    const id = await postInReview({ userId: owner.user.id, workspaceId: owner.workspaceId });

    await owner.api.posts.resolveReview.mutate({
      postId: id,
      outcome: 'published',
      remoteId: '123_456',
    });

    expect(await state(id)).toEqual({
      status: 'published',
      review_reason: null,
      targets: [
        { platform: 'facebook', status: 'published', remote_id: '123_456' },
        { platform: 'instagram', status: 'published', remote_id: 'ig_1' },
      ],
    });
    const events = await db
      .selectFrom('post_events')
      .select(['kind', 'actor_id'])
      .where('post_id', '=', id)
      .execute();
    expect(events).toContainEqual({ kind: 'review_resolved', actor_id: owner.user.id });
  });

  it('sends only the unsettled target again on retry', async () => {
    const owner = await signUpUser(server.url);
    const id = await postInReview({ userId: owner.user.id, workspaceId: owner.workspaceId });

    await owner.api.posts.resolveReview.mutate({ postId: id, outcome: 'retry' });

    const after = await state(id);
    expect(after.status).toBe('scheduled');
    expect(after.targets).toEqual([
      { platform: 'facebook', status: 'pending', remote_id: null },
      { platform: 'instagram', status: 'published', remote_id: 'ig_1' },
    ]);
  });

  it('refuses a post that is not waiting for review, and outsiders', async () => {
    const owner = await signUpUser(server.url);
    const stranger = await signUpUser(server.url);
    const id = await postInReview({ userId: owner.user.id, workspaceId: owner.workspaceId });

    const outsider = await errorOf(
      stranger.api.posts.resolveReview.mutate({ postId: id, outcome: 'retry' }),
    );
    expect(outsider.data?.code).toBe('NOT_FOUND');

    await owner.api.posts.resolveReview.mutate({ postId: id, outcome: 'published' });
    const again = await errorOf(
      owner.api.posts.resolveReview.mutate({ postId: id, outcome: 'retry' }),
    );
    expect(again.data?.code).toBe('CONFLICT');
    expect(again.message).toMatch(/not waiting for review/);
  });
});
