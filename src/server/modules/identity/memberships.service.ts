// Memberships kept by the officials above (issue 7 §1, decision 0024): who may act as what, at which
// place. The province's first official comes from the bootstrap command (`yunqiao account create`);
// from then on each level gives the memberships below it within its reach — the province prefecture
// and county officials anywhere in the province, a prefecture its counties' officials, and every
// official the administrator memberships of the agencies and employers in its reach (the county
// bureau is the usual one). The person is found by phone (a verified phone identifies a person) or
// created; a person without a password gets a user name and a one-time password, shown once, which
// must be changed before anything else works (http/auth.ts beforePasswordChange). Roster rows are
// staff memberships and follow the roster (service.ts admitRosterRows / departRosterRow).
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { scopeCovers } from '../../db/scope.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { cursorPart, decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { type Caller, command, SYSTEM_CALLER } from '../../platform/command.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { mayGrant, mayToggle, type OfficialRole, type Role } from '../../../shared/roles.ts';
import * as reference from '../reference/service.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { hashPassword } from './service.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const ALPHABET = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnpqrstuvwxyz',
  digit: '23456789',
} as const;

/**
 * A one-time password: four groups of four letters and digits joined by hyphens (19 characters, no
 * 0/O, 1/l/I look-alikes: it is read off a screen and typed once), about 92 bits from
 * crypto.randomInt, strong enough for every role (policy.passwordStrongEnough).
 */
export function oneTimePassword(): string {
  const all = ALPHABET.upper + ALPHABET.lower + ALPHABET.digit;
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => all[randomInt(all.length)]).join(''));
    const pw = groups.join('-');
    if (policy.passwordStrongEnough('province', pw) && /[A-Z]/.test(pw) && /[a-z]/.test(pw) && /\d/.test(pw)) return pw;
  }
}

/** Where a membership belongs: the division an official answers for, or the organisation (agency or employer). */
export type Place =
  | { official_division: string }
  | { org_division: string; agency_id: number }
  | { org_division: string; employer_id: number };

/** The person a membership is for, as given: found by phone or created. */
export type PersonInput = { phone: string; displayName: string; username?: string | undefined };

export type Granted = {
  membershipId: number;
  accountId: number;
  /** The user name in force (a person found by phone keeps theirs). */
  username: string | null;
  personCreated: boolean;
  /** Set when the person had no password: shown once, must be changed at first sign-in. */
  oneTimePassword: string | null;
};

const usernameTaken = () => new AppError('username_taken', {}, [{ field: 'person.username', key: 'username_in_use' }]);

/** PostgreSQL's unique_violation on the user name (a parallel request took it). */
const usernameClash = (e: unknown) => isUniqueViolation(e, 'accounts_username_key');

/**
 * Gives `person` (found by phone, else created) a membership of `role` at `place`, in one command
 * audited as `caller`: identity.account.create for a new person, identity.account.issue_password
 * when a person without a password (a roster row's) gets a user name and one-time password,
 * identity.membership.create always. Refusals: 400 `person.username` required (a person without a
 * user name), 400 `person.phone` (the phone's account is disabled), 409 `username_taken` (someone
 * else's), 409 `membership_exists` (the person holds it already, active or disabled). Nothing is
 * written on a refusal. `createdBy`: the granting account (null: the bootstrap command).
 */
async function grant(deps: Deps, caller: Caller, createdBy: number | null, role: Role, place: Place, divisionCode: string, person: PersonInput): Promise<Granted> {
  const now = deps.clock.now();
  try {
    return await command(deps, caller, async ({ tx, audit, send }) => {
      let account = await repo.findAccountByPhone(tx, person.phone);
      let personCreated = false;
      let password: string | null = null;
      if (!account) {
        if (!person.username) throw fieldError('person.username', 'required');
        if (await repo.findAccountByUsername(tx, person.username)) throw usernameTaken();
        password = oneTimePassword();
        const id = await repo.insertPerson(tx, {
          username: person.username,
          phone: person.phone,
          password_hash: await hashPassword(password),
          display_name: person.displayName,
          created_at: now,
          must_change_password: true,
        });
        if (id !== undefined) {
          personCreated = true;
          audit({ action: 'identity.account.create', divisionCode, targetType: 'account', targetId: id, detail: { username: person.username, oneTimePassword: true } });
        } else password = null; // the phone became someone's meanwhile: that person gains the membership
        account = await repo.findAccountByPhone(tx, person.phone);
        if (!account) throw new Error('account vanished after insert');
      }
      if (account.status !== 'active') throw fieldError('person.phone', 'person_account_disabled');
      let username = account.username;
      if (!account.password_hash) {
        // a person who signs in by phone alone (a roster row's) needs a user name and password for this role
        const wanted = username ?? person.username;
        if (!wanted) throw fieldError('person.username', 'required');
        if (!username) {
          const holder = await repo.findAccountByUsername(tx, wanted);
          if (holder && holder.id !== account.id) throw usernameTaken();
        }
        const fresh = oneTimePassword();
        const issued = await repo.issueOneTimePassword(tx, account.id, { username: wanted, password_hash: await hashPassword(fresh) });
        // undefined: a password was set meanwhile, and it stays
        if (issued !== undefined) {
          password = fresh;
          username = issued;
          audit({ action: 'identity.account.issue_password', divisionCode, targetType: 'account', targetId: account.id, detail: { username, oneTimePassword: true } });
        }
      }
      const membershipId = await repo.insertMembership(tx, { account_id: account.id, role, ...place, created_at: now, created_by: createdBy });
      if (membershipId === undefined) throw new AppError('membership_exists');
      audit({ action: 'identity.membership.create', divisionCode, targetType: 'membership', targetId: membershipId, detail: { role, accountId: account.id, ...orgDetail(place), personCreated } });
      // a person who existed before learns of it from us, not from the desk that gave it
      if (!personCreated && account.phone) {
        await send({
          divisionCode,
          channel: 'sms',
          recipient: account.phone,
          template: 'membership_granted',
          payload: { role, divisionCode },
          idempotency_key: `membership-granted:${membershipId}`,
        });
      }
      return { membershipId, accountId: account.id, username, personCreated, oneTimePassword: password };
    });
  } catch (e) {
    if (usernameClash(e)) throw usernameTaken();
    throw e;
  }
}

