// Where a person goes after signing in: the first password change when a one-time password is in
// use (the server refuses everything else until then: 403 password_change_required), the choice of
// membership when they hold several, then the desk of the role they act as.
import type { Me, Role } from '../api/types.ts';
import { homeOf } from './roles.ts';

/** The forced change of a one-time password (PasswordPage). */
export const PASSWORD_PATH = '/password';
/** The choice of membership after signing in (ChoosePage). */
export const CHOOSE_PATH = '/choose';

/**
 * The desk page for `role`: `from` (a deep link the desk guard remembered before sending the user
 * to sign in) when it lies in that role's desk, else the desk's home.
 */
export function deskPath(role: Role, from?: string): string {
  const home = homeOf(role);
  return from === home || from?.startsWith(`${home}/`) || from?.startsWith(`${home}?`) ? from : home;
}

/**
 * The page after signing in, and again after the first password change: the password page while
 * `mustChangePassword`, the picker when the person holds more than one membership, else the desk.
 */
export function nextAfterSignIn(me: Pick<Me, 'role' | 'mustChangePassword' | 'memberships'>, from?: string): string {
  if (me.mustChangePassword) return PASSWORD_PATH;
  if (me.memberships.length > 1) return CHOOSE_PATH;
  return deskPath(me.role, from);
}

/** The `from` a page was sent with in its router state (a string), if any. */
export function fromState(state: unknown): string | undefined {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') return state.from;
  return undefined;
}
