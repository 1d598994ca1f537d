// Applications (应聘申请, issue 9; decision 0036). A seeker applies to an open posting of a
// registered employer, or an agency the seeker authorised refers them (the agency recorded); one
// live application per seeker per posting. The application belongs to the posting's county. The
// employer moves it along applied → shortlisted → interview → offer → hired or rejects it; the
// seeker withdraws it (access.ts STAGE_MOVES). Each apply and each change sends the other side an
// in-app message through the outbox, in the command's transaction. The employer sees the phone
// masked; from the shortlist on it may reveal it, one application at a time, each reveal audited.
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../http/errors.ts';
import { cursorPart, decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { command, type CommandContext } from '../../platform/command.ts';
import { maskContacts, maskPhone } from '../../../shared/checksums.ts';
import * as registry from '../registry/service.ts';
import * as seekers from '../seekers/service.ts';
import { type ApplicationSide, employerSeesProfile, mayMoveApplication, mayRevealPhone, STAGE_MOVES, type StageTarget } from './access.ts';
import { cancelWithStage } from './interviews.service.ts';
import { beijingIso } from './presenters.ts';
import * as repo from './repository/applications.ts';
import type * as s from './schemas.ts';

/** Postings anyone may apply to, by id in every county (the public list's postings: a named cross-division read). */
const OPEN_POSTINGS = systemScope('applying: open postings of every division are public');
/** A seeker's own applications live in the postings' counties (a named cross-division read). */
const OWN_APPLICATIONS = systemScope("a job seeker's own applications, in every division");
/** The applications an agency referred live in the postings' counties (a named cross-division read). */
const AGENCY_REFERRALS = systemScope('an agency\'s own referrals, in every division');
/** The profiles of an employer's applicants (or those officials of the posting's county read), as each seeker's visibility allows. */
const APPLICANTS = systemScope("applicants' profiles: the seekers who applied to postings the reader reaches");

type Row = repo.ApplicationRow;
type Applicant = Awaited<ReturnType<typeof seekers.applicantsOf>> extends Map<number, infer A> ? A : never;

function present(r: Row, who: Applicant | undefined): z.infer<typeof s.application> {
  return {
    id: r.id,
    divisionCode: r.division_code,
    postingId: r.posting_id,
    postingTitle: r.posting_title,
    stage: r.stage as z.infer<typeof s.applicationStage>,
    stageAt: beijingIso(r.stage_at),
    appliedAt: beijingIso(r.created_at),
    referral: referralOf(r),
    applicant: {
      name: who?.name ?? null,
      phoneMasked: who ? maskPhone(who.phone) : null,
      // a lapsed registration keeps its applications listed, but no longer shows the profile; the
      // free texts' phones, ID numbers and WeChat ids stay masked until the stage reveals the phone
      profile:
        who && !who.expired && employerSeesProfile(who.visibility)
          ? {
              educationCode: who.educationCode,
              experienceYears: who.experienceYears,
              skillGrade: who.skillGrade,
              skills: mayRevealPhone(r.stage) ? who.skills : maskContacts(who.skills),
              resume: mayRevealPhone(r.stage) ? who.resume : maskContacts(who.resume),
            }
          : null,
    },
    phoneRevealable: mayRevealPhone(r.stage) && who !== undefined,
  };
}

function referralOf(r: Pick<Row, 'agency_id' | 'agency_division' | 'agency_name'>) {
  return r.agency_id !== null ? { agencyId: r.agency_id, agencyDivision: r.agency_division as string, agencyName: r.agency_name as string } : null;
}

async function presentAll(deps: Deps, rows: Row[]) {
  const who = await seekers.applicantsOf(deps, APPLICANTS, rows.map((r) => r.seeker_account_id));
  return rows.map((r) => present(r, who.get(r.seeker_account_id)));
}

function presentOwn(r: Row): z.infer<typeof s.ownApplication> {
  return {
    id: r.id,
    postingId: r.posting_id,
    postingCode: r.posting_code,
    postingTitle: r.posting_title,
    employerName: r.employer_name,
    divisionCode: r.division_code,
    divisionName: r.division_name ?? null,
    stage: r.stage as z.infer<typeof s.applicationStage>,
    stageAt: beijingIso(r.stage_at),
    appliedAt: beijingIso(r.created_at),
    referral: referralOf(r),
    withdrawable: mayMoveApplication('seeker', r.stage, 'withdrawn'),
  };
}

/** The posting to apply to, or 400 naming postingId (unknown, never public), or 409 posting_not_accepting (ended, or imported: no employer to receive it). */
async function postingToApply(deps: Deps, postingId: number) {
  const p = await repo.findPostingToApply(deps.db, OPEN_POSTINGS, postingId);
  if (!p) throw fieldError('postingId', 'posting_unknown');
  const now = deps.clock.now();
  if (p.status !== 'published' || (p.valid_through !== null && p.valid_through < now) || p.employer_id === null) throw new AppError('posting_not_accepting');
  return { ...p, key: systemKey(OPEN_POSTINGS, 'postings', p.division_code, p.id), employerId: p.employer_id };
}

/** The employer's in-app inbox key (as the take-down's message). */
const employerInbox = (division: string, employerId: number) => `employer:${division}:${employerId}`;
/** A seeker's in-app inbox key: their account (seekers own no place). */
const seekerInbox = (accountId: number) => `account:${accountId}`;

async function insertOrRefuse(c: CommandContext, posting: Awaited<ReturnType<typeof postingToApply>>, a: repo.NewApplication, now: Date) {
  const key = await repo.insertApplication(c.tx, posting.key, a, now);
  if (key) return key;
  // nothing inserted: a live application exists, or the posting ended in between
  if (await repo.hasLiveApplication(c.tx, posting.key, a.seekerAccountId)) throw new AppError('application_exists');
  throw new AppError('posting_not_accepting');
}

/**
 * The signed-in seeker applies to an open posting (POST /applications): one statement inserts
 * the application in the posting's county unless a live one exists (parallel applies make one:
 * the others 409 application_exists). 404 seeker_profile_missing without a profile, 409
 * seeker_registration_expired when it has lapsed (renew first); 400 `postingId`
 * posting_unknown; 409 posting_not_accepting for an ended or imported posting. The employer is told
 * (in-app, outbox, same transaction). Audited. Returns the seeker's view of it.
 */
export async function applyToPosting(deps: Deps, actor: Actor, postingId: number, ctx: RequestContext) {
  if (actor.scope.kind !== 'seeker') throw forbidden();
  await seekers.ownProfileKey(deps, actor);
  const posting = await postingToApply(deps, postingId);
  const now = deps.clock.now();
  const key = await command(deps, { actor, ctx }, async (c) => {
    const k = await insertOrRefuse(c, posting, { seekerAccountId: actor.accountId, referral: null }, now);
    await c.send({
      divisionCode: k.division_code,
      channel: 'inapp',
      recipient: employerInbox(posting.division_code, posting.employerId),
      template: 'market_application_received',
      payload: { applicationId: k.id, postingId: posting.id, title: posting.title, referred: false, at: now.toISOString() },
      idempotency_key: `market.application.apply:${k.division_code}:${k.id}`,
    });
    c.audit({ action: 'market.application.apply', divisionCode: k.division_code, targetType: 'application', targetId: k.id, detail: { postingId: posting.id } });
    return k;
  });
  return ownApplication(deps, actor, key.id);
}

/**
 * An agency's administrator or staff member refers a seeker who authorised their agency (a live
 * grant on the profile, not hidden from agencies) to an open posting (POST /applications/referrals):
 * an application with the agency recorded; it is the seeker's one live application to the posting.
 * 400 `seekerId` referral_seeker_unknown otherwise; 400 `postingId`, 409 as applyToPosting. The
 * employer and the seeker are told. Audited. Returns the employer's view of it (phone masked).
 */
export async function referSeeker(deps: Deps, actor: Actor, input: z.infer<typeof s.referBody>, ctx: RequestContext) {
  if ((actor.scope.kind !== 'agency' && actor.scope.kind !== 'staff') || actor.agencyId === undefined) throw forbidden();
  const seeker = await seekers.referableSeeker(deps, actor, input.seekerId);
  if (!seeker) throw fieldError('seekerId', 'referral_seeker_unknown');
  const agency = await registry.getAgencyRow(deps, actor.scope, actor.agencyId);
  const posting = await postingToApply(deps, input.postingId);
  const now = deps.clock.now();
  const referral = { agencyDivision: agency.division_code, agencyId: agency.id, agencyName: agency.name, by: actor.accountId };
  const key = await command(deps, { actor, ctx }, async (c) => {
    const k = await insertOrRefuse(c, posting, { seekerAccountId: seeker.accountId, referral }, now);
    const payload = { applicationId: k.id, postingId: posting.id, title: posting.title, referred: true, agencyName: agency.name, at: now.toISOString() };
    await c.send({ divisionCode: k.division_code, channel: 'inapp', recipient: employerInbox(posting.division_code, posting.employerId), template: 'market_application_received', payload, idempotency_key: `market.application.apply:${k.division_code}:${k.id}` });
    await c.send({ divisionCode: k.division_code, channel: 'inapp', recipient: seekerInbox(seeker.accountId), template: 'market_application_referred', payload, idempotency_key: `market.application.referred:${k.division_code}:${k.id}` });
    c.audit({ action: 'market.application.refer', divisionCode: k.division_code, targetType: 'application', targetId: k.id, detail: { postingId: posting.id, seekerId: seeker.id, seekerDivision: seeker.divisionCode, agencyId: agency.id } });
    return k;
  });
  const row = await repo.findOwnApplication(deps.db, OWN_APPLICATIONS, seeker.accountId, key.id);
  if (!row) throw new Error('referral vanished');
  return (await presentAll(deps, [row]))[0] as z.infer<typeof s.application>;
}

const pageCursor = zod.tuple([cursorPart.divisionCode, cursorPart.id]);

/**
 * Applications in scope with their stages (GET /applications): an employer those of its postings,
 * officials those of postings in their divisions (read only). Filter by posting and stage;
 * keyset-paged by (division, id). The phone is masked; the profile shown as its seeker's visibility allows.
 */
export async function listApplications(deps: Deps, actor: Actor, q: z.infer<typeof s.applicationsQuery>) {
  const after = decodeCursor(q.cursor, pageCursor);
  const rows = await repo.listApplications(deps.db, actor.scope, q, { limit: q.limit, after });
  const page = toPage(rows, q.limit, (r) => r, (r) => [r.division_code, r.id]);
  return { items: await presentAll(deps, page.items), next: page.next };
}

/** Every application the list would show (the .xlsx export), phones masked; the export is audited. */
export async function exportApplications(deps: Deps, actor: Actor, q: z.infer<typeof s.applicationsExportQuery>, ctx: RequestContext) {
  const rows = await fetchAllPages<Row, [string, number]>((after, limit) => repo.listApplications(deps.db, actor.scope, q, { limit, after }), (r) => [r.division_code, r.id]);
  const items = await presentAll(deps, rows);
  await command(deps, { actor, ctx }, async ({ audit }) => audit({ action: 'market.application.export', targetType: 'applications', detail: { rows: items.length, filter: q } }));
  return items;
}

async function applicationRow(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findApplication(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return row;
}

/** One application in scope (GET /applications/:id), as in the list. */
export async function getApplication(deps: Deps, actor: Actor, id: number) {
  return (await presentAll(deps, [await applicationRow(deps, actor, id)]))[0] as z.infer<typeof s.application>;
}

/**
 * The posting's employer moves an application (POST /applications/:id/stage): shortlisted,
 * interview, offer, hired or rejected, each from the stages STAGE_MOVES allows (409
 * application_stage_refused otherwise, and for the loser of two racing moves). The seeker is told
 * (in-app, outbox, same transaction). Audited. Returns the application.
 */
export async function moveApplication(deps: Deps, actor: Actor, id: number, stage: Exclude<StageTarget, 'withdrawn'>, ctx: RequestContext) {
  if (actor.scope.kind !== 'employer') throw forbidden();
  const row = await applicationRow(deps, actor, id);
  await changeStage(deps, actor, 'employer', row, stage, ctx);
  return getApplication(deps, actor, id);
}

async function changeStage(deps: Deps, actor: Actor, side: ApplicationSide, row: NonNullable<Awaited<ReturnType<typeof repo.findApplication>>>, stage: StageTarget, ctx: RequestContext) {
  if (!mayMoveApplication(side, row.stage, stage)) throw new AppError('application_stage_refused', { stage: row.stage });
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit, send }) => {
    const moved = await repo.moveStage(tx, row.key, STAGE_MOVES[stage].from, stage, now);
    if (!moved) throw new AppError('application_stage_refused', { stage: 'changed' });
    // a rejection or a withdrawal cancels the live interview (the stage message tells the other side)
    const cancelled = await cancelWithStage(tx, row.key, stage, side, now);
    const payload = { applicationId: row.id, postingId: row.posting_id, title: row.posting_title, stage, at: now.toISOString() };
    await send({
      divisionCode: row.division_code,
      channel: 'inapp',
      recipient: side === 'employer' ? seekerInbox(row.seeker_account_id) : employerInbox(row.division_code, row.employer_id),
      template: side === 'employer' ? 'market_application_stage' : 'market_application_withdrawn',
      payload,
      idempotency_key: `market.application.stage:${row.division_code}:${row.id}:${stage}`,
    });
    audit({ action: side === 'employer' ? 'market.application.stage' : 'market.application.withdraw', divisionCode: row.division_code, targetType: 'application', targetId: row.id, detail: { from: row.stage, to: stage, ...(cancelled ? { interviewsCancelled: cancelled } : {}) } });
  });
}

