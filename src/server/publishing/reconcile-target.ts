/*
 * Reconciling a target whose outcome is unknown
 * =============================================
 *
 * A target is marked `sending` in a committed write before its Graph call. If
 * the post is claimed and a target is still `sending`, the worker that sent it
 * died (or lost its lease, or its call timed out) between the call and writing
 * the answer. The Graph API has no idempotency key, so sending again could
 * post twice. The only safe order is: find out first, then act.
 *
 * Instagram leaves a trace: the container id is saved before `media_publish`.
 *   - no container saved → `media_publish` was never called; if the media list
 *     shows the exact caption in the window it is live anyway, otherwise
 *     send again (a new container);
 *   - PUBLISHED → live: find the media id (exact caption, time window);
 *   - FINISHED / IN_PROGRESS → not live: publish this container, once;
 *   - EXPIRED → not live and unusable: send again with a new container;
 *   - ERROR → failed, with Meta's reason.
 *
 * Facebook leaves no trace but the post itself: look for the exact caption in
 * the Page's feed since sending began. Found → live, with that id. Not found →
 * not provable either way, so the post goes to `needs_review` with the reason
 * and a person decides (`posts.resolveReview`). Never a blind retry.
 *
 * Every search by caption skips the ids other posts of the brand already hold,
 * and a match counts only if no other post with that caption is unaccounted
 * for (`caption-rivals.ts`): a caption used twice is two posts, and one found
 * on the platform must not settle the other.
 *
 * When the check itself fails (Graph down), the target stays `sending` and the
 * post is tried again later; once its attempts are spent, it goes to review.
 */
import { findFacebookPost } from './publish-facebook';
import {
  accountOf,
  containerError,
  findInstagramMedia,
  matchMedia,
  publishSavedContainer,
} from './publish-instagram';
import { getContainerStatus } from '../meta/instagram-publish';
import {
  stepForFailedCheck,
  type PublishRun,
  type SendingTarget,
  type TargetStep,
} from './target-step';

/**
 * Settles a `sending` target found when the post was claimed.
 *
 * @example
 *   const step = await reconcileTarget(run, target); // { outcome: 'published', remoteId: '…' }
 */
export async function reconcileTarget(run: PublishRun, target: SendingTarget): Promise<TargetStep> {
  const since = target.sending_started_at ?? run.post.scheduledAt;

  if (target.platform === 'facebook') return findFacebookPost(run, since);

  const account = accountOf(run);
  if ('outcome' in account) return account;

  if (!target.container_id) {
    let match;
    try {
      match = await matchMedia(run, account, since);
    } catch (error) {
      return stepForFailedCheck(error);
    }

    // Without a container nothing of ours was published; a match that could
    // be another post's proves nothing against that.
    if (match?.ours) {
      return { outcome: 'published', remoteId: match.remoteId, note: 'found on the account' };
    }
    return { outcome: 'resend', why: 'no container was saved, so nothing was published' };
  }

  let container;
  try {
    container = await getContainerStatus(
      run.graph,
      target.container_id,
      account.token,
      run.audit.callOptions('instagram'),
    );
  } catch (error) {
    return stepForFailedCheck(error);
  }

  switch (container.statusCode) {
    case 'PUBLISHED':
      return findInstagramMedia(run, since);
    case 'FINISHED':
    case 'IN_PROGRESS':
      return publishSavedContainer(run, target.container_id, since);
    case 'EXPIRED':
      return { outcome: 'resend', why: 'the saved Instagram container expired unpublished' };
    case 'ERROR':
      return containerError(container.status);
  }
}
