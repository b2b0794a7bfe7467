import type { Db } from '../db/database';

/** What happened to a post; one row per state change, written in the same transaction. */
export type PostEventKind =
  | 'created'
  | 'imported'
  | 'duplicated'
  | 'updated'
  | 'scheduled'
  | 'unscheduled'
  | 'publish_requested'
  | 'retried'
  | 'deleted';

export interface PostEvent {
  postId: string;
  workspaceId: string;
  actorId: string | null;
  kind: PostEventKind;
  detail?: Record<string, unknown>;
}

/**
 * Records events; pass the transaction that made the change.
 *
 * @example
 *   await recordPostEvents(trx, [{ postId, workspaceId, actorId, kind: 'scheduled' }]);
 */
export async function recordPostEvents(db: Db, events: PostEvent[]): Promise<void> {
  if (events.length === 0) return;

  await db
    .insertInto('post_events')
    .values(
      events.map((event) => ({
        post_id: event.postId,
        workspace_id: event.workspaceId,
        actor_id: event.actorId,
        kind: event.kind,
        detail: JSON.stringify(event.detail ?? {}),
      })),
    )
    .execute();
}
