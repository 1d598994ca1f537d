// Sign-in (password, SMS code), sessions, and the actor every request acts as.
import { createECDH, createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Grant, Scope } from '../../db/scope.ts';
import { UNPLACED_DIVISION } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { AppError, unauthenticated } from '../../http/errors.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { addDays, beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { prefixOf } from '../../../shared/division.ts';
import { type Role, isOfficial } from '../../../shared/roles.ts';
import { audit, type CommandContext, command, SYSTEM_CALLER } from '../../platform/command.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import { sendLoginCodeContract } from './schemas.ts';

// argon2id, OWASP's second recommended profile (19 MiB, 2 passes)
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// verified against for unknown users, so timing does not tell whether a name exists
let dummyHash: Promise<string> | null = null;

export const hashPassword = (password: string) => hash(password, ARGON);

/**
 * argon2 is the cheapest way to deny service (about 8.5 ms of CPU per verification here, unknown
 * names included): verifications run one per core but one (at least one), so a core stays for
 * signed-in requests and PostgreSQL (bench/signin-flood.bench.ts: with one per core the signed-in
 * p50 grew 5× under a flood on this 2-core machine); a short queue waits, and a verification beyond
 * that is answered 503 with Retry-After at once. Process state on purpose: the CPU it guards is the
 * process's.
 */
const VERIFIERS = Math.max(1, availableParallelism() - 1);
export const MAX_VERIFICATIONS_WAITING = 32;
const verifying = pLimit(VERIFIERS);

const busy = () => new AppError('service_unavailable', {}, [], { 'retry-after': '1' });

/**
 * Throws 503 (Retry-After: 1) while the verifier queue is full: the sign-in route calls it before
 * any other work (onRequest), so a flood beyond the queue costs no database statement either.
 */
export function refuseWhenVerifiersBusy(deps: Deps): void {
  if (queueFull() || budget.available(deps.config.limits.passwordChecksPerSecond) < 1) throw busy();
}

const queueFull = () => verifying.activeCount + verifying.pendingCount >= VERIFIERS + MAX_VERIFICATIONS_WAITING;

/**
 * The second half of the cap: a token bucket of password checks per second (config
 * `limits.passwordChecksPerSecond`, burst VERIFIERS + MAX_VERIFICATIONS_WAITING), so a flood that
 * keeps the queue short still cannot keep a core busy with argon2 (bench/signin-flood.bench.ts).
 * Real time, not deps.clock: the CPU it rations is real. Process state, as the CPU is the process's.
 */
const budget = (() => {
  const burst = VERIFIERS + MAX_VERIFICATIONS_WAITING;
  let tokens = burst;
  let at = performance.now();
  const refill = (perSecond: number) => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - at) / 1000) * perSecond);
    at = now;
  };
  return {
    available(perSecond: number): number {
      refill(perSecond);
      return tokens;
    },
    take(perSecond: number): boolean {
      refill(perSecond);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
})();

/** argon2 verify under the caps above; false for a malformed hash; throws 503 when the queue is full or the second's checks are spent. */
export function verifyPassword(deps: Deps, hashed: string, password: string): Promise<boolean> {
  if (queueFull() || !budget.take(deps.config.limits.passwordChecksPerSecond)) return Promise.reject(busy());
  return verifying(() => verify(hashed, password).catch(() => false));
}

/** A membership as listed to its person (repository row). */
export type MembershipRow = repo.MembershipRow;

export function tokenHash(token: string): string {
  return sha256Hex(token);
}

export type ActorRow = Pick<repo.SessionAccountRow, 'account_id' | 'username' | 'phone' | 'role' | 'display_name' | 'official_division' | 'org_division' | 'agency_id' | 'staff_id' | 'employer_id'> & {
  membership_id: number;
  must_change_password?: boolean;
  sign_in_method?: string;
  grants?: Grant[];
  /** An official's predecessor codes (repository predecessorsOf; decision 0022). */
  predecessors?: readonly string[] | null;
};

/** How a person is named in the audit trail and on the desk: the user name, else the masked phone. */
export const loginLabel = (row: { username: string | null; phone: string | null }): string => row.username ?? (row.phone ? maskPhone(row.phone) : '');

/**
 * The actor an account acts as, with its scope (src/server/db/scope.ts): an official reaches its
 * division's subtree and its predecessor codes' (rows still under a code its division replaced,
 * its audit history above all: decision 0022); agency administrators their agency, staff themselves within their agency,
 * employers their enterprise, seekers themselves. Grants ride along.
 */