const orgDetail = (place: Place) => ('agency_id' in place ? { agencyId: place.agency_id } : 'employer_id' in place ? { employerId: place.employer_id } : {});

/** A field the role does not take: 400 naming it. */
function refuseExtra(input: Record<string, unknown>, fields: readonly string[]): void {
  const extra = fields.find((f) => input[f] !== undefined);
  if (extra) throw fieldError(extra, 'not_allowed_here');
}

/**
 * The division an official of `role` would answer for: a known, active division of this province
 * (config.province) at that level (reference.checkDivision: an abolished code is refused naming its
 * successor), else 400 naming `divisionCode`.
 */
async function officialDivision(deps: Deps, role: OfficialRole, code: string | undefined) {
  const province = deps.config.province;
  if (role === 'province' && code !== undefined && code !== province) throw fieldError('divisionCode', 'must_equal', { value: province });
  if (role !== 'province' && code === undefined) throw fieldError('divisionCode', 'required');
  const check = await reference.checkDivision(deps, code ?? province);
  if (!check.ok) throw fieldError('divisionCode', check.key, check.params);
  const d = check.division;
  if (d.province_code !== province) throw fieldError('divisionCode', 'division_not_in_province', { province });
  if (d.level !== role) throw fieldError('divisionCode', role === 'prefecture' ? 'division_not_prefecture' : 'division_not_county');
  return d;
}

/**
 * Where a membership asked for through the API would belong, checked against the actor's reach:
 * officials' divisions must lie in it (400 `division_out_of_scope`, as for registering an agency:
 * divisions are public), organisations must be in it (404 as for a missing id: they are not).
 */
async function placeOf(deps: Deps, actor: Actor, input: z.infer<typeof s.membershipCreateBody>): Promise<{ place: Place; divisionCode: string }> {
  if (input.role === 'prefecture' || input.role === 'county') {
    refuseExtra(input, ['agencyId', 'employerId']);
    const d = await officialDivision(deps, input.role, input.divisionCode);
    if (!scopeCovers(actor.scope, d.code)) throw fieldError('divisionCode', 'division_out_of_scope');
    return { place: { official_division: d.code }, divisionCode: d.code };
  }
  const kind = input.role === 'agency_admin' ? 'agency' : 'employer';
  const field = kind === 'agency' ? 'agencyId' : 'employerId';
  refuseExtra(input, ['divisionCode', kind === 'agency' ? 'employerId' : 'agencyId']);
  const id = input[field];
  if (id === undefined) throw fieldError(field, 'required');
  const org = await repo.findOrganisation(deps.db, actor.scope, kind, id);
  if (!org) throw notFound();
  const place = kind === 'agency' ? { org_division: org.division_code, agency_id: org.id } : { org_division: org.division_code, employer_id: org.id };
  return { place, divisionCode: org.division_code };
}

/** A membership as the desk lists it (phone masked). */
export function presentMembership(r: repo.MembershipListRow): z.infer<typeof s.membershipItem> {
  return {
    id: r.id,
    role: r.role as Role,
    status: r.status as 'active' | 'disabled',
    divisionCode: r.official_division ?? r.org_division,
    divisionName: r.division_name,
    agencyId: r.agency_id,
    employerId: r.employer_id,
    organisationName: r.agency_name ?? r.employer_name,
    person: {
      accountId: r.account_id,
      username: r.username,
      displayName: r.display_name,
      phone: r.phone ? maskPhone(r.phone) : null,
      mustChangePassword: r.must_change_password,
    },
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  };
}

