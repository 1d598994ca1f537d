// Example calls of common.ts for its SQL snapshot (npm run gen:sql, decision 0011): its one
// function reads an error and runs no SQL; the snapshot says so.
import type { SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './common.ts';

export const cases: SqlCases<typeof repo> = {
  isUniqueViolation: [{ name: 'a unique violation (runs no SQL)', args: () => [{ code: '23505' }] }],
};
