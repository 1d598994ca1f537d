// Staff screening declarations (P2; decision 0027). A staff member declares, from the phone, the
// places stayed in the last 14 days with dates, a close contact with a case, and whether they or a
// close relative is confirmed or suspected. The declaration is stored encrypted; in the same
// command every stay is matched against the risk areas in force on its dates (matching.ts), and
// a stay inside a county- or prefecture-level area, or an exposure, opens an incident through
// prevention.openIncident; a street or community inside the declared division, or a stay declared
// above the area's level, goes to the agency's follow-up list, which the agency clears with a note.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import { openIncident, openIncidentOfStaff } from '../prevention/service.ts';
import { checkDivision } from '../reference/service.ts';
import { type AreaForMatch, freshFrom, isExposure, isStale, matchStay, readDivisionCode, type TreeDivision } from './matching.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';

const MATCHER = systemScope('screening: a declared stay is matched against every risk area in force on its dates');
const AREA_NAMES = systemScope("screening: the areas an agency's findings point to (a public notice)");

export const todayOf = (deps: Deps) => beijingDate(deps.clock.now());

/** A stay as stored in the encrypted envelope. */
type StoredStay = { division: string; sub: string | null; place: string; from: string; to: string };
/** What a declaration says, the envelope's plain text (never logged, never audited). */
export type DeclarationContent = { v: 1; stays: StoredStay[]; closeContact: boolean; selfCase: s.CaseStatusValue; relativeCase: s.CaseStatusValue };

const treeOf = (d: { code: string; level: string; prefecture_code: string | null; province_code: string }): TreeDivision => ({
  code: d.code,
  level: d.level as TreeDivision['level'],
  prefecture: d.prefecture_code,
  province: d.province_code,
});

/**
 * Records the signed-in staff member's declaration and acts on it in one command:
 * - each stay's division read at any level (5329 = 532900) and checked in the national table
 *   (400 naming `stays.N.division` when unknown or abolished); a stay must end by today and
 *   reach into the last 14 days (`stays.N.to`);
 * - risk_area findings (one per staff member, area, declared division and shared days: declaring
 *   the same trip again opens nothing new, the answer lists the finding recorded before with its
 *   incident, and a follow-up only while it is open) each open an incident (trigger risk_area;
 *   detail: the area, its level, the shared days);
 * - follow_up findings go to the agency's list;
 * - an exposure opens one incident (trigger exposure; detail names no answer).
 * Audited `screening.declaration.create` with counts only. Returns the declaration and its findings.
 */
/** Risk levels, highest first. */
const RISK_ORDER: readonly repo.RiskLevel[] = ['high', 'medium', 'low'];

