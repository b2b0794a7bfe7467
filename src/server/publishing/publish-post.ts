import type { Platform } from '../../../db/types';
import type { TokenCipher } from '../crypto/token-cipher';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { GraphClient } from '../meta/graph-client';
import { auditGraphCalls } from './audit-graph-calls';
import { canRetry, retryDelaySeconds, type BackoffPolicy } from './backoff';
import type { ClaimedPost } from './claim-due-posts';
import { decidePostStatus, type PostDecision } from './decide-post-status';
import { finishPost } from './finish-post';
import { holdLease, LeaseLost } from './lease';
import { loadPublishConnection } from './load-publish-connection';
import { markTargetSending } from './mark-target-sending';
import { sendFacebook } from './publish-facebook';
import { sendInstagram } from './publish-instagram';
import { reconcileTarget } from './reconcile-target';
import { recordTargetResult } from './record-target-result';
import { releaseClaim } from './release-claim';
import { platformName, type PublishRun, type TargetStep } from './target-step';

export interface PublishDeps {
  db: Db;
  graph: GraphClient;
  log: Logger;
  tokenCipher: TokenCipher;
  maxAttempts: number;
  leaseSeconds: number;
  backoff: BackoffPolicy;
  /** How long to wait for Instagram to process a container (default one minute). */
  containerDeadlineMs?: number;
  /** Marks the brand's connection `needs_reconnect` with a reason a person can act on. */
  markNeedsReconnect: (brandId: string, reason: string) => Promise<void>;
  /** Test-only: SIGKILL this process right after a visible call to this platform succeeded. */
  crashAfterPublishCall?: Platform;
}

const senders = { facebook: sendFacebook, instagram: sendInstagram };

/**
 * Publishes one claimed post: first settles every target whose outcome is
 * unknown (`reconcile-target.ts`), then sends each pending target, each time
 * marking it `sending` before the call and writing the answer right after;
 * finally derives the post's status from its targets. Every write is fenced
 * by the claim; if the lease is lost the work stops with nothing more written.
 *
 * `stopping` (the process is shutting down) stops new sends between steps: a
 * post where nothing was sent is released, the rest goes back for a retry.
 *
 * @example
 *   await publishPost(deps, claimedPost, new AbortController().signal);
 */
export async function publishPost(
  deps: PublishDeps,
  post: ClaimedPost,
  stopping: AbortSignal,
): Promise<void> {
  const log = deps.log.child({ postId: post.postId, attempt: post.attempt });
  const lease = holdLease(deps.db, log, post, deps.leaseSeconds);
  const audit = auditGraphCalls(deps.db, log, post);

  try {
    await publishTargets(deps, post, stopping, { log, audit, lease });
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    log.warn('lost the lease on the post: left to whoever holds it now');
  } finally {
    lease.release();
    await audit.flush();
  }
}

async function publishTargets(
  deps: PublishDeps,
  post: ClaimedPost,
  stopping: AbortSignal,
  scope: {
    log: Logger;
    audit: ReturnType<typeof auditGraphCalls>;
    lease: ReturnType<typeof holdLease>;
  },
): Promise<void> {
  const { db } = deps;
  const { log, lease } = scope;
  const targets = await loadTargets(db, post.postId);
  const reviews: string[] = [];
  const hints: number[] = [];
  let touched = false;

  const connection = await loadPublishConnection(db, deps.tokenCipher, post.brandId);
  if ('problem' in connection) {
    for (const target of targets) {
      if (target.status === 'pending') {
        await write(
          recordTargetResult(db, post, target.platform, {
            outcome: 'failed',
            errorCode: 'not_connected',
            errorMessage: connection.problem,
          }),
        );
      } else if (target.status === 'sending') {
        reviews.push(
          `${platformName[target.platform]}: it is unknown whether the post went live, and it cannot be checked: ${connection.problem}`,
        );
      }
    }
    await finish(deps, post, log, await loadTargets(db, post.postId), reviews, hints, false);
    return;
  }

  const run: PublishRun = {
    db,
    graph: deps.graph,
    log,
    post,
    connection,
    audit: scope.audit,
    maxAttempts: deps.maxAttempts,
    containerDeadlineMs: deps.containerDeadlineMs ?? 60_000,
    afterPublishCall: (platform) => {
      if (deps.crashAfterPublishCall === platform) process.kill(process.pid, 'SIGKILL');
    },
  };

  // Unknown outcomes are settled before anything is sent.
  const ordered = [...targets].sort((a, b) => rank(a.status) - rank(b.status));

  for (const target of ordered) {
    if (target.status === 'published' || target.status === 'failed') continue;
    if (lease.lost) throw new LeaseLost();
    if (target.status === 'pending' && stopping.aborted) continue;
    touched = true;

    let step =
      target.status === 'sending'
        ? await reconcileTarget(run, target)
        : await send(run, target.platform);

    if (step.outcome === 'resend') {
      log.info({ platform: target.platform, why: step.why }, 'proven not live: sending again');
      await scope.audit.flush();
      await write(
        recordTargetResult(db, post, target.platform, {
          outcome: 'retry',
          errorCode: 'resend',
          errorMessage: step.why,
        }),
      );
      if (stopping.aborted) continue;
      step = await send(run, target.platform);
      if (step.outcome === 'resend') {
        step = { outcome: 'retry', errorCode: 'resend', errorMessage: `${step.why}.` };
      }
    }

    await applyStep(deps, run, target.platform, step, reviews, hints);
  }

  if (lease.lost) throw new LeaseLost();
  if (!touched && stopping.aborted) {
    await write(releaseClaim(db, post));
    log.info('stopping: released the post unstarted');
    return;
  }

  await finish(
    deps,
    post,
    log,
    await loadTargets(db, post.postId),
    reviews,
    hints,
    stopping.aborted,
  );
}

