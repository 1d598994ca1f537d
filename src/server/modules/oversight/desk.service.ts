// The prevention desk (issue 8 R1 and the prevention third of G4; decision 0031): for an
// official's own jurisdiction, one line per division or agency directly below the one opened
// (prefectures for the province, counties for a prefecture, agencies for a county) with the day's
// check-in completion, incidents by stage and lateness, hygiene slots missed, venues' occupancy
// now, and (when the plans module is installed) agencies without a plan or short of protective
// stock. Counted per agency in SQL and rolled up here; rows still under an abolished code count
// for its successor (decision 0022). Every line names who answers for it, and every gap is listed
// with the agency's responsible person and the county bureau that supervises it (R1).
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { reachOf } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { fieldError, notFound } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { addDays, beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { type DivisionLevel, levelOf, prefixOf, toFullCode } from '../../../shared/division.ts';
import * as plans from '../plans/service.ts';
import * as reference from '../reference/service.ts';
import * as screening from '../screening/service.ts';
import { mayOpenDesk } from './access.ts';
import * as repo from './repository/desk.ts';
import { type GAP_KINDS, OPEN_STAGES, type deskFigures, type deskGap, type deskIncident, type deskLine, type desk as deskSchema } from './schemas.ts';

type Figures = z.infer<typeof deskFigures>;
type Line = z.infer<typeof deskLine>;
type Desk = z.infer<typeof deskSchema>;
type Gap = z.infer<typeof deskGap>;
type Incident = z.infer<typeof deskIncident>;
type GapKind = (typeof GAP_KINDS)[number];


const BUREAU_SUFFIX: Record<DivisionLevel, string> = { province: '人力资源和社会保障厅', prefecture: '人力资源和社会保障局', county: '人力资源和社会保障局' };

/** A bureau's name from its division's ("五华区" → "五华区人力资源和社会保障局"). */
export const bureauName = (division: { code: string; name: string }) => `${division.name}${BUREAU_SUFFIX[levelOf(division.code)]}`;

const zeroFigures = (): Figures => ({
  agencies: 0,
  checkinExpected: 0,
  checkinReported: 0,
  checkinOnTime: 0,
  checkinMissing: 0,
  checkinRate: null,
  consentWithdrawn: 0,
  incidentsOpen: 0,
  incidentsByStage: { detected: 0, reported: 0, isolated: 0, diagnosed: 0, treated: 0 },
  incidentsLate: 0,
  incidentsDetectedThatDay: 0,
  agenciesWithoutPlan: 0,
  agenciesLowStock: 0,
  lowStockItems: 0,
  staffDeclarationsDue: 0,
  agenciesDeclarationsDue: 0,
  riskAreaMatches: 0,
  exposures: 0,
  openFollowUps: 0,
  venues: 0,
  hygieneMissed: 0,
  agenciesHygieneMissed: 0,
  occupancyNow: 0,
  capacity: 0,
  agenciesWithGaps: 0,
});

const COUNTS = [
  'agencies', 'checkinExpected', 'checkinReported', 'checkinOnTime', 'checkinMissing', 'consentWithdrawn', 'incidentsOpen', 'incidentsLate', 'incidentsDetectedThatDay',
  'agenciesWithoutPlan', 'agenciesLowStock', 'lowStockItems', 'staffDeclarationsDue', 'agenciesDeclarationsDue', 'riskAreaMatches', 'exposures', 'openFollowUps', 'venues', 'hygieneMissed', 'agenciesHygieneMissed', 'occupancyNow', 'capacity', 'agenciesWithGaps',
] as const satisfies readonly Exclude<keyof Figures, 'checkinRate' | 'incidentsByStage'>[];

/** Adds one agency's figures into a line or the total (the rate is computed once at the end). */
function addInto(into: Figures, a: Figures): void {
  for (const k of COUNTS) into[k] += a[k];
  for (const s of OPEN_STAGES) into.incidentsByStage[s] += a.incidentsByStage[s];
}

const rate = <F extends Figures>(f: F): F => ({ ...f, checkinRate: f.checkinExpected > 0 ? Math.round((f.checkinReported / f.checkinExpected) * 10_000) / 10_000 : null });

/** The division asked for as a six-digit code and a scope prefix ('5301' and '530100' alike). */
function divisionAsked(actor: Actor, asked: string | undefined): { code: string; prefix: string } {
  const own = actor.divisionCode as string;
  const code = asked === undefined ? own : asked.length === 6 ? asked : toFullCode(asked);
  return { code, prefix: prefixOf(code) };
}

/**
 * The desk of `q.division` (default: the official's own) on `q.day` (default: today, Beijing
 * time). 404 for a division outside the official's jurisdiction or not active (as for a missing
 * one); 400 naming `day` for a day after today. Read-only; returns figures, incidents (category,
 * stage and stage times, agency) and gaps — never a daily value or a staff member's name.
 */
export async function openDesk(deps: Deps, actor: Actor, q: { division?: string | undefined; day?: string | undefined }): Promise<Desk> {
  const { code, prefix } = divisionAsked(actor, q.division);
  const reach = reachOf(actor.scope);
  if (reach === 'all' || !mayOpenDesk(reach, prefix)) throw notFound();
  const division = await reference.findDivision(deps, code);
  if (!division?.active) throw notFound();
  const now = deps.clock.now();
  const today = beijingDate(now);
  const day = q.day ?? today;
  if (day > today) throw fieldError('day', 'desk_day_in_future');
  const dayStart = beijingInstant(day);
  const dayEnd = new Date(beijingInstant(addDays(day, 1)).getTime() - 1);
  const level = levelOf(code);

  // rows under an abolished code belong to its successor's line (decision 0022)
  const successors = await reference.currentSuccessors(deps);
  const current = (c: string) => successors.get(c) ?? c;
  const prefixes = [prefix, ...[...successors].filter(([old, cur]) => cur.startsWith(prefix) && !old.startsWith(prefix)).map(([old]) => old)];

  // the plans and screening modules narrow by one prefix: with predecessors, the scope alone
  const narrow = prefixes.length === 1 ? { division: prefix } : {};
  const [agencies, live, kept, incidents, misses, occupancy, planRows, screeningRows] = await Promise.all([
    repo.agenciesUnder(deps.db, actor.scope, prefixes),
    repo.liveCheckinCounts(deps.db, actor.scope, prefixes, day, dayEnd),
    repo.keptCheckinCounts(deps.db, actor.scope, prefixes, day),
    repo.incidentsAsOf(deps.db, actor.scope, prefixes, dayStart, dayEnd, now),
    repo.hygieneMissesByAgency(deps.db, actor.scope, prefixes, day),
    repo.occupancyByAgency(deps.db, actor.scope, prefixes, today),
    plans.planFigures(deps, actor.scope, narrow),
    screening.screeningFigures(deps, actor.scope, narrow),
  ]);
  const key = (d: string, id: number) => `${d}:${id}`;
  const planOf = new Map(planRows.map((p) => [key(p.divisionCode, p.agencyId), p]));
  const screeningOf = new Map(screeningRows.map((r) => [key(r.divisionCode, r.agencyId), r]));

  // each agency's figures ------------------------------------------------------------------------
  const perAgency = new Map<string, Figures>();
  for (const a of agencies) perAgency.set(key(a.division_code, a.id), { ...zeroFigures(), agencies: 1 });
  const fig = (d: string, id: number) => perAgency.get(key(d, id));
  const keptKeys = new Set(kept.map((r) => key(r.division_code, r.agency_id)));
  for (const r of [...kept, ...live.filter((l) => !keptKeys.has(key(l.division_code, l.agency_id)))]) {
    const f = fig(r.division_code, r.agency_id);
    if (!f) continue;
    f.checkinExpected = r.expected;
    f.checkinReported = r.reported;
    f.checkinOnTime = r.on_time;
    f.checkinMissing = Math.max(0, r.expected - r.reported);
    f.consentWithdrawn = r.withdrawn;
  }
  for (const i of incidents) {
    const f = fig(i.division_code, i.agency_id);
    if (!f) continue;
    if (i.detected_at >= dayStart) f.incidentsDetectedThatDay += 1;
    if ((OPEN_STAGES as readonly string[]).includes(i.stage)) {
      f.incidentsOpen += 1;
      f.incidentsByStage[i.stage as (typeof OPEN_STAGES)[number]] += 1;
      if (i.late) f.incidentsLate += 1;
    }
  }
  for (const m of misses) {
    const f = fig(m.division_code, m.agency_id);
    if (!f) continue;
    f.hygieneMissed += m.missed;
    f.agenciesHygieneMissed = m.missed > 0 ? 1 : 0;
  }
  for (const o of occupancy) {
    const f = fig(o.division_code, o.agency_id);
    if (!f) continue;
    f.venues += o.venues;
    f.capacity += o.capacity;
    f.occupancyNow += o.inside;
  }
  const gapKinds = new Map<string, GapKind[]>();
  for (const a of agencies) {
    const k = key(a.division_code, a.id);
    const f = perAgency.get(k) as Figures;
    const plan = planOf.get(k);
    f.agenciesWithoutPlan = plan?.hasPlan ? 0 : 1;
    f.lowStockItems = plan?.lowStockItems ?? 0;
    f.agenciesLowStock = f.lowStockItems > 0 ? 1 : 0;
    const decl = screeningOf.get(k);
    f.staffDeclarationsDue = (decl?.staleDeclarations ?? 0) + (decl?.neverDeclared ?? 0);
    f.agenciesDeclarationsDue = f.staffDeclarationsDue > 0 ? 1 : 0;
    f.riskAreaMatches = decl?.riskAreaMatches ?? 0;
    f.exposures = decl?.exposures ?? 0;
    f.openFollowUps = decl?.openFollowUps ?? 0;
    const kinds: GapKind[] = [];
    if (f.checkinMissing > 0) kinds.push('checkin_missing');
    if (f.incidentsLate > 0) kinds.push('incident_late');
    if (f.hygieneMissed > 0) kinds.push('hygiene_missed');
    if (f.agenciesWithoutPlan) kinds.push('no_plan');
    if (f.agenciesLowStock) kinds.push('low_stock');
    if (f.agenciesDeclarationsDue) kinds.push('stale_declarations');
    if (kinds.length) {
      f.agenciesWithGaps = 1;
      gapKinds.set(k, kinds);
    }
  }

  // names of the counties and bureaus that answer -------------------------------------------------
  const children = level === 'county' ? [] : await reference.childDivisions(deps, code);
  const counties = new Map<string, { code: string; name: string }>();
  if (level === 'prefecture') for (const c of children) counties.set(c.code, c);
  if (level === 'county') counties.set(code, division);
  const countyCodes = [...new Set(agencies.map((a) => current(a.division_code)))].filter((c) => !counties.has(c));
  for (const d of await Promise.all(countyCodes.map((c) => reference.findDivision(deps, c)))) if (d) counties.set(d.code, d);
  const countyOf = (d: string) => counties.get(current(d)) ?? { code: current(d), name: current(d) };
  const duty = new Map((await repo.dutyPhonesOf(deps.db, [...children.map((c) => c.code), ...counties.keys()])).map((p) => [p.division_code, maskPhone(p.phone)]));

  // lines ------------------------------------------------------------------------------------------
  const lines = new Map<string, Line>();
  if (level === 'county') {
    for (const a of agencies) {
      const sup = countyOf(a.division_code);
      lines.set(key(a.division_code, a.id), {
        ...(perAgency.get(key(a.division_code, a.id)) as Figures),
        kind: 'agency',
        code: a.division_code,
        agencyId: a.id,
        name: a.name,
        responsible: { name: a.responsible_person, phoneMasked: maskPhone(a.responsible_phone) },
        supervisor: { code: sup.code, name: bureauName(sup) },
        drillable: false,
        planResponsible: planResponsibleOf(planOf.get(key(a.division_code, a.id))),
      });
    }
  } else {
    for (const c of children) {
      lines.set(c.code, {
        ...zeroFigures(),
        kind: 'division',
        code: c.code,
        agencyId: null,
        name: c.name,
        responsible: { name: bureauName(c), phoneMasked: duty.get(c.code) ?? null },
        supervisor: { code: c.code, name: bureauName(c) },
        drillable: true,
        planResponsible: null,
      });
    }
    const lineOf = (d: string) => lines.get(level === 'province' ? `${current(d).slice(0, 4)}00` : current(d));
    for (const a of agencies) {
      const l = lineOf(a.division_code);
      if (l) addInto(l, perAgency.get(key(a.division_code, a.id)) as Figures);
    }
  }
  const total = zeroFigures();
  for (const f of perAgency.values()) addInto(total, f);

  // incidents and gaps ----------------------------------------------------------------------------
  const agencyByKey = new Map(agencies.map((a) => [key(a.division_code, a.id), a]));
  const incidentList: Incident[] = incidents.map((i) => {
    const a = agencyByKey.get(key(i.division_code, i.agency_id));
    return {
      id: i.id,
      divisionCode: i.division_code,
      divisionName: countyOf(i.division_code).name,
      agencyId: i.agency_id,
      agencyName: a?.name ?? '',
      responsiblePerson: a?.responsible_person ?? '',
      trigger: i.trigger as Incident['trigger'],
      stage: i.stage as Incident['stage'],
      late: i.late,
      detectedAt: i.detected_at.toISOString(),
      stageTimes: i.steps.map((s) => ({ stage: s.stage as Incident['stage'], at: new Date(s.at).toISOString() })),
    };
  });
  const gaps: Gap[] = agencies.flatMap((a) => {
    const kinds = gapKinds.get(key(a.division_code, a.id));
    if (!kinds) return [];
    const f = perAgency.get(key(a.division_code, a.id)) as Figures;
    const sup = countyOf(a.division_code);
    return [{
      divisionCode: a.division_code,
      agencyId: a.id,
      agencyName: a.name,
      responsible: { name: a.responsible_person, phoneMasked: maskPhone(a.responsible_phone) },
      supervisor: { code: sup.code, name: bureauName(sup) },
      kinds,
      planResponsible: planResponsibleOf(planOf.get(key(a.division_code, a.id))),
      lowStock: (planOf.get(key(a.division_code, a.id))?.lowStock ?? []).map((i) => i.name),
      staffDeclarationsDue: f.staffDeclarationsDue,
      checkinMissing: f.checkinMissing,
      incidentsLate: f.incidentsLate,
      hygieneMissed: f.hygieneMissed,
    }];
  });

  return {
    division: { code: division.code, name: division.name, level },
    trail: await trailTo(deps, actor.divisionCode as string, code),
    day,
    today,
    lineKind: level === 'province' ? 'prefecture' : level === 'prefecture' ? 'county' : 'agency',
    total: rate(total),
    lines: [...lines.values()].map(rate),
    incidents: incidentList,
    gaps,
  };
}

/** The person an agency's plan names for prevention, with their position ("王芳（办公室主任）"); null without a plan. */
function planResponsibleOf(p: { hasPlan: boolean; responsibleName: string | null; responsiblePosition: string | null } | undefined): string | null {
  if (!p?.hasPlan || !p.responsibleName) return null;
  return p.responsiblePosition ? `${p.responsibleName}（${p.responsiblePosition}）` : p.responsibleName;
}

/** The divisions from the official's own down to `code` (province, prefecture, county as far as they go). */
async function trailTo(deps: Deps, own: string, code: string) {
  const chain = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i);
  const from = chain.indexOf(own) >= 0 ? chain.indexOf(own) : chain.findIndex((c) => c.startsWith(prefixOf(own)));
  const codes = chain.slice(Math.max(0, from));
  const found = await Promise.all(codes.map((c) => reference.findDivision(deps, c)));
  return found.flatMap((d) => (d ? [{ code: d.code, name: d.name }] : []));
}

/** The desk as it is exported (the same figures), audited as an export of the jurisdiction's figures. */
export async function exportDesk(deps: Deps, actor: Actor, q: { division?: string | undefined; day?: string | undefined }, ctx: RequestContext) {
  const d = await openDesk(deps, actor, q);
  await command(deps, { actor, ctx }, async ({ audit }) =>
    audit({ action: 'oversight.desk.export', divisionCode: d.division.code, targetType: 'division', targetId: d.division.code, detail: { day: d.day, lines: d.lines.length, incidents: d.incidents.length, gaps: d.gaps.length } }),
  );
  return d;
}