export async function declare(deps: Deps, actor: Actor, input: z.infer<typeof s.declarationCreate>, ctx: RequestContext) {
  const own = await repo.ownRosterRow(deps.db, actor.scope);
  if (!own || actor.role !== 'agency_staff') throw new AppError('not_a_staff_member');
  const now = deps.clock.now();
  const today = beijingDate(now);
  const earliest = addDays(today, -14);
  const stays: (StoredStay & { tree: TreeDivision })[] = [];
  for (const [i, st] of input.stays.entries()) {
    if (st.to > today) throw fieldError(`stays.${i}.to`, 'stay_in_future', { today });
    if (st.to < earliest) throw fieldError(`stays.${i}.to`, 'stay_too_old', { days: 14, from: earliest });
    const read = readDivisionCode(st.division);
    if (!read) throw fieldError(`stays.${i}.division`, 'risk_area_code');
    const check = await checkDivision(deps, read.division);
    if (!check.ok) throw fieldError(`stays.${i}.division`, check.key, check.params);
    stays.push({ division: check.division.code, sub: read.sub?.code ?? null, place: st.place ?? '', from: st.from, to: st.to, tree: treeOf(check.division) });
  }
  const content: DeclarationContent = {
    v: 1,
    stays: stays.map(({ tree: _t, ...rest }) => rest),
    closeContact: input.closeContact,
    selfCase: input.selfCase,
    relativeCase: input.relativeCase,
  };
  const span = stays.length ? { from: stays.map((x) => x.from).sort()[0] as string, to: stays.map((x) => x.to).sort().at(-1) as string } : null;

  return command(deps, { actor, ctx }, async (c) => {
    const decl = await repo.insertDeclaration(c.tx, {
      division_code: own.division_code,
      agency_id: own.agency_id,
      staff_id: own.id,
      declared_at: now,
      day: today,
      declared_by: actor.accountId,
      content_enc: c.deps.crypto.encrypt(JSON.stringify(content)),
    });
    const areas = span ? await repo.areasInForce(c.tx, MATCHER, span.from, span.to) : [];
    const findings: Awaited<ReturnType<typeof presentNew>>[] = [];
    const base = { division_code: own.division_code, agency_id: own.agency_id, staff_id: own.id, declaration_id: decl.id, found_at: now };
    // one stay opens at most one incident: the areas it falls in (the same area entered twice, as
    // 5323 and 532300; a county's area inside a prefecture's) are findings of that one incident,
    // the highest risk level first
    const byRisk = [...areas].sort((x, y) => RISK_ORDER.indexOf(x.risk_level as repo.RiskLevel) - RISK_ORDER.indexOf(y.risk_level as repo.RiskLevel));
    for (const st of stays) {
      let stayIncident: number | null = null;
      for (const a of byRisk) {
        const area: AreaForMatch = {
          owner: a.division_code,
          id: a.id,
          division: { code: a.area_code, level: a.area_level as TreeDivision['level'], prefecture: a.area_prefecture, province: a.area_province },
          sub: a.sub_kind ? { kind: a.sub_kind as 'street' | 'community', code: a.sub_code, name: a.sub_name } : null,
          riskLevel: a.risk_level as repo.RiskLevel,
          from: a.valid_from,
          to: a.valid_to,
        };
        const m = matchStay({ division: st.tree, from: st.from, to: st.to }, area);
        if (!m) continue;
        const finding: repo.NewFinding = {
          ...base,
          kind: m.kind,
          area_owner: a.division_code,
          area_id: a.id,
          area_code: a.area_code,
          risk_level: area.riskLevel,
          stay_code: st.division,
          overlap_from: m.overlapFrom,
          overlap_to: m.overlapTo,
        };
        const inserted = await repo.insertFinding(c.tx, finding);
        if (!inserted) {
          // the same trip declared before: its finding (and incident) stand, and the answer still
          // names it (an empty one read "no risk-area stay" on the phone); a follow-up the agency
          // has cleared is not raised again
          const known = await repo.recordedFinding(c.tx, finding);
          if (known && (m.kind === 'risk_area' || known.cleared_at === null)) {
            if (m.kind === 'risk_area' && stayIncident === null) stayIncident = known.incident_id;
            findings.push(presentNew(known.id, own.id, m.kind, a, st.division, st.tree, m.overlapFrom, m.overlapTo, known.incident_id, known.found_at));
          }
          continue;
        }
        let incidentId: number | null = null;
        if (m.kind === 'risk_area' && stayIncident !== null) {
          incidentId = stayIncident;
          await repo.setFindingIncident(c.tx, repo.findingKey(inserted), stayIncident);
        } else if (m.kind === 'risk_area') {
          const incident = await openIncident(c.deps, {
            divisionCode: own.division_code,
            agencyId: own.agency_id,
            subject: { kind: 'staff', staffId: own.id },
            trigger: 'risk_area',
            triggerRef: { table: 'screening_findings', id: inserted.id },
            detectedAt: now,
            detail: { areaId: a.id, areaCode: a.area_code, areaName: a.area_name, sub: a.sub_name ?? a.sub_code, level: area.riskLevel, overlapFrom: m.overlapFrom, overlapTo: m.overlapTo },
          });
          incidentId = incident.id;
          stayIncident = incident.id;
          await repo.setFindingIncident(c.tx, repo.findingKey(inserted), incident.id);
        }
        findings.push(presentNew(inserted.id, own.id, m.kind, a, st.division, st.tree, m.overlapFrom, m.overlapTo, incidentId, now));
      }
    }
    if (isExposure(input)) {
      const inserted = await repo.insertFinding(c.tx, { ...base, kind: 'exposure', area_owner: null, area_id: null, area_code: null, risk_level: null, stay_code: null, overlap_from: null, overlap_to: null });
      // an exposure already being followed (its incident open) is joined, not opened again
      const open = inserted ? await openIncidentOfStaff(c.deps, { divisionCode: own.division_code, staffId: own.id, trigger: 'exposure' }) : null;
      if (inserted && open) {
        await repo.setFindingIncident(c.tx, repo.findingKey(inserted), open.id);
        findings.push(presentNew(inserted.id, own.id, 'exposure', null, null, null, null, null, open.id, now));
      } else if (inserted) {
        const incident = await openIncident(c.deps, {
          divisionCode: own.division_code,
          agencyId: own.agency_id,
          subject: { kind: 'staff', staffId: own.id },
          trigger: 'exposure',
          triggerRef: { table: 'screening_findings', id: inserted.id },
          detectedAt: now,
          detail: { declarationId: decl.id },
        });
        await repo.setFindingIncident(c.tx, repo.findingKey(inserted), incident.id);
        findings.push(presentNew(inserted.id, own.id, 'exposure', null, null, null, null, null, incident.id, now));
      }
    }
    c.audit({
      action: 'screening.declaration.create',
      divisionCode: own.division_code,
      targetType: 'agency_staff',
      targetId: own.id,
      detail: { declarationId: decl.id, stays: stays.length, findings: findings.length },
    });
    return { id: decl.id, declaredAt: now.toISOString(), day: today, currentUntil: addDays(today, deps.config.screening.staleDays), findings };
  });
}

