// Venues and their printed codes. Every read goes through inScope (or, for the public directory and
// the QR page, reads only what a poster shows); writes take a key a scoped read returned.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, type SystemScope, scopedKey, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type VenueKey = ScopedKey<'venues'>;

/** Officials reach venues by division; an agency's people their agency's venues; others none. */
const VENUE_SCOPE: ScopeRef = { division: 'v.division_code', id: 'v.id', table: 'venues', owner: { agency: 'v.agency_id' } };

const venueColumns = [
  'v.division_code',
  'v.id',
  'v.agency_id',
  'v.name',
  'v.address',
  'v.area_m2',
  'v.m2_per_person',
  sql<number>`v.capacity`.as('capacity'),
  'v.dwell_limit_minutes',
  'v.slot_minutes',
  'v.hygiene_from',
  'v.hygiene_to',
  'v.cleaning_per_day',
  'v.ventilation_per_day',
  'v.disinfection_per_day',
  'v.code',
  'v.status',
  'v.created_at',
  'a.name as agency_name',
  'd.name as division_name',
] as const;

/** Venues with their agency and county names, today's people inside and today's missed hygiene slots. */
function venueBase(db: Executor, day: string) {
  return db
    .selectFrom('venues as v')
    .innerJoin('agencies as a', (j) => j.onRef('a.division_code', '=', 'v.division_code').onRef('a.id', '=', 'v.agency_id'))
    .innerJoin('divisions as d', 'd.code', 'v.division_code')
    .select(venueColumns)
    .select((eb) => [
      eb
        .selectFrom('visits as x')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('x.division_code', '=', 'v.division_code')
        .whereRef('x.venue_id', '=', 'v.id')
        .where('x.day', '=', sql<Date>`${day}::date`)
        .where('x.outcome', '=', 'admitted')
        .where('x.checked_out_at', 'is', null)
        .as('inside'),
      eb
        .selectFrom('hygiene_misses as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.division_code', '=', 'v.division_code')
        .whereRef('m.venue_id', '=', 'v.id')
        .where('m.day', '=', sql<Date>`${day}::date`)
        .as('missed_today'),
    ]);
}

export type VenueFilter = { division?: string; agencyId?: number; status?: string };

/** One page of venues in scope by (division_code, id); `page.limit + 1` rows at most. `day`: today in Beijing. */
export async function listVenues(db: Executor, scope: Scope, day: string, f: VenueFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = venueBase(db, day)
    .where(inScope(scope, VENUE_SCOPE))
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'v.division_code')))
    .$if(f.agencyId !== undefined, (q) => q.where('v.agency_id', '=', f.agencyId as number))
    .$if(Boolean(f.status), (q) => q.where('v.status', '=', f.status as string));
  return keyset(q, ['v.division_code', 'v.id'], page).execute();
}

/**
 * The public directory (job seekers and employers choosing where to book): active venues in every
 * division, as their posters show them — name, address, capacity, people inside. No scope: nothing
 * here is anyone's personal data, and a venue's door is open to everyone.
 */
export async function listDirectory(db: Executor, day: string, f: { division?: string }, page: { limit: number; after?: [string, number] | undefined }) {
  const q = venueBase(db, day)
    .where('v.status', '=', 'active')
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'v.division_code')));
  return keyset(q, ['v.division_code', 'v.id'], page).execute();
}

export type VenueRow = Awaited<ReturnType<typeof listVenues>>[number];

