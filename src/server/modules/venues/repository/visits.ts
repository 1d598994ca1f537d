// Visits: people at a venue's door, admitted (a visit open until check-out) or refused, and the
// counters beside them. Opening and closing a visit and moving the venue's occupancy counter are one
// statement each (decision 0028), so two doors admitting at once cannot pass the capacity and a
// double check-out frees one place. What pages show is counted from the visits themselves.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { type ScopedKey, type SystemScope, scopedKey } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import type { VenueKey } from './venues.ts';

export type VisitKey = ScopedKey<'visits'>;
export type VisitorType = 'staff' | 'employer' | 'seeker';

export type NewVisit = {
  day: string;
  visitor_type: VisitorType;
  name: string;
  phone: string | null;
  source: 'desk' | 'qr';
  booking_id: number | null;
  mask: boolean | null;
  temperature_enc: string | null;
  arrived_at: Date;
  token_hash: string | null;
  consent_version: string | null;
  recorded_by: number | null;
};

const countUpsert = (outcome: 'admitted' | 'refused') => sql`
  insert into venue_daily_counts (division_code, venue_id, day, visitor_type, outcome, visitors)
  select division_code, venue_id, day, visitor_type, ${outcome}, 1 from visit
  on conflict (division_code, venue_id, day, visitor_type, outcome) do update set visitors = venue_daily_counts.visitors + 1`;

/**
 * Admits one person in one statement: takes a place of the venue's day (its occupancy row, created
 * at 1 or raised by one only while below `capacity`; the row lock orders concurrent doors), opens
 * the visit and counts it for the day. Returns the visit's id and the people inside after it, or
 * undefined when the venue is full (nothing written).
 */
export async function admitVisit(db: Executor, venue: VenueKey, capacity: number, v: NewVisit) {
  const r = await sql<{ id: number; inside: number }>`
    with seat as (
      insert into venue_occupancy (division_code, venue_id, day, inside)
      values (${venue.division_code}, ${venue.id}, ${v.day}::date, 1)
      on conflict (division_code, venue_id, day) do update set inside = venue_occupancy.inside + 1
        where venue_occupancy.inside < ${capacity}
      returning inside
    ), visit as (
      insert into visits (division_code, venue_id, day, visitor_type, name, phone, source, booking_id, mask, temperature_enc, outcome, arrived_at, token_hash, consent_version, recorded_by)
      select ${venue.division_code}, ${venue.id}, ${v.day}::date, ${v.visitor_type}, ${v.name}, ${v.phone}, ${v.source}, ${v.booking_id}::bigint, ${v.mask}::boolean,
             ${v.temperature_enc}, 'admitted', ${v.arrived_at}::timestamptz, ${v.token_hash}, ${v.consent_version}, ${v.recorded_by}::bigint
        from seat
      returning division_code, venue_id, id, day, visitor_type
    ), counted as (${countUpsert('admitted')})
    select visit.id, seat.inside from visit, seat`.execute(db);
  return r.rows[0];
}

/**
 * The open QR visit of `phone` at a venue on Beijing day `day` (at most one: the partial unique
 * index visits_open_qr_phone, migration 0016), with the people inside now; undefined when none.
 */
export async function findOpenQrVisit(db: Executor, venue: VenueKey, day: string, phone: string) {
  return db
    .selectFrom('visits as x')
    .select(['x.id', 'x.arrived_at', 'x.name', 'x.visitor_type'])
    .select((eb) =>
      eb
        .selectFrom('venue_occupancy as o')
        .select(sql<number>`coalesce(max(o.inside), 0)::int`.as('n'))
        .where('o.division_code', '=', venue.division_code)
        .where('o.venue_id', '=', venue.id)
        .where('o.day', '=', sql<Date>`${day}::date`)
        .as('inside'),
    )
    .where('x.division_code', '=', venue.division_code)
    .where('x.venue_id', '=', venue.id)
    .where('x.day', '=', sql<Date>`${day}::date`)
    .where('x.phone', '=', phone)
    .where('x.source', '=', 'qr')
    .where('x.outcome', '=', 'admitted')
    .where('x.checked_out_at', 'is', null)
    .executeTakeFirst();
}

/** Records a person refused at the door (a failed entry check) and counts them for the day; returns the id. */
export async function recordRefusal(db: Executor, venue: VenueKey, v: NewVisit, reasons: readonly string[]) {
  const r = await sql<{ id: number }>`
    with visit as (
      insert into visits (division_code, venue_id, day, visitor_type, name, phone, source, booking_id, mask, temperature_enc, outcome, refusal_reasons, arrived_at, recorded_by)
      values (${venue.division_code}, ${venue.id}, ${v.day}::date, ${v.visitor_type}, ${v.name}, ${v.phone}, ${v.source}, ${v.booking_id}::bigint, ${v.mask}::boolean,
              ${v.temperature_enc}, 'refused', ${sql.val(reasons as string[])}::text[], ${v.arrived_at}::timestamptz, ${v.recorded_by}::bigint)
      returning division_code, venue_id, id, day, visitor_type
    ), counted as (${countUpsert('refused')})
    select id from visit`.execute(db);
  return (r.rows[0] as { id: number }).id;
}

