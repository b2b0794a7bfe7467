import { randomBytes } from 'node:crypto';

/**
 * The emulator's in-memory world: Pages with their tokens, a sandbox user who
 * manages them, and everything "published". Nothing is persisted: a restart
 * starts an empty world (sandbox data is for trying the flow, not keeping).
 */

export interface SandboxPage {
  id: string;
  name: string;
  token: string;
  instagramId?: string;
  /** The Postpilot user who created it from the Sandbox page; none for shared demo Pages. */
  ownerId?: string;
  createdAt: Date;
}

export interface SandboxInstagramAccount {
  id: string;
  username: string;
  pageId: string;
  quotaTotal: number;
}

export interface SandboxToken {
  kind: 'page' | 'user';
  pageId?: string;
  userId?: string;
  longLived?: boolean;
  /** Set when the token was revoked or expired: the 190 subcode to answer with. */
  revokedSubcode?: number;
}

export interface SandboxFeedPost {
  id: string;
  pageId: string;
  message?: string;
  link?: string;
  photoIds: string[];
  createdAt: Date;
}

export interface SandboxPhoto {
  id: string;
  pageId: string;
  url: string;
  caption?: string;
  published: boolean;
  postId?: string;
  createdAt: Date;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface SandboxContainer {
  id: string;
  igUserId: string;
  type: 'IMAGE' | 'CAROUSEL_ITEM' | 'CAROUSEL';
  imageUrl?: string;
  caption?: string;
  children: string[];
  status: ContainerStatus;
  /** Status polls left before IN_PROGRESS turns FINISHED. */
  pollsUntilReady: number;
  errorSubcode?: number;
  mediaId?: string;
  createdAt: Date;
}

export interface SandboxMedia {
  id: string;
  igUserId: string;
  containerId: string;
  caption?: string;
  mediaType: 'IMAGE' | 'CAROUSEL_ALBUM';
  createdAt: Date;
}

/** One thing the emulator made visible, in one list for counting duplicates. */
export interface PublishedRecord {
  platform: 'facebook' | 'instagram';
  /** The Page id or Instagram account id it went out on. */
  accountId: string;
  remoteId: string;
  text: string;
  createdAt: Date;
}

export class EmulatorState {
  readonly pages = new Map<string, SandboxPage>();
  readonly instagram = new Map<string, SandboxInstagramAccount>();
  readonly tokens = new Map<string, SandboxToken>();
  /** OAuth code → the user token it stands for and the redirect it was issued to. */
  readonly codes = new Map<string, { userId: string; redirectUri: string }>();
  readonly posts = new Map<string, SandboxFeedPost>();
  readonly photos = new Map<string, SandboxPhoto>();
  readonly containers = new Map<string, SandboxContainer>();
  readonly media = new Map<string, SandboxMedia>();
  readonly published: PublishedRecord[] = [];
  /** Which user manages which Pages. */
  readonly userPages = new Map<string, Set<string>>();
  readonly sandboxUserId: string;
  private readonly mediaTimes = new Map<string, number[]>();
  private nextId: number;

  constructor(
    readonly settings: {
      quotaTotal: number;
      containerReadyAfterPolls: number;
      containerTtlMs: number;
    },
  ) {
    this.nextId = 100_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
    this.sandboxUserId = this.newId();
    this.userPages.set(this.sandboxUserId, new Set());
  }

  newId(): string {
    this.nextId += 1;
    return String(this.nextId);
  }

  newToken(prefix: string): string {
    return `${prefix}${randomBytes(24).toString('base64url')}`;
  }

  /** A user token for the sandbox user, as the Login flow would hand out. */
  issueUserToken(userId = this.sandboxUserId, longLived = false): string {
    const token = this.newToken(longLived ? 'EAALsandbox' : 'EAASsandbox');
    this.tokens.set(token, { kind: 'user', userId, longLived });
    return token;
  }

  /**
   * Seeds a Page (and optionally its Instagram business account), managed by
   * the sandbox user, and returns its ids and Page token.
   *
   * @example
   *   state.createSandboxPage({ name: 'Corner Bakery', withInstagram: true })
   */
  createSandboxPage(input: {
    name: string;
    withInstagram?: boolean;
    instagramUsername?: string;
    ownerId?: string;
  }): {
    pageId: string;
    pageToken: string;
    instagramId?: string;
    instagramUsername?: string;
  } {
    const page: SandboxPage = {
      id: this.newId(),
      name: input.name,
      token: this.newToken('EAAPsandbox'),
      ownerId: input.ownerId,
      createdAt: new Date(),
    };
    this.tokens.set(page.token, { kind: 'page', pageId: page.id });
    this.pages.set(page.id, page);
    this.userPages.get(this.sandboxUserId)!.add(page.id);

    if (!input.withInstagram) return { pageId: page.id, pageToken: page.token };

    const username =
      input.instagramUsername ??
      (input.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '') ||
        'sandbox');
    const account: SandboxInstagramAccount = {
      id: `17841${this.newId().slice(-10)}`,
      username,
      pageId: page.id,
      quotaTotal: this.settings.quotaTotal,
    };
    this.instagram.set(account.id, account);
    page.instagramId = account.id;

    return {
      pageId: page.id,
      pageToken: page.token,
      instagramId: account.id,
      instagramUsername: username,
    };
  }

  /** Makes a token fail with 190 and the given subcode from now on (463 expired, 460 password change). */
  revokeToken(token: string, subcode = 460): void {
    const record = this.tokens.get(token);
    if (record) record.revokedSubcode = subcode;
  }

  /** True when the token may act for the Page (its Page token, or a user who manages it). */
  canActForPage(token: SandboxToken, pageId: string): boolean {
    if (token.kind === 'page') return token.pageId === pageId;
    return Boolean(token.userId && this.userPages.get(token.userId)?.has(pageId));
  }

  recordPublished(record: Omit<PublishedRecord, 'createdAt'>): void {
    this.published.push({ ...record, createdAt: new Date() });
  }

  /**
   * Texts that went out more than once on the same Page or account.
   *
   * @example
   *   state.duplicates() // [{ platform: 'facebook', accountId: '1', text: 'Hi', count: 2 }]
   */
  duplicates(): Array<{ platform: string; accountId: string; text: string; count: number }> {
    const counts = new Map<
      string,
      { platform: string; accountId: string; text: string; count: number }
    >();
    for (const record of this.published) {
      const key = JSON.stringify([record.platform, record.accountId, record.text]);
      const entry = counts.get(key) ?? {
        platform: record.platform,
        accountId: record.accountId,
        text: record.text,
        count: 0,
      };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].filter((entry) => entry.count > 1);
  }

  /** Media published on the account within the last 24 hours (what the quota counts). */
  quotaUsage(igUserId: string, now = Date.now()): number {
    const times = this.mediaTimes.get(igUserId) ?? [];
    const recent = times.filter((time) => now - time < 86_400_000);
    if (recent.length !== times.length) this.mediaTimes.set(igUserId, recent);
    return recent.length;
  }

  /** Stores published media and indexes it by account for the quota. */
  addMedia(media: SandboxMedia): void {
    this.media.set(media.id, media);
    const times = this.mediaTimes.get(media.igUserId) ?? [];
    times.push(media.createdAt.getTime());
    this.mediaTimes.set(media.igUserId, times);
  }
}
