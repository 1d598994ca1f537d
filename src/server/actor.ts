// Who is acting, and over what: resolved once per request from the session.
import type { Scope } from './db/scope.ts';
import type { Role } from '../shared/roles.ts';

export type Actor = {
  /** The person (their account: one sign-in, any number of memberships). */
  accountId: number;
  /** The membership this session acts as: role and place come from it. */
  membershipId: number;
  /** The user name, or the masked phone of a person who signs in by phone alone. */
  username: string;
  role: Role;
  displayName: string;
  /** Six-digit code of the division the actor answers for or belongs to (null for job seekers). */
  divisionCode: string | null;
  scope: Scope;
  agencyId?: number;
  staffId?: number;
  employerId?: number;
  /** A one-time password is in use: only changing it, /me and sign-out are open (http/auth.ts). */
  mustChangePassword?: true;
  /** The session was opened with an SMS code: it acts only as memberships an SMS code opens. */
  signedInBy?: 'sms';
};

/** Where a request came from, for audit rows and logs. */
export type RequestContext = {
  requestId: string;
  ip: string;
  locale: 'zh-CN' | 'en';
};

/** The audit chain key for actions with no place of their own. */
export const UNPLACED_DIVISION = '000000';
