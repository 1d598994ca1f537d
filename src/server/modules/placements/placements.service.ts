// Verified placements (就业记录, issue 13 M6, decision 0051). An agency records a placement for an
// application it referred once the employer has moved it to 'hired'; the employer confirms the hire:
// the contract's first day, a labour contract (劳动合同; a dispatch, 劳务派遣, is refused naming the
// field) and the worker's citizen ID, the key the insurance file is matched on; the county bureau's
// import of the human-resources bureau's monthly insurance rows (insurance.service.ts) verifies it.
// Each step tells the other side in-app (outbox, same transaction) and is audited.
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../http/errors.ts';
import { cursorPart, decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { maskCitizenId } from '../../../shared/checksums.ts';
import { chinaDate, citizenIdProblem } from '../../../shared/identifiers.ts';
import * as market from '../market/service.ts';
import * as registry from '../registry/service.ts';
import * as seekers from '../seekers/service.ts';
import * as repo from './repository/placements.ts';
import { evaluateAll, insuredMonthsSince } from './rules.ts';
import type * as s from './schemas.ts';

/** An agency's own placements live in the employers' counties (a named cross-division read). */
const AGENCY_PLACEMENTS = systemScope("an agency's own placements, in every division");
/** The worker's name as the placement's readers see it (the profile, erased with it). */
const WORKERS = systemScope('placed workers: the seekers of placements the reader reaches');
/** The employer's credit code copied when recording (the insurance file names employers by it). */
const EMPLOYER_CODE = systemScope("placements: the employer's credit code and name when the placement is recorded");

type Row = repo.PlacementRow;
type Placement = z.infer<typeof s.placement>;

const beijing = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00').replace(/\.\d{3}/, '') : null);

/** The agency of an agency administrator or staff member, or undefined for other kinds. */
function agencyOf(actor: Actor): repo.AgencyRef | undefined {
  return (actor.scope.kind === 'agency' || actor.scope.kind === 'staff') && actor.agencyId !== undefined ? { divisionCode: actor.scope.divisionCode, agencyId: actor.agencyId } : undefined;
}

async function present(deps: Deps, rows: Row[]): Promise<Placement[]> {
  const who = await seekers.applicantsOf(deps, WORKERS, rows.map((r) => r.seeker_account_id));
  const insurance = await repo.insuranceOf(deps.db, rows.map((r) => ({ division_code: r.division_code, id: r.id }) as repo.PlacementKey));
  const months = new Map<string, string[]>();
  for (const i of insurance) months.set(`${i.division_code}:${i.placement_id}`, [...(months.get(`${i.division_code}:${i.placement_id}`) ?? []), i.month]);
  return rows.map((r) => ({
    id: r.id,
    divisionCode: r.division_code,
    applicationId: r.application_id,
    employerId: r.employer_id,
    employerName: r.employer_name,
    postingTitle: r.posting_title,
    agencyId: r.agency_id,
    agencyDivision: r.agency_division,
    agencyName: r.agency_name,
    worker: { name: who.get(r.seeker_account_id)?.name ?? null, idNumberMasked: r.id_number_masked },
    status: r.status as Placement['status'],
    contractType: r.contract_type === 'labour_contract' ? 'labour_contract' : null,
    contractStart: r.contract_start,
    confirmedAt: beijing(r.confirmed_at),
    verifiedAt: beijing(r.verified_at),
    recordedAt: beijing(r.created_at) as string,
    insuredMonths: r.contract_start ? insuredMonthsSince({ contractStart: r.contract_start, insuredMonths: months.get(`${r.division_code}:${r.id}`) ?? [] }) : [],
  }));
}

/**
 * The signed-in agency records a placement for an application it referred (POST /placements):
 * 400 `applicationId` placement_application_unknown when it referred no such application,
 * placement_application_not_hired before the employer moved it to 'hired'; 409 placement_exists for
 * a second recording (one statement: of two racing, one records). The placement awaits the
 * employer's confirmation; the employer is told (in-app, outbox, same transaction). Audited under
 * the placement's county. Returns the placement.
 */
export async function recordPlacement(deps: Deps, actor: Actor, input: z.infer<typeof s.recordBody>, ctx: RequestContext) {
  const agency = agencyOf(actor);
  if (!agency) throw forbidden();
  const a = await market.referredApplication(deps, actor, input.applicationId);
  if (!a) throw fieldError('applicationId', 'placement_application_unknown');
  if (a.stage !== 'hired') throw fieldError('applicationId', 'placement_application_not_hired', { stage: a.stage });
  const employer = await registry.employerIdentity(deps, EMPLOYER_CODE, a.divisionCode, a.employerId);
  if (!employer) throw fieldError('applicationId', 'placement_application_unknown');
  const now = deps.clock.now();
  const key = await command(deps, { actor, ctx }, async ({ tx, audit, send }) => {
    const k = await repo.insertPlacement(tx, a.key, { employerId: a.employerId, employerName: employer.name, employerCreditCode: employer.creditCode, postingTitle: a.postingTitle, seekerAccountId: a.seekerAccountId, agency: { ...a.agency }, by: actor.accountId }, now);
    if (!k) throw new AppError('placement_exists');
    await send({
      divisionCode: k.division_code,
      channel: 'inapp',
      recipient: `employer:${a.divisionCode}:${a.employerId}`,
      template: 'placements_confirm_requested',
      payload: { placementId: k.id, applicationId: a.id, title: a.postingTitle, agencyName: a.agency.name, at: now.toISOString() },
      idempotency_key: `placements.record:${k.division_code}:${k.id}`,
    });
    audit({ action: 'placements.placement.record', divisionCode: k.division_code, targetType: 'placement', targetId: k.id, detail: { applicationId: a.id, agencyId: a.agency.agencyId, agencyDivision: a.agency.divisionCode } });
    return k;
  });
  return getPlacement(deps, actor, key.id);
}

/** Minimum working age (劳动法 第十五条): a placement's worker must be at least this old in full years. */
export const MIN_WORKING_AGE = 16;

/**
 * The employer confirms the hire (POST /placements/:id/confirm): the contract's first day (400
 * `contractStart` placement_contract_start_future after today in China), a labour contract (400 `contractType`
 * placement_dispatch_refused for a dispatch), the worker's citizen ID (400 `idNumber` for a bad one
 * or a birth date after today); stored encrypted, with its keyed hash for the insurance match and a
 * masked copy. 409 placement_not_pending once confirmed (one statement: of two racing, one wins).
 * The agency is told. Audited. Returns the placement.
 */
export async function confirmPlacement(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.confirmBody>, ctx: RequestContext) {
  if (actor.scope.kind !== 'employer') throw forbidden();
  const row = await repo.findPlacement(deps.db, actor.scope, id);
  if (!row) throw notFound();
  if (input.contractType === 'dispatch') throw fieldError('contractType', 'placement_dispatch_refused');
  const now = deps.clock.now();
  if (input.contractStart > chinaDate(now)) throw fieldError('contractStart', 'placement_contract_start_future');
  // a worker of working age (劳动法 第十五条; 禁止使用童工规定 第二条), as rosters and returnee lists check
  const idProblem = citizenIdProblem(input.idNumber, now, { minAge: MIN_WORKING_AGE });
  if (idProblem) throw fieldError('idNumber', idProblem.key, idProblem.params ?? {});
  if (row.status !== 'pending_employer') throw new AppError('placement_not_pending', { status: row.status });
  await command(deps, { actor, ctx }, async ({ tx, audit, send }) => {
    const moved = await repo.confirmPlacement(tx, row.key, {
      contractStart: input.contractStart,
      contractType: 'labour_contract',
      idNumberEnc: deps.crypto.encrypt(input.idNumber),
      idNumberHash: deps.crypto.keyedHash(input.idNumber),
      idNumberMasked: maskCitizenId(input.idNumber),
      by: actor.accountId,
    }, now);
    if (!moved) throw new AppError('placement_not_pending', { status: 'changed' });
    await send({
      divisionCode: row.division_code,
      channel: 'inapp',
      recipient: `agency:${row.agency_division}:${row.agency_id}`,
      template: 'placements_confirmed',
      payload: { placementId: row.id, title: row.posting_title, employerName: row.employer_name, contractStart: input.contractStart, at: now.toISOString() },
      idempotency_key: `placements.confirm:${row.division_code}:${row.id}`,
    });
    audit({ action: 'placements.placement.confirm', divisionCode: row.division_code, targetType: 'placement', targetId: row.id, detail: { contractStart: input.contractStart, contractType: 'labour_contract' } });
  });
  return getPlacement(deps, actor, id);
}

const officialCursor = zod.tuple([cursorPart.divisionCode, cursorPart.id]);
const agencyCursor = zod.tuple([cursorPart.id]);

/**
 * Placements (GET /placements): officials those in their divisions (the bureau's "awaiting
 * verification" is `status=confirmed`), an employer its own, an agency those it recorded in every
 * county; filter by status; keyset-paged. ID numbers masked; the insured months since the contract start.
 */
export async function listPlacements(deps: Deps, actor: Actor, q: z.infer<typeof s.placementsQuery>) {
  const agency = agencyOf(actor);
  if (agency) {
    const rows = await repo.placementsOfAgency(deps.db, AGENCY_PLACEMENTS, agency, q, { limit: q.limit, after: decodeCursor(q.cursor, agencyCursor) });
    const page = toPage(rows, q.limit, (r) => r, (r) => [r.id]);
    return { items: await present(deps, page.items), next: page.next };
  }
  const rows = await repo.listPlacements(deps.db, actor.scope, q, { limit: q.limit, after: decodeCursor(q.cursor, officialCursor) });
  const page = toPage(rows, q.limit, (r) => r, (r) => [r.division_code, r.id]);
  return { items: await present(deps, page.items), next: page.next };
}

async function placementRow(deps: Deps, actor: Actor, id: number) {
  const agency = agencyOf(actor);
  const row = agency ? await repo.findAgencyPlacement(deps.db, AGENCY_PLACEMENTS, agency, id) : await repo.findPlacement(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return row;
}

/**
 * One placement (GET /placements/:id) as the list shows it, with its insurance rows (month, 险种
 * code), the latest month imported for its county, and every named rule (rules.ts) evaluated on
 * them (none before the employer's confirmation). 404 out of scope as for a missing id.
 */
export async function getPlacement(deps: Deps, actor: Actor, id: number): Promise<z.infer<typeof s.placementDetail>> {
  const row = await placementRow(deps, actor, id);
  const [shown] = await present(deps, [row]);
  const insurance = await repo.insuranceOf(deps.db, [row.key]);
  const latest = (await repo.latestImportedMonths(deps.db, [row.division_code])).get(row.division_code) ?? null;
  const facts = row.contract_start ? { contractStart: row.contract_start, insuredMonths: insurance.map((i) => i.month), latestImportedMonth: latest } : null;
  return {
    ...(shown as Placement),
    insurance: insurance.map((i) => ({ month: i.month, insuranceType: i.insurance_type })),
    latestImportedMonth: latest,
    rules: facts ? evaluateAll(facts) : [],
  };
}

/**
 * Placements per agency and status (GET /placements/counts): officials those in their divisions
 * (every agency that placed someone there), an agency its own in every county, an employer those
 * at it. The verified count is what feeds the agency's figures (issue 13 M6).
 */
export async function placementCounts(deps: Deps, actor: Actor): Promise<z.infer<typeof s.placementCounts>> {
  const agency = agencyOf(actor);
  const rows = agency ? await repo.countsOfAgency(deps.db, AGENCY_PLACEMENTS, agency) : await repo.countsByAgency(deps.db, actor.scope);
  return {
    items: rows.map((r) => ({ agencyId: r.agency_id, agencyDivision: r.agency_division, agencyName: r.agency_name, pendingEmployer: r.pending_employer, confirmed: r.confirmed, verified: r.verified })),
  };
}
