// Bookable time slots of a venue and their bookings. Booking and cancelling are one statement each
// (decision 0028): the slot's `booked` counter is raised only while below its capacity, in the
// statement that inserts the booking (the row lock orders concurrent requests; a second place for
// the same person breaks a unique index and undoes the whole statement), and lowered only by the
// statement that cancels an active booking (a second cancel finds nothing to cancel). What pages
// show — places taken and free — is counted from the bookings themselves.
import { sql } from 'kysely';
import { type ScopedKey, type SystemScope, scopedKey } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import type { VenueKey } from './venues.ts';

export type SlotKey = ScopedKey<'venue_slots'>;
export type BookingKey = ScopedKey<'bookings'>;

const takenOf = sql<number>`(select count(*) from bookings b where b.division_code = s.division_code and b.slot_id = s.id and b.status = 'active')::int`;

function slotBase(db: Executor) {
  return db
    .selectFrom('venue_slots as s')
    .select(['s.division_code', 's.id', 's.venue_id', 's.starts_at', 's.ends_at', 's.capacity', 's.booked', takenOf.as('taken')]);
}

/** A venue's slots starting in [from, to), by start. */
export async function slotsOf(db: Executor, venue: VenueKey, from: Date, to: Date) {
  return slotBase(db)
    .where('s.division_code', '=', venue.division_code)
    .where('s.venue_id', '=', venue.id)
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', to)
    .orderBy('s.starts_at')
    .execute();
}

export type SlotRow = Awaited<ReturnType<typeof slotsOf>>[number];

/** Where slot `id` is (its venue), wherever it is: the service then reads the venue through the caller's scope or the directory. */
export async function venueOfSlot(db: Executor, _scope: SystemScope, id: number) {
  return db.selectFrom('venue_slots').select(['division_code', 'venue_id']).where('id', '=', id).executeTakeFirst();
}

/** Slot `id` of a venue read through a scope, with its key. */
export async function findSlotOfVenue(db: Executor, venue: VenueKey, id: number) {
  const row = await slotBase(db).where('s.division_code', '=', venue.division_code).where('s.venue_id', '=', venue.id).where('s.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('venue_slots', row) };
}

/**
 * A venue's slots still running or to come at `now` (ending after it) that overlap [from, to)
 * when given, by start: their span, places offered (`capacity`) and promised (`booked`). Read
 * under the venue's row lock (venues.lockVenue), so no booking changes them meanwhile.
 */
export async function liveSlotsOf(db: Executor, venue: VenueKey, now: Date, span?: { from: Date; to: Date }) {
  return db
    .selectFrom('venue_slots')
    .select(['division_code', 'id', 'starts_at', 'ends_at', 'capacity', 'booked'])
    .where('division_code', '=', venue.division_code)
    .where('venue_id', '=', venue.id)
    .where('ends_at', '>', now)
    .$if(span !== undefined, (q) => q.where('starts_at', '<', (span as { to: Date }).to).where('ends_at', '>', (span as { from: Date }).from))
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** Sets a slot's places (never below its bookings: the table's check refuses that). */
export async function setSlotCapacity(db: Executor, slot: SlotKey, capacity: number) {
  await db.updateTable('venue_slots').set({ capacity }).where('division_code', '=', slot.division_code).where('id', '=', slot.id).execute();
}

export async function insertSlot(db: Executor, venue: VenueKey, row: { starts_at: Date; ends_at: Date; capacity: number; created_at: Date; created_by: number | null }) {
  const r = await db
    .insertInto('venue_slots')
    .values({ division_code: venue.division_code, venue_id: venue.id, ...row })
    .returning(['division_code', 'id'])
    .executeTakeFirstOrThrow();
  return r;
}

export type NewBooking = {
  account_id: number | null;
  name: string;
  phone: string | null;
  visitor_type: 'seeker' | 'employer';
  source: 'self' | 'desk';
  code: string;
  created_at: Date;
  created_by: number | null;
};

/**
 * Books one place in one statement: raises the slot's counter only while below its capacity and
 * before it starts (`now`), and inserts the booking from that row. Returns the booking's id, or
 * undefined when the slot is full or has started (nothing written). A second active place for the
 * same account or phone raises PostgreSQL's unique violation (23505), which undoes the statement.
 */
export async function bookPlace(db: Executor, slot: SlotKey, now: Date, b: NewBooking) {
  const r = await sql<{ id: number }>`
    with seat as (
      update venue_slots set booked = booked + 1
       where division_code = ${slot.division_code} and id = ${slot.id} and booked < capacity and starts_at > ${now}::timestamptz
      returning division_code, id, venue_id
    )
    insert into bookings (division_code, slot_id, venue_id, account_id, name, phone, visitor_type, source, code, created_at, created_by)
    select division_code, id, venue_id, ${b.account_id}::bigint, ${b.name}, ${b.phone}, ${b.visitor_type}, ${b.source}, ${b.code}, ${b.created_at}::timestamptz, ${b.created_by}::bigint
      from seat
    returning id`.execute(db);
  return r.rows[0]?.id;
}

/**
 * Cancels an active booking in one statement and gives its place back to the slot. Returns 1 when
 * this call cancelled it, 0 when it was cancelled already (any number of cancels frees one place).
 */
export async function cancelBooking(db: Executor, key: BookingKey, at: Date) {
  const r = await sql<{ cancelled: number }>`
    with cancelled as (
      update bookings set status = 'cancelled', cancelled_at = ${at}::timestamptz
       where division_code = ${key.division_code} and id = ${key.id} and status = 'active'
      returning division_code, slot_id
    ), freed as (
      update venue_slots s set booked = s.booked - 1 from cancelled c
       where s.division_code = c.division_code and s.id = c.slot_id
      returning s.id
    )
    select (select count(*) from cancelled)::int as cancelled, (select count(*) from freed)::int as freed`.execute(db);
  return r.rows[0]?.cancelled ?? 0;
}

const bookingColumns = [
  'b.division_code',
  'b.id',
  'b.slot_id',
  'b.venue_id',
  'b.account_id',
  'b.name',
  'b.phone',
  'b.visitor_type',
  'b.source',
  'b.status',
  'b.code',
  'b.created_at',
  'b.cancelled_at',
  'b.used_at',
  's.starts_at',
  's.ends_at',
  'v.name as venue_name',
] as const;

function bookingBase(db: Executor) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('venue_slots as s', (j) => j.onRef('s.division_code', '=', 'b.division_code').onRef('s.id', '=', 'b.slot_id'))
    .innerJoin('venues as v', (j) => j.onRef('v.division_code', '=', 'b.division_code').onRef('v.id', '=', 'b.venue_id'))
    .select(bookingColumns);
}

