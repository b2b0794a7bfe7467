import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * The one error the domain throws. Its code says what kind of failure it is;
 * `toTrpcCode` maps it to the wire once. The message is written for the person
 * who has to act on it.
 */
export type AppErrorCode =
  | 'BAD_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'UPSTREAM_FAILED'
  | 'NOT_CONFIGURED'
  | 'INTERNAL';

const trpcCodes: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UPSTREAM_FAILED: 'BAD_GATEWAY',
  NOT_CONFIGURED: 'PRECONDITION_FAILED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** Field path (`voice.formality`, `rows[3].time`) → messages. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message: string,
    options: {
      cause?: unknown;
      fieldErrors?: FieldErrors;
      retryAfterSeconds?: number;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

export function toTrpcCode(code: AppErrorCode): TRPC_ERROR_CODE_KEY {
  return trpcCodes[code];
}

/** Throws NOT_FOUND with the usual wording when `value` is missing. */
export function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) {
    throw new AppError(
      'NOT_FOUND',
      `${what} not found. It may have been deleted, or you may not have access.`,
    );
  }
  return value;
}
