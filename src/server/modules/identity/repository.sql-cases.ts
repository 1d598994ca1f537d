// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011). Accounts,
// sessions and sign-in state are not place-owned: no scope clause here.
import { AT, key, LATER, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
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
        { username: 'wuhua-admin', phone: '13800000001', password_hash: '$argon2id$…', display_name: '张三', created_at: AT },
      ],
    },
  ],
  findAccountById: [{ name: 'by id', args: (db) => [db, 11] }],
  idTailsOfPhones: [{ name: 'ID tails on file of a roster\'s phones', args: (db) => [db, ['13800000002', '13800000003']] }],
  admitStaffRows: [
    {
      name: 'roster rows: their phones\' persons found or made, their memberships made or moved',
      rows: [[], [{ id: 22, account_id: 12, previous: null }]],
      args: (db) => [db, [{ phone: '13800000002', display_name: '李四', id_tail_hash: 'hmac:…', org_division: '530102', agency_id: 7, staff_id: 5 }], AT, 11],
    },
  ],
  upsertMembership: [
    {
      name: 'an agency administrator membership (found, or added)',
      rows: [[], [{ id: 21 }]],
      args: (db) => [db, { account_id: 11, role: 'agency_admin', org_division: '530102', agency_id: 7, created_at: AT }],
    },
  ],
  upsertStaffMembership: [
    { name: 'a roster row\'s membership, moved to the phone\'s person', rows: [[{ id: 22, previous: null }]], args: (db) => [db, { account_id: 12, org_division: '530102', agency_id: 7, staff_id: 5, created_at: AT, created_by: 11 }] },
  ],
  disableMemberships: [{ name: 'disabled, their sessions deleted', args: (db) => [db, [21, 22]] }],
  insertPhonePerson: [
    { name: 'a job seeker signing up: phone only (nothing when the phone is someone\'s)', rows: [[{ id: 14 }]], args: (db) => [db, { phone: '13800000009', display_name: '李小花', created_at: AT }] },
  ],
  insertPerson: [
    {
      name: 'a new person with a one-time password (nothing when the phone became someone\'s)',
      rows: [[{ id: 13 }]],
      args: (db) => [db, { username: 'kunming-admin', phone: '13800000003', password_hash: '$argon2id$…', display_name: '昆明市人力资源和社会保障局', created_at: AT, must_change_password: true }],
    },
  ],
  issueOneTimePassword: [
    { name: 'a roster row\'s person gets a user name and a one-time password, only while they have none', rows: [[{ username: 'zhang-xy' }]], args: (db) => [db, 12, { username: 'zhang-xy', password_hash: '$argon2id$…' }] },
  ],
  insertMembership: [
    { name: 'a county official\'s membership, unless held already', rows: [[{ id: 23 }]], args: (db) => [db, { account_id: 13, role: 'county', official_division: '530102', created_at: AT, created_by: 11 }] },
    { name: 'an agency administrator\'s', rows: [[]], args: (db) => [db, { account_id: 12, role: 'agency_admin', org_division: '530102', agency_id: 7, created_at: AT, created_by: 13 }] },
  ],
  listMemberships: [
    { name: 'a prefecture\'s reach: officials and organisations under 5301, first page', args: (db) => [db, { kind: 'official', prefixes: ['5301'], grants: [] }, {}, { limit: 50 }] },
    { name: 'a county, every filter, after a cursor', args: (db) => [db, scopes.county, { role: 'agency_admin', status: 'active', division: '530102', q: '李' }, { limit: 20, after: [120] }] },
    { name: 'an agency administrator: its agency\'s, staff included', args: (db) => [db, scopes.agency, {}, { limit: 50 }] },
    { name: 'an employer reaches none', args: (db) => [db, scopes.employer, {}, { limit: 50 }] },
  ],
  findMembership: [{ name: 'one in a county\'s reach', args: (db) => [db, scopes.county, 23] }],
  setMembershipStatus: [
    { name: 'disabled: its sessions deleted', args: (db) => [db, key('memberships', '530102', 23), 'disabled'] },
    { name: 'enabled again', args: (db) => [db, key('memberships', '530102', 23), 'active'] },
  ],
  findOrganisation: [
    { name: 'an agency in a county\'s reach', args: (db) => [db, scopes.county, 'agency', 7] },
    { name: 'an employer in the province\'s', args: (db) => [db, scopes.province, 'employer', 9] },
  ],
  usableMemberships: [{ name: 'active, place standing, with names, most recent first', args: (db) => [db, 11] }],
  touchMembership: [{ name: 'last used', args: (db) => [db, 21, AT] }],
  markSignedIn: [{ name: 'last sign-in', args: (db) => [db, 11, AT] }],
  switchSessionMembership: [{ name: 'another membership, expiry shrunk to its role', rows: [[{ expires_at: END }]], args: (db) => [db, 'sha256:…', 21, { idleMs: 1_800_000, absoluteMs: 43_200_000 }, LATER] }],
  deleteSessionsOfMovedMemberships: [{ name: 'moved memberships\' old sessions', args: (db) => [db, [{ id: 22, accountId: 12 }]] }],
  membershipsOfStaffRow: [{ name: 'a roster row\'s membership', args: (db) => [db, '530102', 5] }],
  updatePassword: [{ name: 'new hash', args: (db) => [db, 11, '$argon2id$…', AT] }],
  seekerIdOfAccount: [{ name: 'a job seeker\'s profile id for /me', args: (db) => [db, 12] }],
  membershipsOfAccount: [{ name: 'every membership of a person, any status', args: (db) => [db, 12] }],
  changePhone: [{ name: 'a new number, the old one returned', rows: [[{ previous: '13800000002' }]], args: (db) => [db, 12, '13900000002', AT] }],
  deleteSessionsOfAccount: [{ name: 'every session of the person', args: (db) => [db, 12] }],
  forgetDevices: [{ name: 'every remembered device of the person', args: (db) => [db, 12] }],
  countAccounts: [{ name: 'all accounts', args: (db) => [db] }],
  insertSession: [
    {
      name: 'a new session',
      args: (db) => [db, { token_hash: 'sha256:…', account_id: 11, membership_id: 21, sign_in_method: 'password', created_at: AT, last_seen_at: AT, idle_expires_at: IDLE_END, expires_at: END, ip: '10.0.0.1', user_agent: 'Mozilla/5.0' }],
    },
  ],
  relinkMemberships: [{ name: '澄江县 re-coded as 澄江市', args: (db) => [db, '530422', '530481'] }],
  relinkGrantees: [{ name: '澄江县 re-coded as 澄江市', args: (db) => [db, '530422', '530481'] }],
  findSessionWithAccount: [{ name: 'session, account, standing and live grants', args: (db) => [db, 'sha256:…', LATER] }],
  findMembershipActor: [{ name: 'a membership as a session would act as it: account, standing, live grants', args: (db) => [db, 21, LATER] }],
  touchSession: [{ name: 'seen again', args: (db) => [db, 'sha256:…', LATER, IDLE_END] }],
  deleteSession: [{ name: 'sign out', args: (db) => [db, 'sha256:…'] }],
  deleteExpiredSessions: [{ name: 'past either expiry', args: (db) => [db, AT] }],
  bucketFor: [{ name: 'a device known to the account, else strangers', rows: [[{ device: '' }]], args: (db) => [db, '13800000001', 'phone', 'sha256:device'] }],
  findThrottle: [
    { name: 'by login, in the bucket of the caller\'s device', args: (db) => [db, 'wuhua-admin', 'username', 'sha256:device'] },
    { name: 'by phone, no device cookie', args: (db) => [db, '13800000001', 'phone', ''] },
  ],
  countLoginFailure: [
    { name: 'five tries in 15 minutes, then 15 minutes locked', rows: [[{ failures: 1, locked_until: null, device: '' }]], args: (db) => [db, 'wuhua-admin', 'username', 'sha256:device', AT, { windowMs: 900_000, max: 5, lockMs: 900_000 }] },
    { name: 'one try: the first failure locks', rows: [[{ failures: 1, locked_until: LATER, device: '' }]], args: (db) => [db, '13800000001', 'phone', '', AT, { windowMs: 900_000, max: 1, lockMs: 1_800_000 }] },
  ],
  clearThrottle: [{ name: 'after a sign-in, the bucket it counted in', args: (db) => [db, 'wuhua-admin', 'sha256:device'] }],
  clearThrottleOf: [
    { name: 'an unlock: the user name\'s and the phone\'s counters, every device', args: (db) => [db, ['wuhua-admin', '13800000001']] },
    { name: 'no logins: no statement', args: (db) => [db, []] },
  ],
  rememberDevice: [{ name: 'a device signed in to the account', args: (db) => [db, 11, 'sha256:device', AT] }],
  hitCounters: [
    { name: 'an IPv6 client: its /64 and /48', rows: [[{ key: 'sign-in:2001:db8:1::/48', hits: 1, window_ends_at: LATER }]], args: (db) => [db, ['sign-in:2001:db8:1:2::/64', 'sign-in:2001:db8:1::/48'], AT, 900_000] },
  ],
  takeFromCounter: [{ name: 'one of ten codes today for a phone', rows: [[{ hits: 1 }]], args: (db) => [db, 'sms-phone:13800000001:2024-03-01', AT, LATER, 10] }],
  raiseAlert: [
    {
      name: 'the SMS budget spent, once a day',
      rows: [[{ id: 1 }]],
      args: (db) => [db, { division_code: '530000', kind: 'sms_budget_reached', once_key: 'sms-budget:login_code:2024-03-01', raised_at: AT, detail: { purpose: 'login_code', budget: 5000 } }],
    },
  ],
  listAlerts: [{ name: 'the province\'s alerts', args: (db) => [db, { kind: 'official', prefixes: ['53'], grants: [] }, 20] }],
  findLoginCode: [{ name: 'by phone', args: (db) => [db, '13800000001'] }],
  claimLoginCode: [
    { name: 'a new code unless one was sent in the last minute', args: (db) => [db, { phone: '13800000001', code_hash: 'hmac:…', created_at: AT, expires_at: LATER }, new Date('2024-03-01T07:59:00.000Z')] },
  ],
  takeCodeAttempt: [{ name: 'spend one of five tries', args: (db) => [db, '13800000001', AT, 5] }],
  consumeLoginCode: [{ name: 'use the code up', args: (db) => [db, '13800000001', 'hmac:…'] }],
  deleteLoginCodes: [
    { name: 'the old and the new number\'s pending codes', args: (db) => [db, ['13800000002', '13900000002']] },
    { name: 'no phones: no statement', args: (db) => [db, []] },
  ],
  deleteStaleSignInState: [{ name: 'expired codes, spent throttles and counters, devices a year unseen', args: (db) => [db, AT, 900_000, 31_536_000_000] }],
  deleteSeekerMembership: [{ name: 'a seeker closes their registration', args: (db) => [db, 301] }],
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
