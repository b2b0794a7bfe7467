import { setTimeout as sleep } from 'node:timers/promises';
import { parseGraphTime } from './facebook-publish';
import type { CallOptions, GraphClient } from './graph-client';
import { describeGraphError, GraphError } from './graph-errors';

/**
 * Publishing to an Instagram business account: create a container, wait until
 * Meta has processed it, then `media_publish` it. Each step is its own
 * function so a publisher can save the container id before publishing: after
 * a crash the container's status says what happened (PUBLISHED: done,
 * FINISHED: safe to publish, EXPIRED: make a new one, ERROR: fail).
 */

export interface AccountTarget {
  igUserId: string;
  /** The token of the Page the account is linked to. */
  token: string;
}

export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface ContainerStatus {
  statusCode: ContainerStatusCode;
  /** Meta's status text; for ERROR it names the subcode. */
  status?: string;
}

/** A single-image container (`POST /{ig-user-id}/media` with `image_url`). */
export async function createImageContainer(
  graph: GraphClient,
  input: AccountTarget & { imageUrl: string; caption: string; altText?: string },
  options?: CallOptions,
): Promise<{ containerId: string }> {
  return createContainer(
    graph,
    input,
    'instagram.container',
    { image_url: input.imageUrl, caption: input.caption, alt_text: input.altText },
    options,
  );
}

/** One image of a carousel (no caption of its own). */
export async function createCarouselItem(
  graph: GraphClient,
  input: AccountTarget & { imageUrl: string; altText?: string },
  options?: CallOptions,
): Promise<{ containerId: string }> {
  return createContainer(
    graph,
    input,
    'instagram.carousel_item',
    { image_url: input.imageUrl, is_carousel_item: true, alt_text: input.altText },
    options,
  );
}

/** The carousel itself, from 2–10 item containers, carrying the caption. */
export async function createCarouselContainer(
  graph: GraphClient,
  input: AccountTarget & { childIds: string[]; caption: string },
  options?: CallOptions,
): Promise<{ containerId: string }> {
  return createContainer(
    graph,
    input,
    'instagram.carousel',
    { media_type: 'CAROUSEL', children: input.childIds.join(','), caption: input.caption },
    options,
  );
}

/** Reads a container's `status_code` and `status`. */
export async function getContainerStatus(
  graph: GraphClient,
  containerId: string,
  token: string,
  options?: CallOptions,
): Promise<ContainerStatus> {
  const answer = await graph.request<{ status_code: ContainerStatusCode; status?: string }>(
    {
      call: 'instagram.container_status',
      method: 'GET',
      path: `/${encodeURIComponent(containerId)}`,
      token,
      params: { fields: 'status_code,status' },
    },
    options,
  );
  return { statusCode: answer.status_code, status: answer.status };
}

/**
 * Polls a container with growing delays until it is FINISHED (or already
 * PUBLISHED), and returns that status. Throws a GraphError: `final` for ERROR
 * (with the subcode from Meta's status text) or EXPIRED, `not_ready` when the
 * deadline passes while it is still processing.
 *
 * @example
 *   await waitForContainer(graph, containerId, token, { deadlineMs: 60_000 });
 */
export async function waitForContainer(
  graph: GraphClient,
  containerId: string,
  token: string,
  options: CallOptions & { deadlineMs?: number; firstDelayMs?: number; maxDelayMs?: number } = {},
): Promise<ContainerStatus> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  let delay = options.firstDelayMs ?? 500;

  for (;;) {
    const current = await getContainerStatus(graph, containerId, token, options);

    if (current.statusCode === 'FINISHED' || current.statusCode === 'PUBLISHED') return current;
    if (current.statusCode === 'ERROR' || current.statusCode === 'EXPIRED') {
      throw containerFailure(current);
    }

    const left = deadline - Date.now();
    if (left <= 0) {
      throw new GraphError({
        kind: 'not_ready',
        call: 'instagram.container_status',
        message: describeGraphError({ kind: 'not_ready' }),
        graphMessage: `container still ${current.statusCode} at the deadline`,
      });
    }

    await sleep(Math.min(delay, left), undefined, { signal: options.signal });
    delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
  }
}

/** Publishes a FINISHED container (`media_publish`). This is the call that makes it visible. */
export async function publishContainer(
  graph: GraphClient,
  input: AccountTarget & { containerId: string },
  options?: CallOptions,
): Promise<{ mediaId: string }> {
  const answer = await graph.request<{ id: string }>(
    {
      call: 'instagram.publish',
      method: 'POST',
      path: `/${encodeURIComponent(input.igUserId)}/media_publish`,
      token: input.token,
      params: { creation_id: input.containerId },
    },
    options,
  );
  return { mediaId: answer.id };
}