function presentNew(
  id: number,
  staffId: number,
  kind: 'risk_area' | 'follow_up' | 'exposure',
  a: repo.RiskAreaRow | null,
  stayCode: string | null,
  _stay: TreeDivision | null,
  from: string | null,
  to: string | null,
  incidentId: number | null,
  at: Date,
) {
  return {
    id,
    kind,
    staffId,
    area: a ? { id: a.id, divisionCode: a.area_code, divisionName: a.area_name, sub: a.sub_name ?? a.sub_code, level: a.risk_level as repo.RiskLevel } : null,
    stayDivision: stayCode,
    stayDivisionName: null,
    overlapFrom: from,
    overlapTo: to,
    incidentId,
    foundAt: at.toISOString(),
  };
}

/** The signed-in staff member's own screening status: last declaration and whether it is stale. */
export async function myScreening(deps: Deps, actor: Actor) {
  const last = await repo.lastDeclarationOf(deps.db, actor.scope);
  const today = todayOf(deps);
  const staleDays = deps.config.screening.staleDays;
  return { staleDays, today, lastDeclaredAt: last?.declared_at.toISOString() ?? null, lastDay: last?.day ?? null, stale: isStale(last?.day ?? null, today, staleDays) };
}

async function agencyOf(deps: Deps, actor: Actor) {
  const agency = actor.agencyId !== undefined ? await repo.findAgency(deps.db, actor.scope, actor.agencyId) : undefined;
  if (!agency) throw notFound();
  return agency;
}

/**
 * The agency administrator's screening list: every active staff member with their last
 * declaration and status — `current`, `stale` (older than the configured days) or `never` — and
 * their open follow-ups. Names and days only: what was declared stays encrypted.
 */
export async function agencyScreening(deps: Deps, actor: Actor) {
  const agency = await agencyOf(deps, actor);
  const today = todayOf(deps);
  const staleDays = deps.config.screening.staleDays;
  const rows = await repo.staffScreeningOf(deps.db, agency.key, freshFrom(today, staleDays));
  return {
    agencyId: agency.id,
    today,
    staleDays,
    staff: rows.map((r) => ({
      staffId: r.id,
      name: r.name,
      position: r.position,
      lastDeclaredAt: r.last_declared_at ? new Date(r.last_declared_at).toISOString() : null,
      lastDay: r.last_day,
      status: (r.last_day === null ? 'never' : r.stale ? 'stale' : 'current') as 'current' | 'stale' | 'never',
      openFollowUps: r.open_follow_ups ?? 0,
    })),
  };
}

/**
 * The agency's findings of one kind (follow-ups by default; open only unless `withCleared`),
 * newest first, with the area, the declared division and the shared days; a cleared follow-up's
 * note decrypted. The read is audited (`screening.findings.read`): it shows staff members' travel.
 */
