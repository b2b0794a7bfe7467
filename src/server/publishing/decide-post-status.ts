import type { Platform, TargetStatus } from '../../../db/types';

export interface TargetState {
  platform: Platform;
  status: TargetStatus;
  errorMessage: string | null;
}

export type PostDecision =
  | { status: 'published' }
  | { status: 'failed'; error: string }
  | { status: 'scheduled'; error: string | null }
  | { status: 'needs_review'; reason: string };

const NO_TARGETS =
  'The post has no platform to publish to. Choose Facebook or Instagram, then schedule it again.';

const platformName: Record<Platform, string> = { facebook: 'Facebook', instagram: 'Instagram' };

/**
 * A post's status follows from its targets once a worker is done with it:
 * any target whose outcome could not be proven → `needs_review` (a person
 * decides; it is never sent blindly); any target still `pending` → back to
 * `scheduled` for a retry; all published → `published`; otherwise at least
 * one failed for good → `failed`. A post without targets (which the schemas
 * never let through) fails with a reason rather than counting as published.
 *
 * @example
 *   decidePostStatus([{ platform: 'facebook', status: 'published', errorMessage: null }], []);
 *   // { status: 'published' }
 */
export function decidePostStatus(targets: TargetState[], reviewReasons: string[]): PostDecision {
  if (reviewReasons.length > 0) return { status: 'needs_review', reason: reviewReasons.join(' ') };
  if (targets.length === 0) return { status: 'failed', error: NO_TARGETS };

  const pending = targets.filter((t) => t.status === 'pending' || t.status === 'sending');
  if (pending.length > 0) return { status: 'scheduled', error: describeErrors(pending) };

  const failed = targets.filter((t) => t.status === 'failed');
  if (failed.length === 0) return { status: 'published' };

  return { status: 'failed', error: describeErrors(failed) ?? 'Publishing failed.' };
}

function describeErrors(targets: TargetState[]): string | null {
  const lines = targets
    .filter((t) => t.errorMessage)
    .map((t) => `${platformName[t.platform]}: ${t.errorMessage}`);
  return lines.length > 0 ? lines.join(' ') : null;
}
