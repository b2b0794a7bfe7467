import { AppError } from '../errors/app-error';
import type { ProviderError } from './provider-error';
import { PROVIDER_LABELS, type AiProvider, type ProviderName } from './provider';

/**
 * Turns provider failures into the one error a person sees, written so they
 * know what to do: which variable to check, or when to try again.
 */
const VARIABLES: Record<ProviderName, { key: string; model: string }> = {
  openai: { key: 'OPENAI_API_KEY', model: 'OPENAI_MODEL' },
  anthropic: { key: 'ANTHROPIC_API_KEY', model: 'ANTHROPIC_MODEL' },
  sandbox: { key: 'AI_PROVIDERS', model: 'AI_PROVIDERS' },
};

export function noProviderConfigured(): AppError {
  return new AppError(
    'NOT_CONFIGURED',
    'No AI provider is configured. Set OPENAI_API_KEY or ANTHROPIC_API_KEY (or OPENAI_BASE_URL for a local model), or unset AI_PROVIDERS to use the sample writer.',
    { details: { reason: 'not_configured' } },
  );
}

/** The error for a failure that no fallback should hide. */
export function describeFailure(error: ProviderError, provider: AiProvider): AppError {
  const label = PROVIDER_LABELS[error.provider];
  const vars = VARIABLES[error.provider];
  const details = {
    provider: error.provider,
    reason: error.kind,
    requestId: error.details.requestId,
  };

  switch (error.kind) {
    case 'auth':
      return new AppError('NOT_CONFIGURED', `${label} rejected the API key. Check ${vars.key}.`, {
        details,
      });
    case 'forbidden':
      return new AppError(
        'NOT_CONFIGURED',
        `${label} refused this API key access. Check the key's permissions and that it may use the model "${provider.model}" (${vars.model}).`,
        { details },
      );
    case 'quota':
      return new AppError(
        'NOT_CONFIGURED',
        `${label} says the account's quota is used up. Add credit or raise the spending limit in the ${label} account, or list another provider in AI_PROVIDERS.`,
        { details },
      );
    case 'model':
      return new AppError(
        'NOT_CONFIGURED',
        `${label} does not offer the model "${provider.model}". Check ${vars.model}.`,
        { details },
      );
    case 'content_filter':
      return new AppError(
        'BAD_INPUT',
        `${label} declined to write this: its content filter stopped the draft. Rephrase the brief and try again.`,
        { details },
      );
    case 'malformed':
      return new AppError(
        'UPSTREAM_FAILED',
        `${label} answered twice with text that is not the drafts we asked for. Try again; if it keeps happening, choose another model with ${vars.model}.`,
        { details },
      );
    case 'rejected':
      return new AppError(
        'UPSTREAM_FAILED',
        `${label} refused the request (HTTP ${error.details.status ?? '?'}: ${error.message.slice(0, 200)}). Check that the model "${provider.model}" (${vars.model}) supports this kind of request.`,
        { details },
      );
    case 'aborted':
      return new AppError('UPSTREAM_FAILED', 'The request was cancelled before an answer came.', {
        details,
      });
    default:
      return describeExhausted([error]);
  }
}

/** The error when every provider failed in a way that more time might have fixed. */
export function describeExhausted(failures: ProviderError[]): AppError {
  const reasons = failures.map(describeReason).join('; ');
  const waits = failures.map((failure) =>
    failure.kind === 'rate_limited' ? failure.details.retryAfterMs : undefined,
  );
  const details = { reasons: failures.map((f) => ({ provider: f.provider, reason: f.kind })) };

  if (waits.every((wait) => wait !== undefined)) {
    const seconds = Math.max(1, Math.ceil(Math.min(...(waits as number[])) / 1000));
    return new AppError(
      'TOO_MANY_REQUESTS',
      `No AI provider could write this now: ${reasons}. Try again in ${seconds} s.`,
      { retryAfterSeconds: seconds, details },
    );
  }

  return new AppError(
    'UPSTREAM_FAILED',
    `No AI provider could write this now: ${reasons}. Try again in a minute.`,
    { details },
  );
}

function describeReason(error: ProviderError): string {
  const label = PROVIDER_LABELS[error.provider];
  const status = error.details.status ? ` (HTTP ${error.details.status})` : '';

  switch (error.kind) {
    case 'timeout':
      return `${label} did not answer in time`;
    case 'rate_limited':
      return `${label} is rate limiting requests${error.details.retryAfterMs ? ` for ${Math.ceil(error.details.retryAfterMs / 1000)} s` : ''}`;
    case 'overloaded':
      return `${label} is overloaded${status}`;
    case 'connection':
      return `${label} could not be reached`;
    default:
      return `${label} failed${status}`;
  }
}
