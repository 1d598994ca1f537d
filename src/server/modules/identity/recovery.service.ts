// Getting a person back in (issue 7 §1; decision 0025): the level above unlocks a locked account, a
// county office moves a person to a new phone (a lost SIM, a new number), and a person with a phone
// and a password sets a new password with an SMS code. Sign-in itself stays in service.ts; these
// reuse its throttle, code and dormant-number rules.
import { timingSafeEqual } from 'node:crypto';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import { codeHash, countFailure, hashPassword, idTailHash, needsIdTail, refuseIfLocked, type SignInContext, verifyPassword } from './service.ts';
import { isUniqueViolation } from '../../db/errors.ts';

/** An account within the actor's reach, its memberships, and the one that put it there. */
type PersonInReach = { account: repo.AccountRow; memberships: repo.AccountMembership[]; through: repo.AccountMembership };

/**
 * The account `accountId` when the actor stands above its person (policy.overseenThrough: an
 * official over the roles below it in its reach, an agency administrator over its own staff);
 * otherwise 404 `not_found`, exactly as for an id that does not exist. A disabled account (erased,
 * or switched off) is not found either.
 */
async function personInReach(deps: Deps, actor: Actor, accountId: number): Promise<PersonInReach> {
  const account = await repo.findAccountById(deps.db, accountId);
  if (account?.status !== 'active') throw notFound();
  const memberships = await repo.membershipsOfAccount(deps.db, accountId);
  const through = policy.overseenThrough(
    {
      accountId: actor.accountId,
      role: actor.role,
      divisionCode: actor.divisionCode,
      ...(actor.agencyId !== undefined ? { agencyId: actor.agencyId } : {}),
      prefixes: actor.scope.kind === 'official' ? actor.scope.prefixes : [],
    },
    { accountId, memberships },
  );
  if (!through) throw notFound();
  return { account, memberships, through };
}

/** Where the audit entry about a person is filed: the place of the membership that put them in reach (the actor's own for a job seeker). */
const placeOf = (m: repo.AccountMembership) => m.official_division ?? m.org_division;

/** The logins an account's failures are counted under: its user name and its phone. */
const loginsOf = (account: { username: string | null; phone: string | null }) => [account.username, account.phone].filter((l): l is string => l !== null);

/**
 * Unlocks an account: clears every failure counter of its user name and phone (every device's and
 * the strangers' one), so it can sign in again at once. The actor must stand above the person
 * (personInReach; 404 otherwise, as a missing id). Audited (identity.account.unlock: who unlocked
 * whom, how many counters). Returns how many counters were cleared (0: nothing was counting).
 */
export async function unlockAccount(deps: Deps, actor: Actor, accountId: number, ctx: RequestContext): Promise<{ cleared: number }> {
  const { account, through } = await personInReach(deps, actor, accountId);
  return command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const cleared = await repo.clearThrottleOf(tx, loginsOf(account));
    audit({ action: 'identity.account.unlock', divisionCode: placeOf(through), targetType: 'account', targetId: accountId, detail: { cleared, role: through.role } });
    return { cleared };
  });
}


/** 409: the number is another person's (a field error naming `phone`). */
const phoneTaken = () => new AppError('phone_taken', {}, [{ field: 'phone', key: 'phone_belongs_to_another' }]);

/**
 * Moves a person to a new phone (a lost SIM, a new number), as a county office does with the person
 * in front of it: the actor must stand above the person (personInReach — a county over the
 * agencies', employers' and staff's people in its county, a prefecture and the province over those
 * and the officials below; 404 otherwise). The account's phone is replaced and `phone_changed_at`
 * set; every session ends and every remembered device is forgotten (whoever holds the old SIM keeps
 * nothing); a pending code of the old (or the new) number is deleted; the roster rows the person's
 * staff memberships stand on are re-pointed by the registry (deps.hooks.phoneMoved), in the same
 * transaction. 400 `phone` when it is the number already on file; 409 `phone_taken` naming `phone`
 * when the number belongs to another person. Audited with both numbers masked.
 */
