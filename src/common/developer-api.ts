import { z } from 'zod';

/**
 * Inputs of the developer API (tokens and webhooks), shared so the settings
 * pages validate exactly as the server does.
 */
export const WEBHOOK_EVENTS = [
  'post.published',
  'post.failed',
  'post.needs_review',
  'connection.needs_reconnect',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Name the token after what uses it, e.g. "CI" or "Zapier"' })
  .max(100, { error: 'Use at most 100 characters' });

export const webhookUrlSchema = z
  .url({
    protocol: /^https?$/,
    error: 'Enter the full address of your endpoint, starting with https://',
  })
  .max(2_000, { error: 'Use an address of at most 2,000 characters' });

export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `choose from ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, { error: 'Choose at least one event' })
  .transform((events) => [...new Set(events)].sort());