export function actorFromRow(row: ActorRow): Actor {
  const role = row.role as Role;
  const grants = row.grants ?? [];
  const base = {
    accountId: row.account_id,
    membershipId: row.membership_id,
    username: loginLabel(row),
    role,
    displayName: row.display_name,
    ...(row.must_change_password ? { mustChangePassword: true as const } : {}),
    ...(row.sign_in_method === 'sms' ? { signedInBy: 'sms' as const } : {}),
  };
  if (isOfficial(role)) {
    const code = row.official_division as string;
    const prefixes = [...new Set([prefixOf(code), ...(row.predecessors ?? []).map(prefixOf)])];
    return { ...base, divisionCode: code, scope: { kind: 'official', prefixes, grants } };
  }
  if (role === 'agency_admin' || role === 'agency_staff') {
    const code = row.org_division as string;
    const agencyId = row.agency_id as number;
    const scope: Scope =
      role === 'agency_staff' && row.staff_id
        ? { kind: 'staff', divisionCode: code, agencyId, staffId: row.staff_id, grants }
        : { kind: 'agency', divisionCode: code, agencyId, grants };
    return { ...base, divisionCode: code, scope, agencyId, ...(row.staff_id ? { staffId: row.staff_id } : {}) };
  }
  if (role === 'employer') {
    const code = row.org_division as string;
    const employerId = row.employer_id as number;
    return { ...base, divisionCode: code, scope: { kind: 'employer', divisionCode: code, employerId, grants }, employerId };
  }
  // job seekers own no place: they reach their own rows only
  return { ...base, divisionCode: null, scope: { kind: 'seeker', accountId: row.account_id, grants } };
}

/**
 * A new session; `cookieExpires` null: a browser-session cookie (policy.persistentCookie);
 * `device`: the device id for the long-lived `yq_device` cookie (the caller's own, or a new one);
 * `memberships`: what the person may act as, the one acting first.
 */
type Session = { token: string; actor: Actor; expiresAt: Date; cookieExpires: Date | null; device: string; memberships: repo.MembershipRow[] };

/** Where a sign-in came from: the request, and the device id of a verified `yq_device` cookie. */
export type SignInContext = RequestContext & { userAgent?: string; device?: string | undefined };

/** The key a device is counted and remembered under: its id's SHA-256 ('' for no device). */
export const deviceKey = (ctx: SignInContext) => (ctx.device ? sha256Hex(`device:${ctx.device}`) : '');

/** The memberships a sign-in `method` opens: all for a password; by SMS code, the roles policy allows (policy.SMS_LOGIN_ROLES). */
function openedBy(method: 'password' | 'sms', memberships: repo.MembershipRow[]): repo.MembershipRow[] {
  return method === 'password' ? memberships : memberships.filter((m) => policy.SMS_LOGIN_ROLES.includes(m.role as Role));
}

/**
 * Opens a session acting as the person's most recently used membership among `memberships` (the
 * person picks another after sign-in: switchMembership); `login` is the name the failures were
 * counted under (username or phone) and `bucket` the counter they were counted in, which a success
 * clears (strangers' counts stay when a known device signs in). The device is remembered for the
 * account: from now on its failures count apart (decision 0020).
 */
async function openSession(deps: Deps, account: repo.AccountRow, memberships: repo.MembershipRow[], ctx: SignInContext, method: 'password' | 'sms', login: string, bucket: string): Promise<Session> {
  const first = memberships[0];
  if (!first) throw new Error('openSession without a membership');
  const now = deps.clock.now();
  const device = ctx.device ?? randomBytes(18).toString('base64url');
  const token = randomBytes(32).toString('base64url');
  const limits = policy.sessionLimits(first.role as Role);
  const expiresAt = new Date(now.getTime() + limits.absoluteMs);
  const actor = actorFromRow({ ...account, ...first, account_id: account.id, membership_id: first.id, sign_in_method: method });
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.insertSession(tx, {
      token_hash: tokenHash(token),
      account_id: account.id,
      membership_id: first.id,
      sign_in_method: method,
      created_at: now,
      last_seen_at: now,
      idle_expires_at: new Date(now.getTime() + limits.idleMs),
      expires_at: expiresAt,
      ip: ctx.ip,
      user_agent: ctx.userAgent?.slice(0, 300) ?? null,
    });
    await repo.clearThrottle(tx, login, bucket);
    await repo.rememberDevice(tx, account.id, deviceKey({ ...ctx, device }), now);
    await repo.touchMembership(tx, first.id, now);
    await repo.markSignedIn(tx, account.id, now);
    audit({ action: 'auth.login', targetType: 'account', targetId: account.id, detail: { method, membershipId: first.id } });
  });
  return { token, actor, expiresAt, cookieExpires: policy.persistentCookie(first.role as Role) ? expiresAt : null, device, memberships };
}

/**
 * Moves the session `token` to another membership of the signed-in person (the picker after
 * sign-in, the switcher on every desk): 404 `membership_not_found` when it is not one of theirs
 * that can act now. The session keeps its start; its expiry shrinks to the new role's limits
 * (policy.sessionLimits: an official's session lasts 12 h however it started). Audited.
 * Returns the new actor, the session's expiry and the person's memberships.
 */
export async function switchMembership(deps: Deps, actor: Actor, token: string, membershipId: number, ctx: RequestContext) {
  const memberships = await membershipsOf(deps, actor);
  const chosen = memberships.find((m) => m.id === membershipId);
  if (!chosen) throw new AppError('membership_not_found');
  const account = await repo.findAccountById(deps.db, actor.accountId);
  if (!account) throw new AppError('membership_not_found');
  const now = deps.clock.now();
  const next = actorFromRow({ ...account, ...chosen, account_id: account.id, membership_id: chosen.id, sign_in_method: actor.signedInBy ?? 'password' });
  const expiresAt = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const at = await repo.switchSessionMembership(tx, tokenHash(token), chosen.id, policy.sessionLimits(chosen.role as Role), now);
    await repo.touchMembership(tx, chosen.id, now);
    audit({ action: 'auth.switch_membership', targetType: 'membership', targetId: chosen.id, detail: { from: actor.membershipId, role: chosen.role } });
    return at;
  });
  return { actor: next, expiresAt, cookieExpires: policy.persistentCookie(chosen.role as Role) ? expiresAt : null, memberships };
}

