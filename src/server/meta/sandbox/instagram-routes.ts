import type { SandboxContainer, SandboxToken } from './emulator-state';
import { pageOf, requirePage, type EmulatorRequest } from './emulator-request';
import { GraphFailure, graphErrors, graphTime, parseTimeParam, pickFields } from './graph-wire';

/**
 * Instagram content publishing: containers, their status, `media_publish`,
 * the media list and the publishing quota. Containers move IN_PROGRESS →
 * FINISHED after the configured number of status polls, → PUBLISHED when
 * published, and → EXPIRED when not published within the time to live.
 */

const captionLimit = 2200;

/** `POST /{ig-user-id}/media`: an image, a carousel item or a carousel container. */
export function createContainer(call: EmulatorRequest, token: SandboxToken): unknown {
  const { params, state } = call;
  requireAccount(call, token);

  const type = containerType(params);
  if (params.caption && [...params.caption].length > captionLimit) {
    throw igError(
      36004,
      2207010,
      'Caption too long',
      `The caption must be at most ${captionLimit} characters.`,
    );
  }

  const children = type === 'CAROUSEL' ? carouselChildren(call) : [];
  if (type !== 'CAROUSEL') {
    if (!params.image_url) throw graphErrors.badParam('The parameter image_url is required');
    if (!/^https?:\/\//i.test(params.image_url)) {
      throw igError(
        9004,
        2207052,
        'Media download has failed',
        'The media could not be fetched from the URI provided.',
      );
    }
  }

  const readyAfter = state.settings.containerReadyAfterPolls;
  const container: SandboxContainer = {
    id: state.newId(),
    igUserId: call.id,
    type,
    imageUrl: params.image_url,
    caption: type === 'CAROUSEL_ITEM' ? undefined : params.caption,
    children,
    status: readyAfter > 0 ? 'IN_PROGRESS' : 'FINISHED',
    pollsUntilReady: readyAfter,
    createdAt: new Date(),
  };
  state.containers.set(container.id, container);

  return pickFields({ id: container.id }, call.fields, ['id']);
}

/** `GET /{container-id}?fields=status_code,status`: each poll moves processing along. */
export function showContainer(call: EmulatorRequest, token: SandboxToken): unknown {
  const container = call.state.containers.get(call.id)!;
  requireAccount({ ...call, id: container.igUserId }, token);

  advance(call, container, true);

  return pickFields(
    {
      id: container.id,
      status_code: container.status,
      status: statusText(container),
      media_type: container.type === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : 'IMAGE',
    },
    call.fields,
    ['id'],
  );
}

/** `POST /{ig-user-id}/media_publish` with `creation_id`. */
export function publishContainer(call: EmulatorRequest, token: SandboxToken): unknown {
  const { params, state } = call;
  requireAccount(call, token);

  const container = params.creation_id ? state.containers.get(params.creation_id) : undefined;
  if (!container || container.igUserId !== call.id) {
    throw graphErrors.badParam(
      'The parameter creation_id is required and must be a container of this account',
    );
  }
  advance(call, container, false);

  if (container.type === 'CAROUSEL_ITEM')
    throw graphErrors.badParam('A carousel item cannot be published on its own');
  if (container.status === 'IN_PROGRESS') {
    throw igError(
      9007,
      2207027,
      'Media ID is not available',
      'The media is not ready for publishing, please wait for a moment',
    );
  }
  if (container.status === 'EXPIRED') {
    throw igError(
      -2,
      2207020,
      'The media has expired',
      'The media container expired. Create a new one.',
    );
  }
  if (container.status === 'ERROR') {
    throw igError(
      9004,
      container.errorSubcode ?? 2207052,
      'Media upload has failed',
      'The media could not be processed.',
    );
  }
  if (container.status === 'PUBLISHED') {
    throw graphErrors.badParam('The media has already been published');
  }

  const account = state.instagram.get(call.id)!;
  if (state.quotaUsage(call.id) >= account.quotaTotal) {
    throw igError(
      9,
      2207042,
      'Publishing limit reached',
      'You reached the maximum number of posts allowed in 24 hours.',
    );
  }

  const media = {
    id: `179${state.newId()}`,
    igUserId: call.id,
    containerId: container.id,
    caption: container.caption,
    mediaType: container.type === 'CAROUSEL' ? ('CAROUSEL_ALBUM' as const) : ('IMAGE' as const),
    createdAt: new Date(),
  };
  state.addMedia(media);
  container.status = 'PUBLISHED';
  container.mediaId = media.id;
  state.recordPublished({
    platform: 'instagram',
    accountId: call.id,
    remoteId: media.id,
    text: media.caption ?? '',
  });

  return pickFields({ id: media.id }, call.fields, ['id']);
}

