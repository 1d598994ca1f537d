// Example calls of placements.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './placements.ts';

const application = key('applications', '530102', 71);
const placement = key('placements', '530102', 12);
const agency = { divisionCode: '530103', agencyId: 7 };

export const cases: SqlCases<typeof repo> = {
  listPlacements: [
    { name: 'county official: awaiting verification, second page', args: (db) => [db, scopes.county, { status: 'confirmed' }, { limit: 50, after: ['530102', 11] }] },
    { name: 'employer: its own', args: (db) => [db, scopes.employer, {}, { limit: 50 }] },
  ],
  placementsOfAgency: [{ name: 'an agency\'s own, every county', args: (db) => [db, scopes.system, agency, {}, { limit: 50, after: [11] }] }],
  findPlacement: [
    { name: 'employer', args: (db) => [db, scopes.employer, 12] },
    { name: 'county official', args: (db) => [db, scopes.county, 12] },
  ],
  findAgencyPlacement: [{ name: 'one the agency recorded', args: (db) => [db, scopes.system, agency, 12] }],
  insertPlacement: [{ name: 'the agency records', rows: [[{ division_code: '530102', id: 12 }]], args: (db) => [db, application, { employerId: 5, employerName: '昆明康泰', employerCreditCode: '91530102MA0000001X', postingTitle: '装配工', seekerAccountId: 301, agency: { ...agency, name: '盘龙人力' }, by: 44 }, AT] }],
  confirmPlacement: [{ name: 'the employer confirms', rows: [[{ status: 'confirmed' }]], args: (db) => [db, placement, { contractStart: '2025-03-01', contractType: 'labour_contract', idNumberEnc: 'v1:…', idNumberHash: 'hash', idNumberMasked: '530102********0203', by: 45 }, AT] }],
  matchPlacements: [{ name: 'an import\'s pairs, county official', args: (db) => [db, scopes.county, [{ idNumberHash: 'hash', creditCode: '91530102MA0000001X' }]] }],
  insertInsurance: [{ name: 'matched rows', rows: [[{ n: 2 }]], args: (db) => [db, [{ key: placement, month: '2025-03', insuranceType: '110' }, { key: placement, month: '2025-03', insuranceType: '310' }], 46, AT] }],
  verifyInsured: [{ name: 'after an import', rows: [[{ division_code: '530102', id: 12 }]], args: (db) => [db, [placement], AT] }],
  insuranceOf: [{ name: 'a page of placements', args: (db) => [db, [placement]] }],
  latestImportedMonths: [{ name: 'the counties of a page', args: (db) => [db, ['530102']] }],
  countsByAgency: [{ name: 'county official', args: (db) => [db, scopes.county] }],
  countsOfAgency: [{ name: 'the agency\'s own', args: (db) => [db, scopes.system, agency] }],
  relinkAgencies: [{ name: 'a re-coded county', args: (db) => [db, '530111', '530112'] }],
  placementsOfPerson: [{ name: 'a personal-data request', args: (db) => [db, scopes.system, { accountIds: [301], idNumberHashes: ['hash'] }] }],
  deletePlacements: [{ name: 'a personal-data erasure', args: (db) => [db, scopes.system, [placement]] }],
  confirmedUnder: [{ name: 'the dev simulation', args: (db) => [db, scopes.system, '5301'] }],
};
