import { sql } from 'kysely';
import type { Platform } from '../../../db/types';
import type { Db } from '../db/database';
import type { Claim } from './claim-due-posts';
import { lockHeldPost } from './held-post';

/**
 * How a `sending` target ended: live (with its remote id when known), failed
 * for good (with the platform's message), or safe to send again later.
 */
export type TargetResult =
  | { outcome: 'published'; remoteId: string | null }
  | { outcome: 'failed'; errorCode: string; errorMessage: string }
  | { outcome: 'retry'; errorCode: string; errorMessage: string };

/**
 * Writes the result of a `sending` target (or fails a `pending` one that
 * cannot be sent at all), fenced by the claim, and notes a
 * published or failed target in the post's history. Returns false when the
 * worker no longer holds the post: nothing was written.
 *
 * @example
 *   await recordTargetResult(db, claim, 'facebook', { outcome: 'published', remoteId: '1_2' });
 */
export async function recordTargetResult(
  db: Db,
  claim: Claim,
  platform: Platform,
  result: TargetResult,
): Promise<boolean> {
  const published = result.outcome === 'published';
  const status = published ? 'published' : result.outcome === 'failed' ? 'failed' : 'pending';
  const remoteId = published ? result.remoteId : null;
  const errorCode = published ? null : result.errorCode;
  const errorMessage = published ? null : result.errorMessage;
  const eventKind = published ? 'target_published' : status === 'failed' ? 'target_failed' : null;

  const { rows } = await sql<{ post_id: string }>`
    with held as (${lockHeldPost(claim)}),
    written as (
      update post_targets
      set status = ${status},
          remote_id = coalesce(${remoteId}, post_targets.remote_id),
          published_at = case when ${published} then now() else null end,
          container_id = case when ${status} = 'pending' then null else post_targets.container_id end,
          sending_started_at = case when ${status} = 'pending' then null
            else post_targets.sending_started_at end,
          error_code = ${errorCode},
          error_message = ${errorMessage},
          updated_at = now()
      from held
      where post_targets.post_id = held.id
        and post_targets.platform = ${platform}
        and (post_targets.status = 'sending'
          or (post_targets.status = 'pending' and ${status} = 'failed'))
      returning post_targets.post_id, post_targets.workspace_id
    ), noted as (
      insert into post_events (post_id, workspace_id, kind, detail)
      select post_id, workspace_id, ${eventKind}::text,
        jsonb_strip_nulls(jsonb_build_object(
          'platform', ${platform}::text, 'attempt', ${claim.attempt}::int,
          'remoteId', ${remoteId}::text, 'code', ${errorCode}::text, 'message', ${errorMessage}::text))
      from written where ${eventKind}::text is not null
    )
    select post_id from written
  `.execute(db);

  return rows.length === 1;
}
