import { AppError, type AppErrorCode } from '../errors/app-error';

/**
 * What a failed Graph call means for the caller:
 * - `transient`: retry with backoff;
 * - `throttled`: retry after the usage window (see `retryAfterSeconds`);
 * - `not_ready`: an Instagram container is still processing, poll again;
 * - `token`: the token is dead, the brand must reconnect;
 * - `permission`: a permission is missing, the brand must reconnect and grant it;
 * - `bad_request`: the request itself is wrong (unknown object, duplicate);
 * - `final`: Meta refused the content for good (limits, format, account state);
 * - `timeout` and `network`: no answer arrived, so the outcome is unknown.
 */
export type GraphErrorKind =
  | 'transient'
  | 'throttled'
  | 'not_ready'
  | 'token'
  | 'permission'
  | 'bad_request'
  | 'final'
  | 'timeout'
  | 'network';

/** The `error` object of a Graph API error body. */
export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Instagram subcodes decide before the generic code (4/2207051 is not plain throttling). */
const subcodeKinds: Record<number, GraphErrorKind> = {
  2207001: 'transient',
  2207003: 'transient',
  2207027: 'not_ready',
  2207051: 'final',
  2207042: 'final',
  2207050: 'final',
  2207052: 'final',
  2207005: 'final',
  2207009: 'final',
  2207010: 'final',
  2207028: 'final',
  2207020: 'final',
};

const throttleCodes = new Set([4, 17, 32, 341, 368, 613]);
const finalCodes = new Set([9, 25, 9004, 36000, 36001, 36003, 36004]);

/**
 * Classifies a Graph error by its code, subcode and transient flag, following
 * Meta's published error table. Unknown codes count as transient only when
 * the server failed (5xx); anything else is final so nothing loops forever.
 *
 * @example
 *   classifyGraphError({ code: 190, subcode: 463 }) // 'token'
 */
export function classifyGraphError(input: {
  code?: number;
  subcode?: number;
  isTransient?: boolean;
  httpStatus?: number;
}): GraphErrorKind {
  const { code, subcode, isTransient, httpStatus } = input;

  const bySubcode = subcode === undefined ? undefined : subcodeKinds[subcode];
  if (bySubcode) return bySubcode;

  if (code === 9007) return 'not_ready';
  if (code !== undefined && throttleCodes.has(code)) return 'throttled';
  if (code !== undefined && code >= 80000 && code <= 80014) return 'throttled';
  if (isTransient) return 'transient';
  if (code === 1 || code === 2 || code === -1 || code === -2) return 'transient';
  if (code === 190 || code === 102) return 'token';
  if (code === 3 || code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return 'permission';
  }
  if (code === 100 || code === 506) return 'bad_request';
  if (code !== undefined && finalCodes.has(code)) return 'final';

  if (code === undefined && httpStatus === 429) return 'throttled';
  if (httpStatus !== undefined && httpStatus >= 500) return 'transient';
  return 'final';
}

const plainByKind: Record<GraphErrorKind, string> = {
  transient: 'Facebook had a temporary problem. Postpilot will try again shortly.',
  throttled:
    'Facebook is limiting how often this Page can be called. Postpilot will wait and try again.',
  not_ready: 'Instagram is still processing the media. Postpilot will check again shortly.',
  token: "The Page access token has expired or was revoked. Reconnect the brand's Facebook Page.",
  permission:
    "Facebook refused: a permission is missing. Reconnect the brand's Facebook Page and grant every permission Postpilot asks for.",
  bad_request: 'Facebook refused the request.',
  final: 'Facebook refused the post.',
  timeout:
    'Facebook did not answer in time, so it is unknown whether the call took effect. Postpilot checks before trying again.',
  network:
    'Facebook could not be reached, so it is unknown whether the call took effect. Postpilot checks before trying again.',
};

const plainByCode: Record<string, string> = {
  '100/33':
    'The Facebook Page or object was not found, or this token cannot see it. Check the Page id and that the token belongs to that Page.',
  '506': 'Facebook refused a duplicate of a post that was just published.',
  '368': 'Facebook has temporarily blocked this Page from posting. Postpilot will try again later.',
  '4/2207051':
    'Instagram flagged this post as possible spam. It may have been published anyway; check the account before posting it again.',
  '9/2207042':
    'The Instagram account reached its publishing limit for the last 24 hours. Try again later.',
  '25/2207050':
    'The Instagram account is restricted and cannot publish. Check the account in the Instagram app.',
  '9004/2207052': 'Instagram could not fetch the image. Use a public https link to a JPEG image.',
  '36001/2207005': 'Instagram does not accept this image format. Use a JPEG image.',
  '36003/2207009': 'The image aspect ratio must be between 4:5 and 1.91:1 for Instagram.',
  '36004/2207010': 'The caption is too long for Instagram (at most 2,200 characters).',
  '100/2207028': 'An Instagram carousel needs between 2 and 10 images.',
  '-2/2207020': 'The Instagram media container expired before it was published.',
};