/**
 * `POST /memberships`: an official gives a membership below its level (mayGrant, else 400 naming
 * `role`) at a place in its reach (placeOf) to the person of `body.person.phone`. Returns the
 * membership, whether the person was new, and the one-time password when one was issued.
 */
export async function createMembership(deps: Deps, actor: Actor, body: z.infer<typeof s.membershipCreateBody>, ctx: RequestContext) {
  if (!mayGrant(actor.role, body.role)) throw fieldError('role', 'membership_role_not_below');
  const { place, divisionCode } = await placeOf(deps, actor, body);
  const granted = await grant(deps, { actor, ctx }, actor.accountId, body.role, place, divisionCode, body.person);
  const row = await repo.findMembership(deps.db, actor.scope, granted.membershipId);
  if (!row) throw new Error('a membership just made is out of its maker\'s reach');
  const membership = presentMembership(row);
  // an existing person's user name is theirs: the desk that added a membership learns the name on the
  // roster of its own place (display name, masked phone), not the login of their other roles
  if (!granted.personCreated && granted.oneTimePassword === null) membership.person.username = null;
  return { membership, personCreated: granted.personCreated, oneTimePassword: granted.oneTimePassword };
}

/**
 * `yunqiao account create`: an official of any level (the province's first one: an empty install's
 * way in) for the person of `input.phone`, by the system (audited with the SYSTEM caller). The
 * province official answers for config.province; prefecture and county officials need a known
 * division of their level in the province (400 naming `divisionCode`). Refusals as grant's. The
 * display name defaults to the bureau's name (云南省人力资源和社会保障厅, 昆明市人力资源和社会保障局).
 */
export async function bootstrapOfficial(deps: Deps, input: z.infer<typeof s.bootstrapInput>): Promise<Granted & { divisionCode: string; divisionName: string }> {
  const d = await officialDivision(deps, input.role, input.divisionCode);
  const displayName = input.displayName ?? `${d.name}人力资源和社会保障${input.role === 'province' ? '厅' : '局'}`;
  const granted = await grant(deps, SYSTEM_CALLER, null, input.role, { official_division: d.code }, d.code, { phone: input.phone, displayName, username: input.username });
  return { ...granted, divisionCode: d.code, divisionName: d.name };
}

const idCursor = (cursor: string | undefined) => decodeCursor(cursor, z.tuple([cursorPart.id]));

/** One page of the memberships in the actor's reach (repo.listMemberships), phones masked. */
export async function listMemberships(deps: Deps, actor: Actor, q: z.infer<typeof s.membershipsQuery>) {
  const rows = await repo.listMemberships(deps.db, actor.scope, q, { limit: q.limit, after: idCursor(q.cursor) });
  return toPage(rows, q.limit, presentMembership, (r) => [r.id]);
}

/** Every membership in reach matching the filter, for a spreadsheet; the export is audited. */
export async function exportMemberships(deps: Deps, actor: Actor, q: repo.MembershipFilter, ctx: RequestContext) {
  const rows = await fetchAllPages((after: [number] | undefined, limit) => repo.listMemberships(deps.db, actor.scope, q, { limit, after }), (r) => [r.id] as [number]);
  await command(deps, { actor, ctx }, async ({ audit }) => audit({ action: 'identity.membership.export', targetType: 'memberships', detail: { rows: rows.length, filter: q } }));
  return rows;
}

/**
 * `POST /memberships/{id}/disable` and `/enable`: the membership must be in the actor's reach (else
 * 404, as a missing id) and below its level (403 `membership_not_below`); a roster row's membership
 * follows the roster (409 `membership_follows_roster`). Disabling deletes the sessions acting as
 * it. Audited (identity.membership.disable / .enable, with whether anything changed). Returns the
 * membership as it is now.
 */
export async function setMembershipStatus(deps: Deps, actor: Actor, id: number, status: 'active' | 'disabled', ctx: RequestContext) {
  const row = await repo.findMembership(deps.db, actor.scope, id);
  if (!row) throw notFound();
  if (row.role === 'agency_staff') throw new AppError('membership_follows_roster'); // before the level: staff are below every official
  if (!mayToggle(actor.role, row.role as Role)) throw new AppError('membership_not_below');
  const action = status === 'disabled' ? 'identity.membership.disable' : 'identity.membership.enable';
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const r = await repo.setMembershipStatus(tx, row.key, status);
    audit({ action, divisionCode: row.key.division_code, targetType: 'membership', targetId: row.id, detail: { role: row.role, accountId: row.account_id, changed: r.changed, sessionsEnded: r.sessionsEnded } });
  });
  const after = await repo.findMembership(deps.db, actor.scope, id);
  if (!after) throw notFound();
  return presentMembership(after);
}
