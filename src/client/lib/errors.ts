import { TRPCClientError } from '@trpc/client';

/** Field path (`email`, `voice.formality`, `examples[2].text`) → messages, as the server sends. */
export type FieldErrors = Record<string, string[]>;

interface ErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

function dataOf(error: unknown): ErrorData {
  if (error instanceof TRPCClientError && error.data && typeof error.data === 'object') {
    return error.data as ErrorData;
  }
  return {};
}

/** The sentence to show a person for any failure: the server's own words when it sent some. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (!error.data && /fetch|network/i.test(error.message)) {
      return 'Postpilot cannot be reached. Check your connection and try again.';
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}

/** The tRPC error code (`CONFLICT`, `NOT_FOUND`, …), when there is one. */
export function errorCode(error: unknown): string | undefined {
  return dataOf(error).code;
}

export function isConflict(error: unknown): boolean {
  return errorCode(error) === 'CONFLICT';
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

export function fieldErrorsOf(error: unknown): FieldErrors {
  return dataOf(error).fieldErrors ?? {};
}

export function errorDetails(error: unknown): Record<string, unknown> | undefined {
  return dataOf(error).details;
}

/**
 * Server field paths written the way `@mantine/form` names fields:
 * `examples[2].text` → `examples.2.text`. The whole-input key `_` is dropped.
 */
export function formErrorsOf(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};

  for (const [path, messages] of Object.entries(fieldErrorsOf(error))) {
    if (path === '_' || messages.length === 0) continue;
    errors[path.replace(/\[(\d+)\]/g, '.$1')] = messages.join(' · ');
  }

  return errors;
}
