import type { Platform } from '../../../db/types';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { CallOptions, GraphCallReport } from '../meta/graph-client';
import type { ClaimedPost } from './claim-due-posts';

/**
 * Records every Graph call made for a post in `publish_attempts` (which call,
 * HTTP status, Meta's error code, subcode and message, duration, worker), so
 * the post's history shows what was tried. Rows are written one after another
 * as calls end, so they keep the calls' order; `flush()` waits for them. An
 * audit row that cannot be written is logged, never allowed to fail the
 * publishing itself.
 *
 * @example
 *   const audit = auditGraphCalls(db, log, post);
 *   await createFeedPost(graph, input, audit.callOptions('facebook'));
 *   await audit.flush();
 */
export function auditGraphCalls(db: Db, log: Logger, post: ClaimedPost, timeoutMs?: number) {
  // One write after another, so rows (and their created_at) follow the order of the calls.
  let written: Promise<void> = Promise.resolve();

  const record = (platform: Platform, report: GraphCallReport) => {
    written = written.then(() =>
      db
        .insertInto('publish_attempts')
        .values({
          post_id: post.postId,
          workspace_id: post.workspaceId,
          platform,
          attempt: post.attempt,
          worker_id: post.workerId,
          call: report.call,
          http_status: report.httpStatus,
          error_code: report.errorCode,
          error_subcode: report.errorSubcode,
          error_message: report.errorMessage,
          duration_ms: report.durationMs,
        })
        .execute()
        .then(
          () => undefined,
          (error: Error) =>
            log.warn({ err: error, call: report.call }, 'could not record a Graph call'),
        ),
    );
  };

  return {
    callOptions(platform: Platform): CallOptions {
      return {
        onCall: (report) => record(platform, report),
        ...(timeoutMs !== undefined && { timeoutMs }),
      };
    },
    flush(): Promise<void> {
      return written;
    },
  };
}
