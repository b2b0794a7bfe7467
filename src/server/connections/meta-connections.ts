import type { TokenCipher } from '../crypto/token-cipher';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import type { GraphClient, GraphPage } from '../meta/graph-client';
import { GraphError } from '../meta/graph-errors';
import { enqueueConnectionEvent } from '../webhooks/state-change-events';

/**
 * A brand's Meta connection: its Facebook Page (and the Instagram business
 * account linked to it) with the Page token, encrypted. A token is accepted
 * only after Facebook confirmed it by reading the Page with it, and it never
 * leaves this module in the clear except to the code that calls the Graph API.
 */
export interface ConnectionView {
  brandId: string;
  pageId: string;
  pageName: string;
  instagram: { id: string; username: string | null } | null;
  status: 'active' | 'needs_reconnect';
  /** Why the connection needs reconnecting, in words a person can act on. */
  statusReason: string | null;
  verifiedAt: Date;
  connectedAt: Date;
  updatedAt: Date;
}

/** What a Page token is bound to when sealed: a token copied to another row will not open. */
export function pageTokenContext(brandId: string): string {
  return `meta_connections:${brandId}`;
}

export interface ConnectDeps {
  db: Db;
  graph: GraphClient;
  tokenCipher: TokenCipher;
}

export async function getConnection(
  db: Db,
  workspaceId: string,
  brandId: string,
): Promise<ConnectionView | null> {
  const row = await db
    .selectFrom('meta_connections')
    .select([
      'brand_id',
      'page_id',
      'page_name',
      'ig_user_id',
      'ig_username',
      'status',
      'status_reason',
      'verified_at',
      'created_at',
      'updated_at',
    ])
    .where('brand_id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();

  if (!row) return null;

  return {
    brandId: row.brand_id,
    pageId: row.page_id,
    pageName: row.page_name,
    instagram: row.ig_user_id ? { id: row.ig_user_id, username: row.ig_username } : null,
    status: row.status,
    statusReason: row.status_reason,
    verifiedAt: row.verified_at,
    connectedAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Connects (or reconnects) a brand to a Facebook Page after checking the
 * token with Facebook: the Page must be readable with it, and the token must
 * be that Page's own token. A refused token leaves any existing connection
 * as it was.
 *
 * @example
 *   await connectPage(deps, { workspaceId, brandId, pageId: '1234', pageToken });
 */
export async function connectPage(
  deps: ConnectDeps,
  input: { workspaceId: string; brandId: string; pageId: string; pageToken: string },
): Promise<ConnectionView> {
  const page = await verifyPageToken(deps.graph, input.pageId, input.pageToken);
  const sealed = deps.tokenCipher.encrypt(input.pageToken, pageTokenContext(input.brandId));
  const now = new Date();

  const fields = {
    page_id: page.id,
    page_name: page.name,
    ig_user_id: page.instagram?.id ?? null,
    ig_username: page.instagram?.username ?? null,
    page_token: sealed,
    status: 'active' as const,
    status_reason: null,
    verified_at: now,
    updated_at: now,
  };

  await deps.db
    .insertInto('meta_connections')
    .values({ brand_id: input.brandId, workspace_id: input.workspaceId, ...fields })
    .onConflict((oc) => oc.column('brand_id').doUpdateSet(fields))
    .execute();

  return (await getConnection(deps.db, input.workspaceId, input.brandId))!;
}

/** Reads the Page with the token and checks the token is the Page's own. */
async function verifyPageToken(
  graph: GraphClient,
  pageId: string,
  token: string,
): Promise<GraphPage> {
  try {
    const page = await graph.getPage(pageId, token);
    const owner = await graph.request<{ id: string }>({
      call: 'me.get',
      method: 'GET',
      path: '/me',
      token,
      params: { fields: 'id' },
    });

    if (owner.id !== page.id) {
      throw new AppError(
        'BAD_INPUT',
        `This token is not the Page access token of "${page.name}". Copy the token of that Page itself (a user token or another Page's token will not work).`,
        { fieldErrors: { pageAccessToken: ['not this Page’s own access token'] } },
      );
    }

    return page;
  } catch (error) {
    throw inPlainWords(error);
  }
}

/** Graph errors on connecting, worded for the person who typed the id and token. */
function inPlainWords(error: unknown): unknown {
  if (!(error instanceof GraphError)) return error;

  if (error.kind === 'token') {
    return new AppError(
      'BAD_INPUT',
      'Facebook did not accept this Page access token: it is invalid, expired or was revoked. Copy a fresh Page access token, or connect with Facebook.',
      { cause: error, fieldErrors: { pageAccessToken: ['not accepted by Facebook'] } },
    );
  }
  if (error.graphCode === 100 || error.graphCode === 803) {
    return new AppError(
      'BAD_INPUT',
      'Facebook found no Page with this id that the token can see. Check the Page id (Page settings → About → Page ID) and that the token belongs to that Page.',
      { cause: error, fieldErrors: { pageId: ['no Page with this id for this token'] } },
    );
  }
  if (error.kind === 'permission') {
    return new AppError(
      'BAD_INPUT',
      `${error.message} The token needs pages_show_list, pages_read_engagement and pages_manage_posts.`,
      { cause: error, fieldErrors: { pageAccessToken: ['missing a permission'] } },
    );
  }
  return error;
}

/** Forgets the brand's connection and its token. */
export async function disconnectPage(
  db: Db,
  workspaceId: string,
  brandId: string,
): Promise<{ disconnected: boolean }> {
  const result = await db
    .deleteFrom('meta_connections')
    .where('brand_id', '=', brandId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return { disconnected: Number(result.numDeletedRows) > 0 };
}

/**
 * Flags the connection so the brand page asks for a reconnect, with the
 * reason shown there. Returns false when the brand has no connection. The
 * change from `active` queues the `connection.needs_reconnect` webhook event
 * in the same transaction (outbox), so it is never lost.
 *
 * @example
 *   await markNeedsReconnect(db, brandId, "The Page token was revoked. Reconnect the brand's Facebook Page.");
 */
export async function markNeedsReconnect(
  db: Db,
  brandId: string,
  reason: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('meta_connections')
      .select('status')
      .where('brand_id', '=', brandId)
      .forUpdate()
      .executeTakeFirst();

    const result = await trx
      .updateTable('meta_connections')
      .set({ status: 'needs_reconnect', status_reason: reason, updated_at: new Date() })
      .where('brand_id', '=', brandId)
      .executeTakeFirst();

    if (before?.status === 'active') await enqueueConnectionEvent(trx, brandId);
    return Number(result.numUpdatedRows) > 0;
  });
}
