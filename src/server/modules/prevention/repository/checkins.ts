// Daily check-ins (P3), the agency's day list, the daily counts and the purge. Reads go through
// the module's access predicate `checkinReach` (checkins.access.ts);
// writes are single statements keyed by what a scoped read returned or by the recording account.
//
// The officials' rule (issue 8, "Bureau side"): officials never read daily values, nor any check
// that did not become an incident. `checkinReach` gives them only rows with an incident, and
// `healthColumns` never selects the encrypted values for them.
import { type SqlBool, sql } from 'kysely';
import { inScope, type Scope, type ScopedKey, type SystemScope, scopedKey } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import { checkinReach, healthColumns } from '../checkins.access.ts';
import { CONSENT_SCOPE, STAFF_SCOPE, type StaffKey } from './consent.ts';

export type CheckinKey = ScopedKey<'prevention_checkins'>;

/** What a report is decided on: the roster row, the copy already stored, the consent state and the cut-off. */
export type CheckinContext = {
  division_code: string;
  id: number;
  agency_id: number;
  status: string;
  /** The report the recording account already sent under this clientId (null: none). */
  prior: { id: number; staff_id: number; fingerprint: string; abnormal: boolean; incident_id: number | null } | null;
  /** The consent in force (null: none). */
  consent_method: 'self' | 'paper' | null;
  /** The latest withdrawal, read only for the 409's date when no consent is in force. */
  withdrawn_at: Date | null;
  /** The agency's cut-off, minutes after midnight Beijing: its setting, else `defaultCutoff`. */
  cutoff_minutes: number;
  key: StaffKey;
};

/**
 * Everything `recordCheckin` decides on, in one statement (decision 0032): the roster row
 * `staffId` in the caller's scope (any status; undefined when missing or out of reach), joined
 * with the report the recording account already sent under `clientId` in that row's division
 * (the unique key (division_code, recorded_by, client_id)), the consent in force for the row in
 * the caller's scope (the partial unique index: at most one), the latest withdrawal when none is
 * in force, and the agency's cut-off setting (`defaultCutoff` without one). The agency itself is
 * in reach whenever the roster row is (a staff member's or administrator's own agency).
 */
export async function checkinContext(db: Executor, scope: Scope, q: { staffId: number; accountId: number; clientId: string; defaultCutoff: number }): Promise<CheckinContext | undefined> {
  const r = await sql<Omit<CheckinContext, 'key' | 'prior'> & { prior_id: number | null; prior_staff_id: number | null; prior_fingerprint: string | null; prior_abnormal: boolean | null; prior_incident_id: number | null }>`
    select s.division_code, s.id, s.agency_id, s.status,
           p.id as prior_id, p.staff_id as prior_staff_id, p.fingerprint as prior_fingerprint, p.abnormal as prior_abnormal, p.incident_id as prior_incident_id,
           k.method as consent_method, w.withdrawn_at,
           coalesce(ps.cutoff_minutes, ${q.defaultCutoff})::int as cutoff_minutes
      from agency_staff s
      left join prevention_checkins p on p.division_code = s.division_code and p.recorded_by = ${q.accountId} and p.client_id = ${q.clientId}
      left join prevention_consents k on k.division_code = s.division_code and k.staff_id = s.id and k.withdrawn_at is null
            and ${inScope(scope, CONSENT_SCOPE)}
      left join lateral (
        select x.withdrawn_at from prevention_consents x
         where k.division_code is null and x.division_code = s.division_code and x.staff_id = s.id and x.withdrawn_at is not null
         order by x.withdrawn_at desc
         limit 1
      ) w on true
      left join prevention_settings ps on ps.division_code = s.division_code and ps.agency_id = s.agency_id
     where ${inScope(scope, STAFF_SCOPE)} and s.id = ${q.staffId}
     limit 1`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const { prior_id, prior_staff_id, prior_fingerprint, prior_abnormal, prior_incident_id, ...rest } = row;
  return {
    ...rest,
    prior: prior_id === null ? null : { id: prior_id, staff_id: prior_staff_id as number, fingerprint: prior_fingerprint as string, abnormal: prior_abnormal as boolean, incident_id: prior_incident_id },
    key: scopedKey('agency_staff', row),
  };
}

