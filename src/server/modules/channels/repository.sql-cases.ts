// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

export const cases: SqlCases<typeof repo> = {
  insertOutbox: [
    {
      name: 'an SMS, once per idempotency key',
      args: (db) => [
        db,
        { division_code: '530102', channel: 'sms', recipient: '13800000001', template: 'login_code', payload: { code: '123456' }, idempotency_key: 'login:13800000001:1', created_at: AT },
      ],
    },
  ],
  insertOutboxRows: [
    {
      name: 'a digest batch: an SMS and an in-app note, both after quiet hours',
      args: (db) => [
        db,
        [
          { division_code: '530102', channel: 'sms', recipient: '13800000001', template: 'alerts_digest', payload: { text: '…' }, idempotency_key: 'alerts.digest:5:2025-03-10:sms', created_at: AT, deliver_after: new Date('2025-03-10T00:00:00Z') },
          { division_code: '530102', channel: 'inapp', recipient: 'account:5', template: 'alerts_digest', payload: { text: '…' }, idempotency_key: 'alerts.digest:5:2025-03-10:in_app', created_at: AT, deliver_after: null },
        ],
      ],
    },
  ],
  findOutbox: [{ name: 'by key', args: (db) => [db, key('outbox', '530102', 5)] }],
  findOutboxMany: [{ name: 'a batch job\'s rows in two counties', args: (db) => [db, [key('outbox', '530102', 5), key('outbox', '530103', 9)]] }],
  markDeliveredMany: [{ name: 'a batch job\'s delivered rows', args: (db) => [db, [key('outbox', '530102', 5), key('outbox', '530103', 9)], AT] }],
  markDelivered: [{ name: 'delivered', args: (db) => [db, key('outbox', '530102', 5), AT] }],
  markAttemptFailed: [{ name: 'failed attempt, gives up at the fifth', args: (db) => [db, key('outbox', '530102', 5), 'gateway timeout', 5] }],
  stalePending: [{ name: 'pending since before a time', args: (db) => [db, scopes.system, AT, 100] }],
  pendingCount: [{ name: 'all pending', args: (db) => [db, scopes.system] }],
  messagesTo: [{ name: 'two phone numbers', args: (db) => [db, scopes.system, ['13800000001', '13900000002']] }],
  eraseMessagesTo: [{ name: 'two phone numbers', args: (db) => [db, scopes.system, ['13800000001', '13900000002']] }],
  deleteMessagesByKey: [{ name: 'a purge: two receipts of one county', args: (db) => [db, scopes.system, '530102', ['venues.visit-receipt:530102:1', 'venues.visit-receipt:530102:2']] }],
};
