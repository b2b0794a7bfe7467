import { ProviderError } from './provider-error';
import type { CallLimits, ProviderName } from './provider';

/**
 * Enforces one call's limits with our own clock rather than the SDK's
 * ten-minute default: the answer must start within `firstTokenMs` and end by
 * `deadline`, and the call stops when the person does. Hand `signal` to the SDK.
 */
export class CallTimer {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private firstTokenTimer: NodeJS.Timeout;
  private expired = false;

  constructor(
    private readonly provider: ProviderName,
    private readonly limits: CallLimits,
  ) {
    this.signal = this.controller.signal;

    this.firstTokenTimer = setTimeout(() => this.expire(), Math.max(0, limits.firstTokenMs));
    this.timers.push(setTimeout(() => this.expire(), Math.max(0, limits.deadline - Date.now())));

    if (limits.signal?.aborted) this.controller.abort();
    limits.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The answer has started: from now on only the deadline applies. */
  started(): void {
    clearTimeout(this.firstTokenTimer);
  }

  /** Turns an error from the SDK into a timeout or abort when our clock caused it. */
  explain(error: unknown): unknown {
    if (this.expired) {
      return new ProviderError(this.provider, 'timeout', 'no answer in time', {}, { cause: error });
    }
    if (this.limits.signal?.aborted) {
      return new ProviderError(
        this.provider,
        'aborted',
        'the request was cancelled',
        {},
        { cause: error },
      );
    }
    return error;
  }

  dispose(): void {
    clearTimeout(this.firstTokenTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.limits.signal?.removeEventListener('abort', this.onAbort);
  }

  private expire(): void {
    this.expired = true;
    this.controller.abort();
  }

  private readonly onAbort = () => this.controller.abort();
}
