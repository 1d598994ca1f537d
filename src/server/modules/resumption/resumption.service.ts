// Resumption plans (issue 13 M2, decision 0050). An employer keeps one plan: the day, staff on post /
// away / isolated, a contact, labour demand by occupation; it imports its returning employees from
// .xlsx (all-or-nothing). Its county bureau (and those above) see demand against supply and the
// workers waiting for point-to-point transport by origin and day; a Yunnan origin county sees the
// workers waiting to leave it once the destination grants it (access_grants, decision 0014); for
// an origin outside Yunnan the destination exports the list. A demand line becomes a posting with
// one action (market's createPosting, the screener as usual on publishing).
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { expireGrant, insertGrantUnlessLive } from '../../db/grants.ts';
import { reachOf } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../http/errors.ts';
import { cursorPart, decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { citizenIdProblem } from '../../platform/fields.ts';
import { applyImportRule, type RowProblem } from '../../platform/import-rules.ts';
import type { Locale } from '../../platform/i18n.ts';
import { maskCitizenId } from '../../../shared/checksums.ts';
import { isOfficial } from '../../../shared/roles.ts';
import { z as zod } from 'zod';
import * as market from '../market/service.ts';
import * as reference from '../reference/service.ts';
import * as registry from '../registry/service.ts';
import * as seekers from '../seekers/service.ts';
import { presentDemandRow, presentPlan, presentReturnee, presentWaiting } from './presenters.ts';
import * as repo from './repository/resumption.ts';
import { readReturnees } from './returnees-sheet.ts';
import type * as s from './schemas.ts';

/** The grant reason on a transport share (access_grants.reason). */
export const SHARE_REASON = 'resumption transport list: workers waiting to leave the origin county';
/** Minimum working age (劳动法 第十五条), as the staff roster checks it. */
const MIN_AGE = 16;

/** The employer the actor is (employers only), as registry reads it; 403 for any other role. */
async function ownEmployer(deps: Deps, actor: Actor) {
  if (actor.role !== 'employer' || actor.employerId === undefined) throw forbidden();
  const e = await registry.getEmployer(deps, actor, actor.employerId);
  return { division_code: e.divisionCode, id: e.id, name: e.name };
}

const planRow = async (deps: Deps, actor: Actor, id: number) => {
  const row = await repo.findPlan(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return row;
};

const asEmployer = (actor: Actor) => actor.role === 'employer';

/** A plan with its demand lines, as the actor sees it (contact phone whole for its own employer only). */
async function planOut(deps: Deps, actor: Actor, row: repo.PlanRow) {
  return presentPlan(row, { own: asEmployer(actor), demand: await repo.demandOf(deps.db, row.key) });
}

/** The employer's own plan; 404 until it saved one. */
export async function getOwnPlan(deps: Deps, actor: Actor) {
  const employer = await ownEmployer(deps, actor);
  const row = await repo.findPlanOfEmployer(deps.db, actor.scope, employer);
  if (!row) throw notFound();
  return planOut(deps, actor, row);
}

/** One plan in scope (officials by division, an employer its own); 404 otherwise. */
export async function getPlan(deps: Deps, actor: Actor, id: number) {
  return planOut(deps, actor, await planRow(deps, actor, id));
}

/** Plans in scope, a page by (division, id); `division` narrows to a subtree. */
export async function listPlans(deps: Deps, actor: Actor, q: z.infer<typeof s.plansQuery>) {
  const after = decodeCursor(q.cursor, zod.tuple([cursorPart.divisionCode, cursorPart.id]));
  const rows = await repo.listPlans(deps.db, actor.scope, { division: q.division }, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentPlan(r, { own: asEmployer(actor) }), (r) => [r.division_code, r.id]);
}

/** Every plan in scope for the export (a bounded walk of the same pages), audited. */
export async function exportPlans(deps: Deps, actor: Actor, q: z.infer<typeof s.divisionQuery>, ctx: RequestContext) {
  const out: repo.PlanRow[] = [];
  let after: [string, number] | undefined;
  for (;;) {
    const rows = await repo.listPlans(deps.db, actor.scope, q, { limit: 1000, after });
    out.push(...(rows.slice(0, 1000) as repo.PlanRow[]));
    if (rows.length <= 1000) break;
    const last = rows[999] as repo.PlanRow;
    after = [last.division_code, last.id];
  }
  await exportAudit(deps, actor, ctx, 'plans', out.length);
  return out.map((r) => presentPlan(r, { own: asEmployer(actor) }));
}

/**
 * Saves the employer's plan (created or replaced, one per employer) and its demand lines (one per
 * occupation; a line whose occupation stays keeps its posting). 400 naming `demand` for an
 * occupation twice or not in the loaded GB/T 6565 table.
 */
export async function savePlan(deps: Deps, actor: Actor, input: z.infer<typeof s.planPut>, ctx: RequestContext) {
  const employer = await ownEmployer(deps, actor);
  const codes = input.demand.map((l) => l.occupationCode);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw fieldError('demand', 'resumption_demand_duplicate', { code: dup });
  const known = await reference.knownOccupationCodes(deps, codes);
  const unknown = codes.find((c) => !known.has(c));
  if (unknown) throw fieldError('demand', 'unknown_occupation', { code: unknown });
  const now = deps.clock.now();
  const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const saved = await repo.upsertPlan(tx, employer, {
      resume_on: input.resumeOn,
      staff_on_post: input.staffOnPost,
      staff_away: input.staffAway,
      staff_isolated: input.staffIsolated,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      note: input.note ?? null,
    }, now, actor.accountId);
    const removed = await repo.replaceDemand(tx, saved.key, input.demand.map((l) => ({ occupation_code: l.occupationCode, headcount: l.headcount })), now);
    audit({ action: saved.created ? 'resumption.plan.create' : 'resumption.plan.update', divisionCode: saved.key.division_code, targetType: 'resumption_plan', targetId: saved.key.id, detail: { resumeOn: input.resumeOn, demandLines: input.demand.length, demandRemoved: removed } });
    return saved.key;
  });
  return getPlan(deps, actor, key.id);
}

