// Example calls of consent.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './consent.ts';

const staff = key('agency_staff', '530102', 70);

export const cases: SqlCases<typeof repo> = {
  findStaff: [
    { name: 'a staff member: their own row', args: (db) => [db, scopes.staff, 70] },
    { name: 'the administrator: a row of the agency', args: (db) => [db, scopes.agency, 71] },
  ],
  consentHistory: [{ name: 'oldest first', args: (db) => [db, staff] }],
  openConsent: [{ name: 'the consent in force, staff member', args: (db) => [db, scopes.staff, staff] }],
  lastWithdrawal: [{ name: 'the latest withdrawal', args: (db) => [db, staff] }],
  insertConsent: [
    { name: 'own consent, unless one is in force', rows: [[{ division_code: '530102', id: 3 }]], args: (db) => [db, staff, { agency_id: 7, text_version: '2020-02-v1', given_at: AT, given_by: 12, method: 'self', paper_signed_on: null, paper_reference: null }] },
    { name: 'a paper consent', rows: [[{ division_code: '530102', id: 4 }]], args: (db) => [db, staff, { agency_id: 7, text_version: '2020-02-v1', given_at: AT, given_by: 11, method: 'paper', paper_signed_on: '2020-02-10', paper_reference: '档案柜 A-3 第 12 号' }] },
  ],
  insertPaperConsent: [{ name: 'unless in force or ever given on the person\'s phone', rows: [[{ division_code: '530102', id: 4 }]], args: (db) => [db, staff, { agency_id: 7, text_version: '2020-02-v1', given_at: AT, given_by: 11, paper_signed_on: '2020-02-10', paper_reference: '档案柜 A-3 第 12 号' }] }],
  hasSelfConsent: [{ name: 'any row given on the phone', args: (db) => [db, staff] }],
  withdrawConsent: [{ name: 'once', args: (db) => [db, key('prevention_consents', '530102', 3), AT, 12] }],
  consentsOfStaff: [
    { name: 'a person\'s roster rows', args: (db) => [db, scopes.system, [{ division_code: '530102', id: 70 }]] },
    { name: 'none: no statement', args: (db) => [db, scopes.system, []] },
  ],
};
