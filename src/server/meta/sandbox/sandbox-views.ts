import type { Db } from '../../db/database';
import { AppError } from '../../errors/app-error';
import type { GraphEmulator } from './graph-emulator';

/**
 * What the client's Sandbox page shows: the sandbox Pages a user can connect
 * (with their made-up tokens: they open nothing real) and what the emulator
 * has "published". Everything here is in memory and gone after a restart.
 */

export interface SandboxPageView {
  pageId: string;
  name: string;
  /** A sandbox-only token, valid against this server's emulator and nowhere else. */
  pageToken: string;
  instagramId: string | null;
  instagramUsername: string | null;
  shared: boolean;
  createdAt: Date;
}

export interface SandboxPublishedView {
  platform: 'facebook' | 'instagram';
  accountId: string;
  accountName: string;
  remoteId: string;
  text: string;
  createdAt: Date;
}

/** Throws when the app runs against the real Graph API. */
export function requireSandbox(sandbox: GraphEmulator | undefined): GraphEmulator {
  if (!sandbox) {
    throw new AppError(
      'NOT_CONFIGURED',
      'Sandbox mode is off: this server publishes to real Facebook Pages. Start it with META_MODE=sandbox to try things safely.',
    );
  }
  return sandbox;
}

/** The shared demo Pages and those this user created, newest first. */
export function listSandboxPages(sandbox: GraphEmulator, userId: string): SandboxPageView[] {
  const { state } = sandbox;

  return [...state.pages.values()]
    .filter((page) => page.ownerId === undefined || page.ownerId === userId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((page) => {
      const instagram = page.instagramId ? state.instagram.get(page.instagramId) : undefined;
      return {
        pageId: page.id,
        name: page.name,
        pageToken: page.token,
        instagramId: instagram?.id ?? null,
        instagramUsername: instagram?.username ?? null,
        shared: page.ownerId === undefined,
        createdAt: page.createdAt,
      };
    });
}

/** Creates a sandbox Page (and Instagram account) owned by the user. */
export function createSandboxPage(
  sandbox: GraphEmulator,
  userId: string,
  input: { name: string; withInstagram: boolean },
): SandboxPageView {
  const created = sandbox.createSandboxPage({ ...input, ownerId: userId });
  return listSandboxPages(sandbox, userId).find((page) => page.pageId === created.pageId)!;
}

/**
 * What the emulator published, newest first: on the Pages and accounts
 * connected to the workspace's brands, or without a workspace on the Pages
 * the user can see in the sandbox.
 */
export async function listSandboxPublished(
  db: Db,
  sandbox: GraphEmulator,
  input: { userId: string; workspaceId?: string; limit: number },
): Promise<SandboxPublishedView[]> {
  const accounts = new Set<string>();

  if (input.workspaceId) {
    const connections = await db
      .selectFrom('meta_connections')
      .select(['page_id', 'ig_user_id'])
      .where('workspace_id', '=', input.workspaceId)
      .execute();
    for (const connection of connections) {
      accounts.add(connection.page_id);
      if (connection.ig_user_id) accounts.add(connection.ig_user_id);
    }
  } else {
    for (const page of listSandboxPages(sandbox, input.userId)) {
      accounts.add(page.pageId);
      if (page.instagramId) accounts.add(page.instagramId);
    }
  }

  const { state } = sandbox;
  const nameOf = (accountId: string) =>
    state.pages.get(accountId)?.name ?? `@${state.instagram.get(accountId)?.username ?? accountId}`;

  return state.published
    .filter((record) => accounts.has(record.accountId))
    .slice(-input.limit)
    .reverse()
    .map((record) => ({ ...record, accountName: nameOf(record.accountId) }));
}
