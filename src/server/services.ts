import type { AccessCache } from './access/access-cache';
import type { AiSetup } from './ai/ai-providers';
import type { BrandContext } from './ai/load-brand-context';
import type { NotifiedCache } from './db/change-feed';
import type { Config } from './config';
import type { TokenCipher } from './crypto/token-cipher';
import type { Db } from './db/database';
import type { Logger } from './logger';
import type { GraphClient } from './meta/graph-client';
import type { GraphEmulator } from './meta/sandbox/graph-emulator';

/**
 * What a request or a background job may use. Built once in `main.ts` (or by a
 * test) and handed down, so nothing reaches for globals.
 */
export interface Services {
  db: Db;
  /** Who may do what where, cached per process and kept fresh by notifications. */
  accessCache: AccessCache;
  /** What drafting reads of a brand, cached per process like `accessCache`. */
  brandCache: NotifiedCache<BrandContext>;
  config: Config;
  log: Logger;
  /** Asks the local publish worker to look for due posts now (no-op without one). */
  kickPublisher: () => void;
  /** Asks the local webhook sender to look for due deliveries now (no-op without one). */
  kickWebhooks: () => void;
  /** The AI providers, in the order drafts try them. */
  ai: AiSetup;
  /** The Graph API client (pointed at the in-app emulator in sandbox mode). */
  graph: GraphClient;
  /** The in-app Graph emulator, present only in sandbox mode. */
  metaSandbox?: GraphEmulator;
  /** Encrypts third-party tokens at rest (Facebook Page tokens). */
  tokenCipher: TokenCipher;
}
