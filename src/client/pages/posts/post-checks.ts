import type { BrandBrain } from '../../../common/brand-brain';
import { captionProblems, LIMITS, PLATFORM_LABELS, type Platform } from '../../../common/platforms';
import { checkDraft } from '../../../common/rule-checks';
import { resolveScheduleTime } from '../../../common/schedule-time';
import { captionFor, type PostFormValues } from './post-form';

export interface PostCheck {
  platform: Platform;
  /** `limit` blocks scheduling; `rule` is the brand's advice. */
  kind: 'limit' | 'rule';
  message: string;
}

/**
 * What the server would refuse at schedule time (platform limits, images) and
 * what the brand's rules advise, for each target, while the person types.
 */
export function checkPost(values: PostFormValues, brain: BrandBrain | undefined): PostCheck[] {
  return values.targets.flatMap((platform) => {
    const caption = captionFor(platform, values);
    const limits = LIMITS[platform];
    const label = PLATFORM_LABELS[platform];
    const checks: PostCheck[] = captionProblems(platform, caption).map((message) => ({
      platform,
      kind: 'limit',
      message,
    }));

    if (values.media.length < limits.minImages) {
      checks.push({ platform, kind: 'limit', message: `${label} needs at least one image` });
    }
    if (values.media.length > limits.maxImages) {
      checks.push({
        platform,
        kind: 'limit',
        message: `${label} takes at most ${limits.maxImages} images in one post`,
      });
    }
    if (platform === 'instagram' && values.media.some((item) => !isHttps(item.url))) {
      checks.push({
        platform,
        kind: 'limit',
        message: 'Instagram needs an https:// address for every image',
      });
    }
    if (platform === 'facebook' && caption.trim() === '' && values.media.length === 0) {
      checks.push({ platform, kind: 'limit', message: 'Facebook needs a caption or an image' });
    }

    if (brain && caption.trim() !== '') {
      for (const warning of checkDraft(caption, platform, brain)) {
        if (warning.rule !== 'platform_limit') {
          checks.push({ platform, kind: 'rule', message: warning.message });
        }
      }
    }
    return checks;
  });
}

/** The server's reading of a typed time, ahead of time: a gap is a problem, a repeat a notice. */
export function checkTime(at: string, zone: string): { problem?: string; notice?: string } {
  if (at.trim() === '') return {};
  const resolved = resolveScheduleTime(at, zone);
  if (!resolved.ok) return { problem: resolved.problem };
  if (resolved.instant.getTime() < Date.now() - 60_000) {
    return { problem: 'This time has already passed' };
  }
  return { notice: resolved.notice };
}

function isHttps(url: string): boolean {
  try {
    return new URL(url.trim()).protocol === 'https:';
  } catch {
    return false;
  }
}
