import { sql } from 'kysely';
import type { PostStatus } from '../../../db/types';
import { resolveScheduleTime } from '../../common/schedule-time';
import type { Db } from '../db/database';
import { AppError, type FieldErrors } from '../errors/app-error';
import type { Actor } from './edit-post';
import { assertCanChange, lockPost, type LockedPost } from './lock-post';
import { recordPostEvents, type PostEventKind } from './post-events';
import { getPost, type PostView } from './post-view';
import { publishProblems, type PublishCheck } from './publish-problems';

export interface ScheduleResult {
  post: PostView;
  /** Set when the time needed interpreting, e.g. a local time that occurs twice. */
  notice?: string;
}

const REPUBLISHABLE: PostStatus[] = ['draft', 'scheduled', 'failed', 'needs_review'];
const HINTS = {
  published: 'Duplicate it to post it again.',
  draft: 'Schedule it, or publish it now.',
};

/**
 * Schedules (or reschedules) a post at `at`: a local date-time in the brand's
 * timezone or an instant. Nothing is saved unless the post can be published on
 * every target at that time.
 */
export async function schedulePost(
  db: Db,
  actor: Actor,
  postId: string,
  input: { version: number; at: string },
): Promise<ScheduleResult> {
  const notice = await db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, actor.workspaceId, postId);
    assertCanChange(post, {
      version: input.version,
      allowed: REPUBLISHABLE,
      action: 'schedule',
      hints: HINTS,
    });

    const time = resolveScheduleTime(input.at, post.timezone);
    const problems = await problemsFor(trx, post, time.ok ? time.instant : undefined);
    if (!time.ok) (problems.at ??= []).unshift(time.problem);
    refuseIfAny(problems, 'scheduled');

    const at = (time as { instant: Date }).instant;
    await markScheduled(trx, actor, post, at, 'scheduled', {
      at: at.toISOString(),
      previous: post.scheduled_at?.toISOString() ?? null,
      ...(time.ok && time.notice ? { notice: time.notice } : {}),
    });
    return time.ok ? time.notice : undefined;
  });

  const post = await getPost(db, actor.workspaceId, postId);
  return notice ? { post, notice } : { post };
}

/** Makes the post due now; the caller then kicks the publish loop. */
export async function publishPostNow(
  db: Db,
  actor: Actor,
  postId: string,
  version?: number,
): Promise<PostView> {
  return makeDueNow(db, actor, postId, version, {
    allowed: REPUBLISHABLE,
    action: 'publish',
    kind: 'publish_requested',
  });
}

/**
 * Tries a failed post, or one a person has reviewed, again now. Targets already
 * published stay as they are; the rest start over from pending.
 */
export async function retryPost(
  db: Db,
  actor: Actor,
  postId: string,
  version?: number,
): Promise<PostView> {
  return makeDueNow(db, actor, postId, version, {
    allowed: ['failed', 'needs_review'],
    action: 'retry',
    kind: 'retried',
  });
}

/** Takes the post off the calendar, back to draft. */
export async function unschedulePost(
  db: Db,
  actor: Actor,
  postId: string,
  version?: number,
): Promise<PostView> {
  await db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, actor.workspaceId, postId);
    assertCanChange(post, {
      version,
      allowed: ['scheduled', 'failed', 'needs_review'],
      action: 'unschedule',
    });

    await trx
      .updateTable('posts')
      .set((eb) => ({
        status: 'draft',
        scheduled_at: null,
        retry_at: null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', postId)
      .execute();

    await recordPostEvents(trx, [
      {
        postId,
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        kind: 'unscheduled',
        detail: { previous: post.scheduled_at?.toISOString() ?? null, status: post.status },
      },
    ]);
  });

  return getPost(db, actor.workspaceId, postId);
}

async function makeDueNow(
  db: Db,
  actor: Actor,
  postId: string,
  version: number | undefined,
  rule: { allowed: PostStatus[]; action: string; kind: PostEventKind },
): Promise<PostView> {
  await db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, actor.workspaceId, postId);
    assertCanChange(post, {
      version,
      allowed: rule.allowed,
      action: rule.action,
      hints: HINTS,
    });

    refuseIfAny(await problemsFor(trx, post, undefined), 'published');
    await markScheduled(trx, actor, post, 'now', rule.kind, { status: post.status });
  });

  return getPost(db, actor.workspaceId, postId);
}

/** Problems with publishing `post` at `at` (time checks skipped when `at` is undefined). */
async function problemsFor(db: Db, post: LockedPost, at: Date | undefined): Promise<FieldErrors> {
  const connection = await loadConnection(db, post.brand_id);
  return publishProblems({ ...post, connection, at, now: new Date() });
}

/** The brand's Meta connection as validation needs it; null when there is none. */
export async function loadConnection(db: Db, brandId: string): Promise<PublishCheck['connection']> {
  const row = await db
    .selectFrom('meta_connections')
    .select(['status', 'ig_user_id', 'status_reason'])
    .where('brand_id', '=', brandId)
    .executeTakeFirst();

  return row ? { status: row.status, igUserId: row.ig_user_id, reason: row.status_reason } : null;
}

function refuseIfAny(problems: FieldErrors, verb: string): void {
  if (Object.keys(problems).length === 0) return;

  throw new AppError('BAD_INPUT', `This post cannot be ${verb} yet: fix the fields marked.`, {
    fieldErrors: problems,
  });
}

/**
 * Status `scheduled` at `at`, a clean slate for the publish loop (no claim, no
 * backoff, no stale error), and every target not yet published back to pending.
 */
async function markScheduled(
  db: Db,
  actor: Actor,
  post: LockedPost,
  at: Date | 'now',
  kind: PostEventKind,
  detail: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({
      status: 'scheduled',
      scheduled_at: at === 'now' ? sql<Date>`now()` : at,
      retry_at: null,
      claimed_by: null,
      claim_expires_at: null,
      last_error: null,
      review_reason: null,
      attempt_base: eb.ref('attempt'),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', post.id)
    .execute();

  await db
    .updateTable('post_targets')
    .set({
      status: 'pending',
      error_code: null,
      error_message: null,
      sending_started_at: null,
      updated_at: new Date(),
    })
    .where('post_id', '=', post.id)
    .where('status', '<>', 'published')
    .execute();

  await recordPostEvents(db, [
    { postId: post.id, workspaceId: actor.workspaceId, actorId: actor.userId, kind, detail },
  ]);
}
