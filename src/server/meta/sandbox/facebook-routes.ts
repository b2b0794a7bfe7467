import type { SandboxFeedPost, SandboxToken } from './emulator-state';
import { pageOf, requirePage, type EmulatorRequest } from './emulator-request';
import { GraphFailure, graphErrors, graphTime, parseTimeParam, pickFields } from './graph-wire';

/** Facebook Page posts: `/feed`, `/photos`, reading and deleting posts. */

/** `POST /{page-id}/feed`: a text, link or multi-photo post. */
export function createFeedPost(call: EmulatorRequest, token: SandboxToken): unknown {
  const { params, state } = call;
  requirePublisher(call, token);

  const photoIds = attachedMedia(params);
  if (!params.message && !params.link && photoIds.length === 0) {
    throw graphErrors.badParam('Missing message or attachment');
  }
  if (params.link && !isHttpUrl(params.link)) throw graphErrors.badParam('Invalid link URL');

  for (const photoId of photoIds) {
    const photo = state.photos.get(photoId);
    if (!photo || photo.pageId !== call.id || photo.published) {
      throw graphErrors.badParam(
        `Invalid media_fbid ${photoId}: it must be an unpublished photo of this Page`,
      );
    }
  }

  if (call.settings.rejectDuplicateStatus && isRepeat(call, params.message)) {
    throw new GraphFailure(400, {
      message: '(#506) Duplicate status message',
      type: 'OAuthException',
      code: 506,
    });
  }

  const published = params.published !== 'false';
  const post: SandboxFeedPost = {
    id: `${call.id}_${state.newId()}`,
    pageId: call.id,
    message: params.message,
    link: params.link,
    photoIds,
    createdAt: new Date(),
  };

  if (published) {
    state.posts.set(post.id, post);
    for (const photoId of photoIds) {
      const photo = state.photos.get(photoId)!;
      photo.published = true;
      photo.postId = post.id;
    }
    state.recordPublished({
      platform: 'facebook',
      accountId: call.id,
      remoteId: post.id,
      text: post.message ?? post.link ?? '',
    });
  }

  return pickFields(postView(post), call.fields, ['id']);
}

/** `POST /{page-id}/photos`: a photo post, or an unpublished photo for a later `/feed`. */
export function createPhoto(call: EmulatorRequest, token: SandboxToken): unknown {
  const { params, state } = call;
  requirePublisher(call, token);

  if (!params.url) {
    throw new GraphFailure(400, {
      message: '(#324) Requires upload file',
      type: 'OAuthException',
      code: 324,
    });
  }
  if (!isHttpUrl(params.url)) throw graphErrors.badParam('url should represent a valid URL');

  const published = params.published !== 'false';
  const caption = params.caption ?? params.message;
  const photo = {
    id: state.newId(),
    pageId: call.id,
    url: params.url,
    caption,
    published: false,
    createdAt: new Date(),
  } as {
    id: string;
    pageId: string;
    url: string;
    caption?: string;
    published: boolean;
    postId?: string;
    createdAt: Date;
  };
  state.photos.set(photo.id, photo);

  if (!published) return pickFields({ id: photo.id }, call.fields, ['id']);

  const post: SandboxFeedPost = {
    id: `${call.id}_${state.newId()}`,
    pageId: call.id,
    message: caption,
    photoIds: [photo.id],
    createdAt: photo.createdAt,
  };
  state.posts.set(post.id, post);
  photo.published = true;
  photo.postId = post.id;
  state.recordPublished({
    platform: 'facebook',
    accountId: call.id,
    remoteId: post.id,
    text: caption ?? '',
  });

  return pickFields({ id: photo.id, post_id: post.id }, call.fields, ['id', 'post_id']);
}

/** `GET /{page-id}/feed`: the Page's posts, newest first, with `since`, `until` and paging. */
export function listFeed(call: EmulatorRequest, token: SandboxToken): unknown {
  requirePage(call, token, call.id);

  const since = parseTimeParam(call.params.since);
  const until = parseTimeParam(call.params.until);
  const posts = [...call.state.posts.values()]
    .filter((post) => post.pageId === call.id)
    .filter((post) => !since || post.createdAt.getTime() >= since.getTime())
    .filter((post) => !until || post.createdAt.getTime() <= until.getTime())
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((post) => pickFields(postView(post), call.fields, ['id', 'message', 'created_time']));

  return pageOf(posts, call.params);
}

/** `GET /{post-id}` or `/{photo-id}`. */
export function showPost(call: EmulatorRequest, token: SandboxToken): unknown {
  const post = call.state.posts.get(call.id);
  const photo = call.state.photos.get(call.id);
  requirePage(call, token, (post ?? photo)!.pageId);

  if (post) return pickFields(postView(post), call.fields, ['id', 'message', 'created_time']);
  return pickFields(
    {
      id: photo!.id,
      name: photo!.caption,
      created_time: graphTime(photo!.createdAt),
      images: [{ source: photo!.url }],
    },
    call.fields,
    ['id', 'name', 'created_time'],
  );
}

/** `DELETE /{post-id}`. */
export function deletePost(call: EmulatorRequest, token: SandboxToken): unknown {
  const post = call.state.posts.get(call.id);
  const photo = call.state.photos.get(call.id);
  const pageId = (post ?? photo)!.pageId;
  requirePublisher({ ...call, id: pageId }, token);

  call.state.posts.delete(call.id);
  call.state.photos.delete(call.id);
  return { success: true };
}

function postView(post: SandboxFeedPost): Record<string, unknown> {
  return {
    id: post.id,
    message: post.message,
    link: post.link,
    created_time: graphTime(post.createdAt),
    permalink_url: `https://www.facebook.com/${post.id.replace('_', '/posts/')}`,
    is_published: true,
  };
}

/** Publishing needs the Page's own token, as on Meta. */
function requirePublisher(call: EmulatorRequest, token: SandboxToken): void {
  requirePage(call, token, call.id);
  if (token.kind !== 'page') {
    throw graphErrors.permission(
      'The pages_manage_posts permission requires a Page access token to publish as the Page',
    );
  }
}

/** `attached_media` as a JSON array, or form fields `attached_media[0]`, `attached_media[1]`… */
function attachedMedia(params: Record<string, string>): string[] {
  const entries: unknown[] = [];

  if (params.attached_media) {
    try {
      const parsed: unknown = JSON.parse(params.attached_media);
      entries.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch {
      throw graphErrors.badParam('attached_media must be a JSON array of {"media_fbid": id}');
    }
  }
  for (const [key, value] of Object.entries(params)) {
    if (/^attached_media\[\d+\]$/.test(key)) entries.push(value);
  }

  return entries.map((entry) => {
    const object = typeof entry === 'string' ? safeJson(entry) : entry;
    const id = (object as { media_fbid?: unknown } | undefined)?.media_fbid;
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw graphErrors.badParam('attached_media entries need a media_fbid');
    }
    return String(id);
  });
}

function isRepeat(call: EmulatorRequest, message: string | undefined): boolean {
  if (!message) return false;
  const latest = [...call.state.posts.values()]
    .filter((post) => post.pageId === call.id)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return latest?.message === message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(value);
}
