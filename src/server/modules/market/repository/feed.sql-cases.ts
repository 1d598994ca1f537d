// Example calls of feed.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './feed.ts';

export const cases: SqlCases<typeof repo> = {
  sequenceChanges: [
    { name: 'the lock taken: positions for committed changes', rows: [[{ locked: true }]], args: (db) => [db, scopes.system, 10_000] },
    { name: 'another sequencer holds the lock: nothing', rows: [[{ locked: false }]], args: (db) => [db, scopes.system] },
  ],
  changesAfter: [{ name: 'a page after position 120', args: (db) => [db, scopes.system, 120, 50] }],
  compactChanges: [{ name: 'superseded changes older than a week', args: (db) => [db, scopes.system, new Date('2026-11-23T00:00:00Z')] }],
  headPosition: [{ name: 'the last position given', rows: [[{ head: '4211' }]], args: (db) => [db, scopes.system] }],
};