async function send(run: PublishRun, platform: Platform): Promise<TargetStep> {
  const since = await markTargetSending(run.db, run.post, platform);
  if (!since) throw new LeaseLost();
  return senders[platform](run, since);
}

async function applyStep(
  deps: PublishDeps,
  run: PublishRun,
  platform: Platform,
  step: TargetStep,
  reviews: string[],
  hints: number[],
): Promise<void> {
  const { db, post, log } = run;
  // The step's Graph calls go into the history before what they led to.
  await run.audit.flush();

  switch (step.outcome) {
    case 'published':
      await write(recordTargetResult(db, post, platform, step));
      log.info({ platform, remoteId: step.remoteId, note: step.note }, 'target published');
      return;
    case 'failed':
      await write(recordTargetResult(db, post, platform, step));
      log.warn({ platform, code: step.errorCode }, 'target failed');
      return;
    case 'reconnect':
      await write(recordTargetResult(db, post, platform, { ...step, outcome: 'failed' }));
      await deps.markNeedsReconnect(post.brandId, step.errorMessage);
      log.warn({ platform, code: step.errorCode }, 'token refused: the brand must reconnect');
      return;
    case 'retry':
      await write(recordTargetResult(db, post, platform, step));
      if (step.hintSeconds) hints.push(step.hintSeconds);
      log.debug({ platform, code: step.errorCode }, 'target will be retried');
      return;
    case 'unresolved':
      if (step.hintSeconds) hints.push(step.hintSeconds);
      log.warn({ platform, code: step.errorCode }, 'unknown outcome could not be checked yet');
      return;
    case 'review':
      reviews.push(step.reason);
      return;
    case 'resend':
      throw new Error('a resend step must be sent before it is applied');
  }
}

async function finish(
  deps: PublishDeps,
  post: ClaimedPost,
  log: Logger,
  targets: Awaited<ReturnType<typeof loadTargets>>,
  reviews: string[],
  hints: number[],
  stopped: boolean,
): Promise<void> {
  let decision: PostDecision = decidePostStatus(
    targets.map((t) => ({ platform: t.platform, status: t.status, errorMessage: t.error_message })),
    reviews,
  );

  // Only a target whose outcome could not be checked is still open once attempts are spent.
  if (
    decision.status === 'scheduled' &&
    !stopped &&
    !canRetry(post.attemptsSpent, deps.maxAttempts)
  ) {
    const open = targets.filter((t) => t.status === 'sending').map((t) => platformName[t.platform]);
    decision = {
      status: 'needs_review',
      reason: `${open.join(' and ')}: it is unknown whether the post went live, and checking failed for ${post.attemptsSpent} attempts. Check the account, then mark it published or retry.`,
    };
  }

  let retryAt: Date | null = null;
  if (decision.status === 'scheduled') {
    const hint = hints.length > 0 ? Math.max(...hints) : null;
    const seconds =
      stopped && hint === null
        ? 0
        : retryDelaySeconds(post.attemptsSpent, deps.backoff, { hintSeconds: hint });
    retryAt = new Date(Date.now() + seconds * 1000);
  }

  await write(finishPost(deps.db, post, decision, retryAt));

  const level =
    decision.status === 'published' ? 'info' : decision.status === 'scheduled' ? 'info' : 'warn';
  log[level]({ status: decision.status, retryAt }, `post ${decision.status.replace('_', ' ')}`);
}

async function loadTargets(db: Db, postId: string) {
  return db
    .selectFrom('post_targets')
    .select(['platform', 'status', 'container_id', 'sending_started_at', 'error_message'])
    .where('post_id', '=', postId)
    .orderBy('platform')
    .execute();
}

function rank(status: string): number {
  return status === 'sending' ? 0 : 1;
}

/** A fenced write that matched nothing means the lease is gone. */
async function write(fenced: Promise<boolean>): Promise<void> {
  if (!(await fenced)) throw new LeaseLost();
}