/**
 * The employer reveals one applicant's full phone (POST /applications/:id/phone): only from the
 * shortlist on (409 phone_not_revealable before, and after a rejection or withdrawal), only for
 * its own postings' applications (404 otherwise). Each reveal is audited with the application's id.
 * 409 applicant_gone when the seeker erased the profile. Never in a list or an export.
 */
export async function revealPhone(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  if (actor.scope.kind !== 'employer') throw forbidden();
  const row = await applicationRow(deps, actor, id);
  if (!mayRevealPhone(row.stage)) throw new AppError('phone_not_revealable', { stage: row.stage });
  const who = (await seekers.applicantsOf(deps, APPLICANTS, [row.seeker_account_id])).get(row.seeker_account_id);
  if (!who) throw new AppError('applicant_gone');
  await command(deps, { actor, ctx }, async ({ audit }) =>
    audit({ action: 'market.application.phone_reveal', divisionCode: row.division_code, targetType: 'application', targetId: row.id, detail: { stage: row.stage, postingId: row.posting_id } }),
  );
  return { applicationId: row.id, phone: who.phone };
}

/**
 * The postings the seeker with account `accountId` has applied to, in any stage (a withdrawn one
 * too: they decided), as `division:id` keys — what the matcher leaves out of their
 * recommendations. A named cross-division read (the seeker's own applications).
 */
