import type { ConnectionStatus, MediaItem, Platform } from '../../../db/types';
import { captionProblems, LIMITS, PLATFORM_LABELS } from '../../common/platforms';
import type { FieldErrors } from '../errors/app-error';

/**
 * Whether a post can be published on its targets at a time. Pure, so the rules
 * are tested without a database; the caller loads the brand's connection.
 * Every problem is collected, so the person fixes them all in one go.
 */
export interface PublishCheck {
  caption: string;
  captions: Partial<Record<Platform, string>>;
  media: MediaItem[];
  targets: Platform[];
  /** The brand's Meta connection; null when none was made. Omit to skip the check. */
  connection?: { status: ConnectionStatus; igUserId: string | null; reason: string | null } | null;
  /** The publish time; omit to skip the time checks. */
  at?: Date;
  now: Date;
}

/** A scheduled time this far in the past still counts as "now" (clock skew, slow forms). */
export const SCHEDULE_GRACE_MS = 60_000;
export const MAX_SCHEDULE_AHEAD_DAYS = 365;

/** The caption a platform gets: its own when set, else the main one. */
export function captionFor(
  platform: Platform,
  post: Pick<PublishCheck, 'caption' | 'captions'>,
): string {
  const own = post.captions[platform];
  return own !== undefined && own.trim() !== '' ? own : post.caption;
}

export function publishProblems(check: PublishCheck): FieldErrors {
  const problems: FieldErrors = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);

  if (check.connection !== undefined) {
    for (const message of connectionProblems(check)) add('targets', message);
  }

  for (const platform of check.targets) {
    const ownCaption = check.captions[platform]?.trim() ? `captions.${platform}` : 'caption';
    const caption = captionFor(platform, check);

    for (const message of captionProblems(platform, caption)) add(ownCaption, message);
    for (const [field, message] of mediaProblems(platform, check.media)) add(field, message);

    if (platform === 'facebook' && caption.trim() === '' && check.media.length === 0) {
      add('caption', 'Facebook needs a caption or at least one image');
    }
  }

  if (check.at) {
    for (const message of timeProblems(check.at, check.now)) add('at', message);
  }

  return problems;
}

function connectionProblems({ connection, targets }: PublishCheck): string[] {
  if (!connection) {
    return [
      `Connect the brand's Facebook Page before scheduling to ${targets.map((t) => PLATFORM_LABELS[t]).join(' and ')}`,
    ];
  }

  if (connection.status !== 'active') {
    const reason = connection.reason ? `: ${connection.reason}` : ': its access expired';
    return [`Reconnect the brand's Facebook Page before scheduling${reason}`];
  }

  if (targets.includes('instagram') && !connection.igUserId) {
    return [
      "The brand's Facebook Page has no Instagram business account linked: link one and reconnect, or remove Instagram",
    ];
  }

  return [];
}

function mediaProblems(platform: Platform, media: MediaItem[]): Array<[string, string]> {
  const limits = LIMITS[platform];
  const label = PLATFORM_LABELS[platform];
  const problems: Array<[string, string]> = [];

  if (media.length < limits.minImages) {
    problems.push(['media', `${label} needs at least ${limits.minImages} image`]);
  }
  if (media.length > limits.maxImages) {
    problems.push([
      'media',
      `${label} takes at most ${limits.maxImages} images in one post (this one has ${media.length})`,
    ]);
  }

  // Instagram fetches each image itself, and only over https.
  if (platform === 'instagram') {
    media.forEach((item, index) => {
      if (!isAbsoluteHttps(item.url)) {
        problems.push([
          `media[${index}].url`,
          'Instagram needs an absolute https:// address for every image',
        ]);
      }
    });
  }

  return problems;
}

function timeProblems(at: Date, now: Date): string[] {
  if (at.getTime() < now.getTime() - SCHEDULE_GRACE_MS) {
    return ['Choose a time in the future: this one has already passed'];
  }

  const latest = now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000;
  if (at.getTime() > latest) return ['Schedule at most one year ahead'];

  return [];
}

function isAbsoluteHttps(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '';
  } catch {
    return false;
  }
}
