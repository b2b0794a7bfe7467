import type { Platform, PostTarget } from '../../../db/types';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { GraphClient } from '../meta/graph-client';
import { GraphError } from '../meta/graph-errors';
import type { auditGraphCalls } from './audit-graph-calls';
import type { ClaimedPost } from './claim-due-posts';
import type { PublishConnection } from './load-publish-connection';
import { canRetry } from './backoff';

/** What one step on a target came to; `publish-post.ts` writes it. */
export type TargetStep =
  | { outcome: 'published'; remoteId: string | null; note?: string }
  | { outcome: 'failed'; errorCode: string; errorMessage: string }
  /** The connection is dead: fail the target and ask for a reconnect. */
  | { outcome: 'reconnect'; errorCode: string; errorMessage: string }
  /** Proven not live; try again after a backoff (`hintSeconds`: the platform's wait). */
  | { outcome: 'retry'; errorCode: string; errorMessage: string; hintSeconds?: number }
  /** Proven not live and nothing stands in the way: send again now, in this run. */
  | { outcome: 'resend'; why: string }
  /** Unknown and could not be checked now (the check failed): stays `sending`, checked later. */
  | { outcome: 'unresolved'; errorCode: string; errorMessage: string; hintSeconds?: number }
  /** Unknown and cannot be proven either way: a person decides. */
  | { outcome: 'review'; reason: string };

/** Everything a step needs about the post being published, for one claim. */
export interface PublishRun {
  db: Db;
  graph: GraphClient;
  log: Logger;
  post: ClaimedPost;
  connection: PublishConnection;
  audit: ReturnType<typeof auditGraphCalls>;
  maxAttempts: number;
  /** How long to wait for an Instagram container to be processed. */
  containerDeadlineMs: number;
  /** Called right after a call that makes a post visible succeeded (test-only crash hook). */
  afterPublishCall: (platform: Platform) => void;
}

export const platformName: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
};

export function captionFor(post: ClaimedPost, platform: Platform): string {
  return post.captions[platform] ?? post.caption;
}

/** Meta's code and subcode (`190/463`), or the error kind when Meta sent none. */
export function errorCodeOf(error: GraphError): string {
  if (error.graphCode === undefined) return error.kind;
  return error.subcode === undefined
    ? String(error.graphCode)
    : `${error.graphCode}/${error.subcode}`;
}

/**
 * The step for a call that certainly did not take effect: a dead token asks
 * for a reconnect, a passing problem retries (until attempts run out), a
 * refusal fails with Meta's message in plain words. Anything that is not a
 * GraphError is a bug or a database failure and is thrown again.
 */
export function stepForRefusal(run: PublishRun, error: unknown): TargetStep {
  if (!(error instanceof GraphError)) throw error;

  const errorCode = errorCodeOf(error);
  if (error.kind === 'token' || error.kind === 'permission') {
    return { outcome: 'reconnect', errorCode, errorMessage: error.message };
  }

  if (error.retryable) {
    if (!canRetry(run.post.attemptsSpent, run.maxAttempts)) {
      return {
        outcome: 'failed',
        errorCode,
        errorMessage: `${error.message} Gave up after ${run.post.attemptsSpent} attempts; use Retry to try again.`,
      };
    }
    return {
      outcome: 'retry',
      errorCode,
      errorMessage: error.message,
      ...(error.retryAfterSeconds !== undefined && { hintSeconds: error.retryAfterSeconds }),
    };
  }

  return { outcome: 'failed', errorCode, errorMessage: error.message };
}

/** The step when checking an unknown outcome failed: keep it unknown and look again later. */
export function stepForFailedCheck(error: unknown): TargetStep {
  if (!(error instanceof GraphError)) throw error;
  return {
    outcome: 'unresolved',
    errorCode: errorCodeOf(error),
    errorMessage: `Could not yet check whether the post went live: ${error.message}`,
    ...(error.retryAfterSeconds !== undefined && { hintSeconds: error.retryAfterSeconds }),
  };
}

export type SendingTarget = Pick<
  PostTarget,
  'platform' | 'status' | 'container_id' | 'sending_started_at'
>;
