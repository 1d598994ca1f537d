// Prevention: consent, daily check-ins and their counts, incidents, escalations, the desks' inbox
// and duty phones. Kysely queries only; every read is scoped (db/scope.ts) or names the system
// scope it runs under; rows are changed by the key a scoped read returned.
import { type ScopedKey, type SystemScope, scopedKey } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

export type IncidentKey = ScopedKey<'prevention_incidents'>;

// incidents ------------------------------------------------------------------------------------

export type NewIncidentRow = {
  division_code: string;
  agency_id: number;
  subject_kind: 'staff' | 'visitor';
  staff_id: number | null;
  subject_name: string | null;
  subject_phone_enc: string | null;
  trigger: string;
  trigger_table: string;
  trigger_id: string;
  detected_at: Date;
  stage_at: Date;
  detail: Record<string, unknown> | null;
  trigger_retention_days: number;
  created_at: Date;
};

/**
 * Inserts an incident unless its trigger record already opened one (the unique key on the
 * trigger): one statement, so two requests racing on the same trigger open one incident. Returns
 * the new row's key, or undefined when it existed.
 */
export async function insertIncident(db: Executor, row: NewIncidentRow) {
  return db
    .insertInto('prevention_incidents')
    .values({ ...row, stage: 'detected', detail: row.detail === null ? null : JSON.stringify(row.detail) })
    .onConflict((oc) => oc.columns(['division_code', 'trigger_table', 'trigger_id']).doNothing())
    .returning(['division_code', 'id'])
    .executeTakeFirst();
}

/** The incident a trigger record opened, if any (the seam's idempotent answer; read by the system on the caller's behalf). */
export async function incidentOfTrigger(db: Executor, _scope: SystemScope, divisionCode: string, table: string, id: string) {
  return db
    .selectFrom('prevention_incidents')
    .select(['division_code', 'id'])
    .where('division_code', '=', divisionCode)
    .where('trigger_table', '=', table)
    .where('trigger_id', '=', id)
    .executeTakeFirst();
}

/** The staff member's newest incident of one trigger that is still open (not closed or ruled out), if any. */
export async function openIncidentOfStaff(db: Executor, _scope: SystemScope, divisionCode: string, staffId: number, trigger: string) {
  return db
    .selectFrom('prevention_incidents')
    .select(['division_code', 'id'])
    .where('division_code', '=', divisionCode)
    .where('staff_id', '=', staffId)
    .where('trigger', '=', trigger)
    .where('stage', 'not in', ['closed', 'ruled_out'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Records one step of an incident (its time and who); a stage is recorded once. Returns whether it was new. */
export async function insertStep(
  db: Executor,
  key: IncidentKey,
  step: { stage: string; at: Date; by_account: number | null; by_name: string | null; note: string | null },
): Promise<boolean> {
  const r = await db
    .insertInto('prevention_incident_steps')
    .values({ division_code: key.division_code, incident_id: key.id, ...step })
    .onConflict((oc) => oc.columns(['division_code', 'incident_id', 'stage']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The agency's name and responsible person (who gets the notices), by the agency's composite key. */
export async function agencyContact(db: Executor, _scope: SystemScope, divisionCode: string, agencyId: number) {
  return db
    .selectFrom('agencies')
    .select(['division_code', 'id', 'name', 'responsible_person', 'responsible_phone'])
    .where('division_code', '=', divisionCode)
    .where('id', '=', agencyId)
    .executeTakeFirst();
}

/** A staff member of the agency (their name), by composite key. */
export async function staffOfAgency(db: Executor, _scope: SystemScope, divisionCode: string, agencyId: number, staffId: number) {
  return db
    .selectFrom('agency_staff')
    .select(['division_code', 'id', 'agency_id', 'name', 'phone', 'status'])
    .where('division_code', '=', divisionCode)
    .where('agency_id', '=', agencyId)
    .where('id', '=', staffId)
    .executeTakeFirst();
}

/** The county, prefecture and province codes above a county (the desks an incident climbs). */
export async function chainOf(db: Executor, county: string) {
  return db.selectFrom('divisions').select(['code', 'prefecture_code', 'province_code']).where('code', '=', county).executeTakeFirst();
}

// the desks' inbox and duty phones -------------------------------------------------------------

export type NewInboxRow = {
  division_code: string;
  desk: 'agency' | 'bureau';
  agency_id: number | null;
  kind: string;
  incident_division: string | null;
  incident_id: number | null;
  payload: Record<string, unknown>;
  idempotency_key: string;
  created_at: Date;
};

/** Puts a notice in a desk's inbox; the same idempotency key twice is one notice. Returns whether it was new. */
export async function insertInbox(db: Executor, row: NewInboxRow): Promise<boolean> {
  const r = await db
    .insertInto('prevention_inbox')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .onConflict((oc) => oc.columns(['division_code', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The duty phones of the named bureaus (division codes), where set. */
export async function dutyPhones(db: Executor, _scope: SystemScope, codes: readonly string[]) {
  if (!codes.length) return [];
  return db.selectFrom('prevention_duty_phones').select(['division_code', 'phone']).where('division_code', 'in', codes).execute();
}

/** Brands an incident row the seam just read or created (system scope: the caller's command owns the trigger). */
export const incidentKey = (_scope: SystemScope, row: { division_code: string; id: number }): IncidentKey => scopedKey('prevention_incidents', row);