export async function appliedPostingKeys(deps: Pick<Deps, 'db'>, accountId: number): Promise<Set<string>> {
  return (await appliedPostingKeysOf(deps, [accountId])).get(accountId) ?? new Set();
}

/**
 * appliedPostingKeys for many seekers at once, by account id (accounts without applications are
 * absent): the job-alert digest leaves out, for each subscriber of a batch, what they applied to.
 */
export async function appliedPostingKeysOf(deps: Pick<Deps, 'db'>, accountIds: readonly number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  for (const r of await repo.appliedPostingsOfAccounts(deps.db, OWN_APPLICATIONS, accountIds)) {
    const account = Number(r.seeker_account_id);
    let keys = out.get(account);
    if (!keys) {
      keys = new Set();
      out.set(account, keys);
    }
    keys.add(`${r.division_code}:${r.posting_id}`);
  }
  return out;
}

/** The signed-in seeker's own applications in every county, newest id last (keyset by id). */
export async function listMyApplications(deps: Deps, actor: Actor, q: z.infer<typeof s.myApplicationsQuery>) {
  if (actor.scope.kind !== 'seeker') throw forbidden();
  const after = decodeCursor(q.cursor, zod.tuple([cursorPart.id]));
  const rows = await repo.applicationsOfSeeker(deps.db, OWN_APPLICATIONS, actor.accountId, { limit: q.limit, after });
  return toPage(rows, q.limit, presentOwn, (r) => [r.id]);
}

