import { GraphError } from '../meta/graph-errors';
import {
  createCarouselContainer,
  createCarouselItem,
  createImageContainer,
  findMediaByCaption,
  getContainerStatus,
  getPublishingQuota,
  publishContainer,
  waitForContainer,
  type AccountTarget,
} from '../meta/instagram-publish';
import { LeaseLost } from './lease';
import { matchByCaption } from './caption-rivals';
import { saveContainerId } from './save-container-id';
import {
  captionFor,
  stepForFailedCheck,
  stepForRefusal,
  type PublishRun,
  type TargetStep,
} from './target-step';

const EXPIRED_SUBCODE = 2207020;

/**
 * Sends the post to Instagram: checks the publishing quota, creates the
 * container (a carousel when there are several images), saves its id, waits
 * until Meta has processed it, then publishes it. The target is already
 * `sending`. Saving the container id before `media_publish` is what makes a
 * crash recoverable: without a saved id nothing can have been published.
 */
export async function sendInstagram(run: PublishRun, sendingSince: Date): Promise<TargetStep> {
  const account = accountOf(run);
  if ('outcome' in account) return account;

  const options = run.audit.callOptions('instagram');
  const { graph, post } = run;

  try {
    const quota = await getPublishingQuota(graph, account, options);
    if (quota.used >= quota.total) {
      return stepForRefusal(
        run,
        new GraphError({
          kind: 'throttled',
          call: 'instagram.quota',
          message: `The Instagram account used its publishing limit (${quota.used} of ${quota.total} posts in ${Math.round(quota.windowSeconds / 3600)} h). Postpilot will try again later.`,
          retryAfterSeconds: 3600,
        }),
      );
    }
  } catch (error) {
    return stepForRefusal(run, error);
  }

  if (post.media.length === 0) {
    return {
      outcome: 'failed',
      errorCode: 'no_media',
      errorMessage: 'Instagram posts need at least one image. Add an image, then retry.',
    };
  }

  let containerId: string;
  try {
    containerId = await createContainers(run, account);
  } catch (error) {
    // A container is invisible until published: even an unknown outcome is safe to repeat.
    if (error instanceof GraphError && error.outcomeUnknown) {
      return stepForRefusal(run, new GraphError({ ...describe(error), kind: 'transient' }));
    }
    return stepForRefusal(run, error);
  }

  if (!(await saveContainerId(run.db, post, containerId))) throw new LeaseLost();
  return publishSavedContainer(run, containerId, sendingSince);
}

/**
 * Waits for a saved container to be ready and publishes it, once. Used for a
 * new container and, after a crash, for a saved one that is FINISHED or still
 * processing.
 */
export async function publishSavedContainer(
  run: PublishRun,
  containerId: string,
  sendingSince: Date,
): Promise<TargetStep> {
  const account = accountOf(run);
  if ('outcome' in account) return account;
  const options = run.audit.callOptions('instagram');

  try {
    const ready = await waitForContainer(run.graph, containerId, account.token, {
      ...options,
      deadlineMs: run.containerDeadlineMs,
    });
    if (ready.statusCode === 'PUBLISHED') return findInstagramMedia(run, sendingSince);
  } catch (error) {
    if (error instanceof GraphError && error.subcode === EXPIRED_SUBCODE) {
      return { outcome: 'resend', why: 'the Instagram container expired' };
    }
    return stepForRefusal(run, error);
  }

  try {
    const { mediaId } = await publishContainer(run.graph, { ...account, containerId }, options);
    run.afterPublishCall('instagram');
    return { outcome: 'published', remoteId: mediaId };
  } catch (error) {
    if (error instanceof GraphError && error.outcomeUnknown) {
      run.log.warn(
        { call: error.call, kind: error.kind },
        'Instagram outcome unknown: reconciling',
      );
      return checkAfterPublish(run, containerId, error, sendingSince);
    }
    return stepForRefusal(run, error);
  }
}

