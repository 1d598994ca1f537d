// Example calls of venues.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './venues.ts';

const venue = key('venues', '530102', 5);
const row = {
  division_code: '530102',
  agency_id: 7,
  name: '五华区人力资源市场服务大厅',
  address: '昆明市五华区人民中路 88 号',
  area_m2: '200.0',
  m2_per_person: '4.0',
  dwell_limit_minutes: 30,
  slot_minutes: 30,
  hygiene_from: 360,
  hygiene_to: 1080,
  cleaning_per_day: 1,
  ventilation_per_day: 3,
  disinfection_per_day: 2,
  code: 'K7Q2M9XPT4CA',
  created_at: AT,
  updated_at: AT,
};

export const cases: SqlCases<typeof repo> = {
  listVenues: [
    { name: 'county official, today, first page', args: (db) => [db, scopes.county, '2020-02-17', {}, { limit: 50 }] },
    { name: 'province, a prefecture, active only, second page', args: (db) => [db, scopes.province, '2020-02-17', { division: '5301', status: 'active' }, { limit: 20, after: ['530102', 5] }] },
    { name: 'agency administrator: its own venues', args: (db) => [db, scopes.agency, '2020-02-17', {}, { limit: 50 }] },
    { name: 'staff member: the agency\'s venues', args: (db) => [db, scopes.staff, '2020-02-17', {}, { limit: 50 }] },
  ],
  listDirectory: [{ name: 'job seeker: active venues of a prefecture', args: (db) => [db, '2020-02-17', { division: '5301' }, { limit: 50 }] }],
  findVenue: [{ name: 'agency administrator', args: (db) => [db, scopes.agency, '2020-02-17', 5] }],
  findDirectoryVenue: [{ name: 'an active venue by id', args: (db) => [db, '2020-02-17', 5] }],
  findByCode: [{ name: 'a printed code, then its venue', rows: [[{ code: 'K7Q2M9XPT4CA', owner_division: '530102', venue_id: 5, withdrawn_at: null }]], args: (db) => [db, '2020-02-17', 'K7Q2M9XPT4CA'] }],
  insertVenue: [{ name: 'new venue, then its code', rows: [[{ division_code: '530102', id: 5 }]], args: (db) => [db, row] }],
  updateVenue: [{ name: 'area and schedule', rows: [[{ capacity: 60 }]], args: (db) => [db, venue, { area_m2: '240.0', disinfection_per_day: 3, updated_at: AT }] }],
  lockVenue: [
    { name: 'before a change of area or a new slot', args: (db) => [db, venue, 'update'] },
    { name: 'before admitting or booking', args: (db) => [db, venue, 'share'] },
  ],
  replaceCode: [{ name: 'withdraw the old code, issue a new one', args: (db) => [db, venue, 'M9XPT4CAK7Q2', AT] }],
  relinkCodes: [{ name: 're-coded county', args: (db) => [db, '530111', '530103'] }],
  activeSchedules: [{ name: 'the hygiene watcher', args: (db) => [db, scopes.system] }],
};
