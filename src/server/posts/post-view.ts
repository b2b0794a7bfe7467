import type { MediaItem, Platform, Post, PostStatus, TargetStatus } from '../../../db/types';
import type { Db } from '../db/database';
import { found } from '../errors/app-error';

export interface PostTargetView {
  platform: Platform;
  status: TargetStatus;
  remoteId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  publishedAt: Date | null;
}

/** A post as the API returns it. */
export interface PostView {
  id: string;
  workspaceId: string;
  brandId: string;
  authorId: string | null;
  caption: string;
  captions: Partial<Record<Platform, string>>;
  media: MediaItem[];
  status: PostStatus;
  scheduledAt: Date | null;
  publishedAt: Date | null;
  lastError: string | null;
  reviewReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  targets: PostTargetView[];
}

/** One post with its targets, in the order the post lists them. */
export async function getPost(db: Db, workspaceId: string, postId: string): Promise<PostView> {
  const post = await db
    .selectFrom('posts')
    .selectAll()
    .where('id', '=', postId)
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

  const targets = await db
    .selectFrom('post_targets')
    .selectAll()
    .where('post_id', '=', postId)
    .execute();

  return toPostView(found(post, 'Post'), targets);
}

export function toPostView(
  post: Post,
  targets: Array<{
    platform: Platform;
    status: TargetStatus;
    remote_id: string | null;
    error_code: string | null;
    error_message: string | null;
    published_at: Date | null;
  }>,
): PostView {
  const order = (platform: Platform) => post.targets.indexOf(platform);

  return {
    id: post.id,
    workspaceId: post.workspace_id,
    brandId: post.brand_id,
    authorId: post.author_id,
    caption: post.caption,
    captions: post.captions,
    media: post.media,
    status: post.status,
    scheduledAt: post.scheduled_at,
    publishedAt: post.published_at,
    lastError: post.last_error,
    reviewReason: post.review_reason,
    version: post.version,
    createdAt: post.created_at,
    updatedAt: post.updated_at,
    targets: [...targets]
      .sort((a, b) => order(a.platform) - order(b.platform))
      .map((target) => ({
        platform: target.platform,
        status: target.status,
        remoteId: target.remote_id,
        errorCode: target.error_code,
        errorMessage: target.error_message,
        publishedAt: target.published_at,
      })),
  };
}
