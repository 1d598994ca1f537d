import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { code, divisionCode, divisionPrefix, loginName, password, phone, smsCode, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { OFFICIAL_ROLES, ROLES } from '../../../shared/roles.ts';

export const loginBody = z.strictObject({
  username: label(loginName(64), '用户名', 'username'),
  password: label(password(200), '密码', 'password'),
});

export const phoneField = label(phone(), '手机号', 'phone');

/** What a code is for (default: signing in); a reset code is used at POST /auth/password-reset, a register code at POST /seekers/register. */
export const codePurposeField = label(z.enum(['login', 'password_reset', 'register']), '用途', 'purpose');

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
  /** A job seeker's profile id (GET /matches/for-seeker/{seekerId}); absent before the first save and for other roles. */
  seekerId: z.number().int().optional(),
  /** A one-time password is in use: every route but changing it, /me and sign-out answers 403 `password_change_required`. */
  mustChangePassword: z.boolean(),
  /** Everything the person can act as, the current one included (more than one: the UI offers the choice). */
  memberships: z.array(membershipResponse),
});

export type MeResponse = z.infer<typeof meResponse>;

/**
 * The signed-in account's key pair for the phone page's offline queue (decision 0029): ECDH P-256
 * as JWK base64url parts — `publicKey` {x, y} (the page may keep it to queue while offline),
 * `privateKey` d (memory only, while signed in) — and `keyId`, 16 hex characters naming the pair
 * (and so the account) without revealing it; all stable for the account across sessions.
 */
export const queueKeyResponse = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publicKey: z.object({ x: z.string().regex(/^[A-Za-z0-9_-]{43}$/), y: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

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
  schema: z.object({ phone: z.string(), code: z.string(), requestedAt: z.string(), purpose: z.enum(['login', 'password_reset', 'register']).optional() }),
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

// memberships: who may act as what, kept by the officials above (memberships.service.ts) ----------

/**
 * A user name for a new sign-in: 3–32 letters, digits, dots, hyphens or underscores, starting with a
 * letter or digit (NFKC first, so full-width letters typed with a Chinese input method count).
 * Sign-in itself takes any name (loginBody): the demo's and older ones stay valid.
 */
export const newUsername = () =>
  loginName(32).refine((v) => /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/.test(v), { message: 'username_format' });

/** The roles an official can give through the API (province officials come from the bootstrap command only). */
export const GRANTABLE_ROLES = ['prefecture', 'county', 'agency_admin', 'employer'] as const;

export const membershipStatus = z.enum(['active', 'disabled']);

/** The person a membership is for: found by phone (a verified phone identifies a person) or created. */
const personBody = z.strictObject({
  phone: label(phone(), '手机号', 'phone'),
  displayName: label(text(100), '姓名或名称', 'name'),
  /** Needed when the phone is new (a password role signs in with a user name): ignored for a person who has one. */
  username: label(newUsername(), '用户名', 'username').optional(),
});

export const membershipCreateBody = z.strictObject({
  role: label(z.enum(GRANTABLE_ROLES), '角色', 'role'),
  /** Officials (prefecture, county): the division they answer for. */
  divisionCode: label(divisionCode(), '行政区划', 'division').optional(),
  /** agency_admin: the agency administered. */
  agencyId: label(z.number().int().positive().max(Number.MAX_SAFE_INTEGER), '服务机构', 'agency').optional(),
  /** employer: the employer whose contact this is. */
  employerId: label(z.number().int().positive().max(Number.MAX_SAFE_INTEGER), '用人单位', 'employer').optional(),
  person: label(personBody, '人员', 'person'),
});

export const membershipIdParam = z.object({ id: label(pathId, '身份编号', 'membership id') });

/** A division filter: a prefix ('53', '5301') or a six-digit code ('530100'), normalised to the prefix. */
const divisionFilter = label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division');

export const membershipsQuery = z.object({
  ...pageQuery,
  role: label(z.enum(ROLES), '角色', 'role').optional(),
  status: label(membershipStatus, '状态', 'status').optional(),
  division: divisionFilter.optional(),
  /** Name or user name contains. */
  q: label(text(100, { optional: true }), '关键词', 'search text').optional(),
});

/** A membership on the desk's list: who (phone masked), what role, where. */
export const membershipItem = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  status: membershipStatus,
  /** The division it answers for (officials) or belongs to (agency and employer roles). */
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  agencyId: z.number().int().nullable(),
  employerId: z.number().int().nullable(),
  /** The agency's or employer's name. */
  organisationName: z.string().nullable(),
  person: z.object({
    accountId: z.number().int(),
    username: z.string().nullable(),
    displayName: z.string(),
    /** Masked: 139****0005. */
    phone: z.string().nullable(),
    /** The one-time password has not been changed yet. */
    mustChangePassword: z.boolean(),
  }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const membershipPage = pageOf(membershipItem);

export const membershipCreated = z.object({
  membership: membershipItem,
  /** Whether the person was new (else an existing person gained the membership). */
  personCreated: z.boolean(),
  /** Shown once, never stored in clear: set when the person had no password; it must be changed at first sign-in. */
  oneTimePassword: z.string().nullable(),
});

/** The bootstrap command's input (`yunqiao account create`): an official of any level, the province's first one included. */
export const bootstrapInput = z.strictObject({
  role: label(z.enum(OFFICIAL_ROLES), '角色', 'role'),
  username: label(newUsername(), '用户名', 'username'),
  phone: label(phone(), '手机号', 'phone'),
  divisionCode: label(divisionCode(), '行政区划', 'division').optional(),
  displayName: label(text(100), '名称', 'name').optional(),
});
