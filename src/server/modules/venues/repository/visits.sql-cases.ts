// Example calls of visits.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './visits.ts';

const venue = key('venues', '530102', 5);
const visit = key('visits', '530102', 11);
const newVisit = {
  day: '2020-02-17',
  visitor_type: 'seeker' as const,
  name: '周雨桐',
  phone: '13900001111',
  source: 'qr' as const,
  booking_id: null,
  mask: null,
  temperature_enc: null,
  arrived_at: AT,
  token_hash: 'ab12',
  consent_version: 'visitor-2020-02',
  recorded_by: null,
};

export const cases: SqlCases<typeof repo> = {
  admitVisit: [{ name: 'a place of the day while below capacity, the visit, its count', args: (db) => [db, venue, 50, newVisit] }],
  findOpenQrVisit: [{ name: 'the open QR visit of a phone today', args: (db) => [db, venue, '2020-02-17', '13900001111'] }],
  recordRefusal: [{ name: 'refused with a fever at the door', rows: [[{ id: 11 }]], args: (db) => [db, venue, { ...newVisit, source: 'desk', mask: true, temperature_enc: 'enc', token_hash: null, consent_version: null, recorded_by: 3 }, ['fever']] }],
  setIncident: [{ name: 'link the incident', args: (db) => [db, visit, 21] }],
  closeVisit: [{ name: 'check-out frees the place once', args: (db) => [db, visit, LATER, 'checkout'] }],
  listVisits: [{ name: 'a day, second page', args: (db) => [db, venue, '2020-02-17', { limit: 50, after: [11] }] }],
  findVisitOfVenue: [{ name: 'one visit', args: (db) => [db, venue, 11] }],
  venueOfVisit: [{ name: 'where a visit is', args: (db) => [db, scopes.system, 11] }],
  findVisitByToken: [{ name: 'the visit a token names', args: (db) => [db, scopes.system, '530102', 11] }],
  insideNow: [{ name: 'people inside today', rows: [[{ n: 3 }]], args: (db) => [db, venue, '2020-02-17'] }],
  dailyCounts: [{ name: 'a week', args: (db) => [db, venue, '2020-02-11', '2020-02-17'] }],
  dwellFigures: [{ name: 'a week', args: (db) => [db, venue, '2020-02-11', '2020-02-17'] }],
  closeEarlierDays: [{ name: 'the end-of-day close', args: (db) => [db, scopes.system, '2020-02-18'] }],
  markOverstays: [{ name: 'the dwell watcher', args: (db) => [db, scopes.system, '2020-02-17', LATER] }],
  purgeVisits: [{ name: 'days before the cutoff', args: (db) => [db, scopes.system, '2020-02-04'] }],
  visitsOfPhones: [{ name: 'two phones', args: (db) => [db, scopes.system, ['13900001111', '13900002222']] }],
  deleteVisits: [{ name: 'one visit', args: (db) => [db, [visit]] }],
};
