import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { claimDuePosts } from '../../src/server/publishing/claim-due-posts';
import { finishPost } from '../../src/server/publishing/finish-post';
import { markTargetSending } from '../../src/server/publishing/mark-target-sending';
import { recordTargetResult } from '../../src/server/publishing/record-target-result';
import { releaseClaim } from '../../src/server/publishing/release-claim';
import { renewLease } from '../../src/server/publishing/renew-lease';
import { sweepExpiredLeases } from '../../src/server/publishing/sweep-expired-leases';
import { createTestDatabase } from '../support/database';
import { insertBrand, insertDuePosts } from '../support/publishing-fixtures';

const database = await createTestDatabase();
const { db } = database;

async function expireLease(postId: string) {
  await db
    .updateTable('posts')
    .set({ claim_expires_at: sql<Date>`now() - interval '1 second'` })
    .where('id', '=', postId)
    .execute();
}

async function clearQueue() {
  await db
    .updateTable('posts')
    .set({ status: 'draft' })
    .where('status', 'in', ['scheduled', 'publishing'])
    .execute();
}

describe('claiming due posts', () => {
  it('gives each of 10,000 due posts to exactly one of 8 concurrent claimers', async () => {
    const brand = await insertBrand(db);
    const ids = await insertDuePosts(db, brand, 10_000);

    const claimers = Array.from({ length: 8 }, (_, i) => ({
      workerId: `claimer-${i}`,
      handle: openDatabase(database.url, 1),
      claimed: [] as string[],
    }));

    await Promise.all(
      claimers.map(async (claimer) => {
        for (;;) {
          const posts = await claimDuePosts(claimer.handle.db, {
            workerId: claimer.workerId,
            limit: 25,
            leaseSeconds: 60,
          });
          if (posts.length === 0) return;
          claimer.claimed.push(...posts.map((p) => p.postId));
        }
      }),
    );
    await Promise.all(claimers.map((c) => c.handle.db.destroy()));

    const all = claimers.flatMap((c) => c.claimed);
    expect(all).toHaveLength(10_000);
    expect(new Set(all).size).toBe(10_000);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(claimers.filter((c) => c.claimed.length > 0).length).toBeGreaterThan(1);

    const rows = await db
      .selectFrom('posts')
      .select(['status', 'attempt', (eb) => eb.fn.countAll<number>().as('count')])
      .where('id', 'in', ids)
      .groupBy(['status', 'attempt'])
      .execute();
    expect(rows).toEqual([{ status: 'publishing', attempt: 1, count: 10_000 }]);

    const holders = await db
      .selectFrom('posts')
      .select(['claimed_by', (eb) => eb.fn.countAll<number>().as('count')])
      .where('id', 'in', ids)
      .groupBy('claimed_by')
      .execute();
    for (const claimer of claimers) {
      const held = holders.find((h) => h.claimed_by === claimer.workerId)?.count ?? 0;
      expect(held).toBe(claimer.claimed.length);
    }

    await db.updateTable('posts').set({ status: 'draft' }).where('id', 'in', ids).execute();
  });

  it('claims only posts that are due, not deleted and past their retry time, oldest first', async () => {
    await clearQueue();
    const brand = await insertBrand(db);
    const [later] = await insertDuePosts(db, brand, 1, { dueSecondsAgo: 10 });
    const [older] = await insertDuePosts(db, brand, 1, { dueSecondsAgo: 60 });
    const [future] = await insertDuePosts(db, brand, 1, { dueSecondsAgo: -60 });
    const [deleted] = await insertDuePosts(db, brand, 1);
    const [waiting] = await insertDuePosts(db, brand, 1);
    await db
      .updateTable('posts')
      .set({ deleted_at: new Date() })
      .where('id', '=', deleted!)
      .execute();
    await db
      .updateTable('posts')
      .set({ retry_at: sql<Date>`now() + interval '1 minute'` })
      .where('id', '=', waiting!)
      .execute();

    const first = await claimDuePosts(db, { workerId: 'w', limit: 1, leaseSeconds: 60 });
    const rest = await claimDuePosts(db, { workerId: 'w', limit: 10, leaseSeconds: 60 });

    expect(first.map((p) => p.postId)).toEqual([older]);
    expect(rest.map((p) => p.postId)).toEqual([later]);
    expect(rest[0]!.attempt).toBe(1);
    expect(rest[0]!.claimExpiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(future).toBeDefined();
  });
});

describe('the lease fence', () => {
  async function claimOne(workerId: string) {
    await clearQueue();
    const brand = await insertBrand(db);
    const [id] = await insertDuePosts(db, brand, 1, { targets: ['facebook', 'instagram'] });
    const [claimed] = await claimDuePosts(db, { workerId, limit: 1, leaseSeconds: 60 });
    expect(claimed?.postId).toBe(id);
    return claimed!;
  }

  it('lets a worker whose lease expired mark the post neither published nor failed', async () => {
    const claim = await claimOne('worker-a');
    expect(await markTargetSending(db, claim, 'facebook')).toBeInstanceOf(Date);
    await expireLease(claim.postId);

    expect(
      await recordTargetResult(db, claim, 'facebook', { outcome: 'published', remoteId: 'p_1' }),
    ).toBe(false);
    expect(await finishPost(db, claim, { status: 'published' })).toBe(false);
    expect(await finishPost(db, claim, { status: 'failed', error: 'no' })).toBe(false);
    expect(await markTargetSending(db, claim, 'instagram')).toBeNull();
    expect(await renewLease(db, claim, 60)).toBe(false);

    const post = await db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', claim.postId)
      .executeTakeFirstOrThrow();
    expect(post.status).toBe('publishing');
    const targets = await db
      .selectFrom('post_targets')
      .select(['platform', 'status', 'remote_id'])
      .where('post_id', '=', claim.postId)
      .orderBy('platform')
      .execute();
    expect(targets).toEqual([
      { platform: 'facebook', status: 'sending', remote_id: null },
      { platform: 'instagram', status: 'pending', remote_id: null },
    ]);
  });

  it('refuses the writes of a lost lease once the post is claimed again, even by the same worker', async () => {
    const stale = await claimOne('worker-a');
    await expireLease(stale.postId);

    const swept = await sweepExpiredLeases(db, { maxAttempts: 5 });
    expect(swept).toEqual([
      { postId: stale.postId, workerId: 'worker-a', attempt: 1, status: 'scheduled' },
    ]);
    const [fresh] = await claimDuePosts(db, { workerId: 'worker-a', limit: 1, leaseSeconds: 60 });
    expect(fresh).toMatchObject({ postId: stale.postId, attempt: 2 });

    expect(await markTargetSending(db, stale, 'facebook')).toBeNull();
    expect(await finishPost(db, stale, { status: 'failed', error: 'stale' })).toBe(false);
    expect(await releaseClaim(db, stale)).toBe(false);

    expect(await markTargetSending(db, fresh!, 'facebook')).toBeInstanceOf(Date);
    expect(
      await recordTargetResult(db, fresh!, 'facebook', { outcome: 'published', remoteId: 'p_2' }),
    ).toBe(true);
    expect(await markTargetSending(db, fresh!, 'instagram')).toBeInstanceOf(Date);
    expect(
      await recordTargetResult(db, fresh!, 'instagram', { outcome: 'published', remoteId: 'm_2' }),
    ).toBe(true);
    expect(await finishPost(db, fresh!, { status: 'published' })).toBe(true);

    const post = await db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', stale.postId)
      .executeTakeFirstOrThrow();
    expect(post).toMatchObject({ status: 'published', claimed_by: null, attempt: 2 });
    const events = await db
      .selectFrom('post_events')
      .select('kind')
      .where('post_id', '=', stale.postId)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      'lease_expired',
      'target_published',
      'target_published',
      'published',
    ]);
  });

  it('never sends a published target again', async () => {
    const claim = await claimOne('worker-a');
    await markTargetSending(db, claim, 'facebook');
    await recordTargetResult(db, claim, 'facebook', { outcome: 'published', remoteId: 'p_3' });

    expect(await markTargetSending(db, claim, 'facebook')).toBeNull();
  });

  it('renews a held lease and releases an unstarted claim without counting the attempt', async () => {
    const claim = await claimOne('worker-a');
    expect(await renewLease(db, claim, 600)).toBe(true);
    const renewed = await db
      .selectFrom('posts')
      .select('claim_expires_at')
      .where('id', '=', claim.postId)
      .executeTakeFirstOrThrow();
    expect(renewed.claim_expires_at!.getTime()).toBeGreaterThan(Date.now() + 500_000);

    expect(await releaseClaim(db, claim)).toBe(true);
    const released = await db
      .selectFrom('posts')
      .select(['status', 'attempt', 'claimed_by'])
      .where('id', '=', claim.postId)
      .executeTakeFirstOrThrow();
    expect(released).toEqual({ status: 'scheduled', attempt: 0, claimed_by: null });
  });

  it('sends a post whose workers keep dying on it to review instead of handing it out for ever', async () => {
    const claim = await claimOne('worker-a');
    const maxAttempts = 3;

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await expireLease(claim.postId);
      const [swept] = await sweepExpiredLeases(db, { maxAttempts });
      const expected = attempt < maxAttempts ? 'scheduled' : 'needs_review';
      expect(swept).toMatchObject({ postId: claim.postId, attempt, status: expected });
      if (attempt < maxAttempts) {
        const [again] = await claimDuePosts(db, {
          workerId: 'worker-a',
          limit: 1,
          leaseSeconds: 60,
        });
        expect(again?.postId).toBe(claim.postId);
      }
    }

    const post = await db
      .selectFrom('posts')
      .select(['status', 'review_reason'])
      .where('id', '=', claim.postId)
      .executeTakeFirstOrThrow();
    expect(post.status).toBe('needs_review');
    expect(post.review_reason).toMatch(/stopped unexpectedly 3 times/);
    expect(await claimDuePosts(db, { workerId: 'worker-b', limit: 1, leaseSeconds: 60 })).toEqual(
      [],
    );
  });

  it('sweeps only expired leases, leaving sending targets for reconciliation', async () => {
    const expired = await claimOne('worker-a');
    await markTargetSending(db, expired, 'facebook');
    await expireLease(expired.postId);
    const brand = await insertBrand(db);
    await insertDuePosts(db, brand, 1);
    const [live] = await claimDuePosts(db, { workerId: 'worker-b', limit: 1, leaseSeconds: 60 });

    const swept = await sweepExpiredLeases(db, { maxAttempts: 5 });

    expect(swept.map((s) => s.postId)).toEqual([expired.postId]);
    const rows = await db
      .selectFrom('posts')
      .select(['id', 'status'])
      .where('id', 'in', [expired.postId, live!.postId])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [expired.postId]: 'scheduled',
      [live!.postId]: 'publishing',
    });
    const target = await db
      .selectFrom('post_targets')
      .select('status')
      .where('post_id', '=', expired.postId)
      .where('platform', '=', 'facebook')
      .executeTakeFirstOrThrow();
    expect(target.status).toBe('sending');
  });
});
