// Example calls of employer-authorisations.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './employer-authorisations.ts';

const employer = key('employers', '530102', 9);

export const cases: SqlCases<typeof repo> = {
  authorisationsOf: [{ name: 'an employer\'s authorisations with their documents', args: (db) => [db, employer] }],
  insertAuthorisation: [{ name: 'authorise an agency unless a live grant exists', rows: [[{ id: 12 }]], args: (db) => [db, employer, { divisionCode: '530102', id: 7 }, AT] }],
  revokeAuthorisation: [{ name: 'revoke a live one', args: (db) => [db, employer, 12, AT] }],
};
