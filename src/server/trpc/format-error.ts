import type { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError, type FieldErrors } from '../errors/app-error';

export interface ErrorData {
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/** Turns zod issues into `{ 'voice.formality': ['must be 1–5'] }`. */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};

  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? formatPath(issue.path) : '_';
    (fields[key] ??= []).push(issue.message);
  }

  return fields;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`,
    )
    .join('');
}

/** The message and extra data a client sees for an error. Internals never leave. */
export function describeError(
  error: TRPCError,
  requestId?: string,
): { message: string; data: ErrorData } {
  const cause = error.cause;

  if (cause instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(cause);
    const first = Object.entries(fieldErrors)[0];
    const message = first
      ? `${first[0] === '_' ? 'Input' : first[0]}: ${first[1][0]}`
      : 'Invalid input';
    return { message, data: { fieldErrors } };
  }

  if (cause instanceof AppError) {
    return {
      message: cause.message,
      data: {
        fieldErrors: cause.fieldErrors,
        retryAfterSeconds: cause.retryAfterSeconds,
        details: cause.details,
      },
    };
  }

  if (error.code === 'INTERNAL_SERVER_ERROR') {
    const reference = requestId ? ` (request id ${requestId})` : '';
    return { message: `Something went wrong on our side${reference}. Please try again.`, data: {} };
  }

  return { message: error.message, data: {} };
}