/**
 * Imports the plan's returning employees from an .xlsx (the shared sheet reader off the main
 * thread), all-or-nothing: any bad row — a field the parsers refuse, an ID number of someone under
 * 16 or born after today, an origin that is not an active county of the national table, the same ID
 * twice — is 400 import_failed listing rows and columns, and nothing changes. A good file replaces
 * the plan's list. The employer's own plan only (404 otherwise).
 */
export async function importReturnees(deps: Deps, actor: Actor, planId: number, data: Buffer, locale: Locale, ctx: RequestContext) {
  await ownEmployer(deps, actor);
  const plan = await planRow(deps, actor, planId);
  const { rows, problems } = await readReturnees(data, locale);
  const more: RowProblem[] = [...problems];
  const now = deps.clock.now();
  const origins = new Map<string, Awaited<ReturnType<typeof reference.checkDivision>>>();
  for (const code of new Set(rows.map((r) => r.value.originDivision))) origins.set(code, await reference.checkDivision(deps, code));
  const good: typeof rows = [];
  for (const r of rows) {
    const found: RowProblem[] = [];
    const idProblem = citizenIdProblem(r.value.idNumber, now, { minAge: MIN_AGE });
    if (idProblem) found.push({ row: r.row, column: '身份证号', key: idProblem.key, ...(idProblem.params ? { params: idProblem.params } : {}) });
    const check = origins.get(r.value.originDivision);
    if (check && !check.ok) found.push({ row: r.row, column: '始发县代码', key: check.key, params: check.params });
    else if (check?.ok && check.division.level !== 'county') found.push({ row: r.row, column: '始发县代码', key: 'not_a_county', params: { code: r.value.originDivision } });
    if (found.length) more.push(...found);
    else good.push(r);
  }
  const accepted = applyImportRule('returning_employees', good, more).accepted;
  const values: repo.NewReturnee[] = accepted.map(({ value: v }) => ({
    name: v.name,
    id_number_enc: deps.crypto.encrypt(v.idNumber),
    id_number_hash: deps.crypto.keyedHash(v.idNumber),
    id_number_masked: maskCitizenId(v.idNumber),
    phone: v.phone,
    origin_division: v.originDivision,
    travel_on: v.travelOn,
    needs_transport: v.needsTransport,
  }));
  const needingTransport = values.filter((v) => v.needs_transport).length;
  const replaced = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const gone = await repo.replaceReturnees(tx, plan.key, values, now);
    audit({ action: 'resumption.returnees.import', divisionCode: plan.division_code, targetType: 'resumption_plan', targetId: plan.id, detail: { rows: values.length, needingTransport, replaced: gone } });
    return gone;
  });
  return { imported: values.length, needingTransport, replaced };
}

/** The plan's returning employees (ID numbers and phones masked). */
export async function listReturnees(deps: Deps, actor: Actor, planId: number) {
  const plan = await planRow(deps, actor, planId);
  const province = deps.config.province.slice(0, 2);
  return { plan, items: (await repo.returneesOf(deps.db, plan.key)).map((r) => presentReturnee(r, province)) };
}

