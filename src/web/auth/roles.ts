// Where each role lands after login, and which part of the app it may open.
import type { Role } from '../api/types.ts';

export type Desk = 'official' | 'agency' | 'self';

export function deskOf(role: Role): Desk {
  switch (role) {
    case 'province':
    case 'prefecture':
    case 'county':
      return 'official';
    case 'agency_admin':
      return 'agency';
    case 'agency_staff':
    case 'employer':
    case 'seeker':
      return 'self';
  }
}

export const HOME_OF: Record<Desk, string> = { official: '/gov', agency: '/agency', self: '/home' };

export function homeOf(role: Role): string {
  return HOME_OF[deskOf(role)];
}
