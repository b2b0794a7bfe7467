import type { MemberRole } from '../../db/types';
import { createPostpilotClient, type PostpilotClient } from '../../src/sdk/postpilot-client';
import type { ApiClient } from './api-client';

/**
 * Creates an API token as a signed-in user and returns it with a typed
 * client that uses only the token (no cookie).
 *
 * @example
 *   const { token, client } = await createTokenClient(server.url, owner.api, owner.workspaceId);
 */
export async function createTokenClient(
  url: string,
  api: ApiClient,
  workspaceId: string,
  options: { role?: MemberRole; name?: string; expiresAt?: Date } = {},
): Promise<{ token: string; tokenId: string; client: PostpilotClient }> {
  const created = await api.tokens.create.mutate({
    workspaceId,
    name: options.name ?? 'Test token',
    role: options.role ?? 'editor',
    expiresAt: options.expiresAt,
  });
  return {
    token: created.token,
    tokenId: created.apiToken.id,
    client: createPostpilotClient({ url, token: created.token }),
  };
}
