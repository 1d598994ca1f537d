// Who is signed in, and where they belong: the desks (a full page load into the antd app at /) or
// the phone shell (a route below /m/).
import type { Role } from '../shared/roles.ts';
import { ApiError, api, type Me, unwrap } from './api.ts';
import { deskHomeOf } from './roles.ts';

/** The signed-in user, or null when there is none (401). Other failures throw. */
export async function fetchMe(): Promise<Me | null> {
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
