/**
 * When to try a post again after a transient or throttled error.
 *
 * Capped exponential backoff with full jitter: the ceiling doubles with each
 * attempt (base, 2·base, 4·base, … up to the cap) and the delay is drawn
 * uniformly below it, so many posts failing at once (a Graph outage) do not
 * come back at once. When the platform says how long to wait (usage headers,
 * `estimated_time_to_regain_access`), its hint wins: retrying sooner would
 * only be throttled again.
 */
export interface BackoffPolicy {
  baseSeconds: number;
  capSeconds: number;
}

/** The platform's wait hint is obeyed up to a day; longer is surely a misreading. */
const MAX_HINT_SECONDS = 24 * 60 * 60;

/** The upper bound of the delay after `attempt` (1-based) failed. */
export function backoffCeilingSeconds(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.capSeconds, policy.baseSeconds * 2 ** exponent);
}

/**
 * Seconds to wait before the next attempt, never less than one.
 *
 * @example
 *   retryDelaySeconds(3, { baseSeconds: 30, capSeconds: 1800 }); // somewhere in 1..120
 *   retryDelaySeconds(3, policy, { hintSeconds: 600 });          // 600..660
 */
export function retryDelaySeconds(
  attempt: number,
  policy: BackoffPolicy,
  options: { hintSeconds?: number | null; random?: () => number } = {},
): number {
  const random = options.random ?? Math.random;
  const hint = options.hintSeconds;

  if (hint !== undefined && hint !== null && hint > 0) {
    const obeyed = Math.min(hint, MAX_HINT_SECONDS);
    return Math.ceil(obeyed + random() * obeyed * 0.1);
  }

  return Math.max(1, Math.round(random() * backoffCeilingSeconds(attempt, policy)));
}

/** Whether a post that just failed `attempt` may be tried again. */
export function canRetry(attempt: number, maxAttempts: number): boolean {
  return attempt < maxAttempts;
}
