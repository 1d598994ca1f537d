// Prevention (issue 8 P3/P4, decision 0026): the module's public surface. Other modules open
// incidents through `openIncident` (the cross-module seam: screening's exposures and risk-area
// stays, venues' door refusals), the visitor purge erases the visitors it purges from their
// incidents through `eraseVisitorSubjectsBefore`, and temperatures are read through
// shared/temperature.ts.
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { type CommandContext, command, SYSTEM_CALLER } from '../../platform/command.ts';
import type { IncidentDetail } from './incidents.access.ts';
import * as repo from './repository.ts';

export type { IncidentDetail };
/** The visitor purge erases the subjects of the visitor incidents of the days it purges, in its transaction (decision 0030). */
export { eraseVisitorSubjectsBefore } from './incidents.service.ts';

export type IncidentTrigger = 'fever' | 'symptom' | 'exposure' | 'risk_area' | 'door_refusal';
export type IncidentSubject =
  | { kind: 'staff'; staffId: number } // agency_staff row of input.agencyId
  | { kind: 'visitor'; name: string; phone: string | null }; // a person at a venue's door


/** The seam reads and writes incidents on behalf of the caller's command, in the trigger's division. */
const SEAM = systemScope('openIncident: the calling command owns the trigger record and its division');

/** What a desk's notice and an SMS say about an incident: never a health value or the subject's name. */
export type IncidentNotice = { incidentId: number; divisionCode: string; agencyId: number; agencyName: string; trigger: IncidentTrigger; stage: string; detectedAt: string };

/**
 * The open incident (not closed or ruled out) of one trigger whose subject is the staff member, if
 * any: a repeated declaration of the same exposure joins it rather than opening another (the
 * bureau follows one case per person and cause). Runs in the caller's transaction (`deps` of its
 * command). Returns `{ id }` or null.
 */
export async function openIncidentOfStaff(deps: Deps, input: { divisionCode: string; staffId: number; trigger: IncidentTrigger }): Promise<{ id: number } | null> {
  const row = await repo.openIncidentOfStaff(deps.db, SEAM, input.divisionCode, input.staffId, input.trigger);
  return row ? { id: row.id } : null;
}

/**
 * Opens an incident in stage `detected` inside the caller's command (deps from the command's
 * context: joins its transaction), notifying the agency's responsible person and the county
 * bureau's desk in the same transaction. Idempotent per (triggerRef.table, triggerRef.id).
 *
 * - `divisionCode`, `agencyId`: the agency's county and id (the incident belongs there);
 * - `subject`: a staff member of that agency (by agency_staff id), or a visitor (name, phone);
 * - `trigger`: the category officials see; `triggerRef`: the record that raised it (unique with
 *   the division: a repeat returns the first incident, `created: false`, and notifies nobody);
 * - `detectedAt`: when the first copy of the triggering record reached the server (server clock);
 * - `detail`: context for the desks, never health values (no temperature, no symptom), under the
 *   keys IncidentDetail names (incidents.access.ts: which of them the desks see).
 *
 * Notices: an inbox row on the agency's desk and on the county bureau's desk, an SMS to the
 * agency's responsible person (agencies.responsible_phone) and one to the county bureau's duty
 * phone when set (outbox, idempotency keys per incident and recipient). Audited as
 * `prevention.incident.open` by the system. Throws (rolling the caller back) when the agency or
 * the staff member does not exist in `divisionCode`.
 */