/** A slot's bookings (active and cancelled), by id. */
export async function bookingsOfSlot(db: Executor, slot: SlotKey) {
  return bookingBase(db).where('b.division_code', '=', slot.division_code).where('b.slot_id', '=', slot.id).orderBy('b.id').execute();
}

export type BookingRow = Awaited<ReturnType<typeof bookingsOfSlot>>[number];

/** One page of an account's own bookings (the seeker's or employer's list), newest first by id. */
export async function bookingsOfAccount(db: Executor, accountId: number, page: { limit: number; after?: [number] | undefined }) {
  const q = bookingBase(db).where('b.account_id', '=', accountId);
  // newest first: keyset on the negated id
  const rows = await q
    .$if(page.after !== undefined, (q) => q.where('b.id', '<', (page.after as [number])[0]))
    .orderBy('b.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  return rows;
}

/** Where booking `id` is, wherever it is (the service then checks who may touch it). */
export async function findBooking(db: Executor, _scope: SystemScope, id: number) {
  const row = await bookingBase(db).where('b.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('bookings', row) };
}

/** The booking whose door code is `code` at a venue (the receptionist scans it). */
export async function findBookingByCode(db: Executor, venue: VenueKey, code: string) {
  const row = await bookingBase(db).where('b.division_code', '=', venue.division_code).where('b.venue_id', '=', venue.id).where('b.code', '=', code).executeTakeFirst();
  return row && { ...row, key: scopedKey('bookings', row) };
}

/** Marks a booking as used by the visit it opened. */
export async function markUsed(db: Executor, key: BookingKey, at: Date) {
  await db.updateTable('bookings').set({ used_at: at }).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

/**
 * Bookings of slots that started before `before`, in every division, that no remaining visit
 * names, deleted (the retention purge); returns their keys. The slot keeps its counter as the
 * number of places that were taken.
 */
export async function purgeBookings(db: Executor, _scope: SystemScope, before: Date) {
  return db
    .deleteFrom('bookings as b')
    .using('venue_slots as s')
    .whereRef('s.division_code', '=', 'b.division_code')
    .whereRef('s.id', '=', 'b.slot_id')
    .where('s.starts_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('visits as x').select('x.id').whereRef('x.division_code', '=', 'b.division_code').whereRef('x.booking_id', '=', 'b.id'))),
    )
    .returning(['b.division_code', 'b.id'])
    .execute();
}

/** Bookings made by one of `accountIds` or naming one of `phones` (personal-data requests). */
export async function bookingsOfPerson(db: Executor, _scope: SystemScope, accountIds: readonly number[], phones: readonly string[]) {
  if (!accountIds.length && !phones.length) return [];
  return bookingBase(db)
    .where((eb) => eb.or([...(accountIds.length ? [eb('b.account_id', 'in', accountIds)] : []), ...(phones.length ? [eb('b.phone', 'in', phones)] : [])]))
    .orderBy('b.id')
    .execute();
}

/** Deletes bookings (erasure), giving back the places of active ones; returns how many. */
export async function deleteBookings(db: Executor, keys: readonly BookingKey[], at: Date) {
  let n = 0;
  for (const k of keys) {
    await cancelBooking(db, k, at);
    await db.updateTable('visits').set({ booking_id: null }).where('division_code', '=', k.division_code).where('booking_id', '=', k.id).execute();
    const r = await db.deleteFrom('bookings').where('division_code', '=', k.division_code).where('id', '=', k.id).executeTakeFirst();
    n += Number(r.numDeletedRows);
  }
  return n;
}