async function ownRow(deps: Deps, actor: Actor, id: number) {
  if (actor.scope.kind !== 'seeker') throw forbidden();
  const row = await repo.findOwnApplication(deps.db, OWN_APPLICATIONS, actor.accountId, id);
  if (!row) throw notFound();
  return row;
}

/** One of the seeker's own applications; 404 when it is not theirs. */
export async function ownApplication(deps: Deps, actor: Actor, id: number) {
  return presentOwn(await ownRow(deps, actor, id));
}

/** The seeker withdraws a live application (POST /applications/mine/:id/withdraw); 409 once it is hired, rejected or withdrawn. The employer is told. Audited. */
export async function withdrawApplication(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const row = await ownRow(deps, actor, id);
  await changeStage(deps, actor, 'seeker', row, 'withdrawn', ctx);
  return ownApplication(deps, actor, id);
}

/** The referring agency of an agency administrator or staff member (403 for other kinds). */
function referringAgency(actor: Actor): repo.AgencyRef {
  if ((actor.scope.kind !== 'agency' && actor.scope.kind !== 'staff') || actor.agencyId === undefined) throw forbidden();
  return { divisionCode: actor.scope.divisionCode, agencyId: actor.agencyId };
}

/**
 * The applications the signed-in agency (administrator or staff) referred, in every county
 * (GET /applications/referred): filter by stage; keyset-paged by id; the phone masked, the profile
 * as the seeker's visibility lets employers see it (the agency already holds the seeker's authorisation).
 */