/**
 * The key pair that seals an account's reports queued on a phone (decision 0029; issue 8 P3, case
 * 02-queued-report-after-sign-out): an ECDH P-256 pair whose private scalar is an HMAC-SHA256 under
 * the server's keyed-hash secret of the account id (re-hashed in the rare case it is no valid
 * scalar), and `keyId`, a second, separately labelled HMAC (16 hex) the page files entries under.
 * The page seals each entry with AES-256-GCM under a key agreed between a fresh ephemeral pair and
 * `publicKey` (so it can queue while offline, with only the public half kept on the phone), and
 * opens entries with `privateKey`, held in memory only while the account is signed in. Stable per
 * account (a report queued before sign-out opens after the same person signs in again, under any
 * membership), different for every other account, never stored on the server. Keys are JWK
 * base64url coordinates: `publicKey` {x, y}, `privateKey` d. Pure: no database, no audit.
 */
export function queueKeyOf(deps: Deps, actor: Pick<Actor, 'accountId'>): { keyId: string; publicKey: { x: string; y: string }; privateKey: string } {
  let seed = Buffer.from(deps.crypto.keyedHash(`offline-queue-key-v1\0${actor.accountId}`), 'hex');
  for (let round = 0; ; round++) {
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(seed);
    } catch (e) {
      // a seed of zero or at least the curve's order (odds about 2^-32): hash it once more
      if (round > 8) throw e;
      seed = createHash('sha256').update(seed).digest();
      continue;
    }
    const pub = ecdh.getPublicKey(); // 0x04 ‖ x ‖ y
    return {
      keyId: deps.crypto.keyedHash(`offline-queue-key-id-v1\0${actor.accountId}`).slice(0, 16),
      publicKey: { x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33, 65).toString('base64url') },
      privateKey: seed.toString('base64url'),
    };
  }
}

/** The memberships the signed-in person can act as now in this session (opened by its sign-in method: openedBy), most recently used first. */
/** A job seeker's own profile id (GET /me, issue 12), undefined before their first save. */
export async function seekerIdOf(deps: Deps, actor: Actor): Promise<number | undefined> {
  return repo.seekerIdOfAccount(deps.db, actor.accountId);
}

export async function membershipsOf(deps: Deps, actor: Actor): Promise<repo.MembershipRow[]> {
  return openedBy(actor.signedInBy ?? 'password', await repo.usableMemberships(deps.db, actor.accountId));
}

/**
 * A login as the audit trail shows it: phone numbers masked (officials read the trail); a username
 * only when it names an account — people type passwords into the name field, and a stranger's
 * guesses are nobody's name (PIPL: collect no more than needed).
 */
async function auditedLogin(deps: Deps, login: string, action: string): Promise<string | undefined> {
  if (kindOf(action) === 'phone') return maskPhone(login);
  return (await repo.findAccountByUsername(deps.db, login)) ? login : undefined;
}

type Attempt = { failures: number; lockedUntil: Date | null; bucket: string };

/** Sign-in actions whose login is a phone (their failures count under the phone's counter). */
const PHONE_ACTIONS: readonly string[] = ['auth.sms_login', 'auth.sms_code', 'auth.password_reset', 'auth.seeker_register'];

const kindOf = (action: string): repo.LoginKind => (PHONE_ACTIONS.includes(action) ? 'phone' : 'username');

/**
 * Counts a sign-in attempt for `login` (a username or phone) before its secret is checked, in one
 * statement, and refuses it when the window's attempts are spent: parallel guesses cannot all pass
 * the lock check and be verified (at most MAX_FAILED_LOGINS are, per window). The attempt that
 * reaches the limit sets the lock; a success clears the count (openSession). Counted per (login,
 * device): a device that signed in to the account before has a counter of its own, every other
 * caller shares the strangers' one (decision 0020). 等保 identification: limit failed sign-ins.
 */
async function countAttempt(deps: Deps, login: string, ctx: SignInContext, action: string): Promise<Attempt> {
  const now = deps.clock.now();
  const { failures, locked_until, device } = await repo.countLoginFailure(deps.db, login, kindOf(action), deviceKey(ctx), now, {
    windowMs: policy.FAILURE_WINDOW_MS,
    max: policy.MAX_FAILED_LOGINS,
    lockMs: policy.LOCKOUT_MS,
  });
  if (failures > policy.MAX_FAILED_LOGINS) {
    // a guess that arrived while the limit's last attempts were being checked: locked, unverified
    await audit(deps, { actor: null, ctx }, { action, outcome: 'denied', targetType: 'login', targetId: await auditedLogin(deps, login, action), detail: { reason: 'locked' } });
    throw lockedError((locked_until?.getTime() ?? now.getTime() + policy.LOCKOUT_MS) - now.getTime());
  }
  return { failures, lockedUntil: locked_until, bucket: device };
}

