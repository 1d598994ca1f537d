// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011). Shared
// reference tables: no scope applies.
import type { SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

export const cases: SqlCases<typeof repo> = {
  findDivision: [{ name: 'by code', args: (db) => [db, '530102'] }],
  childDivisions: [{ name: "a prefecture's counties", args: (db) => [db, '530100'] }],
  divisionsWithSuccessors: [{ name: 'all', args: (db) => [db] }],
  loadedEditions: [{ name: 'all', args: (db) => [db] }],
  industriesUnder: [
    { name: 'top level', args: (db) => [db, null] },
    { name: 'under a section', args: (db) => [db, 'C'] },
  ],
  findIndustry: [{ name: 'by code', args: (db) => [db, 'C27'] }],
  occupationsUnder: [
    { name: 'top level', args: (db) => [db, null] },
    { name: 'under a major group', args: (db) => [db, '2'] },
  ],
  knownOccupationCodes: [
    { name: 'two codes', args: (db) => [db, ['2-02-01-01', '4-01-02-01']] },
    { name: 'no codes: no statement', args: (db) => [db, []] },
  ],
  upsertOccupations: [
    {
      name: 'two rows (one batch; batches hold 500)',
      args: (db) => [
        db,
        [
          { code: '2', name: '专业技术人员', level: 1, parent_code: null },
          { code: '2-02', name: '工程技术人员', level: 2, parent_code: '2' },
        ],
      ],
    },
  ],
  educationLevels: [{ name: 'all, highest first', args: (db) => [db] }],
};
