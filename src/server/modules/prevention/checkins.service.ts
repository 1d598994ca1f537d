// Daily check-ins (issue 8 P3; decision 0026): the report from a staff member's phone (or, for a
// colleague with a paper consent, from the administrator), idempotent per (recording account,
// clientId); the agency's day list; settings; the reminder, counts and purge jobs. Health values
// are stored only encrypted (deps.crypto) and never enter an audit detail or a log line.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { auditedInsert, command, SYSTEM_CALLER } from '../../platform/command.ts';
import { t } from '../../platform/i18n.ts';
import { addDays, beijingDate, beijingInstant, clockText } from '../../../shared/beijing-day.ts';
import { canonicalSymptoms, type DayStatus, dayStatus, fingerprintText, timingOf, triggerOf } from './checkins.rules.ts';
import { cutoffOf, staffRow } from './checkins.common.ts';
import * as repo from './repository/checkins.ts';
import { SYMPTOMS, type Symptom } from './schemas.ts';
import type * as s from './schemas.ts';
import { openIncident } from './service.ts';

const SYSTEM = systemScope('prevention jobs: check-in reminders, daily counts and the purge run over every agency');

type CheckinReply = { status: 200 | 201; body: z.infer<typeof s.checkinResult> };
const replyOf = (row: { id: number; abnormal: boolean; incident_id: number | null }) => ({ id: row.id, abnormal: row.abnormal, ...(row.incident_id !== null ? { incidentId: row.incident_id } : {}) });

/**
 * Records a daily report (issue 8 contract). The staff member reports for themselves (a `staffId`
 * of someone else: 403); the administrator for a colleague whose paper consent is in force
 * (`staffId` required; otherwise 409 `checkin_paper_only`). Idempotent per (recording account,
 * clientId): the same report again → 200 with the first body; the same clientId with another
 * temperature, symptoms or measuredAt → 409 `checkin_client_id_reused`, nothing changed (a new
 * sentAt is a retry). Without consent in force → 409 (`consent_required`, or `consent_withdrawn`
 * naming the date). A fever (≥ 37.3 °C) or a listed symptom opens an incident in the same
 * transaction (trigger fever / symptom), detected at the first copy's receipt. Returns the status
 * (201 new, 200 repeat) and `{ id, abnormal, incidentId? }`. Cost (decision 0032): one read
 * (repository `checkinContext`), then for a new normal report one statement (the insert with its
 * audit entry, `auditedInsert`), for an abnormal one a transaction (insert, incident, audit); a
 * resend or a refusal stops after the read.
 */