/** The answer to a counted attempt whose secret was wrong: audited; the one that reached the limit also audits the lockout. */
async function failedAttempt(deps: Deps, login: string, ctx: RequestContext, action: string, attempt: Attempt): Promise<AppError> {
  const now = deps.clock.now();
  const targetId = await auditedLogin(deps, login, action);
  await audit(deps, { actor: null, ctx }, { action, outcome: 'failed', targetType: 'login', targetId, detail: { failures: attempt.failures } });
  if (attempt.failures === policy.MAX_FAILED_LOGINS) {
    await audit(deps, { actor: null, ctx }, { action: 'auth.lockout', outcome: 'denied', targetType: 'login', targetId });
  }
  if (attempt.lockedUntil && attempt.lockedUntil.getTime() > now.getTime()) return lockedError(attempt.lockedUntil.getTime() - now.getTime());
  return unauthenticated(kindOf(action) === 'phone' ? 'sms_code_failed' : 'login_failed');
}

/** Counts a failed sign-in (SMS codes, whose tries are limited per code already) and answers it. */
export async function countFailure(deps: Deps, login: string, ctx: SignInContext, action: string): Promise<AppError> {
  return failedAttempt(deps, login, ctx, action, await countAttempt(deps, login, ctx, action));
}

function lockedError(remainingMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return new AppError('account_locked', { minutes }, [], { 'retry-after': String(Math.ceil(remainingMs / 1000)) });
}

/** 423 when the counter this caller's attempts count in (its device's, or strangers') is locked. */
export async function refuseIfLocked(deps: Deps, login: string, ctx: SignInContext, action: string): Promise<void> {
  const t = await repo.findThrottle(deps.db, login, kindOf(action), deviceKey(ctx));
  const now = deps.clock.now().getTime();
  if (t?.locked_until && t.locked_until.getTime() > now) {
    await audit(deps, { actor: null, ctx }, { action, outcome: 'denied', targetType: 'login', targetId: await auditedLogin(deps, login, action), detail: { reason: 'locked' } });
    throw lockedError(t.locked_until.getTime() - now);
  }
}

/** A session's person and membership can still act: both active, and the membership's place still standing (for staff, not left). */
function canAct(row: { status: string; membership_status: string; org_active: boolean }): boolean {
  return row.status === 'active' && row.membership_status === 'active' && row.org_active;
}

export async function loginWithPassword(deps: Deps, input: { username: string; password: string }, ctx: SignInContext): Promise<Session> {
  const username = input.username.trim();
  await refuseIfLocked(deps, username, ctx, 'auth.login');
  // counted before it is checked; a 503 from the verifier cap below still spends the attempt
  const attempt = await countAttempt(deps, username, ctx, 'auth.login');
  const account = await repo.findAccountByUsername(deps.db, username);
  const memberships = account?.status === 'active' ? openedBy('password', await repo.usableMemberships(deps.db, account.id)) : [];
  dummyHash ??= hashPassword('not-a-real-password-used-for-timing');
  const ok = account?.password_hash && memberships.length
    ? await verifyPassword(deps, account.password_hash, input.password)
    : (await verifyPassword(deps, await dummyHash, input.password)) && false;
  if (!ok || !account) throw await failedAttempt(deps, username, ctx, 'auth.login', attempt);
  return openSession(deps, account, memberships, ctx, 'password', username, attempt.bucket);
}

/**
 * The day in Asia/Shanghai (UTC+8 all year) that `now` falls on, `YYYY-MM-DD`, and the instant it
 * ends: daily SMS caps and budgets are per local day.
 */
export function shanghaiDay(now: Date): { day: string; end: Date } {
  const day = beijingDate(now);
  return { day, end: beijingInstant(addDays(day, 1)) };
}

/** What an SMS code is for: signing in, or setting a new password (recovery.service.ts). */
export type CodePurpose = 'login' | 'password_reset' | 'register';

/**
 * The stored hash of an SMS code: its purpose is part of it, so a sign-in code cannot reset a
 * password nor a reset code sign in (one live code per phone either way; a new one of either kind
 * replaces the old). A sign-in code's hash is the phone and code alone, as before purposes.
 */
export function codeHash(purpose: CodePurpose, phone: string, code: string): string {
  return sha256Hex(purpose === 'login' ? `${phone}:${code}` : `${purpose}:${phone}:${code}`);
}

/**
 * Issues a one-time code for `phone` (202 whatever the phone): for signing in, or with `purpose`
 * 'password_reset' for setting a new password (POST /auth/password-reset). Refused when the phone's
 * sign-in is locked for this caller (423: its device's counter, or strangers'), within 60 s of the
 * last code of either purpose or past `smsPerPhoneDay` codes today (429). Whether the phone belongs
 * to an account that may use the code is decided off the request path, by the delivery job
 * (deliverLoginCode): registered and unregistered phones run the same statements here and get the
 * same body, so neither the answer nor its timing says whether a number is registered.
 */
