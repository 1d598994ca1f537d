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

/**
 * A device (the `yq_device` cookie) is remembered this long after its last sign-in: its failures
 * then count apart from strangers', so a stranger cannot lock an official out of it (decision 0020).
 */
export const DEVICE_TTL_MS = 365 * 24 * HOUR;
