import type { ProviderName, TokenUsage } from './provider';

/**
 * A provider's failure in the terms the fallback logic needs: what kind of
 * failure it is, and how long the provider asked us to wait.
 *
 * - `rate_limited`, `overloaded`, `server`, `connection`: worth another try
 *   while the time allows, then the next provider.
 * - `timeout`: no answer in the provider's share of the time: the next provider.
 * - `malformed`: the answer is not the JSON asked for: asked once more, then reported.
 * - the rest (`auth`, `forbidden`, `quota`, `model`, `rejected`,
 *   `content_filter`): a person must act; never hidden behind a fallback.
 * - `aborted`: the person stopped waiting.
 */
export type FailureKind =
  | 'auth'
  | 'forbidden'
  | 'quota'
  | 'model'
  | 'rejected'
  | 'content_filter'
  | 'rate_limited'
  | 'overloaded'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'malformed'
  | 'aborted';

export interface FailureDetails {
  status?: number;
  retryAfterMs?: number;
  requestId?: string;
  /** Set when the provider answered (and billed) but the answer was unusable. */
  model?: string;
  usage?: TokenUsage;
  finishReason?: string;
}

export class ProviderError extends Error {
  override name = 'ProviderError';

  constructor(
    readonly provider: ProviderName,
    readonly kind: FailureKind,
    message: string,
    readonly details: FailureDetails = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** Failures that another try at the same provider may fix. */
export function isRetryable(kind: FailureKind): boolean {
  return (
    kind === 'rate_limited' || kind === 'overloaded' || kind === 'server' || kind === 'connection'
  );
}

/** Failures after which the next provider is tried. */
export function fallsBack(kind: FailureKind): boolean {
  return isRetryable(kind) || kind === 'timeout';
}

interface SdkErrorShape {
  status?: number;
  headers?: Headers;
  code?: string | null;
  type?: string | null;
  requestID?: string | null;
  message?: string;
  error?: unknown;
  name?: string;
}

/**
 * Classifies an error thrown by the `openai` or `@anthropic-ai/sdk` client.
 * Both SDKs throw an `APIError` carrying `status` and `headers`; OpenAI puts
 * the reason in `code`, Anthropic in `type`.
 */
export function classifySdkError(provider: ProviderName, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;

  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = typeof shape.status === 'number' ? shape.status : undefined;
  const requestId = shape.requestID ?? shape.headers?.get('request-id') ?? undefined;
  const reason = `${shape.code ?? ''} ${shape.type ?? ''} ${errorType(shape.error)}`;
  const message = shape.message ?? String(error);
  const make = (kind: FailureKind, retryAfterMs?: number) =>
    new ProviderError(
      provider,
      kind,
      message,
      { status, retryAfterMs, requestId },
      { cause: error },
    );

  if (status === undefined) {
    if (/timeout/i.test(shape.name ?? '')) return make('timeout');
    if (/abort/i.test(shape.name ?? '')) return make('aborted');
    return make('connection');
  }

  if (status === 401) return make('auth');
  if (status === 402 || /insufficient_quota|billing_error/.test(reason)) return make('quota');
  if (status === 403) return make('forbidden');
  if (status === 404) return make('model');
  if (status === 429) return make('rate_limited', retryAfterOf(shape.headers));
  if (status === 400 && /credit balance/i.test(message)) return make('quota');
  if (status === 529 || status === 503) return make('overloaded', retryAfterOf(shape.headers));
  if (status >= 500 || status === 408 || status === 409) return make('server');
  return make('rejected');
}

/**
 * The wait a response asks for: `retry-after-ms`, else `retry-after` in
 * seconds or as an HTTP date. Undefined when it names none.
 */
export function retryAfterOf(headers: Headers | undefined): number | undefined {
  const millis = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(millis) && millis >= 0) return millis;

  const value = headers?.get('retry-after');
  if (!value) return undefined;

  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;

  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function errorType(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const inner = (body as { error?: { type?: unknown; code?: unknown } }).error;
  const outer = body as { type?: unknown; code?: unknown };
  return [inner?.type, inner?.code, outer.type, outer.code]
    .filter((value) => typeof value === 'string')
    .join(' ');
}