export interface PublishingQuota {
  used: number;
  total: number;
  windowSeconds: number;
}

/** How many posts the account published in the window, and how many it may. */
export async function getPublishingQuota(
  graph: GraphClient,
  input: AccountTarget,
  options?: CallOptions,
): Promise<PublishingQuota> {
  const answer = await graph.request<{
    data: Array<{
      quota_usage?: number;
      config?: { quota_total?: number; quota_duration?: number };
    }>;
  }>(
    {
      call: 'instagram.quota',
      method: 'GET',
      path: `/${encodeURIComponent(input.igUserId)}/content_publishing_limit`,
      token: input.token,
      params: { fields: 'quota_usage,config' },
    },
    options,
  );

  const entry = answer.data[0] ?? {};
  return {
    used: entry.quota_usage ?? 0,
    total: entry.config?.quota_total ?? 50,
    windowSeconds: entry.config?.quota_duration ?? 86_400,
  };
}

export interface FoundMedia {
  mediaId: string;
  timestamp: Date;
  permalink?: string;
}

/**
 * Finds published media whose caption is exactly `caption`, whose time is
 * within [since − skew, until] and whose id is not in `skip` (ids already
 * known to be other posts). Returns the oldest match. Media are listed newest
 * first, so reading stops once it passes `since`.
 */
export async function findMediaByCaption(
  graph: GraphClient,
  input: AccountTarget & { caption: string; since: Date; until?: Date },
  options: CallOptions & {
    skewSeconds?: number;
    maxPages?: number;
    skip?: ReadonlySet<string>;
  } = {},
): Promise<FoundMedia | undefined> {
  const from = input.since.getTime() - (options.skewSeconds ?? 60) * 1000;
  const to = input.until?.getTime() ?? Number.POSITIVE_INFINITY;
  let after: string | undefined;
  let match: FoundMedia | undefined;

  for (let round = 0; round < (options.maxPages ?? 5); round++) {
    const answer = await graph.request<{
      data: Array<{ id: string; caption?: string; timestamp: string; permalink?: string }>;
      paging?: { cursors?: { after?: string }; next?: string };
    }>(
      {
        call: 'instagram.media_list',
        method: 'GET',
        path: `/${encodeURIComponent(input.igUserId)}/media`,
        token: input.token,
        params: { fields: 'id,caption,timestamp,permalink', limit: 50, after },
      },
      options,
    );

    let passedWindow = false;
    for (const media of answer.data) {
      const timestamp = parseGraphTime(media.timestamp);
      if (timestamp.getTime() < from) passedWindow = true;
      if (
        media.caption !== input.caption ||
        options.skip?.has(media.id) ||
        timestamp.getTime() < from ||
        timestamp.getTime() > to
      ) {
        continue;
      }
      if (!match || timestamp < match.timestamp) {
        match = { mediaId: media.id, timestamp, permalink: media.permalink };
      }
    }

    after = answer.paging?.cursors?.after;
    if (passedWindow || !answer.paging?.next || !after) break;
  }

  return match;
}

async function createContainer(
  graph: GraphClient,
  input: AccountTarget,
  call: string,
  params: Record<string, string | boolean | undefined>,
  options?: CallOptions,
): Promise<{ containerId: string }> {
  const answer = await graph.request<{ id: string }>(
    {
      call,
      method: 'POST',
      path: `/${encodeURIComponent(input.igUserId)}/media`,
      token: input.token,
      params,
    },
    options,
  );
  return { containerId: answer.id };
}

function containerFailure(current: ContainerStatus): GraphError {
  const subcode =
    current.statusCode === 'EXPIRED'
      ? 2207020
      : Number(/\b(2207\d{3})\b/.exec(current.status ?? '')?.[1] ?? Number.NaN);
  const known = Number.isNaN(subcode) ? undefined : subcode;

  return new GraphError({
    kind: 'final',
    call: 'instagram.container_status',
    message: describeGraphError({
      kind: 'final',
      subcode: known,
      graphMessage: `Instagram could not process the media: ${current.status ?? current.statusCode}`,
    }),
    subcode: known,
    graphMessage: `container ${current.statusCode}: ${current.status ?? ''}`.trim(),
  });
}