/** The report a recording account already sent under `clientId` (its own rows only), with what the reply needs. */
export async function checkinOfClient(db: Executor, recorder: { division_code: string; accountId: number }, clientId: string) {
  return db
    .selectFrom('prevention_checkins as c')
    .select(['c.division_code', 'c.id', 'c.staff_id', 'c.fingerprint', 'c.abnormal', 'c.incident_id'])
    .where('c.division_code', '=', recorder.division_code)
    .where('c.recorded_by', '=', recorder.accountId)
    .where('c.client_id', '=', clientId)
    .executeTakeFirst();
}

export type NewCheckin = {
  agency_id: number;
  recorded_by: number;
  client_id: string;
  fingerprint: string;
  received_at: Date;
  measured_at: Date;
  phone_measured_at: Date | null;
  phone_sent_at: Date | null;
  phone_clock_unreliable: boolean;
  day: string;
  on_time: boolean;
  temperature_enc: string;
  symptoms_enc: string;
  abnormal: boolean;
};

/**
 * The insert of a report unless the recording account already sent this client id (on the unique
 * key: two identical requests racing store one), RETURNING division_code, id; not executed — for
 * platform/command.ts `auditedInsert`, which sends it with its audit entry as one statement.
 */
export function checkinInsert(db: Executor, staff: StaffKey, row: NewCheckin) {
  return db
    .insertInto('prevention_checkins')
    .values({ division_code: staff.division_code, staff_id: staff.id, ...row })
    .onConflict((oc) => oc.columns(['division_code', 'recorded_by', 'client_id']).doNothing())
    .returning(['division_code', 'id']);
}

/** Stores a report (`checkinInsert`, executed on its own: an abnormal report's command). Returns the new row's key, or undefined when the client id was taken. */
export async function insertCheckin(db: Executor, staff: StaffKey, row: NewCheckin): Promise<CheckinKey | undefined> {
  const r = await checkinInsert(db, staff, row).executeTakeFirst();
  return r && scopedKey('prevention_checkins', r);
}

/** Links a report to the incident it opened. */
export async function setCheckinIncident(db: Executor, checkin: CheckinKey, incidentId: number): Promise<void> {
  await db.updateTable('prevention_checkins').set({ incident_id: incidentId }).where('division_code', '=', checkin.division_code).where('id', '=', checkin.id).execute();
}

/** A staff member's reports between two Beijing days (inclusive) in the caller's reach, newest first; values only for scopes that may read them. */
export async function listCheckins(db: Executor, scope: Scope, staff: StaffKey, from: string, to: string) {
  return db
    .selectFrom('prevention_checkins as c')
    .select(['c.division_code', 'c.id', 'c.staff_id', 'c.recorded_by', 'c.received_at', 'c.measured_at', 'c.phone_clock_unreliable', 'c.on_time', 'c.abnormal', 'c.incident_id'])
    .select(sql<string>`c.day::text`.as('day'))
    .select(sql<boolean>`exists (select 1 from memberships m where m.account_id = c.recorded_by and m.org_division = c.division_code and m.staff_id = c.staff_id)`.as('by_self'))
    .select(healthColumns(scope))
    .where(checkinReach(scope))
    .where('c.division_code', '=', staff.division_code)
    .where('c.staff_id', '=', staff.id)
    .where('c.day', '>=', sql<Date>`${from}::date`)
    .where('c.day', '<=', sql<Date>`${to}::date`)
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(500)
    .execute();
}

// the day --------------------------------------------------------------------------------------

/**
 * Each active roster member of the agencies in reach (or one agency) for Beijing day `day`: their
 * reports of that day (count, any on time, first receipt, any abnormal), the consent that was the
 * latest given at `at` (the end of the day, or now for today), and the agency's cut-off (minutes;
 * `defaultCutoff` without a setting). The status is decided by checkins.ts `dayStatus`.
 */