export async function openIncident(
  deps: Deps,
  input: {
    divisionCode: string;
    agencyId: number;
    subject: IncidentSubject;
    trigger: IncidentTrigger;
    triggerRef: { table: string; id: number | string };
    detectedAt: Date;
    detail?: IncidentDetail;
  },
): Promise<{ id: number; created: boolean }> {
  return command(deps, SYSTEM_CALLER, async (c) => {
    const triggerId = String(input.triggerRef.id);
    const existing = await repo.incidentOfTrigger(c.tx, SEAM, input.divisionCode, input.triggerRef.table, triggerId);
    if (existing) return { id: existing.id, created: false };
    const agency = await repo.agencyContact(c.tx, SEAM, input.divisionCode, input.agencyId);
    if (!agency) throw new Error(`openIncident: no agency ${input.divisionCode}/${input.agencyId}`);
    let staffId: number | null = null;
    let name: string;
    let phoneEnc: string | null = null;
    if (input.subject.kind === 'staff') {
      const staff = await repo.staffOfAgency(c.tx, SEAM, input.divisionCode, input.agencyId, input.subject.staffId);
      if (!staff) throw new Error(`openIncident: no staff member ${input.subject.staffId} of agency ${input.divisionCode}/${input.agencyId}`);
      staffId = staff.id;
      name = staff.name;
    } else {
      name = input.subject.name;
      phoneEnc = input.subject.phone ? c.deps.crypto.encrypt(input.subject.phone) : null;
    }
    const now = c.deps.clock.now();
    const inserted = await repo.insertIncident(c.tx, {
      division_code: input.divisionCode,
      agency_id: input.agencyId,
      subject_kind: input.subject.kind,
      staff_id: staffId,
      subject_name: name,
      subject_phone_enc: phoneEnc,
      trigger: input.trigger,
      trigger_table: input.triggerRef.table,
      trigger_id: triggerId,
      detected_at: input.detectedAt,
      stage_at: input.detectedAt,
      detail: input.detail ?? null,
      trigger_retention_days: input.subject.kind === 'visitor' ? c.deps.config.venues.visitorRetentionDays : c.deps.config.prevention.checkinRetentionDays,
      created_at: now,
    });
    if (!inserted) {
      // another command opened it between the read and the insert: its notices are its own
      const row = await repo.incidentOfTrigger(c.tx, SEAM, input.divisionCode, input.triggerRef.table, triggerId);
      if (!row) throw new Error('openIncident: the conflicting incident is not visible');
      return { id: row.id, created: false };
    }
    const key = repo.incidentKey(SEAM, inserted);
    await repo.insertStep(c.tx, key, { stage: 'detected', at: input.detectedAt, by_account: null, by_name: null, note: null });
    const notice: IncidentNotice = {
      incidentId: key.id,
      divisionCode: key.division_code,
      agencyId: agency.id,
      agencyName: agency.name,
      trigger: input.trigger,
      stage: 'detected',
      detectedAt: input.detectedAt.toISOString(),
    };
    await notifyAgency(c, notice, 'incident_opened', agency.responsible_phone);
    await notifyBureaus(c, notice, 'incident_opened', [key.division_code]);
    c.audit({
      action: 'prevention.incident.open',
      divisionCode: key.division_code,
      targetType: 'prevention_incident',
      targetId: key.id,
      detail: { trigger: input.trigger, triggerTable: input.triggerRef.table, triggerId, agencyId: agency.id, subjectKind: input.subject.kind },
    });
    return { id: key.id, created: true };
  });
}

/** The idempotency key of one notice about an incident to one recipient. */
const noticeKey = (n: IncidentNotice, kind: string, recipient: string) => `prevention:${kind}:${n.divisionCode}:${n.incidentId}:${recipient}`;

/** A notice on the agency's desk and, when `smsTo` is given, an SMS to its responsible person. */
async function notifyAgency(c: CommandContext, n: IncidentNotice & Record<string, unknown>, kind: string, smsTo: string | null): Promise<void> {
  const now = c.deps.clock.now();
  await repo.insertInbox(c.tx, {
    division_code: n.divisionCode,
    desk: 'agency',
    agency_id: n.agencyId,
    kind,
    incident_division: n.divisionCode,
    incident_id: n.incidentId,
    payload: n,
    idempotency_key: noticeKey(n, kind, `agency:${n.agencyId}`),
    created_at: now,
  });
  if (smsTo) {
    await c.send({ divisionCode: n.divisionCode, channel: 'sms', recipient: smsTo, template: `prevention_${kind}`, payload: n, idempotency_key: noticeKey(n, kind, `agency-sms:${n.agencyId}`) });
  }
}

/**
 * A notice on each bureau desk of `codes` (division codes) and an SMS to each of their duty phones
 * that is set (`sms: false`: inbox copies only).
 */
async function notifyBureaus(c: CommandContext, n: IncidentNotice & Record<string, unknown>, kind: string, codes: readonly string[], opts: { sms?: readonly string[] } = {}): Promise<void> {
  const now = c.deps.clock.now();
  for (const code of codes) {
    await repo.insertInbox(c.tx, {
      division_code: code,
      desk: 'bureau',
      agency_id: null,
      kind,
      incident_division: n.divisionCode,
      incident_id: n.incidentId,
      payload: n,
      idempotency_key: noticeKey(n, kind, `bureau:${code}`),
      created_at: now,
    });
  }
  const smsCodes = opts.sms ?? codes;
  for (const duty of await repo.dutyPhones(c.tx, SEAM, smsCodes)) {
    await c.send({ divisionCode: duty.division_code, channel: 'sms', recipient: duty.phone, template: `prevention_${kind}`, payload: n, idempotency_key: noticeKey(n, kind, `duty:${duty.division_code}`) });
  }
}
