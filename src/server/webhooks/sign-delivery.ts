import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, in the header
 *
 *   Postpilot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * The timestamp is signed with the body, so a receiver that rejects old
 * timestamps (say, older than five minutes) cannot be fed a replayed request.
 * `v1` names the scheme so another can be added alongside it later.
 */
export const SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * @example
 *   signDelivery('whsec_…', '{"event":"post.published"}', 1767225600);
 *   // 't=1767225600,v1=5f0c…'
 */
export function signDelivery(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

/**
 * What a receiver does: recompute and compare in constant time, and refuse
 * stale timestamps. Exported for tests and as the reference in the docs.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const t = Number(parts.t);
  const given = String(parts.v1 ?? '');
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false;

  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;

  const expected = signDelivery(secret, body, t).split('v1=')[1]!;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}