/**
 * `media_publish` failed without a clear answer (timeout, dropped connection,
 * or a spam block that may have published anyway): the container's status
 * says what happened.
 */
async function checkAfterPublish(
  run: PublishRun,
  containerId: string,
  original: GraphError,
  sendingSince: Date,
): Promise<TargetStep> {
  let statusCode: string;
  let status: string | undefined;
  try {
    ({ statusCode, status } = await getContainerStatus(
      run.graph,
      containerId,
      run.connection.token,
      run.audit.callOptions('instagram'),
    ));
  } catch (error) {
    return stepForFailedCheck(error);
  }

  if (statusCode === 'PUBLISHED') return findInstagramMedia(run, sendingSince);
  if (statusCode === 'ERROR') return containerError(status);

  // Not published: the call did not take effect. A spam block stands; a lost answer is retried.
  if (original.kind === 'timeout' || original.kind === 'network') {
    return stepForRefusal(run, new GraphError({ ...describe(original), kind: 'transient' }));
  }
  return stepForRefusal(run, original);
}

/**
 * The container is published; find the media id by exact caption and time
 * window (never "the newest media"). The post is live either way: when the
 * listing fails the id stays unknown.
 */
export async function findInstagramMedia(run: PublishRun, since: Date): Promise<TargetStep> {
  const account = accountOf(run);
  if ('outcome' in account) return account;

  let match;
  try {
    match = await matchMedia(run, account, since);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
  }

  // A match that could be another post's names nothing: the id stays unknown.
  const remoteId = match?.ours ? match.remoteId : null;
  return {
    outcome: 'published',
    remoteId,
    note: remoteId ? 'container was published' : 'container was published; media id unknown',
  };
}

/** Media on the account with this post's caption since `since`, judged by `matchByCaption`. */
export function matchMedia(run: PublishRun, account: AccountTarget, since: Date) {
  return matchByCaption(run, 'instagram', since, async (skip) => {
    const found = await findMediaByCaption(
      run.graph,
      { ...account, caption: captionFor(run.post, 'instagram'), since },
      { ...run.audit.callOptions('instagram'), skip },
    );
    return found?.mediaId;
  });
}

export function containerError(status: string | undefined): TargetStep {
  return {
    outcome: 'failed',
    errorCode: 'container_error',
    errorMessage: `Instagram could not process the media${status ? ` (${status})` : ''}. Check the image, then retry.`,
  };
}

export function accountOf(run: PublishRun): AccountTarget | TargetStep {
  const igUserId = run.connection.igUserId;
  if (!igUserId) {
    return {
      outcome: 'failed',
      errorCode: 'no_instagram_account',
      errorMessage:
        "The brand's Facebook Page has no Instagram business account linked. Link one in Meta Business Suite, then reconnect the Page.",
    };
  }
  return { igUserId, token: run.connection.token };
}

async function createContainers(run: PublishRun, account: AccountTarget): Promise<string> {
  const { graph, post } = run;
  const options = run.audit.callOptions('instagram');
  const caption = captionFor(post, 'instagram');

  if (post.media.length === 1) {
    const [image] = post.media;
    const { containerId } = await createImageContainer(
      graph,
      { ...account, imageUrl: image!.url, caption, altText: image!.alt || undefined },
      options,
    );
    return containerId;
  }

  const childIds: string[] = [];
  for (const item of post.media) {
    const { containerId } = await createCarouselItem(
      graph,
      { ...account, imageUrl: item.url, altText: item.alt || undefined },
      options,
    );
    childIds.push(containerId);
  }
  const { containerId } = await createCarouselContainer(
    graph,
    { ...account, childIds, caption },
    options,
  );
  return containerId;
}

function describe(error: GraphError) {
  return {
    call: error.call,
    message: error.message,
    code: error.graphCode,
    subcode: error.subcode,
    graphMessage: error.graphMessage,
    cause: error,
  };
}