export async function requestSmsCode(deps: Deps, phone: string, ctx: SignInContext, purpose: CodePurpose = 'login'): Promise<void> {
  const now = deps.clock.now();
  const t = await repo.findThrottle(deps.db, phone, 'phone', deviceKey(ctx));
  if (t?.locked_until && t.locked_until.getTime() > now.getTime()) throw lockedError(t.locked_until.getTime() - now.getTime());
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const { day, end } = shanghaiDay(now);
  await command(deps, { actor: null, ctx }, async ({ tx, audit }) => {
    // a code row exists for unknown phones too, so the answer and the resend limit say nothing
    const fresh = { phone, code_hash: codeHash(purpose, phone, code), created_at: now, expires_at: new Date(now.getTime() + policy.SMS_CODE_TTL_MS) };
    if (!(await repo.claimLoginCode(tx, fresh, new Date(now.getTime() - policy.SMS_CODE_RESEND_MS)))) {
      const existing = await repo.findLoginCode(tx, phone);
      const waited = now.getTime() - (existing?.created_at.getTime() ?? now.getTime());
      const seconds = Math.max(1, Math.ceil((policy.SMS_CODE_RESEND_MS - waited) / 1000));
      throw new AppError('sms_code_too_frequent', { seconds }, [], { 'retry-after': String(seconds) });
    }
    if ((await repo.takeFromCounter(tx, `sms-phone:${phone}:${day}`, now, end, deps.config.limits.smsPerPhoneDay)) === undefined) {
      throw new AppError('sms_code_daily_limit', { max: deps.config.limits.smsPerPhoneDay }, [], { 'retry-after': String(Math.ceil((end.getTime() - now.getTime()) / 1000)) });
    }
    await deps.queue.send(tx, sendLoginCodeContract, { phone, code: deps.crypto.encrypt(code), requestedAt: now.toISOString(), ...(purpose === 'login' ? {} : { purpose }) });
    audit({ action: 'auth.sms_code', targetType: 'login', targetId: maskPhone(phone), ...(purpose === 'login' ? {} : { detail: { purpose } }) });
  });
}

/** A budget no configuration names: unlimited (int4 counter). */
const NO_BUDGET = 2_147_483_647;

/** The SMS template (and daily-budget purpose) of a code of each purpose. */
const CODE_TEMPLATES: Readonly<Record<CodePurpose, string>> = { login: 'login_code', password_reset: 'password_reset_code', register: 'register_code' };

/**
 * The delivery job of a requested code: writes the SMS to the outbox when the phone belongs to an
 * account that may use it — a sign-in code: one that may sign in by SMS; a reset code: an active
 * account with a password and a membership that can act (officials included) — else nothing (an
 * unregistered number gets no message), and only while today's budget for the code's template
 * (`YUNQIAO_SMS_DAILY_BUDGET`: login_code, password_reset_code) lasts. The send that reaches the
 * budget raises an alert on the province's desk (once a day, audited); codes asked for after it are
 * not sent. A code older than its lifetime is dropped.
 */
export async function deliverLoginCode(deps: Deps, data: { phone: string; code: string; requestedAt: string; purpose?: CodePurpose | undefined }): Promise<void> {
  const now = deps.clock.now();
  const requestedAt = new Date(data.requestedAt);
  if (now.getTime() - requestedAt.getTime() > policy.SMS_CODE_TTL_MS) return;
  const account = await repo.findAccountByPhone(deps.db, data.phone);
  const register = data.purpose === 'register';
  // a register code goes to a number with no person yet, or a person who is not a job seeker yet
  if (register && account && (account.status !== 'active' || (await repo.membershipsOfAccount(deps.db, account.id)).some((m) => m.role === 'seeker'))) return;
  if (!register && account?.status !== 'active') return;
  const reset = data.purpose === 'password_reset';
  if (reset && !account?.password_hash) return;
  const usable = account ? await repo.usableMemberships(deps.db, account.id) : [];
  const first = register ? { org_division: null, official_division: null } : (reset ? usable : openedBy('sms', usable))[0];
  if (!first) return;
  const purpose = CODE_TEMPLATES[data.purpose ?? 'login'];
  const budget = deps.config.limits.smsDailyBudget[purpose] ?? NO_BUDGET;
  const { day, end } = shanghaiDay(now);
  await command(deps, SYSTEM_CALLER, async ({ tx, audit, send }) => {
    const used = await repo.takeFromCounter(tx, `sms-budget:${purpose}:${day}`, now, end, budget);
    if (used === undefined || used === budget) {
      const province = deps.config.province;
      const detail = { purpose, budget, day };
      const id = await repo.raiseAlert(tx, { division_code: province, kind: 'sms_budget_reached', once_key: `sms-budget:${purpose}:${day}`, raised_at: now, detail });
      if (id !== undefined) audit({ action: 'identity.alert.raise', divisionCode: province, targetType: 'alert', targetId: id, detail: { kind: 'sms_budget_reached', ...detail } });
      if (used === undefined) return;
    }
    await send({
      divisionCode: first.org_division ?? first.official_division ?? UNPLACED_DIVISION,
      channel: 'sms',
      recipient: data.phone,
      template: purpose,
      payload: { code: deps.crypto.decrypt(data.code), minutes: policy.SMS_CODE_TTL_MS / 60_000 },
      idempotency_key: `${reset ? 'reset-code' : register ? 'register-code' : 'login-code'}:${data.phone}:${requestedAt.getTime()}`,
    });
  });
}

/** Rate-limit counters (deps.hooks.countHits): one hit on each key, counted in one statement. */
export async function countHits(deps: Deps, keys: readonly string[], now: Date, windowMs: number) {
  const rows = await repo.hitCounters(deps.db, keys, now, windowMs);
  return rows.map((r) => ({ key: r.key, hits: r.hits, windowEndsAt: r.window_ends_at }));
}

/** An alert for an official's desk: what happened, when, where. */
export type Alert = { divisionCode: string; id: number; kind: string; raisedAt: Date; detail: Record<string, unknown> };