export async function recordCheckin(deps: Deps, actor: Actor, input: z.infer<typeof s.checkinCreate>, ctx: RequestContext): Promise<CheckinReply> {
  const self = actor.role === 'agency_staff';
  if (self && input.staffId !== undefined && input.staffId !== actor.staffId) throw new AppError('checkin_staff_only_own');
  if (!self && input.staffId === undefined) throw fieldError('staffId', 'required');
  const staffId = self ? actor.staffId : input.staffId;
  if (staffId === undefined) throw new AppError('staff_not_found');
  // one read for every decision below (decision 0032): the roster row, the stored copy of this
  // clientId, the consent in force (or the last withdrawal), the agency's cut-off
  const staff = await repo.checkinContext(deps.db, actor.scope, { staffId, accountId: actor.accountId, clientId: input.clientId, defaultCutoff: deps.config.prevention.checkinCutoffMinutes });
  if (!staff) throw new AppError('staff_not_found');
  if (staff.status !== 'active') throw new AppError('not_on_roster');
  const receivedAt = deps.clock.now();
  const symptoms = canonicalSymptoms(input.symptoms as Symptom[], SYMPTOMS);
  const phoneMeasuredAt = input.measuredAt ? new Date(input.measuredAt) : null;
  const phoneSentAt = input.sentAt ? new Date(input.sentAt) : null;
  const fingerprint = deps.crypto.keyedHash(fingerprintText(staff.id, input.temperature, symptoms, phoneMeasuredAt));

  const replay = (row: { fingerprint: string; staff_id: number; id: number; abnormal: boolean; incident_id: number | null }): CheckinReply => {
    if (row.fingerprint !== fingerprint || row.staff_id !== staff.id) throw new AppError('checkin_client_id_reused');
    return { status: 200, body: replyOf(row) };
  };
  // a copy of a report already stored answers as the first did, consent or not (it was recorded while consent was in force)
  if (staff.prior) return replay(staff.prior);

  if (!staff.consent_method) throw staff.withdrawn_at ? new AppError('consent_withdrawn', { date: beijingDate(staff.withdrawn_at) }) : new AppError('consent_required');
  if (!self && staff.consent_method !== 'paper') throw new AppError('checkin_paper_only');

  const timing = timingOf(receivedAt, phoneMeasuredAt, phoneSentAt, staff.cutoff_minutes);
  const trigger = triggerOf(input.temperature, symptoms);
  const row: repo.NewCheckin = {
    agency_id: staff.agency_id,
    recorded_by: actor.accountId,
    client_id: input.clientId,
    fingerprint,
    received_at: receivedAt,
    measured_at: timing.measuredAt,
    phone_measured_at: phoneMeasuredAt,
    phone_sent_at: phoneSentAt,
    phone_clock_unreliable: timing.unreliable,
    day: timing.day,
    on_time: timing.onTime,
    temperature_enc: deps.crypto.encrypt(input.temperature.toFixed(1)),
    symptoms_enc: deps.crypto.encrypt(JSON.stringify(symptoms)),
    abnormal: trigger !== null,
  };
  const detail = { staffId: staff.id, day: timing.day, onTime: timing.onTime, phoneClockUnreliable: timing.unreliable, recordedBy: self ? 'self' : 'administrator' };
  let stored: { id: number; abnormal: boolean; incident_id: number | null } | null;
  if (!trigger) {
    // a normal report: the insert and its audit entry as one statement, no transaction (decision 0032)
    const [key] = await auditedInsert(deps, { actor, ctx }, repo.checkinInsert(deps.db, staff.key, row), { action: 'prevention.checkin.create', divisionCode: staff.division_code, targetType: 'prevention_checkin', detail });
    stored = key ? { id: key.id, abnormal: false, incident_id: null } : null;
  } else {
    stored = await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
      const key = await repo.insertCheckin(tx, staff.key, row);
      if (!key) return null; // an identical copy racing on another connection stored it first
      const incident = await openIncident(inTx, {
        divisionCode: staff.division_code,
        agencyId: staff.agency_id,
        subject: { kind: 'staff', staffId: staff.id },
        trigger,
        triggerRef: { table: 'prevention_checkins', id: key.id },
        detectedAt: receivedAt,
        detail: { checkinId: key.id, day: timing.day },
      });
      await repo.setCheckinIncident(tx, key, incident.id);
      audit({ action: 'prevention.checkin.create', divisionCode: staff.division_code, targetType: 'prevention_checkin', targetId: key.id, detail });
      return { id: key.id, abnormal: true, incident_id: incident.id };
    });
  }
  if (stored) return { status: 201, body: replyOf(stored) };
  const won = await repo.checkinOfClient(deps.db, { division_code: staff.division_code, accountId: actor.accountId }, input.clientId);
  if (!won) throw new Error('checkin: the racing copy that stored this clientId is not readable');
  return replay(won);
}

/** The symptom checklist with its labels in both languages. */
export function symptomList() {
  return { items: SYMPTOMS.map((code) => ({ code, zh: t('zh-CN', `symptom_${code}`), en: t('en', `symptom_${code}`) })) };
}

const MAX_RANGE_DAYS = 62;

/**
 * A staff member's reports with their values: a staff member their own (no `staffId`, or their
 * own), the administrator a colleague's (`staffId` required; the read is audited as
 * `prevention.checkin.read`, without values). Default range: the last 14 Beijing days.
 */
export async function listCheckins(deps: Deps, actor: Actor, q: z.infer<typeof s.checkinsQuery>, ctx: RequestContext) {
  const self = actor.role === 'agency_staff';
  if (self && q.staffId !== undefined && q.staffId !== actor.staffId) throw new AppError('checkin_staff_only_own');
  if (!self && q.staffId === undefined) throw fieldError('staffId', 'required');
  const staff = await staffRow(deps, actor, self ? actor.staffId : q.staffId);
  const today = beijingDate(deps.clock.now());
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -13);
  if (from > to) throw fieldError('to', 'date_range_order');
  if (Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86_400_000) throw fieldError('to', 'date_range_too_long', { max: MAX_RANGE_DAYS });
  const rows = await repo.listCheckins(deps.db, actor.scope, staff.key, from, to);
  if (!self || actor.staffId !== staff.id) {
    await command(deps, { actor, ctx }, async ({ audit }) => {
      audit({ action: 'prevention.checkin.read', divisionCode: staff.division_code, targetType: 'agency_staff', targetId: staff.id, personalTarget: true, detail: { from, to, records: rows.length } });
    });
  }
  return {
    staffId: staff.id,
    name: staff.name,
    items: rows.map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      day: r.day,
      onTime: r.on_time,
      receivedAt: r.received_at.toISOString(),
      measuredAt: r.measured_at.toISOString(),
      phoneClockUnreliable: r.phone_clock_unreliable,
      temperature: Number(deps.crypto.decrypt(r.temperature_enc as string)),
      symptoms: JSON.parse(deps.crypto.decrypt(r.symptoms_enc as string)) as Symptom[],
      abnormal: r.abnormal,
      incidentId: r.incident_id,
      recordedBy: { accountId: r.recorded_by, self: r.by_self },
    })),
  };
}

