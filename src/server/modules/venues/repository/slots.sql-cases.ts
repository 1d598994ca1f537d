// Example calls of slots.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './slots.ts';

const venue = key('venues', '530102', 5);
const slot = key('venue_slots', '530102', 31);
const booking = key('bookings', '530102', 41);

export const cases: SqlCases<typeof repo> = {
  slotsOf: [{ name: 'one day', args: (db) => [db, venue, AT, LATER] }],
  venueOfSlot: [{ name: 'where a slot is', args: (db) => [db, scopes.system, 31] }],
  findSlotOfVenue: [{ name: 'one slot', args: (db) => [db, venue, 31] }],
  liveSlotsOf: [
    { name: 'every slot not yet ended', args: (db) => [db, venue, AT] },
    { name: 'those overlapping a new slot', args: (db) => [db, venue, AT, { from: LATER, to: LATER }] },
  ],
  setSlotCapacity: [{ name: 'places nobody booked withdrawn', args: (db) => [db, slot, 12] }],
  insertSlot: [{ name: '20 places', rows: [[{ division_code: '530102', id: 31 }]], args: (db) => [db, venue, { starts_at: LATER, ends_at: LATER, capacity: 20, created_at: AT, created_by: 3 }] }],
  bookPlace: [
    { name: 'self-service: raise the counter below capacity and insert from it', args: (db) => [db, slot, AT, { account_id: 301, name: '王大山', phone: null, visitor_type: 'seeker', source: 'self', code: 'ABCDEFGH12', created_at: AT, created_by: 301 }] },
  ],
  cancelBooking: [{ name: 'cancel an active booking, give its place back', args: (db) => [db, booking, AT] }],
  bookingsOfSlot: [{ name: 'a slot', args: (db) => [db, slot] }],
  bookingsOfAccount: [
    { name: 'first page', args: (db) => [db, 301, { limit: 20 }] },
    { name: 'next page', args: (db) => [db, 301, { limit: 20, after: [41] }] },
  ],
  findBooking: [{ name: 'by id', args: (db) => [db, scopes.system, 41] }],
  findBookingByCode: [{ name: 'the code scanned at the door', args: (db) => [db, venue, 'ABCDEFGH12'] }],
  markUsed: [{ name: 'used by its visit', args: (db) => [db, booking, AT] }],
  purgeBookings: [{ name: 'slots before the cutoff', args: (db) => [db, scopes.system, AT] }],
  bookingsOfPerson: [{ name: 'an account and a phone', args: (db) => [db, scopes.system, [301], ['13900001111']] }],
  deleteBookings: [{ name: 'one booking', args: (db) => [db, [booking], AT] }],
};
