// Example calls of hygiene.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './hygiene.ts';

const venue = key('venues', '530102', 5);

export const cases: SqlCases<typeof repo> = {
  logsOf: [{ name: 'one day', args: (db) => [db, venue, '2020-02-17', '2020-02-17'] }],
  insertLog: [{ name: 'a disinfection', rows: [[{ id: 1 }]], args: (db) => [db, venue, { kind: 'disinfection', day: '2020-02-17', done_at: AT, note: '', recorded_by: 3 }] }],
  logsOfDays: [{ name: 'yesterday and today, every venue', args: (db) => [db, scopes.system, '2020-02-16', '2020-02-17'] }],
  flagMisses: [
    {
      name: 'two missed slots',
      args: (db) => [
        db,
        scopes.system,
        [
          { division_code: '530102', venue_id: 5, day: '2020-02-17', kind: 'ventilation', slot: 1, window_from: AT, window_to: LATER, flagged_at: LATER },
          { division_code: '530102', venue_id: 5, day: '2020-02-17', kind: 'cleaning', slot: 1, window_from: AT, window_to: LATER, flagged_at: LATER },
        ],
      ],
    },
  ],
};
