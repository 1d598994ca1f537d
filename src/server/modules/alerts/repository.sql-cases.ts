// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const profile = key('seekers', '530102', 12);
const values = { active: true, channels: ['sms', 'in_app'], quiet_start: 1260, quiet_end: 480, locale: 'zh-CN' };

export const cases: SqlCases<typeof repo> = {
  ownProfile: [{ name: 'the signed-in seeker\'s profile', args: (db) => [db, scopes.seeker, 301] }],
  findSubscription: [{ name: 'a profile\'s subscription', args: (db) => [db, profile] }],
  saveSubscription: [
    { name: 'on: sms and in the app, quiet 21:00–08:00', args: (db) => [db, profile, 301, values, AT] },
    { name: 'off, no quiet hours', args: (db) => [db, profile, 301, { ...values, active: false, quiet_start: null, quiet_end: null }, AT] },
  ],
  bindWechat: [{ name: 'an openid bound, the subscription made off when there is none', args: (db) => [db, profile, 301, 'oAbCdEfGhIjKlMnOpQrStUvWxYz0', { ...values, active: false }, AT] }],
  unsubscribeAccount: [
    { name: 'by the signed link', args: (db) => [db, scopes.system, 301, 'link', AT] },
    { name: 'by a reply of TD', args: (db) => [db, scopes.system, 301, 'sms_reply', AT] },
  ],
  accountSubscribed: [{ name: 'the page before the tap', args: (db) => [db, scopes.system, 301] }],
  accountsOfPhone: [{ name: 'a mobile number', args: (db) => [db, scopes.system, '13800000001'] }],
  digestsOf: [
    { name: 'the first page', args: (db) => [db, profile, { before: null, limit: 20 }] },
    { name: 'before a day', args: (db) => [db, profile, { before: '2024-02-28', limit: 20 }] },
  ],
  feedCursor: [{ name: 'the alerts consumer', args: (db) => [db, 'alerts'], rows: [[], [{ after: 'cDEw' }]] }],
  moveFeedCursor: [{ name: 'from one cursor to the next', args: (db) => [db, 'alerts', 'cDEw', 'cDIw', AT] }],
  recordNewPostings: [{ name: 'two postings of a day', args: (db) => [db, scopes.system, [{ divisionCode: '530102', postingId: 31, day: '2024-03-01', position: 7 }, { divisionCode: '530111', postingId: 32, day: '2024-03-01', position: 8 }]] }],
  dayPostings: [
    { name: 'the first page of a day', args: (db) => [db, scopes.system, '2024-02-29', AT, null, 5000] },
    { name: 'the next page', args: (db) => [db, scopes.system, '2024-02-29', AT, ['530102', 31], 5000] },
  ],
  occupationNames: [{ name: 'every occupation', args: (db) => [db] }],
  subscribersAfter: [
    { name: 'the first batch of a day', args: (db) => [db, scopes.system, null, 5000, '2024-02-29'] },
    { name: 'the batch after a profile', args: (db) => [db, scopes.system, ['530102', 12], 5000, '2024-02-29'] },
  ],
  insertDigests: [{ name: 'a batch of two', args: (db) => [db, scopes.system, [{ divisionCode: '530102', seekerId: 12, day: '2024-02-29', items: [] }, { divisionCode: '530111', seekerId: 13, day: '2024-02-29', items: [] }], AT] }],
  purgeBefore: [{ name: 'older than 30 days', args: (db) => [db, scopes.system, '2024-01-30'] }],
  takeInbound: [{ name: 'a reply once', args: (db) => [db, 'webhook', 'msg-1', AT] }],
  recordInboundOutcome: [{ name: 'unsubscribed', args: (db) => [db, 'webhook', 'msg-1', 'unsubscribed'] }],
  inboundReadTo: [{ name: 'the dev file', args: (db) => [db, '/var/yunqiao/sms-inbound.jsonl'] }],
  setInboundReadTo: [{ name: 'read to a byte', args: (db) => [db, '/var/yunqiao/sms-inbound.jsonl', 4096, AT] }],
  subscriptionsOfAccounts: [{ name: 'two accounts', args: (db) => [db, scopes.system, [301, 302]] }],
  digestsOfAccounts: [{ name: 'two accounts', args: (db) => [db, scopes.system, [301, 302]] }],
  eraseAccounts: [{ name: 'two accounts', args: (db) => [db, scopes.system, [301, 302]] }],
};
