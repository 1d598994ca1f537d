// Sign-in and session rules of the kind a level-3 graded-protection (等保三级) review expects.
import type { Role } from '../../../shared/roles.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * MINUTE;
/** Failures older than this no longer count towards a lockout. */
export const FAILURE_WINDOW_MS = 15 * MINUTE;

export const SMS_CODE_TTL_MS = 5 * MINUTE;
export const SMS_CODE_MAX_TRIES = 5;
export const SMS_CODE_RESEND_MS = 60_000;
/**
 * An SMS sign-in after this long without any sign-in also asks for the last 6 characters of the ID
 * number on file: carriers reissue numbers that lay unused (a recycled number reaches a stranger).
 */
export const DORMANT_MS = 183 * 24 * HOUR;

/** Roles that may sign in with a phone number and a one-time SMS code. */
export const SMS_LOGIN_ROLES: readonly Role[] = ['agency_staff', 'seeker'];

/** Officials and agency administrators hold other people's data: short sessions. */
const STRICT_ROLES: readonly Role[] = ['province', 'prefecture', 'county', 'agency_admin'];

export function sessionLimits(role: Role): { idleMs: number; absoluteMs: number } {
  return STRICT_ROLES.includes(role)
    ? { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR }
    : { idleMs: 7 * 24 * HOUR, absoluteMs: 30 * 24 * HOUR };
}

/**
 * Officials and agency administrators get a browser-session cookie (gone when the browser closes,
 * on a shared office computer too); staff and job seekers on their own phones keep theirs until
 * the session's absolute expiry.
 */
export function persistentCookie(role: Role): boolean {
  return !STRICT_ROLES.includes(role);
}

/** Sessions are touched at most this often, so a busy page costs no write per request. */
export const SESSION_TOUCH_MS = 60_000;

/** Officials' passwords: at least 12 characters and three of four character classes. */
export function passwordStrongEnough(role: Role, password: string): boolean {
  if (!['province', 'prefecture', 'county', 'agency_admin'].includes(role)) return password.length >= 8;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return password.length >= 12 && classes >= 3;
}

/** The message naming the rule `role`'s passwords must meet (passwordStrongEnough): 12 characters of three classes, or 8. */
export function passwordRuleMessage(role: Role): 'password_too_weak' | 'password_too_short' {
  return STRICT_ROLES.includes(role) ? 'password_too_weak' : 'password_too_short';
}

/**
 * A device (the `yq_device` cookie) is remembered this long after its last sign-in: its failures
 * then count apart from strangers', so a stranger cannot lock an official out of it (decision 0020).
 */
export const DEVICE_TTL_MS = 365 * 24 * HOUR;

/**
 * How high a role stands, for "the level above" (issue 7 §1: unlocking an account, moving a person
 * to a new phone): the province over prefectures, a prefecture over its counties, a county over the
 * agencies and employers in it, an agency administrator over its own staff. Employers stand beside
 * agency administrators (both hold other people's data), staff and job seekers at the bottom.
 */
export const ROLE_LEVEL: Readonly<Record<Role, number>> = {
  province: 4,
  prefecture: 3,
  county: 2,
  agency_admin: 1,
  employer: 1,
  agency_staff: 0,
  seeker: 0,
};

/** What `oversees` needs of the one acting: its membership's role and place. */
export type Overseer = { accountId: number; role: Role; divisionCode: string | null; agencyId?: number; prefixes: readonly string[] };

/** What `oversees` needs of a membership of the person acted on. */
export type OverseenMembership = { role: string; official_division: string | null; org_division: string | null; agency_id: number | null; status: string };

/** Whether `by` stands above one membership: its place is in `by`'s reach and its role below `by`'s. */
function above(by: Overseer, m: OverseenMembership): boolean {
  const role = m.role as Role;
  if (by.role === 'agency_admin') {
    return role === 'agency_staff' && m.org_division === by.divisionCode && m.agency_id === by.agencyId;
  }
  if (!isOfficialRole(by.role) || ROLE_LEVEL[role] >= ROLE_LEVEL[by.role]) return false;
  const place = m.official_division ?? m.org_division;
  // a job seeker belongs to no place: only the province reaches them
  if (place === null) return by.role === 'province';
  return by.prefixes.some((p) => place.startsWith(p));
}

const isOfficialRole = (role: Role) => role === 'province' || role === 'prefecture' || role === 'county';

/**
 * Whether `by` is "the level above" a person, judged by all their active memberships: above every
 * one of them (ROLE_LEVEL) and reaching every one's place — an official through its division
 * prefixes, an agency administrator its own agency's staff. The whole person, not one membership,
 * because the action (an unlock; a new phone, and with it a password reset by SMS) reaches the
 * whole account: a county official must not take over a prefecture official's account through
 * the roster row the same person holds in the county, nor a job seeker's (no place: the province
 * only) through a roster row an agency in the county gave the seeker's phone. Never oneself.
 * Returns the highest-standing membership (its place files the audit entry), or undefined.
 * Issue 7 §1; decision 0025.
 */
export function overseenThrough<M extends OverseenMembership>(by: Overseer, person: { accountId: number; memberships: readonly M[] }): M | undefined {
  if (person.accountId === by.accountId) return undefined;
  const active = person.memberships.filter((m) => m.status === 'active');
  if (!active.length) return undefined;
  if (!active.every((m) => above(by, m))) return undefined;
  const top = Math.max(...active.map((m) => ROLE_LEVEL[m.role as Role] ?? 0));
  return active.find((m) => (ROLE_LEVEL[m.role as Role] ?? 0) === top);
}

/**
 * The strictest role among a person's memberships (the password rule a reset must meet: one
 * password serves them all, policy.passwordStrongEnough); 'seeker' for none.
 */
export function strictestRole(roles: readonly string[]): Role {
  // a role with the strict rule first, then the higher standing; the first of equals
  const weight = (r: Role) => (STRICT_ROLES.includes(r) ? 10 : 0) + ROLE_LEVEL[r];
  let best: Role | undefined;
  for (const r of roles as Role[]) if (best === undefined || weight(r) > weight(best)) best = r;
  return best ?? 'seeker';
}