export async function dayRoster(db: Executor, scope: Scope | SystemScope, f: { agencyId?: number; divisionCode?: string }, day: string, at: Date, defaultCutoff: number) {
  const agencyFilter = f.agencyId !== undefined && f.divisionCode !== undefined ? sql`and s.division_code = ${f.divisionCode} and s.agency_id = ${f.agencyId}` : sql``;
  const r = await sql<{
    division_code: string;
    agency_id: number;
    staff_id: number;
    name: string;
    position: string;
    phone: string;
    reports: number;
    on_time: boolean | null;
    first_received_at: Date | null;
    abnormal: boolean | null;
    consent_method: 'self' | 'paper' | null;
    consent_given_at: Date | null;
    consent_withdrawn_at: Date | null;
    cutoff_minutes: number;
  }>`
    select s.division_code, s.agency_id, s.id as staff_id, s.name, s.position, s.phone,
           coalesce(ck.reports, 0)::int as reports, ck.on_time, ck.first_received_at, ck.abnormal,
           k.method as consent_method, k.given_at as consent_given_at, k.withdrawn_at as consent_withdrawn_at,
           coalesce(ps.cutoff_minutes, ${defaultCutoff})::int as cutoff_minutes
      from agency_staff s
      left join prevention_settings ps on ps.division_code = s.division_code and ps.agency_id = s.agency_id
      left join lateral (
        select count(*) as reports, bool_or(c.on_time) as on_time, min(c.received_at) as first_received_at, bool_or(c.abnormal) as abnormal
          from prevention_checkins c
         where c.division_code = s.division_code and c.staff_id = s.id and c.day = ${day}::date
      ) ck on true
      left join lateral (
        select x.method, x.given_at, x.withdrawn_at
          from prevention_consents x
         where x.division_code = s.division_code and x.staff_id = s.id and x.given_at <= ${at}
         order by x.given_at desc, x.id desc
         limit 1
      ) k on true
     where s.status = 'active' and ${scope.kind === 'system' ? sql`true` : inScope(scope, { division: 's.division_code', owner: { agency: 's.agency_id', staff: 's.id' } })}
       ${agencyFilter}
     order by s.division_code, s.agency_id, s.id`.execute(db);
  return r.rows;
}

// counts and the purge -------------------------------------------------------------------------

export type DailyCountRow = { division_code: string; agency_id: number; day: string; expected: number; reported: number; on_time: number; late: number; abnormal: number; withdrawn: number; computed_at: Date };

