// Example calls of summary.ts for its SQL snapshot (npm run gen:sql, decision 0011). Officials
// only: other scope kinds get `false` (shown once per function).
import { scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './summary.ts';

export const cases: SqlCases<typeof repo> = {
  agencyCountsByCounty: [
    { name: 'provincial official', args: (db) => [db, scopes.province] },
    { name: 're-coded county official', args: (db) => [db, scopes.recodedCounty] },
    { name: 'agency administrator: nothing', args: (db) => [db, scopes.agency] },
  ],
  staffCountsByCounty: [
    { name: 'county official', args: (db) => [db, scopes.county] },
    { name: 'staff member: nothing', args: (db) => [db, scopes.staff] },
  ],
  employerCountsByCounty: [
    { name: 'county official', args: (db) => [db, scopes.county] },
    { name: 'employer: nothing', args: (db) => [db, scopes.employer] },
    { name: 'system: every division', args: (db) => [db, scopes.system] },
  ],
};
