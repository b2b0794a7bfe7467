import {
  createFeedPost,
  createMultiPhotoPost,
  createPhotoPost,
  findFeedPostByMessage,
  uploadUnpublishedPhoto,
} from '../meta/facebook-publish';
import { GraphError } from '../meta/graph-errors';
import { matchByCaption } from './caption-rivals';
import {
  captionFor,
  stepForFailedCheck,
  stepForRefusal,
  type PublishRun,
  type TargetStep,
} from './target-step';

/**
 * Sends the post to the Page: a text post, a photo post, or a multi-photo
 * post (unpublished uploads, then one `/feed` call). The target is already
 * `sending`. Only the last call makes anything visible, so only its unknown
 * outcome (timeout, dropped connection) needs reconciling.
 */
export async function sendFacebook(run: PublishRun, sendingSince: Date): Promise<TargetStep> {
  const { graph, post, connection } = run;
  const page = { pageId: connection.pageId, token: connection.token };
  const options = run.audit.callOptions('facebook');
  const message = captionFor(post, 'facebook');

  const photoIds: string[] = [];
  if (post.media.length > 1) {
    try {
      for (const item of post.media) {
        const { photoId } = await uploadUnpublishedPhoto(
          graph,
          { ...page, imageUrl: item.url },
          options,
        );
        photoIds.push(photoId);
      }
    } catch (error) {
      // Unpublished uploads are invisible: even an unknown outcome is safe to repeat.
      if (error instanceof GraphError && error.outcomeUnknown)
        return stepForRefusal(run, asTransient(error));
      return stepForRefusal(run, error);
    }
  }

  try {
    const { postId } =
      post.media.length === 0
        ? await createFeedPost(graph, { ...page, message }, options)
        : post.media.length === 1
          ? await createPhotoPost(
              graph,
              { ...page, imageUrl: post.media[0]!.url, caption: message },
              options,
            )
          : await createMultiPhotoPost(graph, { ...page, message, photoIds }, options);

    run.afterPublishCall('facebook');
    return { outcome: 'published', remoteId: postId };
  } catch (error) {
    if (error instanceof GraphError && error.outcomeUnknown) {
      run.log.warn({ call: error.call, kind: error.kind }, 'Facebook outcome unknown: reconciling');
      return findFacebookPost(run, sendingSince);
    }
    return stepForRefusal(run, error);
  }
}

/**
 * Settles an unknown Facebook outcome by looking for the exact caption in the
 * Page's feed since sending began. Found: it is live, with that id. Not found:
 * it cannot be proven either way (a post may appear late, or the caption may
 * have been changed by Meta), so a person decides. Never a blind resend.
 */
export async function findFacebookPost(run: PublishRun, sendingSince: Date): Promise<TargetStep> {
  const message = captionFor(run.post, 'facebook');
  if (message.trim() === '') {
    return {
      outcome: 'review',
      reason:
        'Facebook: the outcome is unknown and a post without a caption cannot be found on the Page. Check the Page, then mark it published or retry.',
    };
  }

  let match;
  try {
    match = await matchByCaption(run, 'facebook', sendingSince, async (skip) => {
      const found = await findFeedPostByMessage(
        run.graph,
        run.connection.pageId,
        run.connection.token,
        message,
        sendingSince,
        { ...run.audit.callOptions('facebook'), skip },
      );
      return found?.postId;
    });
  } catch (error) {
    return stepForFailedCheck(error);
  }

  if (match?.ours) {
    return { outcome: 'published', remoteId: match.remoteId, note: 'found on the Page' };
  }
  if (match) {
    return {
      outcome: 'review',
      reason: `Facebook: it is unknown whether the post went live. A post with this exact caption is on the Page (${match.remoteId}), but another post of this brand has the same caption and is not accounted for, so which of them it is cannot be told. Check the Page, then mark it published (with its id) or retry.`,
    };
  }

  return {
    outcome: 'review',
    reason: `Facebook: it is unknown whether the post went live. No post with this exact caption was found on the Page since ${sendingSince.toISOString()}. Check the Page, then mark it published (with its id) or retry.`,
  };
}

function asTransient(error: GraphError): GraphError {
  return new GraphError({
    kind: 'transient',
    call: error.call,
    message: error.message,
    graphMessage: error.graphMessage,
    cause: error,
  });
}
