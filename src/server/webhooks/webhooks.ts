import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '../../common/developer-api';
import ipaddr from 'ipaddr.js';
import { blocksPrivateWebhooks, type Config } from '../config';
import type { TokenCipher } from '../crypto/token-cipher';
import type { Db } from '../db/database';
import { AppError, found } from '../errors/app-error';
import { generateWebhookSecret } from './sign-delivery';

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
}

/** The cipher context binds a sealed secret to its webhook row. */
export const secretContext = (webhookId: string) => `webhooks:${webhookId}`;

/**
 * Adds an endpoint that receives the workspace's events, and returns its
 * signing secret once. The secret is stored sealed with the token cipher:
 * unlike a password it must be read back to sign every delivery.
 *
 * @example
 *   const { webhook, secret } = await createWebhook(db, cipher, config,
 *     { workspaceId, userId, url: 'https://example.com/hooks', events: ['post.published'] });
 */
export async function createWebhook(
  db: Db,
  cipher: TokenCipher,
  config: Config,
  input: { workspaceId: string; userId: string; url: string; events: WebhookEvent[] },
): Promise<{ webhook: WebhookView; secret: string }> {
  if (config.NODE_ENV === 'production' && !input.url.startsWith('https://')) {
    throw new AppError('BAD_INPUT', 'Use an https:// address: deliveries carry your data.', {
      fieldErrors: { url: ['must start with https://'] },
    });
  }
  // A name that resolves to such an address is refused by each delivery instead.
  if (blocksPrivateWebhooks(config) && isPrivateHost(new URL(input.url).hostname)) {
    throw new AppError(
      'BAD_INPUT',
      'Webhooks go only to public addresses: this one is private, loopback or link-local.',
      { fieldErrors: { url: ['must be a public address'] } },
    );
  }

  const id = randomUUID();
  const secret = generateWebhookSecret();
  const row = await db
    .insertInto('webhooks')
    .values({
      id,
      workspace_id: input.workspaceId,
      created_by: input.userId,
      url: input.url,
      events: input.events,
      secret: cipher.encrypt(secret, secretContext(id)),
    })
    .returning(['id', 'url', 'events', 'created_at'])
    .executeTakeFirstOrThrow();

  return { webhook: toView(row), secret };
}

function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return ipaddr.isValid(host) && ipaddr.parse(host).range() !== 'unicast';
}

export async function listWebhooks(db: Db, workspaceId: string): Promise<WebhookView[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'events', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

  return rows.map(toView);
}

/** Removes an endpoint and its delivery log; deliveries not yet sent are dropped. */
export async function deleteWebhook(db: Db, workspaceId: string, webhookId: string): Promise<void> {
  const deleted = await db
    .deleteFrom('webhooks')
    .where('id', '=', webhookId)
    .where('workspace_id', '=', workspaceId)
    .returning('id')
    .executeTakeFirst();

  found(deleted, 'Webhook');
}

function toView(row: { id: string; url: string; events: string[]; created_at: Date }): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEvent[],
    createdAt: row.created_at,
  };
}