/**
 * A failed Graph call, carrying Meta's codes and a message in plain words.
 * It is an AppError, so it reaches users through the one error path. The
 * message never contains the access token.
 */
export class GraphError extends AppError {
  override name = 'GraphError';
  readonly kind: GraphErrorKind;
  readonly call: string;
  readonly graphCode?: number;
  readonly subcode?: number;
  readonly httpStatus?: number;
  readonly userTitle?: string;
  readonly userMessage?: string;
  readonly isTransient: boolean;
  readonly fbtraceId?: string;
  /** Meta's own technical message (token-free), for logs and the attempt history. */
  readonly graphMessage?: string;

  constructor(input: {
    kind: GraphErrorKind;
    call: string;
    message: string;
    code?: number;
    subcode?: number;
    httpStatus?: number;
    userTitle?: string;
    userMessage?: string;
    isTransient?: boolean;
    fbtraceId?: string;
    graphMessage?: string;
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(appCodeFor(input.kind), input.message, {
      cause: input.cause,
      retryAfterSeconds: input.retryAfterSeconds,
      details: { graphCode: input.code, graphSubcode: input.subcode, kind: input.kind },
    });
    this.kind = input.kind;
    this.call = input.call;
    this.graphCode = input.code;
    this.subcode = input.subcode;
    this.httpStatus = input.httpStatus;
    this.userTitle = input.userTitle;
    this.userMessage = input.userMessage;
    this.isTransient = input.isTransient ?? input.kind === 'transient';
    this.fbtraceId = input.fbtraceId;
    this.graphMessage = input.graphMessage;
  }

  /** True when the call may have taken effect although it failed: reconcile before retrying. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.subcode === 2207051;
  }

  /** True when trying the same call again later can succeed. */
  get retryable(): boolean {
    return ['transient', 'throttled', 'not_ready', 'timeout', 'network'].includes(this.kind);
  }
}

function appCodeFor(kind: GraphErrorKind): AppErrorCode {
  if (kind === 'throttled') return 'TOO_MANY_REQUESTS';
  if (kind === 'token' || kind === 'permission') return 'PRECONDITION_FAILED';
  if (kind === 'bad_request') return 'BAD_INPUT';
  return 'UPSTREAM_FAILED';
}

/**
 * The sentence a person reads: our wording for the kind and code, followed by
 * Meta's own user message when it adds something.
 *
 * @example
 *   describeGraphError({ kind: 'token', code: 190 })
 *   // "The Page access token has expired or was revoked. Reconnect the brand's Facebook Page."
 */
export function describeGraphError(input: {
  kind: GraphErrorKind;
  code?: number;
  subcode?: number;
  userMessage?: string;
  graphMessage?: string;
}): string {
  const { kind, code, subcode, userMessage, graphMessage } = input;
  const known =
    plainByCode[`${code}/${subcode}`] ??
    (subcode === undefined ? plainByCode[`${code}`] : plainBySubcode(subcode));

  if (known) return known;
  if (kind === 'bad_request' || kind === 'final') {
    const detail = userMessage ?? graphMessage;
    return detail ? `${plainByKind[kind]} ${sentence(detail)}` : plainByKind[kind];
  }
  return plainByKind[kind];
}

function plainBySubcode(subcode: number): string | undefined {
  const key = Object.keys(plainByCode).find((entry) => entry.endsWith(`/${subcode}`));
  return key ? plainByCode[key] : undefined;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Builds a GraphError from a parsed error body (the token is scrubbed from Meta's text). */
export function graphErrorFromBody(
  call: string,
  httpStatus: number,
  body: GraphErrorBody,
  options: { secrets?: string[]; retryAfterSeconds?: number } = {},
): GraphError {
  const scrub = (text?: string) =>
    text === undefined ? undefined : scrubSecrets(text, options.secrets);
  const graphMessage = scrub(body.message);
  const userMessage = scrub(body.error_user_msg);
  const kind = classifyGraphError({
    code: body.code,
    subcode: body.error_subcode,
    isTransient: body.is_transient,
    httpStatus,
  });

  return new GraphError({
    kind,
    call,
    message: describeGraphError({
      kind,
      code: body.code,
      subcode: body.error_subcode,
      userMessage,
      graphMessage,
    }),
    code: body.code,
    subcode: body.error_subcode,
    httpStatus,
    userTitle: scrub(body.error_user_title),
    userMessage,
    isTransient: body.is_transient ?? kind === 'transient',
    fbtraceId: body.fbtrace_id,
    graphMessage,
    retryAfterSeconds: options.retryAfterSeconds,
  });
}

/** Replaces every secret found in `text` with a mark. */
export function scrubSecrets(text: string, secrets: string[] = []): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}
