import { createHmac } from 'node:crypto';
import type { GraphClientOptions, GraphRequest } from './graph-client';
import { GraphError, scrubSecrets } from './graph-errors';

/**
 * The wire side of one Graph call: where it goes, how its parameters and
 * token travel, and what a call that got no answer means.
 */

/**
 * The `appsecret_proof` Meta asks for when "Require App Secret" is on.
 *
 * @example
 *   appSecretProof('EAAB…', 'app-secret') // 64 hex characters
 */
export function appSecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

/**
 * The URL and fetch options for a call. GET and DELETE carry the parameters
 * (token included) in the query string; POST sends them form-encoded so the
 * token stays out of the URL.
 */
export function buildFetch(
  request: GraphRequest,
  options: Pick<GraphClientOptions, 'baseUrl' | 'version' | 'appSecret'>,
): { url: string; init: RequestInit } {
  const url = new URL(
    `${trimSlash(resolveUrl(options.baseUrl))}/${options.version}${request.path}`,
  );
  const params = paramsFor(request, options.appSecret);

  if (request.method !== 'POST') {
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return { url: url.toString(), init: { method: request.method } };
  }

  return {
    url: url.toString(),
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    },
  };
}

/** A call that got no answer: `timeout` when it ran out of time, `network` otherwise. */
export function noAnswerError(call: string, cause: unknown, secrets: string[]): GraphError {
  const name = cause instanceof Error ? cause.name : '';
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const reason =
    cause instanceof Error
      ? scrubSecrets(String((cause.cause as Error | undefined)?.message ?? cause.message), secrets)
      : 'unknown';

  return new GraphError({
    kind: timedOut ? 'timeout' : 'network',
    call,
    message: timedOut
      ? 'Facebook did not answer in time, so it is unknown whether the call took effect. Postpilot checks before trying again.'
      : 'Facebook could not be reached, so it is unknown whether the call took effect. Postpilot checks before trying again.',
    graphMessage: timedOut ? 'no answer before the timeout' : `network error: ${reason}`,
    isTransient: true,
  });
}

/** Meta's JSON answer, or undefined when the body is empty or not JSON. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function resolveUrl(value: string | (() => string)): string {
  return typeof value === 'function' ? value() : value;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function paramsFor(request: GraphRequest, appSecret: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.params ?? {})) {
    if (value !== undefined) params[key] = String(value);
  }

  if (request.token) {
    params.access_token = request.token;
    if (appSecret) params.appsecret_proof = appSecretProof(request.token, appSecret);
  }
  return params;
}
