import type { Platform } from '../../common/platforms';
import { trpc } from '../trpc';

/**
 * The name a post will appear under on a platform: the connected Page's name
 * on Facebook and the account's username on Instagram, or the brand's name
 * while nothing is connected (or the connection cannot be read).
 *
 * @example
 *   const accountName = useAccountName(brand, 'instagram'); // "harbourpine"
 */
export function useAccountName(brand: { id: string; name: string }, platform: Platform): string {
  const connection = trpc.connections.get.useQuery(
    { brandId: brand.id },
    { retry: false, staleTime: 60_000 },
  ).data?.connection;

  if (platform === 'facebook') return connection?.pageName ?? brand.name;
  return connection?.instagram?.username ?? brand.name;
}
