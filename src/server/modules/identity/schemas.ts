import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { code, loginName, password, phone, smsCode } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { ROLES } from '../../../shared/roles.ts';

export const loginBody = z.strictObject({
  username: label(loginName(64), '用户名', 'username'),
  password: label(password(200), '密码', 'password'),
});

export const phoneField = label(phone(), '手机号', 'phone');

/** What a code is for (default: signing in); a reset code is used at POST /auth/password-reset. */
export const codePurposeField = label(z.enum(['login', 'password_reset']), '用途', 'purpose');

export const smsCodeBody = z.strictObject({ phone: phoneField, purpose: codePurposeField.optional() });

/** The last 6 characters of an ID number (GB 11643: digits, the check character may be X), asked for after 6 months without a sign-in. */
export const idTailField = label(code({ pattern: /^\d{5}[\dX]$/, message: 'id_tail_format', upper: true }), '身份证号码后 6 位', 'last 6 of the ID number');

export const smsLoginBody = z.strictObject({
  phone: phoneField,
  code: label(smsCode(6), '验证码', 'code'),
  idTail: idTailField.optional(),
});

export const switchMembershipBody = z.strictObject({
  membershipId: label(z.number().int().positive(), '身份', 'membership'),
});

/** A password reset by SMS code (recovery.service.ts resetPassword). */
export const passwordResetBody = z.strictObject({
  phone: phoneField,
  code: label(smsCode(6), '验证码', 'code'),
  newPassword: label(password(200), '新密码', 'new password'),
  idTail: idTailField.optional(),
});

/** The account an official (or agency administrator) acts on: `/accounts/{id}/…`. */
export const accountParam = z.object({ id: label(pathId, '账号编号', 'account id') });

/** A county office moves a person to a new phone. */
export const changePhoneBody = z.strictObject({ phone: label(phone(), '新手机号', 'new phone') });

export const unlockResponse = z.object({
  /** Failure counters cleared (every device's and strangers', for the user name and the phone); 0: nothing was locked or counting. */
  cleared: z.number().int(),
});

export const changePhoneResponse = z.object({
  /** The new number, masked. */
  phone: z.string(),
  /** Sessions ended and remembered devices forgotten. */
  sessionsEnded: z.number().int(),
  devicesForgotten: z.number().int(),
  /** Rows of other modules re-pointed to the new number (the person's roster rows: registry's agency_staff). */
  rowsMoved: z.number().int(),
});

export const changePasswordBody = z.strictObject({
  currentPassword: label(password(200), '当前密码', 'current password'),
  newPassword: label(password(200), '新密码', 'new password'),
});

/** One thing a person can act as: a role at a place. */
export const membershipResponse = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  /** The division it answers for or belongs to (null for job seekers), and its name. */
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  /** The agency's or employer's name, for those roles. */
  organisationName: z.string().nullable(),
});

export const meResponse = z.object({
  /** The user name, or for a person who signs in by phone alone the masked phone. */
  username: z.string(),
  /** The membership this session acts as. */
  membershipId: z.number().int(),
  role: z.enum(ROLES),
  /** Officials: the division-code prefix they oversee; agency and employer roles: `agency:<id>` / `employer:<id>`; job seekers: `self`. */
  scope: z.string(),
  displayName: z.string(),
  divisionCode: z.string().nullable(),
  agencyId: z.number().int().optional(),
  employerId: z.number().int().optional(),
  /** A one-time password is in use: every route but changing it, /me and sign-out answers 403 `password_change_required`. */
  mustChangePassword: z.boolean(),
  /** Everything the person can act as, the current one included (more than one: the UI offers the choice). */
  memberships: z.array(membershipResponse),
});

export type MeResponse = z.infer<typeof meResponse>;

/** Every 10 minutes: expired sessions, dead SMS codes, spent throttle windows. */
export const purgeSignInStateContract = defineJobContract({
  name: 'identity.purge-sign-in-state',
  schema: z.object({}).passthrough(),
  cron: '*/10 * * * *',
  queue: { retryLimit: 2, expireInSeconds: 300 },
});

/** The delivery of a requested code (the code encrypted with the field key; `purpose` absent: sign-in): decides off the request path whether the phone gets a message. */
export const sendLoginCodeContract = defineJobContract({
  name: 'identity.send-login-code',
  schema: z.object({ phone: z.string(), code: z.string(), requestedAt: z.string(), purpose: z.enum(['login', 'password_reset']).optional() }),
  queue: { retryLimit: 3, expireInSeconds: 60 },
});

export const alertsQuery = z.object({
  limit: label(z.coerce.number().int().min(1).max(100).default(20), '条数', 'limit'),
});

export const alertResponse = z.object({
  divisionCode: z.string(),
  id: z.number().int(),
  /** `sms_budget_reached`: today's SMS budget for a purpose is spent (detail: purpose, budget, day). */
  kind: z.string(),
  raisedAt: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const alertsResponse = z.object({ items: z.array(alertResponse) });
