import type { DeliveryResult } from './record-delivery-result';
import { signDelivery } from './sign-delivery';

export interface OutgoingDelivery {
  id: string;
  event: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  url: string;
  secret: string;
}

/**
 * The JSON a receiver gets. It is built from the stored row, so every attempt
 * of one delivery sends the same body.
 */
export function deliveryBody(delivery: Omit<OutgoingDelivery, 'url' | 'secret'>): string {
  return JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
}

/**
 * POSTs one delivery, signed, and reports what happened. Any 2xx counts as
 * received; redirects are not followed (the receiver's URL is the contract,
 * and following would let an endpoint bounce us to another host).
 *
 * @example
 *   const result = await sendDelivery(delivery, { timeoutMs: 10_000 });
 */
export async function sendDelivery(
  delivery: OutgoingDelivery,
  options: { timeoutMs: number; now?: () => number },
): Promise<DeliveryResult> {
  const body = deliveryBody(delivery);
  const unixSeconds = Math.floor((options.now?.() ?? Date.now()) / 1000);

  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Postpilot-Webhooks/1',
        'postpilot-event': delivery.event,
        'postpilot-delivery': delivery.id,
        'postpilot-signature': signDelivery(delivery.secret, body, unixSeconds),
      },
      body,
    });

    const excerpt = (await response.text().catch(() => '')).slice(0, 200);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status };

    return {
      ok: false,
      status: response.status,
      error: `The endpoint answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
    };
  } catch (error) {
    return { ok: false, status: null, error: describeNetworkError(error, options.timeoutMs) };
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (err.name === 'TimeoutError') return `The endpoint did not answer within ${timeoutMs} ms.`;

  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'The endpoint refused the connection.';
  if (code === 'ENOTFOUND') return 'The endpoint host name does not resolve.';
  const detail = code ?? err.cause?.message ?? err.message ?? 'network error';
  return `Could not reach the endpoint: ${detail}.`;
}
