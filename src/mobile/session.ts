// Who is signed in, and where they belong: the desks (a full page load into the antd app at /) or
// the phone shell (a route below /m/); before either, the first password change and the choice of
// membership.
import type { Role } from '../shared/roles.ts';
import { ApiError, api, type Me, unwrap } from './api.ts';
import { finishPendingSignOut } from './offline/pending-sign-out.ts';
import { deskHomeOf } from './roles.ts';

/**
 * The signed-in user, or null when there is none (401, or a sign-out made offline that still
 * cannot reach the server: the session is treated as ended). Other failures throw.
 */
export async function fetchMe(): Promise<Me | null> {
  if (!(await finishPendingSignOut())) return null;
  try {
    return await unwrap(api.GET('/api/v1/me'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/**
 * Sends a user of a desk role to the desk (leaving the shell); returns false when the role stays
 * in the phone shell and the caller routes it there.
 */
export function leaveForDesk(role: Role): boolean {
  const desk = deskHomeOf(role);
  if (desk === null) return false;
  window.location.replace(desk);
  return true;
}

/** The shell's page for a person who must change a one-time password first (PasswordPage). */
export const PASSWORD_PATH = '/password';
/** The shell's page for choosing a membership after signing in (ChoosePage). */
export const CHOOSE_PATH = '/choose';

/**
 * Where a person acting as `me` belongs: a desk role leaves for its desk (null is returned, the
 * page is being replaced), agency staff and job seekers get the shell's start page '/'.
 */
export function enter(me: Pick<Me, 'role'>): string | null {
  return leaveForDesk(me.role) ? null : '/';
}

/**
 * The next page after signing in, and again after the first password change: the password page
 * while a one-time password is in use (the server refuses everything else), the picker when the
 * person holds more than one membership, else where they belong (enter).
 */
export function nextAfterSignIn(me: Pick<Me, 'role' | 'mustChangePassword' | 'memberships'>): string | null {
  if (me.mustChangePassword) return PASSWORD_PATH;
  if (me.memberships.length > 1) return CHOOSE_PATH;
  return enter(me);
}

/** Moves the session to another of the person's memberships (no new sign-in); the server's answer for it. */
export function switchMembership(membershipId: number): Promise<Me> {
  return unwrap(api.POST('/api/v1/auth/membership', { body: { membershipId } }));
}