// the agency's day -----------------------------------------------------------------------------

type RosterRow = Awaited<ReturnType<typeof repo.dayRoster>>[number];

/** The moment a day is judged at: its end, or now while it lasts. */
const judgedAt = (day: string, now: Date) => new Date(Math.min(now.getTime(), beijingInstant(addDays(day, 1)).getTime()));

/** A roster row's status for `day` (checkins.rules.ts dayStatus), by the server's clock `now`. */
function statusOf(r: RosterRow, day: string, now: Date): DayStatus {
  return dayStatus({
    reports: r.reports,
    onTime: r.on_time,
    consentGivenAt: r.consent_given_at,
    consentWithdrawnAt: r.consent_withdrawn_at,
    at: judgedAt(day, now),
    cutoffPassed: now.getTime() >= beijingInstant(day, r.cutoff_minutes).getTime(),
  });
}

/**
 * The administrator's day list: each active roster member of the agency with their status for the
 * Beijing day `date` (default today; a later day is 400): on time, late, pending (before the
 * cut-off), missing, withdrawn (consent withdrawn: never "missing") or no consent. No values.
 */
export async function dayList(deps: Deps, actor: Actor, date: string | undefined) {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const day = date ?? today;
  if (day > today) throw fieldError('date', 'day_in_future');
  const divisionCode = actor.divisionCode as string;
  const agencyId = actor.agencyId as number;
  const cutoff = await cutoffOf(deps, actor, divisionCode, agencyId);
  const rows = await repo.dayRoster(deps.db, actor.scope, { divisionCode, agencyId }, day, judgedAt(day, now), deps.config.prevention.checkinCutoffMinutes);
  const items = rows.map((r) => ({
    staffId: r.staff_id,
    name: r.name,
    position: r.position,
    status: statusOf(r, day, now),
    firstReceivedAt: r.first_received_at?.toISOString() ?? null,
    reports: r.reports,
    abnormal: Boolean(r.abnormal),
    consentMethod: r.consent_method,
    withdrawnAt: r.consent_withdrawn_at?.toISOString() ?? null,
  }));
  const n = (st: DayStatus) => items.filter((i) => i.status === st).length;
  return {
    date: day,
    cutoff: clockText(cutoff),
    cutoffPassed: now.getTime() >= beijingInstant(day, cutoff).getTime(),
    items,
    counts: { expected: n('on_time') + n('late') + n('pending') + n('missing'), onTime: n('on_time'), late: n('late'), pending: n('pending'), missing: n('missing'), withdrawn: n('withdrawn'), noConsent: n('no_consent') },
  };
}

// settings -------------------------------------------------------------------------------------

/** The agency's cut-off (its own, or the default) and the retention of raw checks. */
export async function getSettings(deps: Deps, actor: Actor) {
  const agency = await repo.findAgency(deps.db, actor.scope, actor.divisionCode as string, actor.agencyId as number);
  const set = agency ? await repo.findSettings(deps.db, agency.key) : undefined;
  return { cutoff: clockText(set?.cutoff_minutes ?? deps.config.prevention.checkinCutoffMinutes), default: !set, retentionDays: deps.config.prevention.checkinRetentionDays };
}

/** The administrator sets the agency's cut-off (Beijing time); audited as `prevention.settings.update`. */
export async function updateSettings(deps: Deps, actor: Actor, input: z.infer<typeof s.settingsUpdate>, ctx: RequestContext) {
  const agency = await repo.findAgency(deps.db, actor.scope, actor.divisionCode as string, actor.agencyId as number);
  if (!agency) throw new AppError('not_found');
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.upsertSettings(tx, agency.key, input.cutoff, deps.clock.now(), actor.accountId);
    audit({ action: 'prevention.settings.update', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { cutoff: clockText(input.cutoff) } });
  });
  return getSettings(deps, actor);
}

// daily counts ---------------------------------------------------------------------------------

/** Daily counts (what stays after the purge) of the agencies in reach: officials by division, an administrator its own. No values. */
export async function dailyCounts(deps: Deps, actor: Actor, q: z.infer<typeof s.countsQuery>) {
  if (q.from > q.to) throw fieldError('to', 'date_range_order');
  if (Date.parse(q.to) - Date.parse(q.from) > 92 * 86_400_000) throw fieldError('to', 'date_range_too_long', { max: 92 });
  const rows = await repo.listDailyCounts(deps.db, actor.scope, q.from, q.to, q.division);
  return {
    items: rows.map((r) => ({ divisionCode: r.division_code, agencyId: r.agency_id, agencyName: r.agency_name, day: r.day, expected: r.expected, reported: r.reported, onTime: r.on_time, late: r.late, abnormal: r.abnormal, withdrawn: r.withdrawn })),
  };
}