/** Links the incident a refusal opened to its visit. */
export async function setIncident(db: Executor, key: VisitKey, incidentId: number) {
  await db.updateTable('visits').set({ incident_id: incidentId }).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

/**
 * Closes an open visit in one statement and frees its place on its day's occupancy row. Returns 1
 * when this call closed it, 0 when it was closed already (a second tap frees nothing).
 */
export async function closeVisit(db: Executor, key: VisitKey, at: Date, reason: 'checkout' | 'desk') {
  const r = await sql<{ closed: number }>`
    with closed as (
      update visits set checked_out_at = ${at}::timestamptz, close_reason = ${reason}
       where division_code = ${key.division_code} and id = ${key.id} and outcome = 'admitted' and checked_out_at is null
      returning division_code, venue_id, day
    ), freed as (
      update venue_occupancy o set inside = o.inside - 1 from closed c
       where o.division_code = c.division_code and o.venue_id = c.venue_id and o.day = c.day
      returning o.inside
    )
    select (select count(*) from closed)::int as closed, (select count(*) from freed)::int as freed`.execute(db);
  return r.rows[0]?.closed ?? 0;
}

const visitColumns = [
  'x.division_code',
  'x.id',
  'x.venue_id',
  sql<string>`x.day::text`.as('day'),
  'x.visitor_type',
  'x.name',
  'x.phone',
  'x.source',
  'x.booking_id',
  'x.mask',
  'x.temperature_enc',
  'x.outcome',
  'x.refusal_reasons',
  'x.arrived_at',
  'x.checked_out_at',
  'x.close_reason',
  'x.dwell_alerted_at',
  'x.token_hash',
  'x.incident_id',
] as const;

/** One page of a venue's visits of Beijing day `day`, by id. */
export async function listVisits(db: Executor, venue: VenueKey, day: string, page: { limit: number; after?: [number] | undefined }) {
  const q = db
    .selectFrom('visits as x')
    .select(visitColumns)
    .where('x.division_code', '=', venue.division_code)
    .where('x.venue_id', '=', venue.id)
    .where('x.day', '=', sql<Date>`${day}::date`);
  return keyset(q, ['x.id'], page).execute();
}

export type VisitRow = Awaited<ReturnType<typeof listVisits>>[number];

/** One visit of a venue the caller reached through its scope, with its key. */
export async function findVisitOfVenue(db: Executor, venue: VenueKey, id: number) {
  const row = await db.selectFrom('visits as x').select(visitColumns).where('x.division_code', '=', venue.division_code).where('x.venue_id', '=', venue.id).where('x.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('visits', row) };
}

/** Where visit `id` is (its venue), wherever it is: the service then reads the venue through the caller's scope. */
export async function venueOfVisit(db: Executor, _scope: SystemScope, id: number) {
  return db.selectFrom('visits').select(['division_code', 'venue_id']).where('id', '=', id).executeTakeFirst();
}

/** Visit `id` of division `divisionCode` as its self-check-out token names it (the token's hash is compared by the service). */
export async function findVisitByToken(db: Executor, _scope: SystemScope, divisionCode: string, id: number) {
  const row = await db.selectFrom('visits as x').select(visitColumns).where('x.division_code', '=', divisionCode).where('x.id', '=', id).where('x.source', '=', 'qr').executeTakeFirst();
  return row && { ...row, key: scopedKey('visits', row) };
}

/** People inside a venue now: its open visits of Beijing day `day` (earlier days never count). */
export async function insideNow(db: Executor, venue: VenueKey, day: string): Promise<number> {
  const r = await db
    .selectFrom('visits')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('division_code', '=', venue.division_code)
    .where('venue_id', '=', venue.id)
    .where('day', '=', sql<Date>`${day}::date`)
    .where('outcome', '=', 'admitted')
    .where('checked_out_at', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Visitor counts per day, type and outcome of days `from`..`to` (kept after the visits are purged). */
export async function dailyCounts(db: Executor, venue: VenueKey, from: string, to: string) {
  return db
    .selectFrom('venue_daily_counts')
    .select([sql<string>`day::text`.as('day'), 'visitor_type', 'outcome', 'visitors'])
    .where('division_code', '=', venue.division_code)
    .where('venue_id', '=', venue.id)
    .where('day', '>=', sql<Date>`${from}::date`)
    .where('day', '<=', sql<Date>`${to}::date`)
    .orderBy('day')
    .execute();
}

/**
 * Dwell figures per day of days `from`..`to` from the visits still kept: visits closed by a
 * check-out (at the door or the desk) count; visits closed automatically at midnight are counted
 * apart and left out of the average and the longest stay.
 */
export async function dwellFigures(db: Executor, venue: VenueKey, from: string, to: string) {
  return db
    .selectFrom('visits')
    .select([
      sql<string>`day::text`.as('day'),
      sql<number>`count(*) filter (where close_reason in ('checkout', 'desk'))::int`.as('closed'),
      sql<number>`count(*) filter (where close_reason = 'auto')::int`.as('auto_closed'),
      sql<number | null>`round(avg(extract(epoch from checked_out_at - arrived_at) / 60) filter (where close_reason in ('checkout', 'desk')))::int`.as('average_minutes'),
      sql<number | null>`round(max(extract(epoch from checked_out_at - arrived_at) / 60) filter (where close_reason in ('checkout', 'desk')))::int`.as('longest_minutes'),
    ])
    .where('division_code', '=', venue.division_code)
    .where('venue_id', '=', venue.id)
    .where('day', '>=', sql<Date>`${from}::date`)
    .where('day', '<=', sql<Date>`${to}::date`)
    .where('outcome', '=', 'admitted')
    .groupBy('day')
    .execute();
}

/**
 * The end-of-day close (case 09): every visit still open from a Beijing day before `today`, in
 * every division, closed at 24:00 Beijing time of its own day, marked `auto`, and its day's
 * occupancy row lowered by as many, in one statement. Returns the counts per venue and day.
 */
export async function closeEarlierDays(db: Executor, _scope: SystemScope, today: string) {
  const r = await sql<{ division_code: string; venue_id: number; day: string; n: number }>`
    with closed as (
      update visits set checked_out_at = ((day + 1)::timestamp - interval '8 hours') at time zone 'UTC', close_reason = 'auto'
       where outcome = 'admitted' and checked_out_at is null and day < ${today}::date
      returning division_code, venue_id, day
    ), per as (
      select division_code, venue_id, day, count(*)::int as n from closed group by division_code, venue_id, day
    ), freed as (
      update venue_occupancy o set inside = greatest(o.inside - per.n, 0) from per
       where o.division_code = per.division_code and o.venue_id = per.venue_id and o.day = per.day
      returning o.venue_id
    )
    select division_code, venue_id, day::text as day, n from per order by division_code, venue_id, day`.execute(db);
  return r.rows;
}

/**
 * The dwell watcher: open visits of `today` whose stay passed their venue's limit by `now` and have
 * raised no alert yet are marked in one statement; each comes back exactly once however many
 * watchers run at the same time.
 */
export async function markOverstays(db: Executor, _scope: SystemScope, today: string, now: Date) {
  const r = await sql<{ division_code: string; id: number; venue_id: number; agency_id: number; venue_name: string; arrived_at: Date; limit_minutes: number }>`
    update visits x set dwell_alerted_at = ${now}::timestamptz
      from venues v
     where v.division_code = x.division_code and v.id = x.venue_id
       and x.outcome = 'admitted' and x.checked_out_at is null and x.dwell_alerted_at is null
       and x.day = ${today}::date
       and x.arrived_at + make_interval(mins => v.dwell_limit_minutes) <= ${now}::timestamptz
    returning x.division_code, x.id, x.venue_id, v.agency_id, v.name as venue_name, x.arrived_at, v.dwell_limit_minutes as limit_minutes`.execute(db);
  return r.rows;
}

/** Visits of Beijing days before `cutoff` in every division, deleted (the retention purge); returns their keys. */
export async function purgeVisits(db: Executor, _scope: SystemScope, cutoff: string) {
  return db.deleteFrom('visits').where('day', '<', sql<Date>`${cutoff}::date`).returning(['division_code', 'id']).execute();
}

/** Every visit that names one of `phones` (personal-data requests). */
export async function visitsOfPhones(db: Executor, _scope: SystemScope, phones: readonly string[]) {
  if (!phones.length) return [];
  return db.selectFrom('visits as x').select(visitColumns).where('x.phone', 'in', phones).orderBy('x.arrived_at').execute();
}

/** Deletes the visits of `keys` (erasure), freeing the places of any still open; returns how many. */
export async function deleteVisits(db: Executor, keys: readonly VisitKey[]) {
  let n = 0;
  for (const k of keys) {
    await closeVisit(db, k, new Date(0), 'desk');
    const r = await db.deleteFrom('visits').where('division_code', '=', k.division_code).where('id', '=', k.id).executeTakeFirst();
    n += Number(r.numDeletedRows);
  }
  return n;
}