/** Writes a day's counts of agencies (upsert: a later run of the same day replaces them; `keep`: an existing row wins). */
export async function upsertDailyCounts(db: Executor, _scope: SystemScope, rows: readonly DailyCountRow[], opts: { keep?: boolean } = {}): Promise<number> {
  if (!rows.length) return 0;
  const r = await db
    .insertInto('prevention_daily_counts')
    .values(rows.map((x) => ({ ...x, day: sql<Date>`${x.day}::date` })))
    .onConflict((oc) =>
      opts.keep
        ? oc.columns(['division_code', 'agency_id', 'day']).doNothing()
        : oc.columns(['division_code', 'agency_id', 'day']).doUpdateSet((eb) => ({
            expected: eb.ref('excluded.expected'),
            reported: eb.ref('excluded.reported'),
            on_time: eb.ref('excluded.on_time'),
            late: eb.ref('excluded.late'),
            abnormal: eb.ref('excluded.abnormal'),
            withdrawn: eb.ref('excluded.withdrawn'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/** Daily counts of agencies in reach between two days (inclusive), optionally under a division prefix. */
export async function listDailyCounts(db: Executor, scope: Scope, from: string, to: string, division: string | undefined) {
  return db
    .selectFrom('prevention_daily_counts as n')
    .innerJoin('agencies as a', (j) => j.onRef('a.division_code', '=', 'n.division_code').onRef('a.id', '=', 'n.agency_id'))
    .select(['n.division_code', 'n.agency_id', 'a.name as agency_name', 'n.expected', 'n.reported', 'n.on_time', 'n.late', 'n.abnormal', 'n.withdrawn'])
    .select(sql<string>`n.day::text`.as('day'))
    .where(inScope(scope, { division: 'n.division_code', owner: { agency: 'n.agency_id' } }))
    .$if(Boolean(division), (q) => q.where(sql<SqlBool>`(n.division_code >= ${division} and n.division_code < ${`${division}~`})`))
    .where('n.day', '>=', sql<Date>`${from}::date`)
    .where('n.day', '<=', sql<Date>`${to}::date`)
    .orderBy('n.day')
    .orderBy('n.division_code')
    .orderBy('n.agency_id')
    .limit(5000)
    .execute();
}

/** The distinct Beijing days with raw check-ins before `before` (the days a purge will empty). */
export async function daysBefore(db: Executor, _scope: SystemScope, before: string): Promise<string[]> {
  const r = await sql<{ day: string }>`select distinct day::text as day from prevention_checkins where day < ${before}::date order by 1`.execute(db);
  return r.rows.map((x) => x.day);
}

/**
 * Deletes raw check-ins of days before `before`, except those whose incident still holds its
 * subject (the incident keeps the trigger record until it is erased, decision 0026). Returns how many.
 */
export async function purgeCheckins(db: Executor, _scope: SystemScope, before: string): Promise<number> {
  const r = await sql`
    delete from prevention_checkins c
     where c.day < ${before}::date
       and (c.incident_id is null or exists (
             select 1 from prevention_incidents i
              where i.division_code = c.division_code and i.id = c.incident_id and i.erased_at is not null))`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

/** A person's check-ins by their roster rows (system scope: a personal-data request across divisions), values encrypted. */
export async function checkinsOfStaff(db: Executor, _scope: SystemScope, staff: readonly { division_code: string; id: number }[]) {
  if (!staff.length) return [];
  const pairs = staff.map((s) => sql`(${s.division_code}, ${s.id}::bigint)`);
  const r = await sql<{ division_code: string; id: number; staff_id: number; day: string; received_at: Date; measured_at: Date; on_time: boolean; abnormal: boolean; temperature_enc: string; symptoms_enc: string; incident_id: number | null }>`
    select division_code, id, staff_id, day::text as day, received_at, measured_at, on_time, abnormal, temperature_enc, symptoms_enc, incident_id
      from prevention_checkins where (division_code, staff_id) in (${sql.join(pairs)}) order by division_code, id`.execute(db);
  return r.rows;
}

/** Roster rows of a person by phone or ID-number hash (system scope: a personal-data request). */
export async function staffOfPerson(db: Executor, _scope: SystemScope, phones: readonly string[], idHashes: readonly string[]) {
  if (!phones.length && !idHashes.length) return [];
  return db
    .selectFrom('agency_staff')
    .select(['division_code', 'id'])
    .where((eb) => eb.or([...(phones.length ? [eb('phone', 'in', phones)] : []), ...(idHashes.length ? [eb('id_number_hash', 'in', idHashes)] : [])]))
    .execute();
}

/** Deletes the named check-ins (a personal-data erasure). Returns how many. */
export async function deleteCheckins(db: Executor, keys: readonly CheckinKey[]): Promise<number> {
  if (!keys.length) return 0;
  const pairs = keys.map((k) => sql`(${k.division_code}, ${k.id}::bigint)`);
  const r = await sql`delete from prevention_checkins where (division_code, id) in (${sql.join(pairs)})`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

// settings -------------------------------------------------------------------------------------

/** The agency in the caller's reach (an administrator: their own), with its key. */
export async function findAgency(db: Executor, scope: Scope, divisionCode: string, agencyId: number) {
  const row = await db
    .selectFrom('agencies as a')
    .select(['a.division_code', 'a.id', 'a.name'])
    .where(inScope(scope, { division: 'a.division_code', owner: { agency: 'a.id' } }))
    .where('a.division_code', '=', divisionCode)
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('agencies', row) };
}

/** An agency's check-in settings (none: the configured default applies). */
export async function findSettings(db: Executor, agency: ScopedKey<'agencies'>) {
  return db
    .selectFrom('prevention_settings')
    .select(['cutoff_minutes', 'updated_at', 'updated_by'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .executeTakeFirst();
}

/** Sets an agency's cut-off (minutes after midnight, Beijing). */
export async function upsertSettings(db: Executor, agency: ScopedKey<'agencies'>, cutoffMinutes: number, at: Date, by: number): Promise<void> {
  await db
    .insertInto('prevention_settings')
    .values({ division_code: agency.division_code, agency_id: agency.id, cutoff_minutes: cutoffMinutes, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.columns(['division_code', 'agency_id']).doUpdateSet({ cutoff_minutes: cutoffMinutes, updated_at: at, updated_by: by }))
    .execute();
}