/** The counts of every agency for `day`, from the same statuses as the day list. */
async function countsOfDay(deps: Deps, day: string, now: Date): Promise<repo.DailyCountRow[]> {
  const rows = await repo.dayRoster(deps.db, SYSTEM, {}, day, judgedAt(day, now), deps.config.prevention.checkinCutoffMinutes);
  const byAgency = new Map<string, repo.DailyCountRow>();
  for (const r of rows) {
    const k = `${r.division_code}/${r.agency_id}`;
    const c = byAgency.get(k) ?? { division_code: r.division_code, agency_id: r.agency_id, day, expected: 0, reported: 0, on_time: 0, late: 0, abnormal: 0, withdrawn: 0, computed_at: now };
    const st = statusOf(r, day, now);
    if (st === 'on_time' || st === 'late' || st === 'pending' || st === 'missing') c.expected++;
    if (st === 'on_time' || st === 'late') c.reported++;
    if (st === 'on_time') c.on_time++;
    if (st === 'late') c.late++;
    if (st === 'withdrawn') c.withdrawn++;
    if (r.abnormal) c.abnormal++;
    byAgency.set(k, c);
  }
  return [...byAgency.values()];
}

/** The job: today's and yesterday's counts (Beijing), replaced by each run. Returns the rows written. */
export async function computeDailyCounts(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  let n = 0;
  for (const day of [addDays(today, -1), today]) {
    const rows = await countsOfDay(deps, day, now);
    n += await command(deps, SYSTEM_CALLER, async ({ tx }) => repo.upsertDailyCounts(tx, SYSTEM, rows));
  }
  return n;
}

/** Recomputes and replaces the counts of the named days (the demo seed; an operator's repair). Returns the rows written. */
export async function recountDays(deps: Deps, days: readonly string[]): Promise<number> {
  const now = deps.clock.now();
  let n = 0;
  for (const day of days) {
    const rows = await countsOfDay(deps, day, now);
    n += await command(deps, SYSTEM_CALLER, async ({ tx }) => repo.upsertDailyCounts(tx, SYSTEM, rows));
  }
  return n;
}

/**
 * The job: an SMS to each roster member still missing today once their agency's cut-off has
 * passed — consent in force on their own phone (never withdrawn or without consent; a paper-consent
 * colleague is recorded by the administrator) — exactly once per person and day, also across
 * overlapping runs (the outbox's idempotency key). Returns how many were due.
 */
export async function remindMissing(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const rows = await repo.dayRoster(deps.db, SYSTEM, {}, today, now, deps.config.prevention.checkinCutoffMinutes);
  const due = rows.filter((r) => r.consent_method === 'self' && statusOf(r, today, now) === 'missing');
  if (!due.length) return 0;
  await command(deps, SYSTEM_CALLER, async ({ send }) => {
    for (const r of due) {
      const params = { name: r.name, date: today, cutoff: clockText(r.cutoff_minutes) };
      await send({
        divisionCode: r.division_code,
        channel: 'sms',
        recipient: r.phone,
        template: 'prevention_checkin_reminder',
        payload: { ...params, text: t('zh-CN', 'checkin_reminder_sms', params) },
        idempotency_key: `prevention:checkin-reminder:${r.division_code}:${r.staff_id}:${today}`,
      });
    }
  });
  return due.length;
}

/**
 * The job: raw check-ins of days before today − retention (default 30 days: a report of 02-10 goes
 * on 03-12) are deleted, except those an incident still holds; the daily counts of those days are
 * written first where missing, and stay. Audited as `prevention.checkin.purge` (counts only).
 */
export async function purgeCheckins(deps: Deps): Promise<{ before: string; deleted: number }> {
  const now = deps.clock.now();
  const before = addDays(beijingDate(now), -deps.config.prevention.checkinRetentionDays);
  const days = await repo.daysBefore(deps.db, SYSTEM, before);
  for (const day of days) {
    const rows = await countsOfDay(deps, day, now);
    await command(deps, SYSTEM_CALLER, async ({ tx }) => repo.upsertDailyCounts(tx, SYSTEM, rows, { keep: true }));
  }
  const deleted = await command(deps, SYSTEM_CALLER, async ({ tx, audit }) => {
    const n = await repo.purgeCheckins(tx, SYSTEM, before);
    if (n) audit({ action: 'prevention.checkin.purge', divisionCode: null, targetType: 'prevention_checkin', detail: { before, deleted: n } });
    return n;
  });
  return { before, deleted };
}
