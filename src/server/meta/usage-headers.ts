/**
 * Meta reports how close an app, a Page or a business use case is to its rate
 * limit in three response headers, each a JSON document of percentages. Meta
 * throttles at 100 %, so callers slow down before that point rather than
 * learning about the limit from an error.
 */
export interface GraphUsage {
  /** The highest of every percentage in every usage header (0–100+). */
  highestPercent: number;
  /** Meta's hint of when access returns, in seconds, when it sent one. */
  regainAccessSeconds?: number;
}

interface UsageNumbers {
  call_count?: number;
  total_cputime?: number;
  total_time?: number;
  estimated_time_to_regain_access?: number;
}

/**
 * Reads `X-App-Usage`, `X-Page-Usage` and `X-Business-Use-Case-Usage`.
 * Returns undefined when none is present; a malformed header is ignored.
 *
 * @example
 *   parseUsageHeaders(response.headers) // { highestPercent: 84, regainAccessSeconds: 300 }
 */
export function parseUsageHeaders(headers: Headers): GraphUsage | undefined {
  const figures: UsageNumbers[] = [];

  for (const name of ['x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const parsed = parseJson(headers.get(name));
    if (isRecord(parsed)) figures.push(parsed as UsageNumbers);
  }

  const business = parseJson(headers.get('x-business-use-case-usage'));
  if (isRecord(business)) {
    for (const entries of Object.values(business)) {
      if (Array.isArray(entries)) figures.push(...entries.filter(isRecord));
    }
  }

  if (figures.length === 0) return undefined;

  let highestPercent = 0;
  let regainMinutes: number | undefined;
  for (const figure of figures) {
    for (const value of [figure.call_count, figure.total_cputime, figure.total_time]) {
      if (typeof value === 'number' && value > highestPercent) highestPercent = value;
    }
    const regain = figure.estimated_time_to_regain_access;
    if (typeof regain === 'number' && regain > 0)
      regainMinutes = Math.max(regainMinutes ?? 0, regain);
  }

  return {
    highestPercent,
    ...(regainMinutes !== undefined && { regainAccessSeconds: regainMinutes * 60 }),
  };
}

export interface Pacing {
  /** `go` at full speed, `slow` down by `delayMs`, or `stop` until `delayMs` has passed. */
  action: 'go' | 'slow' | 'stop';
  delayMs: number;
}

/**
 * How long to wait before the next call, given the last usage seen. Below
 * `slowAbove` percent there is no delay; between it and 100 % the delay grows
 * linearly up to `maxSlowDelayMs`; at 100 % callers stop until Meta's hint (or
 * `stopDelayMs` when there is none).
 *
 * @example
 *   paceFor({ highestPercent: 90 }) // { action: 'slow', delayMs: 5000 }
 */
export function paceFor(
  usage: GraphUsage | undefined,
  options: { slowAbove?: number; maxSlowDelayMs?: number; stopDelayMs?: number } = {},
): Pacing {
  const { slowAbove = 80, maxSlowDelayMs = 10_000, stopDelayMs = 5 * 60_000 } = options;
  if (!usage) return { action: 'go', delayMs: 0 };

  if (usage.highestPercent >= 100) {
    const hinted =
      usage.regainAccessSeconds === undefined ? undefined : usage.regainAccessSeconds * 1000;
    return { action: 'stop', delayMs: hinted ?? stopDelayMs };
  }

  if (usage.highestPercent > slowAbove) {
    const share = (usage.highestPercent - slowAbove) / (100 - slowAbove);
    return { action: 'slow', delayMs: Math.round(share * maxSlowDelayMs) };
  }

  return { action: 'go', delayMs: 0 };
}

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
