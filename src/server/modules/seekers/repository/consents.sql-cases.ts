// Example calls of consents.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './consents.ts';

export const cases: SqlCases<typeof repo> = {
  insertConsent: [{ name: 'consent to the notice at sign-up unless one is in force', rows: [[{ id: 40 }]], args: (db) => [db, 301, 'notice', '2020-02-v1-0123abcd', AT] }],
  consentsInForce: [{ name: 'the seeker\'s own profile shows them', args: (db) => [db, 301] }],
  withdrawConsents: [{ name: 'closing the registration withdraws both', args: (db) => [db, 301, ['notice', 'id_number'], AT] }],
  consentsOfAccounts: [{ name: 'a personal-data request', args: (db) => [db, scopes.system, [301, 302]] }],
  deleteConsents: [{ name: 'a personal-data erasure', args: (db) => [db, scopes.system, [301]] }],
};
