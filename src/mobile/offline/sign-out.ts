// Signing out of the phone shell with the offline queue in mind (decision 0029).
import { PENDING_SIGN_OUT } from './pending-sign-out.ts';
import { lock } from './queue.ts';


/**
 * Signs out: the queue forgets the account's keys at once (its entries stay sealed for the owner),
 * then the server's session ends; without a network the sign-out is finished by the next page that
 * asks who is signed in (finishPendingSignOut), so the next person never acts in this session.
 */
export async function signOut(): Promise<void> {
  lock();
  try {
    const res = await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'yunqiao' } });
    if (!res.ok && res.status !== 401) throw new Error(String(res.status));
    localStorage.removeItem(PENDING_SIGN_OUT);
  } catch {
    localStorage.setItem(PENDING_SIGN_OUT, '1');
  }
}
