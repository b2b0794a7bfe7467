import { pageTokenContext } from '../connections/meta-connections';
import type { TokenCipher } from '../crypto/token-cipher';
import type { Db } from '../db/database';

export interface PublishConnection {
  pageId: string;
  igUserId: string | null;
  /** The decrypted Page token: kept in memory for the post, never logged. */
  token: string;
}

export type ConnectionProblem = { problem: string };

/**
 * The brand's Meta connection with its Page token decrypted, or the reason it
 * cannot be used (none, needs reconnecting, token unreadable), written for the
 * person who has to fix it.
 *
 * @example
 *   const connection = await loadPublishConnection(db, cipher, post.brandId);
 *   if ('problem' in connection) failTargets(connection.problem);
 */
export async function loadPublishConnection(
  db: Db,
  cipher: TokenCipher,
  brandId: string,
): Promise<PublishConnection | ConnectionProblem> {
  const row = await db
    .selectFrom('meta_connections')
    .select(['page_id', 'ig_user_id', 'page_token', 'status', 'status_reason'])
    .where('brand_id', '=', brandId)
    .executeTakeFirst();

  if (!row) {
    return { problem: "The brand has no Facebook Page connected. Connect it on the brand's page." };
  }
  if (row.status === 'needs_reconnect') {
    const reason = row.status_reason ? ` (${row.status_reason})` : '';
    return {
      problem: `The brand's Facebook Page must be reconnected${reason}. Reconnect it on the brand's page, then retry.`,
    };
  }

  try {
    const token = cipher.decrypt(row.page_token, pageTokenContext(brandId));
    return { pageId: row.page_id, igUserId: row.ig_user_id, token };
  } catch {
    return {
      problem:
        "The stored Page token cannot be read with this server's keys. Reconnect the brand's Facebook Page.",
    };
  }
}
