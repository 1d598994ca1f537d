// Incidents and the five earlies (issue 8 P4, decision 0030): the desks' lists, one incident with
// its timeline, stages recorded by whoever records them (one statement each: the race has one
// winner), the deadline watcher (escalations exactly once, to the prefecture and then the
// province), the desks' inbox, the bureaus' duty phones, and the retention erasure of subjects.
// `openIncident` (service.ts) opens them; everything after that is here.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { type CommandContext, command, SYSTEM_CALLER } from '../../platform/command.ts';
import { type MessageKey, t } from '../../platform/i18n.ts';
import { z as zod } from 'zod';
import { beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { deskOf, mayRecordStage, RECORDED_STAGES, RECORDER_OF, type RecordedStage, type Stage, stageMove } from './incidents.access.ts';
import { presentIncident, presentNotice } from './incidents.presenters.ts';
import type * as s from './incidents.schemas.ts';
import * as baseRepo from './repository.ts';
import * as repo from './repository/incidents.ts';

const cursorShape = zod.tuple([zod.string().regex(/^\d{6}$/), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

const filterOf = (q: z.infer<typeof s.incidentsExportQuery>): repo.IncidentFilter => ({
  ...(q.stage ? { stage: q.stage } : {}),
  ...(q.late !== undefined ? { late: q.late } : {}),
  ...(q.agencyId !== undefined ? { agencyId: q.agencyId } : {}),
  ...(q.division ? { division: q.division } : {}),
  ...(q.trigger ? { trigger: q.trigger } : {}),
});

/**
 * Incidents in the caller's scope (officials: their subtree; an agency's administrator: its own),
 * filtered by stage, lateness, agency, division and trigger; keyset pages by (division, id).
 */
export async function listIncidents(deps: Deps, actor: Actor, q: z.infer<typeof s.incidentsQuery>) {
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await repo.listIncidents(deps.db, actor.scope, filterOf(q), { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentIncident(r, deps.config, deps.crypto), (r) => [r.division_code, r.id]);
}

/** Every incident of the list's filters, for the .xlsx export (phones masked, no health value); the export is audited. */
export async function exportIncidents(deps: Deps, actor: Actor, q: z.infer<typeof s.incidentsExportQuery>, ctx: RequestContext) {
  const rows = await fetchAllPages((after: [string, number] | undefined, limit) => repo.listIncidents(deps.db, actor.scope, filterOf(q), { limit, after }), (r) => [r.division_code, r.id] as [string, number]);
  await command(deps, { actor, ctx }, async ({ audit }) => {
    audit({ action: 'prevention.incident.export', divisionCode: actor.divisionCode, detail: { rows: rows.length, filters: filterOf(q) } });
  });
  return rows.map((r) => presentIncident(r, deps.config, deps.crypto));
}

/** The stages `actor` may record on an incident at `stage` now (the buttons a desk shows). */
export function stagesFor(actor: Pick<Actor, 'role'>, stage: Stage): RecordedStage[] {
  return RECORDED_STAGES.filter((n) => mayRecordStage(actor.role, n) && stageMove(stage, n) === 'ok');
}

/**
 * One incident in scope with its steps (time, who recorded it), escalations and the stages the
 * caller may record; 404 when missing or out of scope. The read is audited: it names a person
 * with a health finding.
 */
export async function getIncident(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const row = await repo.findIncident(deps.db, actor.scope, id);
  if (!row) throw notFound();
  const [steps, escalations] = await Promise.all([repo.stepsOf(deps.db, row.key), repo.escalationsOf(deps.db, row.key)]);
  await command(deps, { actor, ctx }, async ({ audit }) => {
    audit({ action: 'prevention.incident.read', divisionCode: row.division_code, targetType: 'prevention_incident', targetId: row.id });
  });
  return {
    ...presentIncident(row, deps.config, deps.crypto),
    steps: steps.map((x) => ({ stage: x.stage as Stage, at: x.at.toISOString(), byName: x.by_name, bySystem: x.by_account === null, note: row.erased_at ? null : x.note })),
    escalations: escalations.map((e) => ({ stage: e.stage as RecordedStage, level: e.level as 'prefecture' | 'province', deadlineAt: e.deadline_at.toISOString(), escalatedAt: e.escalated_at.toISOString() })),
    mayRecord: stagesFor(actor, row.stage as Stage),
  };
}

const stageName = (locale: RequestContext['locale'], stage: string) => t(locale, `incident_stage_name_${stage}` as MessageKey);

/**
 * Records the next stage of an incident at the server's now, by the caller (decision 0030):
 * `reported` by the agency's administrator (its responsible person's desk), every later stage and
 * `ruled_out` by the county bureau — anyone else 403 `incident_stage_not_yours` naming who records
 * it. A stage out of order, or after the incident ended, is 409 `incident_stage_order` naming the
 * current stage. One statement moves the stage and inserts the step, conditioned on the stage the
 * caller saw: of two officials recording the same stage at once, one gets 201, the other 409.
 * Both desks get an in-app notice; audited as `prevention.incident.step`.
 */
export async function recordStep(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.stepCreate>, ctx: RequestContext) {
  const row = await repo.findIncident(deps.db, actor.scope, id);
  if (!row) throw notFound();
  const next = input.stage;
  if (!mayRecordStage(actor.role, next)) {
    throw new AppError('incident_stage_not_yours', { who: t(ctx.locale, RECORDER_OF[next] === 'agency' ? 'responsible_person_stage' : 'county_bureau_stage') });
  }
  const current = row.stage as Stage;
  const refuse = (stage: string) => new AppError('incident_stage_order', { stage: stageName(ctx.locale, stage), next: stageName(ctx.locale, next) });
  if (stageMove(current, next) !== 'ok') throw refuse(current);
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async (c) => {
    const moved = await repo.moveStage(c.tx, row.key, current, next, { at: now, by_account: actor.accountId, by_name: actor.displayName, note: input.note || null });
    if (!moved) throw refuse((await repo.stageOf(c.tx, row.key)) ?? current);
    const notice = { incidentId: row.id, divisionCode: row.division_code, agencyId: row.agency_id, agencyName: row.agency_name, trigger: row.trigger, stage: next, detectedAt: row.detected_at.toISOString() };
    await notify(c, notice, 'incident_stage', next, { agency: true, bureaus: [row.division_code], sms: [] });
    c.audit({ action: 'prevention.incident.step', divisionCode: row.division_code, targetType: 'prevention_incident', targetId: row.id, detail: { from: current, stage: next } });
  });
  return getIncident(deps, actor, id, ctx);
}

// notices --------------------------------------------------------------------------------------

type Notice = { incidentId: number; divisionCode: string; agencyId: number; agencyName: string; trigger: string; stage: string; detectedAt: string } & Record<string, unknown>;

/**
 * One notice about an incident: an inbox row on the agency's desk (`agency`) and on each bureau
 * desk of `bureaus`, an SMS to the duty phone of each bureau of `sms` that has one. Idempotent per
 * (kind, `part`, recipient): the same notice twice is one row and one message.
 */
async function notify(c: CommandContext, n: Notice, kind: string, part: string, to: { agency: boolean; bureaus: readonly string[]; sms: readonly string[] }): Promise<void> {
  const now = c.deps.clock.now();
  const key = (recipient: string) => `prevention:${kind}:${n.divisionCode}:${n.incidentId}:${part}:${recipient}`;
  const desks = [
    ...(to.agency ? [{ division_code: n.divisionCode, desk: 'agency' as const, agency_id: n.agencyId, recipient: `agency:${n.agencyId}` }] : []),
    ...to.bureaus.map((code) => ({ division_code: code, desk: 'bureau' as const, agency_id: null, recipient: `bureau:${code}` })),
  ];
  for (const d of desks) {
    await baseRepo.insertInbox(c.tx, { division_code: d.division_code, desk: d.desk, agency_id: d.agency_id, kind, incident_division: n.divisionCode, incident_id: n.incidentId, payload: n, idempotency_key: key(d.recipient), created_at: now });
  }
  for (const duty of await baseRepo.dutyPhones(c.tx, WATCH, to.sms)) {
    await c.send({ divisionCode: duty.division_code, channel: 'sms', recipient: duty.phone, template: `prevention_${kind}`, payload: n, idempotency_key: key(`duty:${duty.division_code}`) });
  }
}

// the deadline watcher -------------------------------------------------------------------------

const WATCH = systemScope('incident deadline watcher and notices: every open incident in every division');

const PREVIOUS: Readonly<Record<string, string>> = { reported: 'detected', isolated: 'reported', diagnosed: 'isolated', treated: 'diagnosed', closed: 'treated' };

/** The configured deadlines as the watcher's rules: each stage's allowance counts from the start of the stage before it. */
export function deadlineRules(deps: Pick<Deps, 'config'>): repo.Deadline[] {
  return Object.entries(deps.config.prevention.incidentDeadlines).flatMap(([stage, minutes]) => (minutes ? [{ stage, after: PREVIOUS[stage] as string, minutes }] : []));
}

/**
 * The watcher (every 5 minutes, in every worker): each open incident whose next stage is overdue
 * (strictly after its stage's start plus the allowance) is escalated to its prefecture's desk, and
 * once overdue twice as long (start + 2 × allowance) to the province's desk — each (incident,
 * stage, level) exactly once, however many runs overlap or repeat, and on the first run after a
 * downtime (the escalation time is then that run's, the recorded deadline the stage's own). The
 * incident is marked late, which every desk above sees. Notices: the escalated-to desk's inbox and
 * an SMS to its duty phone, in-app copies to the desks below it (county, agency; the prefecture's
 * too for the province step). One transaction; audited by the system. Returns how many escalations
 * this run made.
 */
export async function watchIncidentDeadlines(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const rules = deadlineRules(deps);
  if (!rules.length) return 0;
  return command(deps, SYSTEM_CALLER, async (c) => {
    const made = [...(await repo.escalateOverdue(c.tx, WATCH, now, rules, 'prefecture')), ...(await repo.escalateOverdue(c.tx, WATCH, now, rules, 'province'))];
    if (!made.length) return 0;
    const names = await repo.agencyNames(c.tx, WATCH, made.map((e) => ({ division_code: e.division_code, id: e.agency_id })));
    for (const e of made) {
      const agency = names.find((a) => a.division_code === e.division_code && a.id === e.agency_id);
      const target = e.level === 'prefecture' ? e.prefecture_code : e.province_code;
      const copies = e.level === 'prefecture' ? [e.division_code] : [e.division_code, e.prefecture_code];
      const n: Notice = {
        incidentId: e.incident_id,
        divisionCode: e.division_code,
        agencyId: e.agency_id,
        agencyName: agency?.name ?? '',
        trigger: e.trigger,
        stage: e.current_stage,
        detectedAt: e.detected_at.toISOString(),
        dueStage: e.stage,
        level: e.level,
        deadlineAt: e.deadline_at.toISOString(),
        escalatedAt: e.escalated_at.toISOString(),
      };
      await notify(c, n, 'incident_escalated', `${e.stage}:${e.level}`, { agency: true, bureaus: [target, ...copies], sms: [target] });
      c.audit({
        action: 'prevention.incident.escalate',
        divisionCode: e.division_code,
        targetType: 'prevention_incident',
        targetId: e.incident_id,
        detail: { stage: e.stage, level: e.level, to: target, deadlineAt: e.deadline_at.toISOString(), escalatedAt: e.escalated_at.toISOString() },
      });
    }
    return made.length;
  });
}

// retention ------------------------------------------------------------------------------------

const ERASE = systemScope('incident retention: subjects of incidents past their trigger record\'s retention, and visitors\' past the visit\'s');

/** Audits each erased incident by id only (never its name, phone or detail). */
function auditErased(c: CommandContext, gone: readonly { division_code: string; id: number }[]) {
  for (const g of gone) {
    const key = systemKey(ERASE, 'prevention_incidents', g.division_code, g.id);
    c.audit({ action: 'prevention.incident.erase-subject', divisionCode: key.division_code, targetType: 'prevention_incident', targetId: key.id });
  }
}

/**
 * The retention job (daily, 02:30 Beijing time; decision 0030): an incident keeps its subject's
 * identity until it ends (closed or ruled out) plus its trigger record's retention
 * (`trigger_retention_days`: 28 for visitors, 30 for staff checks, fixed when it opened) — and a
 * visitor's, whatever the stage, no longer than the visit it came from: kept on the visit's
 * Beijing day and the days of the visitor retention after it, erased from the day after those
 * (whichever comes first). Then name, phone, staff link, the trigger's detail (its venue kept) and
 * the steps' notes are erased, while category, stage times, lateness, agency and venue stay. A
 * staff incident still open keeps its subject. Returns how many incidents were erased now.
 */
export async function eraseIncidentSubjects(deps: Deps): Promise<number> {
  return command(deps, SYSTEM_CALLER, async (c) => {
    const now = c.deps.clock.now();
    const gone = await repo.eraseSubjects(c.tx, ERASE, now, beijingInstant(beijingDate(now)));
    auditErased(c, gone);
    return gone.length;
  });
}

/**
 * The visitor purge's share (venues, in its transaction; through service.ts): erases the subjects
 * of visitor incidents opened by a visit of a Beijing day before `before` (`YYYY-MM-DD`, the
 * purge's cutoff), whatever their stage, so a visitor is named nowhere once their visits are
 * purged — the same cutoff, the same run. Each erased incident audited by id. Returns the
 * incidents erased now (their county and id: the purge counts them per county).
 */
export async function eraseVisitorSubjectsBefore(deps: Deps, before: string): Promise<{ divisionCode: string; incidentId: number }[]> {
  return command(deps, SYSTEM_CALLER, async (c) => {
    const gone = await repo.eraseVisitorSubjects(c.tx, ERASE, c.deps.clock.now(), beijingInstant(before));
    auditErased(c, gone);
    return gone.map((g) => ({ divisionCode: g.division_code, incidentId: g.id }));
  });
}

// the inbox -----------------------------------------------------------------------------------

function deskOrRefuse(actor: Actor) {
  const desk = deskOf(actor);
  if (!desk) throw new AppError('forbidden');
  return desk;
}

/** The caller's desk's notices, newest first (agency administrators: the agency's; officials: their bureau's), with the unread count. */
export async function listInbox(deps: Deps, actor: Actor, q: z.infer<typeof s.inboxQuery>) {
  const desk = deskOrRefuse(actor);
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await repo.listInbox(deps.db, desk, q.unread !== undefined ? { unread: q.unread } : {}, { limit: q.limit, after });
  return { ...toPage(rows, q.limit, presentNotice, (r) => [r.division_code, r.id]), unread: await repo.unreadCount(deps.db, desk) };
}

/** Marks one of the desk's notices read (another desk's is 404); a repeat keeps the first reading. */
export async function markNoticeRead(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const desk = deskOrRefuse(actor);
  const row = await repo.findNotice(deps.db, desk, id);
  if (!row) throw notFound();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    if (await repo.markRead(tx, row.key, deps.clock.now(), actor.accountId)) {
      audit({ action: 'prevention.inbox.read', divisionCode: row.division_code, targetType: 'prevention_inbox', targetId: row.id });
    }
  });
  const after = await repo.findNotice(deps.db, desk, id);
  if (!after) throw notFound();
  return presentNotice(after);
}

// duty phones ----------------------------------------------------------------------------------

/** The caller's own bureau's duty phone (officials). */
export async function getDutyPhone(deps: Deps, actor: Actor) {
  const code = actor.divisionCode as string;
  const row = await repo.dutyPhoneOf(deps.db, code);
  return { divisionCode: code, phone: row?.phone ?? null, updatedAt: row?.updated_at.toISOString() ?? null };
}

/** Sets the caller's own bureau's duty phone: every notice to its desk is also an SMS to it. Audited (the number masked). */
export async function setDutyPhone(deps: Deps, actor: Actor, phone: string, ctx: RequestContext) {
  const code = actor.divisionCode as string;
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.setDutyPhone(tx, code, phone, deps.clock.now(), actor.accountId);
    audit({ action: 'prevention.duty-phone.set', divisionCode: code, targetType: 'division', targetId: code, detail: { phone: maskPhone(phone) } });
  });
  return getDutyPhone(deps, actor);
}

/** Clears the caller's own bureau's duty phone (notices stay in-app only). Audited. */
export async function clearDutyPhone(deps: Deps, actor: Actor, ctx: RequestContext) {
  const code = actor.divisionCode as string;
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    if (await repo.clearDutyPhone(tx, code)) audit({ action: 'prevention.duty-phone.clear', divisionCode: code, targetType: 'division', targetId: code });
  });
  return getDutyPhone(deps, actor);
}
