// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

export const cases: SqlCases<typeof repo> = {
  lockChain: [{ name: "one division's chain", args: (db) => [db, '530102'] }],
  lastLink: [{ name: "one division's last row", args: (db) => [db, '530102'] }],
  insertAuditRow: [
    {
      name: 'one row',
      args: (db) => [
        db,
        {
          division_code: '530102',
          seq: 42,
          at: AT,
          actor_id: 11,
          actor_username: 'wuhua-admin',
          actor_role: 'agency_admin',
          action: 'agency.update',
          target_type: 'agency',
          target_id: '530102:7',
          outcome: 'ok',
          request_id: 'req-1',
          ip: '10.0.0.1',
          detail: { status: 'suspended' },
          prev_hash: 'a'.repeat(64),
          hash: 'b'.repeat(64),
        },
      ],
    },
  ],
  chainDivisions: [{ name: 'every chain', args: (db) => [db] }],
  chainPage: [{ name: 'a page after seq 1000', args: (db) => [db, '530102', 1000, 500] }],
  listAuditRows: [
    {
      name: 'provincial official, unplaced rows too, one action, second page',
      args: (db) => [db, scopes.province, { limit: 50, includeUnplaced: true, action: 'auth.login', before: { at: AT, division: '530102', seq: 42 } }],
    },
    { name: 'county official, first page', args: (db) => [db, scopes.county, { limit: 50 }] },
    { name: 'agency administrator: nothing', args: (db) => [db, scopes.agency, { limit: 50 }] },
  ],
};
