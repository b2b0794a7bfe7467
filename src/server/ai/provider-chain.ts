import { setTimeout as sleep } from 'node:timers/promises';
import { describeExhausted, describeFailure, noProviderConfigured } from './failure-messages';
import { classifySdkError, fallsBack, isRetryable, ProviderError } from './provider-error';
import type { AiProvider, CallLimits } from './provider';

/**
 * Runs one request through the providers in order, within one time budget.
 *
 * The budget (`AI_TIMEOUT_MS`) is what a person waits in total. Each provider
 * but the last gets an equal share of what is left to *start* answering, so a
 * slow first provider still leaves time for the next; once an answer has
 * started it may run to the deadline.
 *
 * Within its share a provider is tried again on failures that time may fix
 * (HTTP 5xx, 529 overloaded, 429 with a `retry-after` that fits, a dropped
 * connection), at most `MAX_RETRIES` times. When the share is spent, or on a
 * timeout, the next provider is tried. A rejected key, an exhausted quota, a
 * content filter or an unknown model stop the request with a message for the
 * person who must act: silently answering from another vendor would hide it.
 * A malformed answer is asked for once more, then reported.
 */
export const MAX_RETRIES = 2;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 2_000;
/** Time an answer needs to start after a wait for the wait to be worth it. */
const MIN_ANSWER_MS = 500;

/** Yielded when an attempt that already streamed text failed: drop that text. */
export interface ResetEvent {
  type: 'reset';
}

export interface ChainResult<T> {
  provider: AiProvider;
  result: T;
}

export interface ChainOptions {
  providers: AiProvider[];
  deadline: number;
  signal?: AbortSignal;
  /** Called for every failed call, before deciding what to do next. */
  onFailure: (provider: AiProvider, error: ProviderError, latencyMs: number) => Promise<void>;
}

/**
 * @example
 *   const { provider, result } = yield* runProviderChain(options, (provider, limits) =>
 *     callOnce(provider, limits),
 *   );
 */
export async function* runProviderChain<TEvent, TResult>(
  options: ChainOptions,
  attempt: (provider: AiProvider, limits: CallLimits) => AsyncGenerator<TEvent, TResult>,
): AsyncGenerator<TEvent | ResetEvent, ChainResult<TResult>> {
  const { providers, deadline, signal } = options;
  if (providers.length === 0) throw noProviderConfigured();

  const failures: ProviderError[] = [];

  for (const [index, provider] of providers.entries()) {
    const windowEnd = Date.now() + (deadline - Date.now()) / (providers.length - index);
    let retries = 0;
    let askedAgain = false;

    for (;;) {
      const startedAt = Date.now();
      let yielded = false;

      try {
        const limits = { firstTokenMs: windowEnd - startedAt, deadline, signal };
        const calls = attempt(provider, limits);
        try {
          for (;;) {
            const step = await calls.next();
            if (step.done) return { provider, result: step.value };
            yielded = true;
            yield step.value;
          }
        } finally {
          // Closes the provider's stream when the person stops listening.
          await calls.return(undefined as TResult);
        }
      } catch (caught) {
        const error = classifySdkError(provider.name, caught);
        await options.onFailure(provider, error, Date.now() - startedAt);
        if (yielded) yield { type: 'reset' };

        if (error.kind === 'malformed' && !askedAgain) {
          askedAgain = true;
          continue;
        }

        if (isRetryable(error.kind) && retries < MAX_RETRIES) {
          const wait = error.details.retryAfterMs ?? backoff(retries);
          if (Date.now() + wait + MIN_ANSWER_MS <= windowEnd) {
            retries++;
            await sleep(wait, undefined, { signal });
            continue;
          }
        }

        if (!fallsBack(error.kind)) throw describeFailure(error, provider);
        failures.push(error);
        break;
      }
    }
  }

  throw describeExhausted(failures);
}

/** Runs a chain whose attempts yield nothing, returning its result. */
export async function runQuietChain<TResult>(
  options: ChainOptions,
  attempt: (provider: AiProvider, limits: CallLimits) => Promise<TResult>,
): Promise<ChainResult<TResult>> {
  // eslint-disable-next-line require-yield -- the chain takes generators; this one only returns
  const chain = runProviderChain<never, TResult>(options, async function* (provider, limits) {
    return attempt(provider, limits);
  });
  const step = await chain.next();
  if (!step.done) throw new Error('a quiet chain yielded an event');
  return step.value;
}

function backoff(retries: number): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retries);
  return base * (0.75 + Math.random() * 0.5);
}