/** One venue in scope with its key, or undefined (missing or out of scope alike). */
export async function findVenue(db: Executor, scope: Scope, day: string, id: number) {
  const row = await venueBase(db, day).where(inScope(scope, VENUE_SCOPE)).where('v.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('venues', row) };
}

/** One active venue of the public directory by id (for booking and slot lists), with its key; undefined otherwise. */
export async function findDirectoryVenue(db: Executor, day: string, id: number) {
  const row = await venueBase(db, day).where('v.status', '=', 'active').where('v.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('venues', row) };
}

/**
 * What a printed code names: the code's row (withdrawn or not) and its venue as the poster page
 * shows it. Province-wide lookup by the code itself, no scope: the code is on the poster.
 */
export async function findByCode(db: Executor, day: string, code: string) {
  const c = await db.selectFrom('venue_codes').select(['code', 'owner_division', 'venue_id', 'withdrawn_at']).where('code', '=', code).executeTakeFirst();
  if (!c) return undefined;
  const venue = await venueBase(db, day).where('v.division_code', '=', c.owner_division).where('v.id', '=', c.venue_id).executeTakeFirst();
  return { code: c, venue: venue && { ...venue, key: scopedKey('venues', venue) } };
}

export type NewVenueRow = {
  division_code: string;
  agency_id: number;
  name: string;
  address: string;
  area_m2: string;
  m2_per_person: string;
  dwell_limit_minutes: number;
  slot_minutes: number;
  hygiene_from: number;
  hygiene_to: number;
  cleaning_per_day: number;
  ventilation_per_day: number;
  disinfection_per_day: number;
  code: string;
  created_at: Date;
  updated_at: Date;
};

/** Inserts a venue and issues its code province-wide (23505 on the code: draw another). */
export async function insertVenue(db: Executor, row: NewVenueRow) {
  const key = await db.insertInto('venues').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  await db.insertInto('venue_codes').values({ code: row.code, owner_division: key.division_code, venue_id: key.id, issued_at: row.created_at }).execute();
  return key;
}

export type VenueChanges = Partial<Omit<NewVenueRow, 'division_code' | 'agency_id' | 'code' | 'created_at' | 'updated_at'> & { status: string }> & { updated_at: Date };

/** Updates a venue; returns its capacity as it now stands (the generated column, from the new area and density). */
export async function updateVenue(db: Executor, key: VenueKey, set: VenueChanges): Promise<number> {
  const r = await db.updateTable('venues').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).returning('capacity').executeTakeFirstOrThrow();
  return r.capacity as number;
}

/**
 * Locks the venue's row for the rest of the transaction and returns its capacity and status as
 * committed now (decision 0028). 'update': a change of area or density, or a new slot (one at a
 * time per venue); 'share': a door admitting or a booking (many at once, but never while the venue's
 * capacity or slots are being changed). Undefined when the row is gone.
 */
export async function lockVenue(db: Executor, key: VenueKey, mode: 'update' | 'share') {
  const q = db.selectFrom('venues').select(['capacity', 'status']).where('division_code', '=', key.division_code).where('id', '=', key.id);
  const r = await (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
  return r && { capacity: r.capacity as number, status: r.status };
}

/** Replaces the venue's printed code: the old one is withdrawn (kept, never reissued), the new one issued (23505: draw another). */
export async function replaceCode(db: Executor, key: VenueKey, code: string, at: Date) {
  await db.updateTable('venue_codes').set({ withdrawn_at: at }).where('owner_division', '=', key.division_code).where('venue_id', '=', key.id).where('withdrawn_at', 'is', null).execute();
  await db.insertInto('venue_codes').values({ code, owner_division: key.division_code, venue_id: key.id, issued_at: at }).execute();
  await db.updateTable('venues').set({ code, updated_at: at }).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

/** A re-coding (decision 0022): codes owned by venues of `from` follow them to `to` (same ids); returns how many. */
export async function relinkCodes(db: Executor, from: string, to: string) {
  const r = await db.updateTable('venue_codes').set({ owner_division: to }).where('owner_division', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Every active venue with its hygiene schedule, in every division (the hygiene watcher). */
export async function activeSchedules(db: Executor, _scope: SystemScope) {
  return db
    .selectFrom('venues')
    .select(['division_code', 'id', 'agency_id', 'name', 'hygiene_from', 'hygiene_to', 'cleaning_per_day', 'ventilation_per_day', 'disinfection_per_day', 'created_at'])
    .where('status', '=', 'active')
    .orderBy('division_code')
    .orderBy('id')
    .execute();
}
