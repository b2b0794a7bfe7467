import { useNavigate, useSearchParams } from 'react-router';
import { trpc } from '../../trpc';

/** Refreshes who is signed in, then goes where the visitor was headed. */
export function useAfterSignIn() {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  return async () => {
    // The signed-in layout reads `auth.me` from the cache: make sure it holds the new user.
    await utils.invalidate();
    await utils.auth.me.fetch();
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', {
      replace: true,
    });
  };
}
