// The prevention desk's reads (decision 0031): per-agency figures for the agencies under some
// division prefixes, rolled up by the service. Read-only and officials only: inScope with the
// division column alone shows other scope kinds nothing. Each statement filters and groups on
// division_code and joins place-owned tables on it (decision 0002). These tables belong to other
// modules (registry, prevention, venues); the desk only counts them, as the registry summary
// counts its own, and selects no health value (access.ts).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { inScope, type Scope, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

/** Rows under any of `prefixes` (a division and the predecessor codes that now belong to it). */
function underAny(prefixes: readonly string[], column: string): RawBuilder<SqlBool> {
  if (!prefixes.length) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(prefixes.map((p) => underDivision(p, column)), sql` or `)})`;
}

/** The agencies (not closed) under the prefixes: name and responsible person (R1). */
export async function agenciesUnder(db: Executor, scope: Scope, prefixes: readonly string[]) {
  return db
    .selectFrom('agencies')
    .select(['division_code', 'id', 'name', 'responsible_person', 'responsible_phone'])
    .where(inScope(scope))
    .where(underAny(prefixes, 'division_code'))
    .where('status', '<>', 'closed')
    .orderBy('division_code')
    .orderBy('id')
    .execute();
}

export type CheckinCounts = { division_code: string; agency_id: number; expected: number; reported: number; on_time: number; withdrawn: number };

/**
 * Check-in completion per agency for `day`, counted from the raw rows: active staff with consent
 * in force at `dayEnd` are expected; reported = expected staff with a check-in that day, on time
 * when one was before the agency's cut-off; withdrawn = staff whose consent was withdrawn by then
 * and not given again. Counts only: no value of a check-in is read.
 */
export async function liveCheckinCounts(db: Executor, scope: Scope, prefixes: readonly string[], day: string, dayEnd: Date): Promise<CheckinCounts[]> {
  const { rows } = await sql<CheckinCounts>`
    select s.division_code, s.agency_id,
           (count(*) filter (where c.in_force))::int as expected,
           (count(*) filter (where c.in_force and r.any))::int as reported,
           (count(*) filter (where c.in_force and r.on_time))::int as on_time,
           (count(*) filter (where not coalesce(c.in_force, false) and c.withdrawn))::int as withdrawn
      from agency_staff s
      left join lateral (
        select bool_or(pc.given_at <= ${dayEnd} and (pc.withdrawn_at is null or pc.withdrawn_at > ${dayEnd})) as in_force,
               bool_or(pc.withdrawn_at <= ${dayEnd}) as withdrawn
          from prevention_consents pc
         where pc.division_code = s.division_code and pc.staff_id = s.id
      ) c on true
      left join lateral (
        select true as any, bool_or(k.on_time) as on_time
          from prevention_checkins k
         where k.division_code = s.division_code and k.staff_id = s.id and k.day = ${day}::date
         group by k.staff_id
      ) r on true
     where ${inScope(scope, 's.division_code')} and ${underAny(prefixes, 's.division_code')} and s.status = 'active'
     group by s.division_code, s.agency_id`.execute(db);
  return rows;
}

/** The kept daily counts of `day` (what remains after the raw check-ins are purged): they win over a live count. */
export async function keptCheckinCounts(db: Executor, scope: Scope, prefixes: readonly string[], day: string): Promise<CheckinCounts[]> {
  return db
    .selectFrom('prevention_daily_counts')
    .select(['division_code', 'agency_id', 'expected', 'reported', 'on_time', 'withdrawn'])
    .where(inScope(scope))
    .where(underAny(prefixes, 'division_code'))
    .where('day', '=', sql<Date>`${day}::date`)
    .execute();
}

export type IncidentAsOf = {
  division_code: string;
  id: number;
  agency_id: number;
  trigger: string;
  detected_at: Date;
  stage: string;
  late: boolean;
  steps: { stage: string; at: string }[];
};

/**
 * Incidents as they stood at `dayEnd`: those open then (their stage: the last step recorded by
 * then) and those detected that day whatever became of them. Late: an escalation by then, or the
 * watcher's flag when the day is today. Category and stage times only: no subject, no detail.
 */
export async function incidentsAsOf(db: Executor, scope: Scope, prefixes: readonly string[], dayStart: Date, dayEnd: Date, now: Date): Promise<IncidentAsOf[]> {
  const { rows } = await sql<IncidentAsOf>`
    select i.division_code, i.id, i.agency_id, i.trigger, i.detected_at, st.stage,
           (exists (select 1 from prevention_escalations e
                     where e.division_code = i.division_code and e.incident_id = i.id and e.escalated_at <= ${dayEnd})
            or (i.late and ${dayEnd}::timestamptz >= ${now}::timestamptz)) as late,
           st.steps
      from prevention_incidents i
      cross join lateral (
        select (array_agg(p.stage order by p.at desc, array_position(array['detected','reported','isolated','diagnosed','treated','closed','ruled_out'], p.stage) desc))[1] as stage,
               json_agg(json_build_object('stage', p.stage, 'at', p.at) order by p.at, array_position(array['detected','reported','isolated','diagnosed','treated','closed','ruled_out'], p.stage)) as steps
          from prevention_incident_steps p
         where p.division_code = i.division_code and p.incident_id = i.id and p.at <= ${dayEnd}
      ) st
     where ${inScope(scope, 'i.division_code')} and ${underAny(prefixes, 'i.division_code')}
       and i.detected_at <= ${dayEnd}
       and st.stage is not null
       and (st.stage not in ('closed', 'ruled_out') or i.detected_at >= ${dayStart})
     order by i.detected_at, i.division_code, i.id`.execute(db);
  return rows;
}

/** Hygiene slots of `day` flagged as missed (P5), per agency. */
export async function hygieneMissesByAgency(db: Executor, scope: Scope, prefixes: readonly string[], day: string) {
  return db
    .selectFrom('hygiene_misses as m')
    .innerJoin('venues as v', (j) => j.onRef('v.division_code', '=', 'm.division_code').onRef('v.id', '=', 'm.venue_id'))
    .select(['m.division_code', 'v.agency_id', sql<number>`count(*)::int`.as('missed')])
    .where(inScope(scope, 'm.division_code'))
    .where(underAny(prefixes, 'm.division_code'))
    .where('m.day', '=', sql<Date>`${day}::date`)
    .groupBy(['m.division_code', 'v.agency_id'])
    .execute();
}

/** Active venues per agency, their capacity, and the people inside now (today's open visits). */
export async function occupancyByAgency(db: Executor, scope: Scope, prefixes: readonly string[], today: string) {
  return db
    .selectFrom('venues as v')
    .leftJoin('venue_occupancy as o', (j) => j.onRef('o.division_code', '=', 'v.division_code').onRef('o.venue_id', '=', 'v.id').on('o.day', '=', sql<Date>`${today}::date`))
    .select([
      'v.division_code',
      'v.agency_id',
      sql<number>`count(*)::int`.as('venues'),
      sql<number>`coalesce(sum(v.capacity), 0)::int`.as('capacity'),
      sql<number>`coalesce(sum(o.inside), 0)::int`.as('inside'),
    ])
    .where(inScope(scope, 'v.division_code'))
    .where(underAny(prefixes, 'v.division_code'))
    .where('v.status', '=', 'active')
    .groupBy(['v.division_code', 'v.agency_id'])
    .execute();
}

/** The bureaus' duty phones (prevention_duty_phones) of some division codes. */
export async function dutyPhonesOf(db: Executor, codes: readonly string[]) {
  if (!codes.length) return [];
  return db.selectFrom('prevention_duty_phones').select(['division_code', 'phone']).where('division_code', 'in', codes).execute();
}
