import type { Platform } from '../../../db/types';
import type { Db } from '../db/database';

/** Something a person did to the post. */
export interface PostEventEntry {
  type: 'event';
  at: Date;
  kind: string;
  actor: { id: string; name: string } | null;
  detail: Record<string, unknown>;
}

/** One Graph API call the publish loop made for the post. */
export interface PublishAttemptEntry {
  type: 'attempt';
  at: Date;
  platform: Platform;
  attempt: number;
  call: string;
  httpStatus: number | null;
  errorCode: number | null;
  errorSubcode: number | null;
  message: string | null;
  durationMs: number;
  workerId: string;
}

export type HistoryEntry = PostEventEntry | PublishAttemptEntry;

/**
 * The post's whole story, oldest first: who did what, and every call made while
 * publishing, merged into one timeline. The post's access was checked by the caller.
 */
export async function getPostHistory(
  db: Db,
  workspaceId: string,
  postId: string,
): Promise<HistoryEntry[]> {
  const events = await db
    .selectFrom('post_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.created_at', 'e.kind', 'e.detail', 'e.actor_id', 'u.name'])
    .where('e.post_id', '=', postId)
    .where('e.workspace_id', '=', workspaceId)
    .orderBy('e.created_at')
    .execute();

  const attempts = await db
    .selectFrom('publish_attempts')
    .selectAll()
    .where('post_id', '=', postId)
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();

  const entries: HistoryEntry[] = [
    ...events.map((event): PostEventEntry => ({
      type: 'event',
      at: event.created_at,
      kind: event.kind,
      actor: event.actor_id ? { id: event.actor_id, name: event.name ?? 'Former member' } : null,
      detail: event.detail,
    })),
    ...attempts.map((attempt): PublishAttemptEntry => ({
      type: 'attempt',
      at: attempt.created_at,
      platform: attempt.platform,
      attempt: attempt.attempt,
      call: attempt.call,
      httpStatus: attempt.http_status,
      errorCode: attempt.error_code,
      errorSubcode: attempt.error_subcode,
      message: attempt.error_message,
      durationMs: attempt.duration_ms,
      workerId: attempt.worker_id,
    })),
  ];

  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
