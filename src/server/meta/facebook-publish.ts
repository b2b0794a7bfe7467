import type { CallOptions, GraphClient } from './graph-client';

/**
 * Publishing to a Facebook Page. Each function is one Graph call, so a
 * publisher can save its intent before the call that makes a post visible
 * and store the remote id right after. Unpublished photo uploads are
 * invisible on the Page and safe to repeat.
 */

export interface PageTarget {
  pageId: string;
  /** The Page access token. */
  token: string;
}

/**
 * A text or link post (`POST /{page-id}/feed`).
 *
 * @example
 *   const { postId } = await createFeedPost(graph, { pageId, token, message: 'Fresh bread at 7' });
 */
export async function createFeedPost(
  graph: GraphClient,
  input: PageTarget & { message: string; link?: string },
  options?: CallOptions,
): Promise<{ postId: string }> {
  const answer = await graph.request<{ id: string }>(
    {
      call: 'facebook.feed',
      method: 'POST',
      path: `/${encodeURIComponent(input.pageId)}/feed`,
      token: input.token,
      params: { message: input.message, link: input.link },
    },
    options,
  );
  return { postId: answer.id };
}

/** A single photo post (`POST /{page-id}/photos`): Meta fetches `imageUrl`. */
export async function createPhotoPost(
  graph: GraphClient,
  input: PageTarget & { imageUrl: string; caption: string },
  options?: CallOptions,
): Promise<{ photoId: string; postId: string }> {
  const answer = await graph.request<{ id: string; post_id?: string }>(
    {
      call: 'facebook.photo',
      method: 'POST',
      path: `/${encodeURIComponent(input.pageId)}/photos`,
      token: input.token,
      params: { url: input.imageUrl, caption: input.caption },
    },
    options,
  );
  return { photoId: answer.id, postId: answer.post_id ?? `${input.pageId}_${answer.id}` };
}

/** Uploads a photo without publishing it, for a multi-photo post. Invisible on the Page. */
export async function uploadUnpublishedPhoto(
  graph: GraphClient,
  input: PageTarget & { imageUrl: string },
  options?: CallOptions,
): Promise<{ photoId: string }> {
  const answer = await graph.request<{ id: string }>(
    {
      call: 'facebook.photo_upload',
      method: 'POST',
      path: `/${encodeURIComponent(input.pageId)}/photos`,
      token: input.token,
      params: { url: input.imageUrl, published: false },
    },
    options,
  );
  return { photoId: answer.id };
}

/** The visible step of a multi-photo post: `/feed` with `attached_media`. */
export async function createMultiPhotoPost(
  graph: GraphClient,
  input: PageTarget & { message: string; photoIds: string[] },
  options?: CallOptions,
): Promise<{ postId: string }> {
  const answer = await graph.request<{ id: string }>(
    {
      call: 'facebook.feed_photos',
      method: 'POST',
      path: `/${encodeURIComponent(input.pageId)}/feed`,
      token: input.token,
      params: {
        message: input.message,
        attached_media: JSON.stringify(input.photoIds.map((id) => ({ media_fbid: id }))),
      },
    },
    options,
  );
  return { postId: answer.id };
}

export interface FoundFeedPost {
  postId: string;
  createdTime: Date;
}

/**
 * Looks for a post whose message is exactly `message`, created at or after
 * `since` (less `skewSeconds` for clock differences), and whose id is not in
 * `skip` (ids already known to be other posts). It is how an unknown outcome
 * is settled: never "the newest post", only an exact match. Returns the
 * oldest match, or undefined when none is found in the pages read.
 *
 * @example
 *   const found = await findFeedPostByMessage(graph, pageId, token, caption, attemptStartedAt);
 */
export async function findFeedPostByMessage(
  graph: GraphClient,
  pageId: string,
  token: string,
  message: string,
  since: Date,
  options: CallOptions & {
    skewSeconds?: number;
    maxPages?: number;
    skip?: ReadonlySet<string>;
  } = {},
): Promise<FoundFeedPost | undefined> {
  const sinceSeconds = Math.floor(since.getTime() / 1000) - (options.skewSeconds ?? 60);
  let after: string | undefined;
  let match: FoundFeedPost | undefined;

  for (let round = 0; round < (options.maxPages ?? 5); round++) {
    const answer = await graph.request<{
      data: Array<{ id: string; message?: string; created_time: string }>;
      paging?: { cursors?: { after?: string }; next?: string };
    }>(
      {
        call: 'facebook.feed_list',
        method: 'GET',
        path: `/${encodeURIComponent(pageId)}/feed`,
        token,
        params: { fields: 'id,message,created_time', since: sinceSeconds, limit: 100, after },
      },
      options,
    );

    for (const post of answer.data) {
      if (post.message !== message || options.skip?.has(post.id)) continue;
      const createdTime = parseGraphTime(post.created_time);
      if (!match || createdTime < match.createdTime) match = { postId: post.id, createdTime };
    }

    after = answer.paging?.cursors?.after;
    if (!answer.paging?.next || !after) break;
  }

  return match;
}

/** Parses Meta's `2024-05-01T10:00:00+0000` (and ISO forms). */
export function parseGraphTime(value: string): Date {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