/** The plan's returning employees for the export (masked), audited. */
export async function exportReturnees(deps: Deps, actor: Actor, planId: number, ctx: RequestContext) {
  const out = await listReturnees(deps, actor, planId);
  await exportAudit(deps, actor, ctx, 'returnees', out.items.length, out.plan.division_code);
  return out;
}

/**
 * Makes a posting from one demand line, once (the one action): a draft for the plan's employer
 * (title: the occupation's name; occupation and headcount from the line), published at once when
 * `publish` (the screener applies as to any posting: a flagged one waits in moderation). The line
 * is claimed first in the same transaction, so two clicks make one posting (409
 * resumption_line_has_posting for the second). The employer itself or an official over the plan.
 */
export async function postingFromLine(deps: Deps, actor: Actor, planId: number, lineId: number, input: z.infer<typeof s.postingFromLine>, ctx: RequestContext) {
  const plan = await planRow(deps, actor, planId);
  const line = await repo.findDemandLine(deps.db, plan.key, lineId);
  if (!line) throw notFound();
  if (line.posting_id !== null) throw new AppError('resumption_line_has_posting', { postingId: line.posting_id });
  const now = deps.clock.now();
  return command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    if (!(await repo.claimDemandLine(tx, line.key, now))) {
      const again = await repo.findDemandLine(tx, plan.key, lineId);
      throw new AppError('resumption_line_has_posting', { postingId: again?.posting_id ?? 0 });
    }
    const draft = await market.createPosting(inTx, actor, {
      ...(isOfficial(actor.role) ? { employerId: plan.employer_id } : {}),
      title: line.occupation_name,
      occupationCode: line.occupation_code,
      headcount: line.headcount,
      description: `复工复产用工需求：${plan.employer_name}计划于 ${plan.resume_on} 复工，招聘${line.occupation_name} ${line.headcount} 人。`,
    }, ctx);
    const posting = input.publish ? await market.publishPosting(inTx, actor, draft.id, ctx) : draft;
    await repo.setDemandPosting(tx, line.key, posting.id);
    audit({ action: 'resumption.demand.posting', divisionCode: plan.division_code, targetType: 'resumption_demand', targetId: line.id, detail: { planId: plan.id, postingId: posting.id, status: posting.status } });
    return { postingId: posting.id, status: posting.status };
  });
}

/**
 * Demand against supply per (county, occupation) in scope: the plans' headcount, the registered job
 * seekers wanting that occupation (seekers module, registrations valid today) and their ratio
 * (求人倍率 = demand ÷ seekers, two decimals; null with no seeker).
 */
export async function demandAgainstSupply(deps: Deps, actor: Actor, q: z.infer<typeof s.divisionQuery>) {
  const rows = await repo.demandByOccupation(deps.db, actor.scope, q);
  const supply = await seekers.availableSeekersByOccupation(deps, actor.scope, { division: q.division, occupations: [...new Set(rows.map((r) => r.occupation_code))] });
  const n = new Map(supply.map((x) => [`${x.division_code}/${x.occupation_code}`, x.seekers]));
  return { items: rows.map((r) => presentDemandRow(r, n.get(`${r.division_code}/${r.occupation_code}`) ?? 0)) };
}

/** The demand table for the export, audited. */
export async function exportDemand(deps: Deps, actor: Actor, q: z.infer<typeof s.divisionQuery>, ctx: RequestContext) {
  const out = await demandAgainstSupply(deps, actor, q);
  await exportAudit(deps, actor, ctx, 'demand', out.items.length);
  return out.items;
}

/** The destination's board: workers waiting for transport by destination, origin and day, with each origin's share state. */
export async function transportBoard(deps: Deps, actor: Actor, q: z.infer<typeof s.divisionQuery>) {
  const province = deps.config.province.slice(0, 2);
  const rows = await repo.transportBoard(deps.db, actor.scope, q, deps.clock.now());
  return {
    items: rows.map((r) => ({
      divisionCode: r.division_code,
      divisionName: r.division_name,
      originDivision: r.origin_division,
      originName: r.origin_name,
      originInProvince: r.origin_province.startsWith(province),
      travelOn: r.travel_on,
      workers: r.workers,
      plans: r.plans,
      shareId: r.share_id,
      shared: r.shared,
    })),
  };
}

/** The destination's list of waiting workers (masked), optionally of one origin and day. */
export async function waitingWorkers(deps: Deps, actor: Actor, q: z.infer<typeof s.transportQuery>) {
  const province = deps.config.province.slice(0, 2);
  return { items: (await repo.waitingWorkers(deps.db, actor.scope, q)).map((r) => presentWaiting(r, province)) };
}

