// Example calls of employers.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './employers.ts';

const employer = key('employers', '530102', 9);

export const cases: SqlCases<typeof repo> = {
  listEmployers: [
    { name: 'county official, name filter, second page', args: (db) => [db, scopes.county, { q: '制药' }, { limit: 20, after: ['530102', 90] }] },
    {
      name: 'provincial official, prefecture and epidemic-supplies producers',
      args: (db) => [db, scopes.province, { division: '5301', epidemicSuppliesProducer: true }, { limit: 50 }],
    },
    { name: 're-coded county official with a grant beyond its reach', args: (db) => [db, scopes.recodedCounty, { epidemicSuppliesProducer: false }, { limit: 20 }] },
    { name: 'employer: itself', args: (db) => [db, scopes.employer, {}, { limit: 20 }] },
    { name: 'agency administrator: none', args: (db) => [db, scopes.agency, {}, { limit: 20 }] },
  ],
  findEmployer: [
    { name: 'county official', args: (db) => [db, scopes.county, 9] },
    { name: 'employer itself', args: (db) => [db, scopes.employer, 9] },
  ],
  insertEmployer: [
    {
      name: 'new employer, then its credit-code claim',
      rows: [[{ division_code: '530102', id: 9 }]],
      args: (db) => [
        db,
        {
          division_code: '530102',
          credit_code: '91530102MA6K123456',
          name: '昆明某某制药有限公司',
          industry_code: 'C27',
          address: '昆明市五华区学府路5号',
          contact_name: '王五',
          contact_phone: '13800000003',
          epidemic_supplies_producer: true,
          created_at: AT,
          updated_at: AT,
        },
      ],
    },
  ],
  employerActive: [{ name: 'may it publish?', args: (db) => [db, '530102', 9] }],
  updateEmployer: [
    { name: 'mark as epidemic-supplies producer', args: (db) => [db, employer, { epidemic_supplies_producer: true, updated_at: AT }] },
    { name: 'close', args: (db) => [db, employer, { status: 'closed', updated_at: AT }] },
  ],
};
