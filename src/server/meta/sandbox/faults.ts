/**
 * Faults the tests and benchmarks switch on. They live on the emulator
 * instance and are reachable only through this programmatic API, so the app's
 * sandbox mode cannot be made to misbehave over HTTP.
 */

/** The calls the emulator knows, named by what they do. */
export type EmulatorCall =
  | 'page.get'
  | 'object.get'
  | 'object.delete'
  | 'oauth.token'
  | 'pages.list'
  | 'feed.create'
  | 'feed.list'
  | 'photos.create'
  | 'media.create'
  | 'media.list'
  | 'container.get'
  | 'media.publish'
  | 'quota.get';

export type FaultKind =
  /** Code 2, `is_transient: true`, HTTP 500; nothing happens. */
  | 'transient'
  /** Code 32 (or `throttleCode`) with usage headers at 100 %; nothing happens. */
  | 'throttled'
  /** The call takes effect, then the answer is held past the client's timeout (or the socket dropped). */
  | 'timeout_after'
  /** The answer is held past the client's timeout and the call never takes effect. */
  | 'timeout_before'
  /** Code 190 subcode 463; nothing happens. */
  | 'token_invalid'
  /** Instagram 4/2207051 (spam block). With `afterEffect`, the media goes live anyway. */
  | 'spam_block';

export interface FaultRule {
  /** Which call it hits; `*` for every call. */
  call: EmulatorCall | '*';
  kind: FaultKind;
  /** Hit the next N matching calls… */
  times?: number;
  /** …or this share (0–1) of matching calls. With neither, every matching call. */
  rate?: number;
  /** How long a timeout fault holds the answer (default 60 s). */
  holdMs?: number;
  /** Timeout faults: drop the connection instead of holding it (the client sees a network error). */
  destroy?: boolean;
  /** Throttling: 4, 17, 32, 613, 80001, 80002… (default 32). */
  throttleCode?: number;
  /** Throttling: minutes in `estimated_time_to_regain_access` (default 5). */
  regainMinutes?: number;
  /** Spam block: the media is published although the error is returned. */
  afterEffect?: boolean;
}

interface ActiveRule extends FaultRule {
  id: number;
  remaining?: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private lastId = 0;
  private latency = { minMs: 0, maxMs: 0 };
  private readonly random: () => number;
  /** How many times each fault kind fired, for tests and benchmark reports. */
  readonly fired: Record<FaultKind, number> = {
    transient: 0,
    throttled: 0,
    timeout_after: 0,
    timeout_before: 0,
    token_invalid: 0,
    spam_block: 0,
  };

  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  /**
   * Adds a fault rule and returns its id (for `remove`).
   *
   * @example
   *   faults.inject({ call: 'feed.create', kind: 'timeout_after', times: 1 })
   *   faults.inject({ call: '*', kind: 'transient', rate: 0.1 })
   */
  inject(rule: FaultRule): number {
    this.lastId += 1;
    this.rules.push({ ...rule, id: this.lastId, remaining: rule.times });
    return this.lastId;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((rule) => rule.id !== id);
  }

  /** Removes every rule and the latency. */
  clear(): void {
    this.rules = [];
    this.latency = { minMs: 0, maxMs: 0 };
  }

  /** Every answer waits a random time in [minMs, maxMs]. */
  setLatency(minMs: number, maxMs = minMs): void {
    this.latency = { minMs, maxMs: Math.max(minMs, maxMs) };
  }

  latencyMs(): number {
    const { minMs, maxMs } = this.latency;
    return minMs + Math.round(this.random() * (maxMs - minMs));
  }

  /** The fault for this call, if a rule fires; consumes one of a `times` rule. */
  take(call: EmulatorCall): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.call !== '*' && rule.call !== call) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;

      if (rule.remaining !== undefined) rule.remaining -= 1;
      this.fired[rule.kind] += 1;
      return rule;
    }
    return undefined;
  }
}
