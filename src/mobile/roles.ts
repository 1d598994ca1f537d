// Where each role goes after signing in on the phone. Officials, agency admins and employers work
// at the desks (the antd web app at /); agency staff and job seekers stay in the phone shell.
import type { Role } from '../shared/roles.ts';

/**
 * The desk a role is sent to (a path of the desks' app, same as src/web/auth/roles.ts's homeOf),
 * or null when the role stays in the phone shell (/m/). src/mobile/roles.test.ts pins both tables
 * together.
 */
export function deskHomeOf(role: Role): string | null {
  switch (role) {
    case 'province':
    case 'prefecture':
    case 'county':
      return '/gov';
    case 'agency_admin':
      return '/agency';
    case 'employer':
      return '/home';
    case 'agency_staff':
    case 'seeker':
      return null;
  }
}
