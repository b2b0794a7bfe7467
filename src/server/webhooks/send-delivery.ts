import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
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
 * and following would let an endpoint bounce us to another host). With
 * `blockPrivate`, the address the host resolves to is checked as the socket
 * connects, so neither a private IP nor a name that resolves to one (even
 * after it was checked once) reaches inside our network.
 *
 * @example
 *   const result = await sendDelivery(delivery, { timeoutMs: 10_000, blockPrivate: true });
 */
export async function sendDelivery(
  delivery: OutgoingDelivery,
  options: { timeoutMs: number; blockPrivate: boolean; now?: () => number },
): Promise<DeliveryResult> {
  const body = deliveryBody(delivery);
  const unixSeconds = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'Postpilot-Webhooks/1',
    'postpilot-event': delivery.event,
    'postpilot-delivery': delivery.id,
    'postpilot-signature': signDelivery(delivery.secret, body, unixSeconds),
  };

  try {
    const { status, excerpt } = await post(delivery.url, headers, body, options);
    if (status >= 200 && status < 300) return { ok: true, status };

    return {
      ok: false,
      status,
      error: `The endpoint answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`,
    };
  } catch (error) {
    return { ok: false, status: null, error: describeNetworkError(error, options.timeoutMs) };
  }
}

const agents = {
  'http:': new RequestFilteringHttpAgent({ keepAlive: true, allowPrivateIPAddress: false }),
  'https:': new RequestFilteringHttpsAgent({ keepAlive: true, allowPrivateIPAddress: false }),
};

function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; blockPrivate: boolean },
): Promise<{ status: number; excerpt: string }> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = options.blockPrivate ? agents[target.protocol as 'http:' | 'https:'] : undefined;

  const signal = AbortSignal.timeout(options.timeoutMs);

  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(signal.aborted ? signal.reason : error);
    const request = client.request(
      target,
      { method: 'POST', headers, agent, signal },
      (response) => {
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => {
          if (excerpt.length < 200) excerpt += text;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, excerpt: excerpt.slice(0, 200) }),
        );
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(new Error('the connection closed mid-answer'));
        });
      },
    );
    request.on('error', fail);
    request.end(body);
  });
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string };
  if (err.name === 'AbortError' || err.name === 'TimeoutError') {
    return `The endpoint did not answer within ${timeoutMs} ms.`;
  }

  const refused = /^DNS lookup (\S+?)\(.* is not allowed/.exec(err.message ?? '');
  if (refused) {
    return (
      `The endpoint's address ${refused[1]} is private, loopback or link-local, and deliveries go only to public addresses. ` +
      'Use a public URL, or set WEBHOOK_PRIVATE_ADDRESSES=allow to deliver inside your own network.'
    );
  }

  if (err.code === 'ECONNREFUSED') return 'The endpoint refused the connection.';
  if (err.code === 'ENOTFOUND') return 'The endpoint host name does not resolve.';
  return `Could not reach the endpoint: ${err.code ?? err.message ?? 'network error'}.`;
}