export async function agencyFindings(deps: Deps, actor: Actor, q: z.infer<typeof s.findingsQuery>, ctx: RequestContext) {
  const agency = await agencyOf(deps, actor);
  const rows = await repo.findingsOf(deps.db, agency.key, { kinds: [q.kind], withCleared: q.withCleared === 'true', limit: 500 });
  const items = await presentFindings(deps, rows);
  await command(deps, { actor, ctx }, async ({ audit }) => {
    audit({ action: 'screening.findings.read', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { kind: q.kind, rows: rows.length } });
  });
  return { items };
}

async function presentFindings(deps: Deps, rows: repo.FindingRow[]) {
  const keys = rows.flatMap((r) => (r.area_owner && r.area_id !== null ? [{ division_code: r.area_owner, id: r.area_id }] : []));
  const areas = await repo.riskAreasByKeys(deps.db, AREA_NAMES, keys);
  const names = new Map<string, string>();
  for (const code of new Set(rows.flatMap((r) => (r.stay_code ? [r.stay_code] : [])))) {
    const d = await checkDivision(deps, code);
    names.set(code, d.ok ? d.division.name : (d.division?.name ?? code));
  }
  return rows.map((r) => {
    const a = areas.find((x) => x.division_code === r.area_owner && x.id === r.area_id);
    return {
      id: r.id,
      kind: r.kind as 'risk_area' | 'follow_up' | 'exposure',
      staffId: r.staff_id,
      staffName: r.staff_name,
      area: a ? { id: a.id, divisionCode: a.area_code, divisionName: a.area_name, sub: a.sub_name ?? a.sub_code, level: a.risk_level as repo.RiskLevel } : null,
      stayDivision: r.stay_code,
      stayDivisionName: r.stay_code ? (names.get(r.stay_code) ?? null) : null,
      overlapFrom: r.overlap_from,
      overlapTo: r.overlap_to,
      incidentId: r.incident_id,
      foundAt: r.found_at.toISOString(),
      clearedAt: r.cleared_at?.toISOString() ?? null,
      note: r.note_enc ? deps.crypto.decrypt(r.note_enc) : null,
    };
  });
}

/** Clears an open follow-up with a note (the agency administrator); a second clear is 409 follow_up_cleared. Audited without the note. */
export async function clearFollowUp(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.followUpClear>, ctx: RequestContext) {
  const row = await repo.findFollowUp(deps.db, actor.scope, id);
  if (!row) throw notFound();
  if (row.cleared_at) throw new AppError('follow_up_cleared', { at: row.cleared_at.toISOString() });
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const cleared = await repo.clearFollowUp(tx, row.key, now, actor.accountId, deps.crypto.encrypt(input.note));
    if (!cleared) throw new AppError('follow_up_cleared', { at: now.toISOString() });
    audit({ action: 'screening.follow_up.clear', divisionCode: row.division_code, targetType: 'agency_staff', targetId: row.staff_id, detail: { findingId: id } });
  });
  const [item] = await presentFindings(deps, [{ ...row, cleared_at: now, note_enc: deps.crypto.encrypt(input.note) }]);
  return item;
}

// the bureau desk ----------------------------------------------------------------------------

/**
 * Per-agency screening figures in the actor's scope, for the bureau desk (R1). Counts only; shape
 * per agency (camelCase of repository.screeningFiguresByAgency):
 *   { divisionCode, agencyId, agencyName, staff, declaredCurrent, staleDeclarations, neverDeclared,
 *     openFollowUps, riskAreaMatches, exposures }
 * — stale: latest declaration older than YUNQIAO_SCREENING_STALE_DAYS; matches and exposures
 * counted over the same window. `division` narrows to a prefix inside the scope.
 */
export async function screeningFigures(deps: Pick<Deps, 'db' | 'clock' | 'config'>, scope: Actor['scope'], opts: { division?: string } = {}) {
  const from = freshFrom(beijingDate(deps.clock.now()), deps.config.screening.staleDays);
  const rows = await repo.screeningFiguresByAgency(deps.db, scope, from, opts);
  return rows.map((r) => ({
    divisionCode: r.division_code,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    staff: r.staff ?? 0,
    declaredCurrent: r.declared_current ?? 0,
    staleDeclarations: r.stale_declarations ?? 0,
    neverDeclared: r.never_declared ?? 0,
    openFollowUps: r.open_follow_ups ?? 0,
    riskAreaMatches: r.risk_area_matches ?? 0,
    exposures: r.exposures ?? 0,
  }));
}