/** `GET /{ig-user-id}/media`: published media, newest first. */
export function listMedia(call: EmulatorRequest, token: SandboxToken): unknown {
  requireAccount(call, token);

  const since = parseTimeParam(call.params.since);
  const until = parseTimeParam(call.params.until);
  const media = [...call.state.media.values()]
    .filter((item) => item.igUserId === call.id)
    .filter((item) => !since || item.createdAt.getTime() >= since.getTime())
    .filter((item) => !until || item.createdAt.getTime() <= until.getTime())
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((item) => pickFields(mediaView(item), call.fields, ['id']));

  return pageOf(media, call.params);
}

/** `GET /{media-id}`. */
export function showMedia(call: EmulatorRequest, token: SandboxToken): unknown {
  const media = call.state.media.get(call.id)!;
  requireAccount({ ...call, id: media.igUserId }, token);
  return pickFields(mediaView(media), call.fields, ['id']);
}

/** `GET /{ig-user-id}`. */
export function showInstagramAccount(call: EmulatorRequest, token: SandboxToken): unknown {
  requireAccount(call, token);
  const account = call.state.instagram.get(call.id)!;
  return pickFields(
    { id: account.id, username: account.username, name: account.username },
    call.fields,
    ['id'],
  );
}

/** `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`. */
export function showQuota(call: EmulatorRequest, token: SandboxToken): unknown {
  requireAccount(call, token);
  const account = call.state.instagram.get(call.id)!;
  const entry = {
    quota_usage: call.state.quotaUsage(call.id),
    config: { quota_total: account.quotaTotal, quota_duration: 86_400 },
  };
  return { data: [pickFields(entry, call.fields, ['quota_usage'])] };
}

/** Moves a container along: expiry first, then processing (only status polls count). */
function advance(call: EmulatorRequest, container: SandboxContainer, poll: boolean): void {
  const ttl = call.state.settings.containerTtlMs;
  const done = container.status === 'PUBLISHED' || container.status === 'ERROR';
  if (!done && Date.now() - container.createdAt.getTime() > ttl) {
    container.status = 'EXPIRED';
    return;
  }

  if (poll && container.status === 'IN_PROGRESS') {
    container.pollsUntilReady -= 1;
    if (container.pollsUntilReady <= 0) container.status = 'FINISHED';
  }
}

function statusText(container: SandboxContainer): string {
  switch (container.status) {
    case 'FINISHED':
      return 'Finished: Media has been uploaded and it is ready to be published.';
    case 'IN_PROGRESS':
      return 'In Progress: Media is still being processed.';
    case 'PUBLISHED':
      return 'Published: Media has been published.';
    case 'EXPIRED':
      return 'Expired: The container was not published within 24 hours.';
    case 'ERROR':
      return `Error: Media upload has failed with error code ${container.errorSubcode ?? 2207052}`;
  }
}

function mediaView(media: { id: string; caption?: string; createdAt: Date; mediaType: string }) {
  return {
    id: media.id,
    caption: media.caption,
    timestamp: graphTime(media.createdAt),
    media_type: media.mediaType,
    permalink: `https://www.instagram.com/p/${Buffer.from(media.id).toString('base64url').slice(0, 11)}/`,
  };
}

function containerType(params: Record<string, string>): SandboxContainer['type'] {
  const mediaType = params.media_type?.toUpperCase();
  if (mediaType === 'CAROUSEL') return 'CAROUSEL';
  if (mediaType && mediaType !== 'IMAGE') {
    throw graphErrors.badParam(
      `media_type ${mediaType} is not supported by the sandbox (images and carousels only)`,
    );
  }
  return params.is_carousel_item === 'true' ? 'CAROUSEL_ITEM' : 'IMAGE';
}

function carouselChildren(call: EmulatorRequest): string[] {
  const ids = (call.params.children ?? '')
    .replace(/[[\]"]/g, '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);

  if (ids.length < 2 || ids.length > 10) {
    throw igError(100, 2207028, 'Carousel size', 'A carousel needs between 2 and 10 items.');
  }
  for (const id of ids) {
    const child = call.state.containers.get(id);
    if (!child || child.igUserId !== call.id || child.type !== 'CAROUSEL_ITEM') {
      throw graphErrors.badParam(`Child ${id} is not a carousel item of this account`);
    }
  }
  return ids;
}

function requireAccount(call: EmulatorRequest, token: SandboxToken): void {
  const account = call.state.instagram.get(call.id);
  if (!account) throw graphErrors.unknownObject(call.id, call.req.method.toLowerCase());
  requirePage({ ...call }, token, account.pageId);
}

function igError(code: number, subcode: number, title: string, userMessage: string): GraphFailure {
  return new GraphFailure(400, {
    message: title,
    type: 'OAuthException',
    code,
    error_subcode: subcode,
    error_user_title: title,
    error_user_msg: userMessage,
    is_transient: false,
  });
}
