// Example calls of resumption.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './resumption.ts';

const plan = key('resumption_plans', '530102', 11);
const line = key('resumption_demand', '530102', 31);
const share = key('resumption_transport_shares', '530102', 5);
const employer = { division_code: '530102', id: 9 };
const values = { resume_on: '2025-02-20', staff_on_post: 40, staff_away: 25, staff_isolated: 3, contact_name: '王经理', contact_phone: '13912345678', note: null };
const returnee = {
  name: '李一',
  id_number_enc: 'v1:…',
  id_number_hash: 'hash',
  id_number_masked: '532301********0021',
  phone: '13800000009',
  origin_division: '532301',
  travel_on: '2025-02-18',
  needs_transport: true,
};
/** A county bureau of an origin county holding the grant on one destination's share. */
const origin = { kind: 'official' as const, prefixes: ['532301'], grants: [{ table: 'resumption_transport_shares', divisionCode: '530102', id: 5 }] };

export const cases: SqlCases<typeof repo> = {
  findPlan: [
    { name: 'county official', args: (db) => [db, scopes.county, 11] },
    { name: 'employer: its own plan only', args: (db) => [db, scopes.employer, 11] },
  ],
  findPlanOfEmployer: [{ name: 'the employer\'s own', args: (db) => [db, scopes.employer, employer] }],
  listPlans: [
    { name: 'province: one prefecture, second page', args: (db) => [db, scopes.province, { division: '5301' }, { limit: 50, after: ['530102', 11] }] },
    { name: 'employer: its own', args: (db) => [db, scopes.employer, {}, { limit: 20 }] },
  ],
  upsertPlan: [{ name: 'create or update the employer\'s plan', rows: [[{ division_code: '530102', id: 11, created: true }]], args: (db) => [db, employer, values, AT, 3] }],
  demandOf: [{ name: 'by plan key', args: (db) => [db, plan] }],
  replaceDemand: [
    { name: 'two lines, the rest removed', args: (db) => [db, plan, [{ occupation_code: '6-18-01', headcount: 12 }, { occupation_code: '6-18-02', headcount: 5 }], AT] },
    { name: 'no lines: remove all', args: (db) => [db, plan, [], AT] },
  ],
  findDemandLine: [{ name: 'one line of the plan', args: (db) => [db, plan, 31] }],
  claimDemandLine: [{ name: 'while it has no posting', args: (db) => [db, line, AT] }],
  setDemandPosting: [{ name: 'the posting made', args: (db) => [db, line, 77] }],
  replaceReturnees: [{ name: 'a new list', args: (db) => [db, plan, [returnee], AT] }],
  returneesOf: [{ name: 'by plan key', args: (db) => [db, plan] }],
  demandByOccupation: [{ name: 'county official', args: (db) => [db, scopes.county, { division: '530102' }] }],
  transportBoard: [{ name: 'prefecture-wide (province scope, one prefecture)', args: (db) => [db, scopes.province, { division: '5301' }, AT] }],
  waitingWorkers: [{ name: 'county official: one origin, one day', args: (db) => [db, scopes.county, { origin: '511602', travelOn: '2025-02-18' }] }],
  departures: [
    { name: 'an origin county through its grant', args: (db) => [db, origin, ['532301']] },
    { name: 'no origins: no statement', args: (db) => [db, origin, []] },
  ],
  upsertShare: [{ name: 'destination shares with an origin', rows: [[{ division_code: '530102', id: 5, origin_division: '532301' }]], args: (db) => [db, '530102', '532301', AT, 3] }],
  findOwnShare: [{ name: 'county official: its own destination only (grants not counted)', args: (db) => [db, scopes.county, 5] }],
  liveShareGrants: [{ name: 'live grants on a share', args: (db) => [db, share, AT] }],
  returneesOfPerson: [{ name: 'by phone and ID hash', args: (db) => [db, scopes.system, { phones: ['13800000009'], idNumberHashes: ['hash'] }] }],
  deleteReturnees: [{ name: 'erase two rows', args: (db) => [db, scopes.system, [{ division_code: '530102', id: 1 }, { division_code: '532301', id: 2 }]] }],
  relinkOrigins: [{ name: 're-coded origin county', args: (db) => [db, '530422', '530481'] }],
};
