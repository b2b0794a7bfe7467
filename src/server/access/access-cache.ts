import { LRUCache } from 'lru-cache';
import type { MemberRole } from '../../../db/types';
import type { ChangeFeed, NotifiedCache } from '../db/change-feed';

/**
 * What every request asks before it does anything: which workspace owns this
 * brand or post, and what the caller's role is there. Kept in memory so a
 * request needs no database round trip for it.
 *
 * Which workspace owns a row never changes, so that is kept until evicted.
 * Roles are dropped as soon as a change to `memberships` is notified (see
 * `NotifiedCache`); the process that makes a change also drops it at once.
 */
export class AccessCache {
  readonly #roles: NotifiedCache<MemberRole>;
  readonly #owners = new LRUCache<string, string>({ max: 100_000 });

  constructor(feed: ChangeFeed) {
    // The TTL is a backstop only: notifications are what keep roles fresh.
    this.#roles = feed.cache<MemberRole>('m', { max: 20_000, ttlMs: 60_000 });
  }

  /** Marks the start of a database read whose role may be remembered. */
  epoch(): number {
    return this.#roles.epoch();
  }

  role(userId: string, workspaceId: string): MemberRole | undefined {
    return this.#roles.get(membershipKey(userId, workspaceId));
  }

  rememberRole(epoch: number, userId: string, workspaceId: string, role: MemberRole): void {
    this.#roles.remember(epoch, membershipKey(userId, workspaceId), role);
  }

  /** Drops a role this process just changed, before the notification comes back. */
  forgetRole(userId: string, workspaceId: string): void {
    this.#roles.forget(membershipKey(userId, workspaceId));
  }

  workspaceOf(table: 'brands' | 'posts', id: string): string | undefined {
    return this.#owners.get(`${table}:${id}`);
  }

  rememberWorkspace(table: 'brands' | 'posts', id: string, workspaceId: string): void {
    this.#owners.set(`${table}:${id}`, workspaceId);
  }
}

/** The key of a membership, as the trigger notifies it after `m:`. */
const membershipKey = (userId: string, workspaceId: string) => `${userId}:${workspaceId}`;