export async function changePhone(deps: Deps, actor: Actor, accountId: number, phone: string, ctx: RequestContext) {
  const { account, memberships, through } = await personInReach(deps, actor, accountId);
  if (account.phone === phone) throw fieldError('phone', 'phone_unchanged');
  const holder = await repo.findAccountByPhone(deps.db, phone);
  if (holder && holder.id !== accountId) throw phoneTaken();
  const now = deps.clock.now();
  try {
    return await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
      const from = await repo.changePhone(tx, accountId, phone, now);
      const sessionsEnded = await repo.deleteSessionsOfAccount(tx, accountId);
      const devicesForgotten = await repo.forgetDevices(tx, accountId);
      const codesDeleted = await repo.deleteLoginCodes(tx, from === null ? [phone] : [from, phone]);
      const rosterRows = memberships.flatMap((m) => (m.staff_id !== null && m.org_division !== null ? [{ divisionCode: m.org_division, staffId: m.staff_id }] : []));
      const moved = await deps.hooks.phoneMoved(inTx, { accountId, from, to: phone, rosterRows }, { actor, ctx });
      const rowsMoved = Object.values(moved).reduce((n, x) => n + x, 0);
      audit({
        action: 'identity.account.phone_change',
        divisionCode: placeOf(through),
        targetType: 'account',
        targetId: accountId,
        detail: { from: from === null ? null : maskPhone(from), to: maskPhone(phone), sessionsEnded, devicesForgotten, codesDeleted, rowsMoved: moved },
      });
      return { phone: maskPhone(phone), sessionsEnded, devicesForgotten, rowsMoved };
    });
  } catch (e) {
    // another account took the number between the check above and the update
    if (isUniqueViolation(e)) throw phoneTaken();
    throw e;
  }
}

const RESET = 'auth.password_reset';

/**
 * Sets a new password with an SMS code asked for with purpose 'password_reset' (POST /auth/sms-code;
 * a sign-in code does not work here, nor a reset code for signing in: service.codeHash). Counted
 * and locked like an SMS sign-in under the phone's counter (423 while locked; 5 tries a code; a
 * wrong code, an unknown phone, or an account without a password or a membership that can act: 401
 * `sms_code_failed`, all alike), and a dormant number also gives the last 6 of the ID number
 * (service.needsIdTail: 401 `id_tail_required` naming `idTail`, the code kept for the retry). The
 * new password must meet the person's strictest membership's rule (policy.strictestRole,
 * passwordStrongEnough) and differ from the current one (400 naming `newPassword`; the code kept).
 * Then, in one transaction: the code used up, the password set and any one-time-password flag
 * cleared, every session of the account ended, every failure counter of its user name and phone
 * cleared (a person locked out of their password sign-in gets back in); audited. Signs nobody in.
 */
export async function resetPassword(deps: Deps, input: { phone: string; code: string; newPassword: string; idTail?: string | undefined }, ctx: SignInContext): Promise<void> {
  const { phone } = input;
  await refuseIfLocked(deps, phone, ctx, RESET);
  const attempt = await repo.takeCodeAttempt(deps.db, phone, deps.clock.now(), policy.SMS_CODE_MAX_TRIES);
  const expected = Buffer.from(attempt?.code_hash ?? '0'.repeat(64));
  const given = Buffer.from(codeHash('password_reset', phone, input.code));
  const matches = attempt !== undefined && expected.length === given.length && timingSafeEqual(expected, given);
  const account = matches ? await repo.findAccountByPhone(deps.db, phone) : undefined;
  const usable = account?.status === 'active' && account.password_hash ? await repo.usableMemberships(deps.db, account.id) : [];
  if (!account?.password_hash || !usable.length || !attempt) throw await countFailure(deps, phone, ctx, RESET);
  if (needsIdTail(deps, account)) {
    if (input.idTail === undefined) throw new AppError('id_tail_required', {}, [{ field: 'idTail', key: 'id_tail_required' }]);
    if (idTailHash(deps, input.idTail) !== account.id_tail_hash) throw await countFailure(deps, phone, ctx, RESET);
  }
  const role = policy.strictestRole((await repo.membershipsOfAccount(deps.db, account.id)).map((m) => m.role));
  if (!policy.passwordStrongEnough(role, input.newPassword)) throw fieldError('newPassword', policy.passwordRuleMessage(role));
  if (await verifyPassword(deps, account.password_hash, input.newPassword)) throw fieldError('newPassword', 'password_unchanged');
  const hashed = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  const done = await command(deps, { actor: null, ctx }, async ({ tx, audit }) => {
    // a parallel request used the code first: nothing here happens
    if (!(await repo.consumeLoginCode(tx, phone, attempt.code_hash))) return false;
    await repo.updatePassword(tx, account.id, hashed, now);
    const sessionsEnded = await repo.deleteSessionsOfAccount(tx, account.id);
    const cleared = await repo.clearThrottleOf(tx, loginsOf(account));
    const place = usable[0] ? (usable[0].official_division ?? usable[0].org_division) : null;
    audit({ action: RESET, divisionCode: place, targetType: 'account', targetId: account.id, detail: { sessionsEnded, cleared } });
    return true;
  });
  if (!done) throw await countFailure(deps, phone, ctx, RESET);
}
