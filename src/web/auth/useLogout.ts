import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, expectOk } from '../api/client.ts';

// Set from a sign-out until the next sign-in. Emptying the session re-renders the desk's guard
// (RequireDesk), whose redirect to the login page would otherwise remember the page being left as
// where to go after the next sign-in — racing this hook's own navigation, and taking whoever signs
// in next (perhaps someone else at the same counter) to the previous person's page.
let signedOut = false;

/** Whether the session ended by signing out (not by expiring): then no page is remembered for the next sign-in. */
export function isSignedOut(): boolean {
  return signedOut;
}

/** Called on a sign-in: a later expiry remembers the page again. */
export function clearSignedOut(): void {
  signedOut = false;
}

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await expectOk(api.POST('/api/v1/auth/logout'));
    } finally {
      signedOut = true;
      queryClient.clear();
      queryClient.setQueryData(['me'], null);
      await navigate('/login', { replace: true });
    }
  };
}