export async function listReferredApplications(deps: Deps, actor: Actor, q: z.infer<typeof s.referredQuery>) {
  const agency = referringAgency(actor);
  const after = decodeCursor(q.cursor, zod.tuple([cursorPart.id]));
  const rows = await repo.applicationsOfAgency(deps.db, AGENCY_REFERRALS, agency, q, { limit: q.limit, after });
  const page = toPage(rows, q.limit, (r) => r, (r) => [r.id]);
  return { items: await presentAll(deps, page.items), next: page.next };
}

/**
 * What a placement is recorded from (placements module, decision 0051): an application the
 * signed-in agency referred that reached 'hired', as its key and facts; undefined when the agency
 * referred no such application (any county) or it is at another stage (`stage` tells which).
 */
export async function referredApplication(deps: Deps, actor: Actor, id: number) {
  const agency = referringAgency(actor);
  const r = await repo.findReferredApplication(deps.db, AGENCY_REFERRALS, agency, id);
  if (!r) return undefined;
  return {
    key: r.key,
    divisionCode: r.division_code,
    id: r.id,
    stage: r.stage,
    employerId: r.employer_id,
    employerName: r.employer_name,
    postingTitle: r.posting_title,
    seekerAccountId: r.seeker_account_id,
    agency: { divisionCode: r.agency_division as string, agencyId: r.agency_id as number, name: r.agency_name as string },
  };
}
