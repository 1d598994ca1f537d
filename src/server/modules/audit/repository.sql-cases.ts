// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { sql } from 'kysely';
import { AT, LATER, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const entry = {
  division_code: '530102',
  at: AT,
  actor_id: 11,
  actor_role: 'agency_admin',
  action: 'registry.agency.update',
  target_type: 'agency',
  target_id: '7',
  outcome: 'ok' as const,
  request_id: 'req-1',
  alg: 'sha256' as const,
  personal_digest: 'd'.repeat(64),
};

export const cases: SqlCases<typeof repo> = {
  insertEntry: [
    { name: 'an entry with its personal part and its pending row', args: (db) => [db, entry, { salt: 's'.repeat(32), actor_username: 'agency-wh', ip: '10.0.0.1', target_id: null, detail: { fields: ['address'] } }] },
    { name: 'an entry with no personal part', args: (db) => [db, { ...entry, actor_id: null, actor_role: null, personal_digest: null }, null] },
  ],
  insertEntryAfter: [
    {
      name: "a module's insert with the entry of the row it returns, one statement",
      args: (db) => {
        const { target_id: _none, ...e } = entry;
        return [db, sql`insert into prevention_checkins (division_code, client_id) values ('530102', 'c') on conflict do nothing returning division_code, id`, { ...e, target_type: 'prevention_checkin' }, { salt: 's'.repeat(32), actor_username: 'staff-wh', ip: '10.0.0.1', target_id: null, detail: { day: '2024-03-01' } }];
      },
    },
  ],
  pendingDivisions: [{ name: 'divisions with entries to chain', args: (db) => [db] }],
  tryLockChain: [{ name: "one division's chain, without waiting", args: (db) => [db, '530102'], rows: [[{ got: true }]] }],
  takePending: [{ name: 'a batch of 500 with the last link', args: (db) => [db, '530102', 500] }],
  insertLinks: [
    { name: 'two links', args: (db) => [db, [1, 2].map((i) => ({ division_code: '530102', seq: 41 + i, entry_id: 100 + i, linked_at: LATER, alg: 'sha256' as const, prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) }))] },
    { name: 'nothing to link', args: (db) => [db, []] },
  ],
  chainDivisions: [{ name: 'every chain', args: (db) => [db] }],
  chainPage: [{ name: 'a page after seq 1000', args: (db) => [db, '530102', 1000, 500] }],
  unchainedEntries: [
    { name: 'orphaned or queued for over 5 minutes', args: (db) => [db, AT] },
    { name: 'orphaned only', args: (db) => [db, null] },
  ],
  countEntries: [{ name: 'entries, pending, erased', args: (db) => [db], rows: [[{ entries: 0, pending: 0, erased: 0 }]] }],
  deletePersonal: [
    { name: 'everything an account did', args: (db) => [db, scopes.system, { actorId: 11 }] },
    { name: 'everything done to one person, in one county', args: (db) => [db, scopes.system, { targetType: 'visitor', targetId: 5, divisionCode: '530102' }] },
    { name: 'visitor registrations older than 28 days', args: (db) => [db, scopes.system, { actionPrefix: 'prevention.visitor.', before: AT }] },
  ],
  listAuditRows: [
    { name: 'provincial official, unplaced rows too, one action, second page', args: (db) => [db, scopes.province, { limit: 50, includeUnplaced: true, action: 'auth.login', before: { at: AT, division: '530102', id: 42 } }] },
    { name: 'county official, first page', args: (db) => [db, scopes.county, { limit: 50 }] },
    { name: 'agency administrator: nothing', args: (db) => [db, scopes.agency, { limit: 50 }] },
  ],
  entriesByActor: [{ name: 'two accounts of one person, at most 10,000', args: (db) => [db, scopes.system, [11, 12], 10_000] }],
};
