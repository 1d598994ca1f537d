// Example calls of agencies.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './agencies.ts';

const wuhua = key('agencies', '530102', 7);

export const cases: SqlCases<typeof repo> = {
  listAgencies: [
    { name: 'county official, name filter, second page', args: (db) => [db, scopes.county, { q: '人力' }, { limit: 20, after: ['530102', 120] }] },
    {
      name: 'provincial official, every filter (prefecture, kind, status, a name with % and _)',
      args: (db) => [db, scopes.province, { division: '5301', kind: 'public', status: 'active', q: '50%_off' }, { limit: 50 }],
    },
    { name: 're-coded county official with a grant beyond its reach', args: (db) => [db, scopes.recodedCounty, {}, { limit: 20 }] },
    { name: 'agency administrator: its own agency', args: (db) => [db, scopes.agency, {}, { limit: 20 }] },
    { name: 'staff member: their agency', args: (db) => [db, scopes.staff, {}, { limit: 20 }] },
    { name: 'employer: only the agency granted to it', args: (db) => [db, scopes.employer, {}, { limit: 20 }] },
    { name: 'job seeker: none', args: (db) => [db, scopes.seeker, {}, { limit: 20 }] },
    { name: 'system: every division', args: (db) => [db, scopes.system, { status: 'suspended' }, { limit: 1000 }] },
  ],
  findAgency: [
    { name: 'county official', args: (db) => [db, scopes.county, 7] },
    { name: 'agency administrator', args: (db) => [db, scopes.agency, 7] },
    { name: 'employer with a grant', args: (db) => [db, scopes.employer, 8] },
  ],
  insertAgency: [
    {
      name: 'new agency, then its credit-code claim',
      rows: [[{ division_code: '530102', id: 7 }]],
      args: (db) => [
        db,
        {
          division_code: '530102',
          name: '五华区人力资源服务中心',
          kind: 'public',
          licence_no: '530102-2024-001',
          credit_code: '12530102MB1234567X',
          address: '昆明市五华区人民中路1号',
          responsible_person: '张三',
          responsible_phone: '13800000001',
          created_at: AT,
          updated_at: AT,
        },
      ],
    },
  ],
  updateAgency: [
    { name: 'suspend', args: (db) => [db, wuhua, { status: 'suspended', updated_at: AT }] },
    { name: 'contact details', args: (db) => [db, wuhua, { address: '昆明市五华区人民中路2号', responsible_person: '李四', responsible_phone: '13800000002', updated_at: AT }] },
  ],
};