/** The transport list for the export (an origin bureau outside Yunnan gets this file), audited. */
export async function exportWaiting(deps: Deps, actor: Actor, q: z.infer<typeof s.transportQuery>, ctx: RequestContext) {
  const out = await waitingWorkers(deps, actor, q);
  await exportAudit(deps, actor, ctx, 'transport', out.items.length, undefined, q.origin);
  return out.items;
}

/**
 * The origin's view: workers waiting to leave the official's own counties, in the destination
 * counties that shared their list with them (a live grant) or that lie in the official's own reach.
 */
export async function departures(deps: Deps, actor: Actor) {
  const reach = reachOf(actor.scope);
  const origins = reach === 'all' ? [''] : reach;
  const province = deps.config.province.slice(0, 2);
  return { items: (await repo.departures(deps.db, actor.scope, origins)).map((r) => presentWaiting(r, province)) };
}

/** The origin's view for the export, audited. */
export async function exportDepartures(deps: Deps, actor: Actor, ctx: RequestContext) {
  const out = await departures(deps, actor);
  await exportAudit(deps, actor, ctx, 'departures', out.items.length);
  return out.items;
}

/**
 * A destination county shares its waiting workers from one Yunnan origin county with that county's
 * bureau: the share row (created once) and a live grant on it for `division:<origin>` (db/grants.ts;
 * a second call while one is live grants nothing new). The destination is the county official's own
 * county, or for officials above a county one they name in their reach. 400 naming the field: the
 * origin not an active county, outside the province (export the list instead), or the destination.
 */
export async function shareWithOrigin(deps: Deps, actor: Actor, input: z.infer<typeof s.shareCreate>, ctx: RequestContext) {
  if (!isOfficial(actor.role)) throw forbidden();
  const destination = input.divisionCode ?? (actor.role === 'county' ? actor.divisionCode : null);
  if (!destination) throw fieldError('divisionCode', 'resumption_destination_needed');
  await registry.requireCountyInScope(deps, actor, destination);
  const check = await reference.checkDivision(deps, input.originDivision);
  if (!check.ok) throw fieldError('originDivision', check.key, check.params);
  if (check.division.level !== 'county') throw fieldError('originDivision', 'not_a_county', { code: input.originDivision });
  if (check.division.province_code !== deps.config.province) throw fieldError('originDivision', 'resumption_origin_outside_province');
  if (input.originDivision === destination) throw fieldError('originDivision', 'resumption_origin_is_destination');
  const now = deps.clock.now();
  return command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const share = await repo.upsertShare(tx, destination, input.originDivision, now, actor.accountId);
    const grantId = await insertGrantUnlessLive(tx, { divisionCode: destination, table: 'resumption_transport_shares', id: share.id, reason: SHARE_REASON }, `division:${input.originDivision}`, now);
    if (grantId !== undefined) audit({ action: 'resumption.transport.share', divisionCode: destination, targetType: 'resumption_transport_share', targetId: share.id, detail: { origin: input.originDivision, grantId } });
    return { shareId: share.id, grantId: grantId ?? null, divisionCode: destination, originDivision: input.originDivision };
  });
}

/** Ends the origin's grant on a share of a destination in the official's own reach (404 otherwise); returns whether one was live. */
export async function endShare(deps: Deps, actor: Actor, shareId: number, ctx: RequestContext) {
  if (!isOfficial(actor.role)) throw forbidden();
  const share = await repo.findOwnShare(deps.db, actor.scope, shareId);
  if (!share) throw notFound();
  const now = deps.clock.now();
  return command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const target = { divisionCode: share.division_code, table: 'resumption_transport_shares', id: share.id, reason: SHARE_REASON };
    let ended = false;
    for (const id of await repo.liveShareGrants(tx, share.key, now)) ended = (await expireGrant(tx, target, id, now)) || ended;
    if (ended) audit({ action: 'resumption.transport.unshare', divisionCode: share.division_code, targetType: 'resumption_transport_share', targetId: share.id, detail: { origin: share.origin_division } });
    return { ended };
  });
}

/** An export's audit entry: which table, how many rows (personal data leaves in masked form). */
function exportAudit(deps: Deps, actor: Actor, ctx: RequestContext, table: string, rows: number, division?: string, origin?: string) {
  const divisionCode = division ?? actor.divisionCode ?? deps.config.province;
  return command(deps, { actor, ctx }, async ({ audit }) => audit({ action: 'resumption.export', divisionCode, targetType: 'resumption_export', detail: { table, rows, ...(origin ? { origin } : {}) } }));
}
