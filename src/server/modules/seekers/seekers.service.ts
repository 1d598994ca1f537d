// Job seekers (issue 9, "People who sign up"; decision 0035): self-registration by phone and SMS
// code (identity), the profile, and the agencies a seeker authorises to serve them (grants).
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { type Scope, type SystemScope, systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { cursorPart, decodeCursor, toPage } from '../../http/pagination.ts';
import { z as zod } from 'zod';
import { command } from '../../platform/command.ts';
import { citizenIdProblem } from '../../platform/fields.ts';
import { maskCitizenId } from '../../../shared/checksums.ts';
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import * as identity from '../identity/service.ts';
import * as reference from '../reference/service.ts';
import * as registry from '../registry/service.ts';
import { DEFAULT_VALID_DAYS, MAX_VALID_DAYS, registrationExpired } from './access.ts';
import { consentsShown, currentNoticeVersion, recordConsent, requireCurrentNotice, withdrawConsents } from './consent.service.ts';
import { presentAuthorisation, presentSeeker } from './presenters.ts';
import * as grants from './repository/authorisations.ts';
import * as repo from './repository/seekers.ts';
import type * as s from './schemas.ts';

/**
 * Signs a job seeker up (POST /seekers/register): the notice the page showed must be the current
 * one (400 naming `noticeVersion`, before the code is looked at: nothing is spent or counted) and
 * `consent` true (the schema: 400 naming it). identity.registerSeeker checks the code sent for
 * purpose 'register', finds or creates the person by phone, adds the seeker membership and opens an
 * SMS session; the consent (notice version, time) is recorded in the same transaction and audited
 * (`seekers.consent.give`). The profile comes with the first PUT /seekers/me (it needs the county
 * the rows belong to). Errors: 401 sms_code_failed, 409 seeker_already_registered, 423 account_locked.
 */
export async function register(deps: Deps, input: z.infer<typeof s.registerBody>, ctx: identity.SignInContext) {
  const version = requireCurrentNotice(deps, input.noticeVersion);
  return identity.registerSeeker(deps, { phone: input.phone, code: input.code, name: input.name }, ctx, async (c, accountId) => {
    await recordConsent(c, accountId, 'notice', version, deps.clock.now());
  });
}

/**
 * The division a seeker's rows belong to (decision 0035): the county of residence when it lies in
 * the deployment's province, else the home county when it does, else the province's own code
 * (`deps.config.province`, e.g. 530000), which only the province's officials reach.
 */
export function owningDivision(province: string, residence: string | undefined, home: string | undefined): string {
  const inProvince = (code: string | undefined): code is string => code?.startsWith(province.slice(0, 2)) === true;
  if (inProvince(residence)) return residence;
  if (inProvince(home)) return home;
  return province;
}

/** Sex and birth date read from an 18-character citizen ID (GB 11643: 17th digit odd = male; characters 7–14 the birth date), for statistics only. */
export function derivedFromId(id: string): { sex: 'male' | 'female'; birthDate: string } {
  return { sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` };
}

async function requireCounty(deps: Deps, field: string, code: string) {
  const check = await reference.checkDivision(deps, code);
  if (!check.ok) throw fieldError(field, check.key, check.params);
  if (check.division.level !== 'county') throw fieldError(field, 'not_a_county', { code });
}

/** Checks what needs the clock or the database; 400 naming the field. */
async function checkProfile(deps: Deps, input: z.infer<typeof s.profilePut>, today: string) {
  if (input.idNumber) {
    const problem = citizenIdProblem(input.idNumber, deps.clock.now());
    if (problem) throw fieldError('idNumber', problem.key, problem.params ?? {});
    // sensitive personal information: its own consent, given with it (PIPL art. 29)
    if (input.idNumberConsent !== true) throw fieldError('idNumberConsent', 'seeker_id_number_consent_needed');
  }
  if (input.residenceDivision) await requireCounty(deps, 'residenceDivision', input.residenceDivision);
  if (input.homeDivision) await requireCounty(deps, 'homeDivision', input.homeDivision);
  for (const code of input.desiredDivisions) await requireCounty(deps, 'desiredDivisions', code);
  if (input.desiredOccupations.length) {
    const known = await reference.knownOccupationCodes(deps, input.desiredOccupations);
    const unknown = input.desiredOccupations.find((c) => !known.has(c));
    if (unknown) throw fieldError('desiredOccupations', 'unknown_occupation', { code: unknown });
  }
  if (input.educationCode && !(await reference.listEducationLevels(deps)).some((e) => e.code === input.educationCode)) throw fieldError('educationCode', 'unknown_education');
  if ((input.salaryMin !== undefined || input.salaryMax !== undefined) && !input.salaryUnit) throw fieldError('salaryUnit', 'seeker_salary_unit_needed');
  if (input.salaryMin !== undefined && input.salaryMax !== undefined && input.salaryMin > input.salaryMax) throw fieldError('salaryMax', 'salary_range_order');
  const max = addDays(today, MAX_VALID_DAYS);
  if (input.validUntil && (input.validUntil < today || input.validUntil > max)) throw fieldError('validUntil', 'valid_until_range', { max });
}

/**
 * Creates or rewrites the signed-in seeker's profile (PUT /seekers/me): every field as given (a
 * field left out is cleared — except the ID number, kept when left out and cleared by null, since
 * the seeker sees it only masked; lists default to empty; visibility to "agencies"; valid until
 * DEFAULT_VALID_DAYS from today in Beijing unless given, at most MAX_VALID_DAYS). The ID number is
 * stored encrypted (field crypto), as a keyed hash (personal-data requests) and masked; sex and birth
 * date are derived from it for statistics and never returned. The phone is the account's. The row
 * belongs to owningDivision(); when that changes the row and its grants move. 400 naming the field
 * (unknown or abolished county, occupation not in the table, salary order, validity range, ID number
 * checks with today's date; a number given without `idNumberConsent: true`). A number given records
 * the separate consent to it (PIPL art. 29) under the current notice unless one is in force; null
 * withdraws it with the number. Audited (seekers.profile.create / update, seekers.consent.give /
 * withdraw; no personal values in the entries).
 */
export async function saveProfile(deps: Deps, actor: Actor, input: z.infer<typeof s.profilePut>, ctx: RequestContext) {
  const now = deps.clock.now();
  const today = beijingDate(now);
  await checkProfile(deps, input, today);
  const phone = (await identity.phoneOfAccount(deps, actor.accountId)) ?? '';
  const division = owningDivision(deps.config.province, input.residenceDivision, input.homeDivision);
  const derived = input.idNumber ? derivedFromId(input.idNumber) : null;
  const values: repo.SeekerValues = {
    name: input.name,
    phone,
    id_number_enc: input.idNumber ? deps.crypto.encrypt(input.idNumber) : null,
    id_number_hash: input.idNumber ? deps.crypto.keyedHash(input.idNumber) : null,
    id_number_masked: input.idNumber ? maskCitizenId(input.idNumber) : null,
    sex: derived?.sex ?? null,
    birth_date: derived?.birthDate ?? null,
    categories: [...new Set(input.categories)],
    priority_groups: [...new Set(input.priorityGroups)],
    residence_division: input.residenceDivision ?? null,
    home_division: input.homeDivision ?? null,
    desired_occupations: [...new Set(input.desiredOccupations)],
    desired_divisions: [...new Set(input.desiredDivisions)],
    salary_min: input.salaryMin?.toFixed(2) ?? null,
    salary_max: input.salaryMax?.toFixed(2) ?? null,
    salary_unit: input.salaryUnit ?? null,
    education_code: input.educationCode ?? null,
    skill_grade: input.skillGrade ?? null,
    experience_years: input.experienceYears ?? null,
    skills: input.skills ?? null,
    resume: input.resume ?? null,
    valid_until: input.validUntil ?? addDays(today, DEFAULT_VALID_DAYS),
    visibility: input.visibility,
    ...(input.recommendations !== undefined ? { recommendations: input.recommendations } : {}),
    updated_at: now,
  };
  await command(deps, { actor, ctx }, async (c) => {
    const { tx, audit } = c;
    await repo.lockAccountProfile(tx, actor.accountId);
    if (input.idNumber) await recordConsent(c, actor.accountId, 'id_number', currentNoticeVersion(deps.config), now, division);
    else if (input.idNumber === null) await withdrawConsents(c, actor.accountId, ['id_number'], now, division);
    const existing = await repo.findOwnSeeker(tx, actor.scope, actor.accountId);
    if (!existing) {
      const key = await repo.insertSeeker(tx, { ...values, division_code: division, account_id: actor.accountId, created_at: now });
      audit({ action: 'seekers.profile.create', divisionCode: key.division_code, targetType: 'seeker', targetId: key.id, detail: { visibility: input.visibility, recommendations: input.recommendations ?? true } });
      return;
    }
    const moved = existing.division_code !== division;
    if (moved) await grants.moveAuthorisations(tx, existing.key, division);
    const { id_number_enc: _enc, id_number_hash: _hash, id_number_masked: _masked, sex: _sex, birth_date: _birth, ...withoutId } = values;
    const kept = input.idNumber === undefined ? withoutId : values;
    const key = await repo.updateSeeker(tx, existing.key, { ...kept, division_code: division });
    audit({ action: 'seekers.profile.update', divisionCode: key.division_code, targetType: 'seeker', targetId: key.id, detail: { visibility: input.visibility, ...(input.recommendations !== undefined ? { recommendations: input.recommendations } : {}), ...(moved ? { movedFrom: existing.division_code } : {}) } });
  });
  return getOwnProfile(deps, actor);
}

/**
 * The signed-in seeker's profile, phone whole and ID number masked, with the consents in force
 * (notice version and time) and whether the registration has lapsed; 404 seeker_profile_missing
 * before the first save.
 */
export async function getOwnProfile(deps: Deps, actor: Actor) {
  const row = await repo.findOwnSeeker(deps.db, actor.scope, actor.accountId);
  if (!row) throw new AppError('seeker_profile_missing');
  return { ...presentSeeker(row, { own: true, now: deps.clock.now() }), ...(await consentsShown(deps, actor.accountId)) };
}

/**
 * Renews the signed-in seeker's registration (POST /seekers/me/renewal, the one tap on the lapsed
 * profile): valid again until DEFAULT_VALID_DAYS after today in Beijing, or the date it had when that
 * is later (a renewal never shortens it). Agencies and employers see it again at once. 404
 * seeker_profile_missing without a profile. Audited (seekers.profile.renew). Returns the profile.
 */
export async function renewRegistration(deps: Deps, actor: Actor, ctx: RequestContext) {
  const now = deps.clock.now();
  const renewed = addDays(beijingDate(now), DEFAULT_VALID_DAYS);
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const row = await repo.findOwnSeeker(tx, actor.scope, actor.accountId);
    if (!row) throw new AppError('seeker_profile_missing');
    // YYYY-MM-DD dates compare as text; a renewal never shortens
    const validUntil = row.valid_until.localeCompare(renewed) > 0 ? row.valid_until : renewed;
    await repo.renewSeeker(tx, row.key, validUntil, now);
    audit({ action: 'seekers.profile.renew', divisionCode: row.division_code, targetType: 'seeker', targetId: row.id, detail: { from: row.valid_until, to: validUntil } });
  });
  return getOwnProfile(deps, actor);
}

/**
 * Profiles in scope, phones masked: officials those of their divisions (the province also the
 * "outside" code), lapsed ones too (marked `expired`); an agency's people the seekers who authorised
 * their agency, unless the seeker chose to be seen by nobody or the registration has lapsed
 * (registrationExpired: through the Beijing day of valid_until). Keyset-paged by (division, id).
 */
export async function listSeekers(deps: Deps, actor: Actor, q: z.infer<typeof s.seekersQuery>) {
  const after = decodeCursor(q.cursor, zod.tuple([cursorPart.divisionCode, cursorPart.id]));
  const agency = actor.scope.kind === 'agency' || actor.scope.kind === 'staff';
  const now = deps.clock.now();
  const rows = await repo.listSeekers(deps.db, actor.scope, { ...q, ...(agency ? { visibleToAgencies: true, validOn: beijingDate(now) } : {}) }, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentSeeker(r, { own: false, now }), (r) => [r.division_code, r.id]);
}

/** One profile in scope (as listSeekers); 404 when missing, out of scope, or hidden from agencies by its seeker or by lapsing. */
export async function getSeeker(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findSeeker(deps.db, actor.scope, id);
  const agency = actor.scope.kind === 'agency' || actor.scope.kind === 'staff';
  const now = deps.clock.now();
  if (!row || (agency && (row.visibility === 'nobody' || registrationExpired(row.valid_until, now)))) throw notFound();
  return presentSeeker(row, { own: false, now });
}

async function ownRow(deps: Deps, actor: Actor) {
  const row = await repo.findOwnSeeker(deps.db, actor.scope, actor.accountId);
  if (!row) throw new AppError('seeker_profile_missing');
  return row;
}

/** The seeker's authorisations of agencies, live and revoked, newest first. */
export async function listAuthorisations(deps: Deps, actor: Actor) {
  const row = await ownRow(deps, actor);
  return { items: (await grants.authorisationsOf(deps.db, row.key)).map(presentAuthorisation) };
}

const AGENCY_DIRECTORY = systemScope('a job seeker authorising an agency: licensed agencies are public');

/**
 * The seeker authorises an agency to serve them (人力资源市场暂行条例 第二十六条 for employers; for
 * seekers issue 9): a grant on their profile for the agency (its administrator and staff, decision
 * 0014). 400 `agencyId` agency_unknown for a missing or closed agency; 409
 * seeker_authorisation_exists when one is live; 404 seeker_profile_missing without a profile.
 * Audited (seekers.authorisation.grant). Returns the authorisation.
 */
export async function authoriseAgency(deps: Deps, actor: Actor, agencyId: number, ctx: RequestContext) {
  const row = await ownRow(deps, actor);
  const agency = await registry.getAgencyRow(deps, AGENCY_DIRECTORY, agencyId).catch(() => undefined);
  if (agency?.status !== 'active') throw fieldError('agencyId', 'agency_unknown');
  const now = deps.clock.now();
  const id = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const grantId = await grants.insertAuthorisation(tx, row.key, { divisionCode: agency.division_code, id: agency.id }, now);
    if (grantId === undefined) throw new AppError('seeker_authorisation_exists');
    audit({ action: 'seekers.authorisation.grant', divisionCode: row.division_code, targetType: 'seeker', targetId: row.id, detail: { grantId, agencyId: agency.id, agencyDivision: agency.division_code } });
    return grantId;
  });
  const made = (await grants.authorisationsOf(deps.db, row.key)).find((g) => g.id === id);
  if (!made) throw new Error('authorisation vanished');
  return presentAuthorisation(made);
}

/** Revokes one live authorisation of the seeker's (the agency loses the profile at its next request); 404 when none such is live. Audited. */
export async function revokeAuthorisation(deps: Deps, actor: Actor, grantId: number, ctx: RequestContext) {
  const row = await ownRow(deps, actor);
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    if (!(await grants.revokeAuthorisation(tx, row.key, grantId, now))) throw notFound();
    audit({ action: 'seekers.authorisation.revoke', divisionCode: row.division_code, targetType: 'seeker', targetId: row.id, detail: { grantId } });
  });
}

/**
 * The seeker an agency refers (issue 9: an agency refers only a seeker who authorised it): the
 * profile must be in the agency's reach through a live authorisation (grants load with every
 * request, so a revoked one is gone at once) and not hidden from agencies ("nobody"). Officials'
 * reach does not count: only agencies refer. Returns the seeker's account and profile key, or
 * undefined.
 */
export async function referableSeeker(deps: Deps, actor: Actor, id: number): Promise<{ accountId: number; divisionCode: string; id: number } | undefined> {
  if (actor.scope.kind !== 'agency' && actor.scope.kind !== 'staff') return undefined;
  const row = await repo.findSeeker(deps.db, actor.scope, id);
  if (!row || row.visibility === 'nobody' || registrationExpired(row.valid_until, deps.clock.now())) return undefined;
  return { accountId: row.account_id, divisionCode: row.division_code, id: row.id };
}

/**
 * The seeker's own profile key for applying: 404 seeker_profile_missing without a profile, 409
 * seeker_registration_expired when it has lapsed (renew first: employers would not see it).
 */
export async function ownProfileKey(deps: Deps, actor: Actor): Promise<{ divisionCode: string; id: number }> {
  const row = await ownRow(deps, actor);
  if (registrationExpired(row.valid_until, deps.clock.now())) throw new AppError('seeker_registration_expired', { validUntil: row.valid_until });
  return { divisionCode: row.division_code, id: row.id };
}

/**
 * Applicants as the caller's named cross-division read needs them (an employer's applicants,
 * officials reading applications of their county): by account, name, phone (whole: the caller
 * masks it), visibility, whether the registration has lapsed (then employers no longer see the
 * profile, whatever the visibility), and what an employer may see when both allow it.
 */
export async function applicantsOf(deps: Deps, why: SystemScope, accountIds: readonly number[]) {
  const rows = await repo.seekersOfAccounts(deps.db, why, [...new Set(accountIds)]);
  const now = deps.clock.now();
  return new Map(
    rows.map((r) => [
      r.account_id,
      {
        name: r.name,
        phone: r.phone,
        visibility: r.visibility,
        expired: registrationExpired(r.valid_until, now),
        educationCode: r.education_code,
        experienceYears: r.experience_years,
        skillGrade: r.skill_grade,
        skills: r.skills,
        resume: r.resume,
      },
    ]),
  );
}

/**
 * Job seekers available per (county, wanted occupation) in the scope, for `occupations` (GB/T 6565
 * codes, matched exactly): registrations valid on the clock's Beijing today. Rows
 * `{ division_code, occupation_code, seekers }`; a pair with none is absent. For other modules'
 * supply-and-demand figures (resumption, decision 0050); no personal data leaves.
 */
export async function availableSeekersByOccupation(deps: Deps, scope: Scope, f: { division?: string | undefined; occupations: readonly string[] }) {
  return repo.countByDesiredOccupation(deps.db, scope, { ...f, validOn: beijingDate(deps.clock.now()) });
}
