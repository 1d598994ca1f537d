// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011). Accounts,
// sessions and sign-in state are not place-owned: no scope clause here.
import { AT, LATER, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const IDLE_END = new Date('2024-03-01T10:00:00.000Z');
const END = new Date('2024-03-02T08:00:00.000Z');

export const cases: SqlCases<typeof repo> = {
  findAccountByUsername: [{ name: 'by user name, with its organisation standing', args: (db) => [db, 'wuhua-admin'] }],
  findAccountByPhone: [{ name: 'by phone, with its organisation standing', args: (db) => [db, '13800000001'] }],
  insertAccount: [
    {
      name: 'an agency administrator',
      rows: [[{ id: 11 }]],
      args: (db) => [
        db,
        { username: 'wuhua-admin', phone: '13800000001', password_hash: '$argon2id$…', role: 'agency_admin', display_name: '张三', org_division: '530102', agency_id: 7, created_at: AT },
      ],
    },
  ],
  updatePassword: [{ name: 'new hash', args: (db) => [db, 11, '$argon2id$…', AT] }],
  countAccounts: [{ name: 'all accounts', args: (db) => [db] }],
  insertSession: [
    {
      name: 'a new session',
      args: (db) => [db, { token_hash: 'sha256:…', account_id: 11, created_at: AT, last_seen_at: AT, idle_expires_at: IDLE_END, expires_at: END, ip: '10.0.0.1', user_agent: 'Mozilla/5.0' }],
    },
  ],
  findSessionWithAccount: [{ name: 'session, account, standing and live grants', args: (db) => [db, 'sha256:…', LATER] }],
  touchSession: [{ name: 'seen again', args: (db) => [db, 'sha256:…', LATER, IDLE_END] }],
  deleteSession: [{ name: 'sign out', args: (db) => [db, 'sha256:…'] }],
  deleteExpiredSessions: [{ name: 'past either expiry', args: (db) => [db, AT] }],
  findThrottle: [{ name: 'by login', args: (db) => [db, 'wuhua-admin'] }],
  countLoginFailure: [
    { name: 'five tries in 15 minutes, then 15 minutes locked', rows: [[{ failures: 1, locked_until: null }]], args: (db) => [db, 'wuhua-admin', AT, { windowMs: 900_000, max: 5, lockMs: 900_000 }] },
    { name: 'one try: the first failure locks', rows: [[{ failures: 1, locked_until: LATER }]], args: (db) => [db, 'wuhua-admin', AT, { windowMs: 900_000, max: 1, lockMs: 1_800_000 }] },
  ],
  clearThrottle: [{ name: 'after a sign-in', args: (db) => [db, 'wuhua-admin'] }],
  findLoginCode: [{ name: 'by phone', args: (db) => [db, '13800000001'] }],
  claimLoginCode: [
    { name: 'a new code unless one was sent in the last minute', args: (db) => [db, { phone: '13800000001', code_hash: 'hmac:…', created_at: AT, expires_at: LATER }, new Date('2024-03-01T07:59:00.000Z')] },
  ],
  takeCodeAttempt: [{ name: 'spend one of five tries', args: (db) => [db, '13800000001', AT, 5] }],
  consumeLoginCode: [{ name: 'use the code up', args: (db) => [db, '13800000001', 'hmac:…'] }],
  deleteStaleSignInState: [{ name: 'expired codes and spent throttles', args: (db) => [db, AT, 900_000] }],
  accountsOfPerson: [
    { name: 'by account ids and phones', args: (db) => [db, { accountIds: [11, 12], phones: ['13800000001'] }] },
    { name: 'by phone only', args: (db) => [db, { accountIds: [], phones: ['13800000001'] }] },
    { name: 'neither: no statement', args: (db) => [db, { accountIds: [], phones: [] }] },
  ],
  deleteSessionsOfOrganisation: [
    { name: 'a staff member who left', args: (db) => [db, { divisionCode: '530102', staffId: 70 }] },
    { name: 'a closed agency', args: (db) => [db, { divisionCode: '530102', agencyId: 7 }] },
    { name: 'a closed employer', args: (db) => [db, { divisionCode: '530102', employerId: 3 }] },
  ],
  deleteOtherSessions: [{ name: 'every session of the account but the current one', args: (db) => [db, 11, 'sha256:current'] }],
  eraseAccount: [{ name: 'sessions ended, personal fields erased', args: (db) => [db, 11] }],
};
