// Example calls of authorisations.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './authorisations.ts';

const seeker = key('seekers', '530102', 5);

export const cases: SqlCases<typeof repo> = {
  authorisationsOf: [{ name: 'a seeker\'s authorisations, live and revoked', args: (db) => [db, seeker] }],
  insertAuthorisation: [{ name: 'authorise an agency unless a live grant exists', rows: [[{ id: 12 }]], args: (db) => [db, seeker, { divisionCode: '530102', id: 7 }, AT] }],
  revokeAuthorisation: [{ name: 'revoke a live one', args: (db) => [db, seeker, 12, AT] }],
  moveAuthorisations: [{ name: 'the profile moved county', args: (db) => [db, seeker, '530103'] }],
};
