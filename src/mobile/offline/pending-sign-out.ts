// A sign-out made without a network, finished before anyone acts in that session again (decision 0029).

/** Set when a sign-out could not reach the server (offline). */
export const PENDING_SIGN_OUT = 'yunqiao.signOutPending';

/** Ends a session whose sign-out was made offline; true when none is pending any more. */
export async function finishPendingSignOut(): Promise<boolean> {
  if (localStorage.getItem(PENDING_SIGN_OUT) !== '1') return true;
  try {
    const res = await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'yunqiao' } });
    if (!res.ok && res.status !== 401) return false;
    localStorage.removeItem(PENDING_SIGN_OUT);
    return true;
  } catch {
    return false;
  }
}