/** The newest alerts (at most `limit`) within the actor's reach: the province's reach all. */
export async function listAlerts(deps: Deps, actor: Actor, limit: number): Promise<Alert[]> {
  const rows = await repo.listAlerts(deps.db, actor.scope, limit);
  return rows.map((r) => ({ divisionCode: r.division_code, id: r.id, kind: r.kind, raisedAt: r.raised_at, detail: r.detail as Record<string, unknown> }));
}

/**
 * Whether an SMS sign-in (or a password reset by SMS code) must also give the last 6 characters of
 * the ID number on file: the account has one (a roster row's) and has not signed in for
 * policy.DORMANT_MS (6 months) — carriers give a number that lay unused to someone else (工信部:
 * 号码冻结期后重新放号), and a code sent to it then reaches a stranger. A number a county office
 * moved the person to (phone_changed_at) counts as used from then: the office saw who holds it.
 */
export function needsIdTail(deps: Deps, account: repo.AccountRow): boolean {
  if (!account.id_tail_hash) return false;
  const last = Math.max((account.last_signed_in_at ?? account.created_at).getTime(), account.phone_changed_at?.getTime() ?? 0);
  return deps.clock.now().getTime() - last >= policy.DORMANT_MS;
}

/** The keyed hash kept of an ID number's last 6 characters (the check of a dormant number); null for none. */
export function idTailHash(deps: Deps, idNumber: string | null | undefined): string | null {
  return idNumber ? deps.crypto.keyedHash(`id-tail:${idNumber.slice(-6).toUpperCase()}`) : null;
}

export async function loginWithSmsCode(deps: Deps, input: { phone: string; code: string; idTail?: string | undefined }, ctx: SignInContext): Promise<Session> {
  const { phone, code } = input;
  await refuseIfLocked(deps, phone, ctx, 'auth.sms_login');
  const attempt = await repo.takeCodeAttempt(deps.db, phone, deps.clock.now(), policy.SMS_CODE_MAX_TRIES);
  const expected = Buffer.from(attempt?.code_hash ?? '0'.repeat(64));
  const given = Buffer.from(codeHash('login', phone, code));
  const matches = attempt !== undefined && expected.length === given.length && timingSafeEqual(expected, given);
  const account = matches ? await repo.findAccountByPhone(deps.db, phone) : undefined;
  const memberships = account?.status === 'active' ? openedBy('sms', await repo.usableMemberships(deps.db, account.id)) : [];
  if (!account || !memberships.length || !attempt) throw await countFailure(deps, phone, ctx, 'auth.sms_login');
  if (needsIdTail(deps, account)) {
    // the number may have changed hands: the code alone does not sign in (it stays usable for the retry)
    if (input.idTail === undefined) throw new AppError('id_tail_required', {}, [{ field: 'idTail', key: 'id_tail_required' }]);
    if (idTailHash(deps, input.idTail) !== account.id_tail_hash) throw await countFailure(deps, phone, ctx, 'auth.sms_login');
  }
  if (!(await repo.consumeLoginCode(deps.db, phone, attempt.code_hash))) throw await countFailure(deps, phone, ctx, 'auth.sms_login');
  return openSession(deps, account, memberships, ctx, 'sms', phone, await repo.bucketFor(deps.db, phone, 'phone', deviceKey(ctx)));
}

/**
 * A job seeker signs up (issue 9, "People who sign up"; decision 0035): `phone` and the code sent
 * for purpose 'register' (POST /auth/sms-code) and a display `name`. The phone's person is found or
 * created (phone only, no password: seekers sign in by SMS code) and gains the seeker membership;
 * the code is spent and a session opens acting as it (an SMS session). Wrong or expired code: 401
 * `sms_code_failed`, counted like an SMS sign-in (423 after the limit). A person already a job
 * seeker: 409 `seeker_already_registered` (they sign in instead; the code stays usable for nothing
 * else). Audited (`identity.seeker.register`, then `auth.login`). `within` runs in the same
 * transaction once the membership exists (the seekers module records the consent given with it), so
 * a person is never a seeker without it.
 */
export async function registerSeeker(deps: Deps, input: { phone: string; code: string; name: string }, ctx: SignInContext, within?: (c: CommandContext, accountId: number) => Promise<void>): Promise<Session> {
  const { phone } = input;
  await refuseIfLocked(deps, phone, ctx, 'auth.seeker_register');
  const attempt = await repo.takeCodeAttempt(deps.db, phone, deps.clock.now(), policy.SMS_CODE_MAX_TRIES);
  const expected = Buffer.from(attempt?.code_hash ?? '0'.repeat(64));
  const given = Buffer.from(codeHash('register', phone, input.code));
  if (!attempt || expected.length !== given.length || !timingSafeEqual(expected, given)) throw await countFailure(deps, phone, ctx, 'auth.seeker_register');
  const existing = await repo.findAccountByPhone(deps.db, phone);
  if (existing && existing.status !== 'active') throw await countFailure(deps, phone, ctx, 'auth.seeker_register');
  const now = deps.clock.now();
  const accountId = await command(deps, { actor: null, ctx }, async (c) => {
    const { tx, audit } = c;
    if (!(await repo.consumeLoginCode(tx, phone, attempt.code_hash))) return undefined;
    const id = (await repo.insertPhonePerson(tx, { phone, display_name: input.name, created_at: now })) ?? (await repo.findAccountByPhone(tx, phone))?.id;
    if (id === undefined) throw new Error('person vanished while registering');
    const membership = await repo.insertMembership(tx, { account_id: id, role: 'seeker', created_at: now, created_by: id });
    if (membership === undefined) throw new AppError('seeker_already_registered');
    audit({ action: 'identity.seeker.register', targetType: 'account', targetId: id, detail: { membershipId: membership } });
    await within?.(c, id);
    return id;
  });
  if (accountId === undefined) throw await countFailure(deps, phone, ctx, 'auth.seeker_register');
  const account = await repo.findAccountById(deps.db, accountId);
  const memberships = openedBy('sms', await repo.usableMemberships(deps.db, accountId)).sort((a, b) => Number(b.role === 'seeker') - Number(a.role === 'seeker'));
  if (!account || !memberships.length) throw new Error('registered seeker cannot act');
  return openSession(deps, account, memberships, ctx, 'sms', phone, await repo.bucketFor(deps.db, phone, 'phone', deviceKey(ctx)));
}

