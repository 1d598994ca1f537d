// Factories for prevention rows the desk counts (check-ins, consents, incidents, venues, hygiene
// misses, occupancy), written straight to their tables: the desk only reads them, and the
// services that write them in production live in other modules. Values are valid by construction
// (health values encrypted with the app's field crypto, as the check-in service stores them).
import { sql } from 'kysely';
import type { Deps } from '../../src/server/deps.ts';
import { openIncident } from '../../src/server/modules/prevention/service.ts';
import { beijingDate } from '../../src/shared/beijing-day.ts';
import { unique } from './factories.ts';

type AgencyKey = { division_code: string; id: number };

/** The id of a demo account (e.g. 'prov'), to stand as the recorder of a row. */
export async function accountId(deps: Deps, username: string): Promise<number> {
  const row = await deps.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/** A self-given consent of a staff member at `at`; `withdrawnAt` closes it. */
export async function giveConsent(deps: Deps, agency: AgencyKey, staffId: number, by: number, at: Date, withdrawnAt: Date | null = null): Promise<void> {
  await deps.db
    .insertInto('prevention_consents')
    .values({ division_code: agency.division_code, agency_id: agency.id, staff_id: staffId, text_version: 'test-1', given_at: at, given_by: by, method: 'self', withdrawn_at: withdrawnAt, withdrawn_by: withdrawnAt ? by : null })
    .execute();
}

/** A check-in of a staff member measured at `at` (its Beijing day), on time or late; returns its id. */
export async function recordCheckin(deps: Deps, agency: AgencyKey, staffId: number, by: number, at: Date, v: { temperature: string; symptoms?: string[]; onTime?: boolean }): Promise<number> {
  const abnormal = Number(v.temperature) >= 37.3 || (v.symptoms?.length ?? 0) > 0;
  const row = await deps.db
    .insertInto('prevention_checkins')
    .values({
      division_code: agency.division_code,
      agency_id: agency.id,
      staff_id: staffId,
      recorded_by: by,
      client_id: `test-${unique()}`,
      fingerprint: `fp-${unique()}`,
      received_at: at,
      measured_at: at,
      day: sql<Date>`${beijingDate(at)}::date`,
      on_time: v.onTime ?? true,
      temperature_enc: deps.crypto.encrypt(v.temperature),
      symptoms_enc: deps.crypto.encrypt(JSON.stringify(v.symptoms ?? [])),
      abnormal,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Opens an incident through the prevention module's seam (a staff member's fever), detected at `at`. */
export async function feverIncident(deps: Deps, agency: AgencyKey, staffId: number, checkinId: number, at: Date): Promise<number> {
  const r = await openIncident(deps, { divisionCode: agency.division_code, agencyId: agency.id, subject: { kind: 'staff', staffId }, trigger: 'fever', triggerRef: { table: 'prevention_checkins', id: checkinId }, detectedAt: at });
  return r.id;
}

/** Records a later stage of an incident at `at` (as the county would), moving its current stage. */
export async function stepIncident(deps: Deps, divisionCode: string, incidentId: number, stage: string, at: Date): Promise<void> {
  await deps.db.insertInto('prevention_incident_steps').values({ division_code: divisionCode, incident_id: incidentId, stage, at, by_account: null, by_name: '测试', note: null }).execute();
  await deps.db.updateTable('prevention_incidents').set({ stage, stage_at: at }).where('division_code', '=', divisionCode).where('id', '=', incidentId).execute();
}

/** Marks an incident's stage overdue at `at`, as the watcher does (late flag and the prefecture's escalation). */
export async function escalateIncident(deps: Deps, divisionCode: string, incidentId: number, stage: string, deadline: Date, at: Date): Promise<void> {
  await deps.db.insertInto('prevention_escalations').values({ division_code: divisionCode, incident_id: incidentId, stage, level: 'prefecture', deadline_at: deadline, escalated_at: at }).execute();
  await deps.db.updateTable('prevention_incidents').set({ late: true }).where('division_code', '=', divisionCode).where('id', '=', incidentId).execute();
}

/** An active venue of an agency (area 100 m², 4 m² a person: capacity 25); returns its id. */
export async function createVenueRow(deps: Deps, agency: AgencyKey, areaM2 = 100): Promise<number> {
  const now = deps.clock.now();
  const row = await deps.db
    .insertInto('venues')
    .values({ division_code: agency.division_code, agency_id: agency.id, name: `测试场所${unique()}`, address: '测试地址', area_m2: String(areaM2), m2_per_person: '4', dwell_limit_minutes: 30, slot_minutes: 30, code: `T${String(unique()).padStart(11, '0')}`, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A hygiene slot of `day` flagged as missed, as the venues watcher flags it. */
export async function missHygiene(deps: Deps, divisionCode: string, venueId: number, day: string, kind: 'cleaning' | 'ventilation' | 'disinfection', slot: number): Promise<void> {
  const at = deps.clock.now();
  await deps.db.insertInto('hygiene_misses').values({ division_code: divisionCode, venue_id: venueId, day: sql<Date>`${day}::date`, kind, slot, window_from: at, window_to: at, flagged_at: at }).execute();
}

/** People inside a venue on `day` (the occupancy counter the door keeps). */
export async function setInside(deps: Deps, divisionCode: string, venueId: number, day: string, inside: number): Promise<void> {
  await deps.db
    .insertInto('venue_occupancy')
    .values({ division_code: divisionCode, venue_id: venueId, day: sql<Date>`${day}::date`, inside })
    .onConflict((oc) => oc.columns(['division_code', 'venue_id', 'day']).doUpdateSet({ inside }))
    .execute();
}
