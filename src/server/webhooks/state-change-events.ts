import type { PostStatus } from '../../../db/types';
import type { WebhookEvent } from '../../common/developer-api';
import type { Db } from '../db/database';
import { enqueueWebhookEvent } from './enqueue-webhook-event';

const postEvents: Partial<Record<PostStatus, WebhookEvent>> = {
  published: 'post.published',
  failed: 'post.failed',
  needs_review: 'post.needs_review',
};

/**
 * Queues the webhook event for a post's current status (`published`, `failed`
 * or `needs_review`; other statuses announce nothing). Call it in the
 * transaction that set the status: it reads the post as that transaction
 * sees it.
 *
 * @example
 *   await enqueuePostStatusEvent(trx, postId);
 */
export async function enqueuePostStatusEvent(trx: Db, postId: string): Promise<number> {
  const post = await trx
    .selectFrom('posts')
    .select([
      'id',
      'workspace_id',
      'brand_id',
      'status',
      'scheduled_at',
      'published_at',
      'last_error',
      'review_reason',
    ])
    .where('id', '=', postId)
    .executeTakeFirst();

  const event = post && postEvents[post.status];
  if (!post || !event) return 0;

  const targets = await trx
    .selectFrom('post_targets')
    .select(['platform', 'status', 'remote_id', 'error_message', 'published_at'])
    .where('post_id', '=', postId)
    .orderBy('platform')
    .execute();

  return enqueueWebhookEvent(trx, {
    workspaceId: post.workspace_id,
    event,
    payload: {
      post: {
        id: post.id,
        brandId: post.brand_id,
        status: post.status,
        scheduledAt: post.scheduled_at?.toISOString() ?? null,
        publishedAt: post.published_at?.toISOString() ?? null,
        error: post.last_error,
        reviewReason: post.review_reason,
        targets: targets.map((target) => ({
          platform: target.platform,
          status: target.status,
          remoteId: target.remote_id,
          error: target.error_message,
          publishedAt: target.published_at?.toISOString() ?? null,
        })),
      },
    },
  });
}

/**
 * Queues `connection.needs_reconnect` for a brand whose Meta connection just
 * lost its token. Call it in the transaction that changed the status.
 */
export async function enqueueConnectionEvent(trx: Db, brandId: string): Promise<number> {
  const connection = await trx
    .selectFrom('meta_connections')
    .select([
      'brand_id',
      'workspace_id',
      'page_id',
      'page_name',
      'ig_username',
      'status',
      'status_reason',
    ])
    .where('brand_id', '=', brandId)
    .executeTakeFirst();

  if (!connection || connection.status !== 'needs_reconnect') return 0;

  return enqueueWebhookEvent(trx, {
    workspaceId: connection.workspace_id,
    event: 'connection.needs_reconnect',
    payload: {
      connection: {
        brandId: connection.brand_id,
        pageId: connection.page_id,
        pageName: connection.page_name,
        instagramUsername: connection.ig_username,
        status: connection.status,
        reason: connection.status_reason,
      },
    },
  });
}