/**
 * A job seeker closes their registration (the seekers module's DELETE /seekers/me, inside its
 * command): the seeker membership goes, and with it the sessions acting as it. A person left with no
 * other membership is erased as a personal-data erasure erases an account (phone, password and name
 * gone, disabled; the row stays for the audit trail), so the number may sign up again as a new
 * person; one who also works for an agency keeps that sign-in. Audited (`identity.seeker.close`).
 * Returns whether a membership was closed (false: the account held none) and whether the account
 * was erased.
 */
export async function closeSeekerMembership(deps: Deps, actor: Actor, ctx: RequestContext): Promise<{ closed: boolean; accountErased: boolean }> {
  return command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const membershipId = await repo.deleteSeekerMembership(tx, actor.accountId);
    if (membershipId === undefined) return { closed: false, accountErased: false };
    const others = await repo.membershipsOfAccount(tx, actor.accountId);
    const accountErased = others.length === 0 && (await repo.eraseAccount(tx, actor.accountId)) > 0;
    audit({ action: 'identity.seeker.close', targetType: 'account', targetId: actor.accountId, detail: { membershipId, accountErased } });
    return { closed: true, accountErased };
  });
}

/** The verified phone of an account (null: none, or no such account): for modules that file what a person gives under their sign-in number. */
export async function phoneOfAccount(deps: Pick<Deps, 'db'>, accountId: number): Promise<string | null> {
  return (await repo.findAccountById(deps.db, accountId))?.phone ?? null;
}

export async function logout(deps: Deps, token: string, actor: Actor, ctx: RequestContext): Promise<void> {
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.deleteSession(tx, tokenHash(token));
    audit({ action: 'auth.logout', targetType: 'account', targetId: actor.accountId });
  });
}

/** The actor behind a session token, or null when it is unknown, expired or idle too long. */
export async function resolveSession(deps: Deps, token: string): Promise<Actor | null> {
  const h = tokenHash(token);
  const now = deps.clock.now();
  const row = await repo.findSessionWithAccount(deps.db, h, now);
  if (!row || !canAct(row)) return null;
  if (row.expires_at <= now || row.idle_expires_at <= now) {
    await repo.deleteSession(deps.db, h);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() >= policy.SESSION_TOUCH_MS) {
    const { idleMs } = policy.sessionLimits(row.role as Role);
    await repo.touchSession(deps.db, h, now, new Date(Math.min(now.getTime() + idleMs, row.expires_at.getTime())));
  }
  return actorFromRow(row);
}

/**
 * The actor `username` acts as in its membership of `role`, as a session of theirs acting as it
 * would resolve now (grants and predecessor codes loaded, the same standing checks as
 * resolveSession): for the demo seed, which does what its people would have done without signing
 * them in. Undefined when the person, an active such membership or its place is missing.
 */
export async function actorOfUsername(deps: Deps, username: string, role: Role): Promise<Actor | undefined> {
  const account = await repo.findAccountByUsername(deps.db, username);
  const membership = account ? (await repo.usableMemberships(deps.db, account.id)).find((m) => m.role === role) : undefined;
  const row = membership ? await repo.findMembershipActor(deps.db, membership.id, deps.clock.now()) : undefined;
  return row && canAct(row) ? actorFromRow(row) : undefined;
}

/**
 * Changes the signed-in account's password. A wrong current password counts with the sign-in
 * throttle of the account's name (so a stolen session cannot guess its way through: the fifth
 * locks sign-in too, 423); the new password must be strong enough and differ from the current one
 * (400 naming the field); on success the account's other sessions end (等保: a changed credential
 * revokes what the old one opened). `token` is the session making the change, which stays.
 */
export async function changePassword(deps: Deps, actor: Actor, token: string, input: { currentPassword: string; newPassword: string }, ctx: SignInContext): Promise<void> {
  const account = await repo.findAccountById(deps.db, actor.accountId);
  const login = account?.username ?? account?.phone ?? '';
  const attempt = await countAttempt(deps, login, ctx, 'auth.change_password');
  if (!account?.password_hash || !(await verifyPassword(deps, account.password_hash, input.currentPassword))) {
    await audit(deps, { actor, ctx }, { action: 'auth.change_password', outcome: 'failed', targetType: 'account', targetId: actor.accountId, detail: { failures: attempt.failures } });
    if (attempt.failures === policy.MAX_FAILED_LOGINS) {
      await audit(deps, { actor, ctx }, { action: 'auth.lockout', outcome: 'denied', targetType: 'login', targetId: actor.username });
    }
    const now = deps.clock.now().getTime();
    if (attempt.lockedUntil && attempt.lockedUntil.getTime() > now) throw lockedError(attempt.lockedUntil.getTime() - now);
    throw new AppError('validation_failed', {}, [{ field: 'currentPassword', key: 'login_failed' }]);
  }
  if (!policy.passwordStrongEnough(actor.role, input.newPassword)) {
    throw new AppError('validation_failed', {}, [{ field: 'newPassword', key: 'password_too_weak' }]);
  }
  if (await verifyPassword(deps, account.password_hash, input.newPassword)) {
    throw new AppError('validation_failed', {}, [{ field: 'newPassword', key: 'password_unchanged' }]);
  }
  const h = await hashPassword(input.newPassword);
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.updatePassword(tx, actor.accountId, h, deps.clock.now());
    const ended = await repo.deleteOtherSessions(tx, actor.accountId, tokenHash(token));
    await repo.clearThrottle(tx, login, attempt.bucket);
    audit({ action: 'auth.change_password', targetType: 'account', targetId: actor.accountId, detail: { sessionsEnded: ended } });
  });
}

/** A roster row as the registry hands it over: where it is, whose phone, and the ID number on file. */
export type RosterRow = { divisionCode: string; agencyId: number; staffId: number; name: string; phone: string; idNumber: string | null };

/**
 * Makes each active roster row a staff membership of the person its phone names (created when the
 * phone is new: a roster row is how staff come to sign in by phone and SMS code). A phone that
 * already belongs to a person — an agency administrator on their own roster, a worker on two
 * rosters, a job seeker — gets the membership added; an import never fails for it. A row whose
 * phone changed moves its membership to the new phone's person, and the sessions the old person
 * had open with it end. Called by the registry inside its command (joins its transaction; the
 * registry's audit entry counts the rows). Returns how many memberships were created or moved.
 */
export async function admitRosterRows(deps: Deps, rows: readonly RosterRow[], createdBy: number | null): Promise<number> {
  const admitted = await repo.admitStaffRows(
    deps.db,
    rows.map((r) => ({ phone: r.phone, display_name: r.name, id_tail_hash: idTailHash(deps, r.idNumber), org_division: r.divisionCode, agency_id: r.agencyId, staff_id: r.staffId })),
    deps.clock.now(),
    createdBy,
  );
  const moved = admitted.filter((m) => m.previous !== null && m.previous !== m.accountId);
  await repo.deleteSessionsOfMovedMemberships(deps.db, moved);
  return admitted.filter((m) => m.previous !== m.accountId).length;
}

/**
 * The roster rows (their indexes in `rows`) whose phone belongs to a person with another ID number
 * on file: a phone names one person, so a row with a different ID number is someone else typed
 * with a wrong or shared phone, and admitting it would give that person's sign-in a membership
 * (or move one to them). Rows without an ID number, and phones whose person has none on file (a
 * job seeker), are not conflicts: the phone is the person. Called by the registry before it
 * writes (all-or-nothing imports list them by row).
 */
export async function rosterPhoneConflicts(deps: Deps, rows: ReadonlyArray<{ phone: string; idNumber: string | null }>): Promise<number[]> {
  const onFile = new Map((await repo.idTailsOfPhones(deps.db, rows.map((r) => r.phone))).map((a) => [a.phone as string, a.id_tail_hash as string]));
  const out: number[] = [];
  rows.forEach((r, i) => {
    const tail = onFile.get(r.phone);
    if (tail && r.idNumber && idTailHash(deps, r.idNumber) !== tail) out.push(i);
  });
  return out;
}

/**
 * A roster row that departed: its membership is disabled and every session acting as it deleted
 * (not merely refused at the next request). The person keeps their other memberships. Inside the
 * registry's command. Returns how many memberships were disabled (0 or 1).
 */
export async function departRosterRow(deps: Deps, divisionCode: string, staffId: number): Promise<number> {
  return repo.disableMemberships(deps.db, await repo.membershipsOfStaffRow(deps.db, divisionCode, staffId));
}

/**
 * Ends the sessions of everyone signed in for an organisation or a roster row that no longer
 * stands (a staff member who left, a closed agency or employer): deleted, not merely refused at
 * the next request. Called by the registry inside its command (joins the transaction).
 */
export async function endSessionsOfOrganisation(deps: Deps, org: repo.Organisation): Promise<number> {
  return repo.deleteSessionsOfOrganisation(deps.db, org);
}

export async function purgeExpiredSessions(deps: Deps): Promise<number> {
  return repo.deleteExpiredSessions(deps.db, deps.clock.now());
}

/** Housekeeping: expired sessions, dead SMS codes, spent throttle windows. */
export async function purgeSignInState(deps: Deps) {
  const sessions = await purgeExpiredSessions(deps);
  const rest = await repo.deleteStaleSignInState(deps.db, deps.clock.now(), policy.FAILURE_WINDOW_MS, policy.DEVICE_TTL_MS);
  return { sessions, ...rest };
}
