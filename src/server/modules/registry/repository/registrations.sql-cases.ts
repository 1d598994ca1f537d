// Example calls of registrations.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './registrations.ts';

const registration = key('employer_registrations', '530102', 4);

export const cases: SqlCases<typeof repo> = {
  listRegistrations: [
    { name: 'county official: pending', args: (db) => [db, scopes.county, { status: 'pending' }, { limit: 50 }] },
    { name: 'applicant: own', args: (db) => [db, scopes.seeker, {}, { limit: 50, after: ['530102', 3] }] },
    { name: 'province: one code in a prefecture', args: (db) => [db, scopes.province, { creditCode: '91530102MA6K123456', division: '5301' }, { limit: 50 }] },
  ],
  findRegistration: [{ name: 'county official', args: (db) => [db, scopes.county, 4] }],
  registrationsOfCode: [{ name: 'every registration of a code', args: (db) => [db, scopes.system, '91530102MA6K123456'] }],
  insertRegistration: [
    {
      name: 'a new registration',
      rows: [[{ division_code: '530102', id: 4 }]],
      args: (db) => [db, { division_code: '530102', account_id: 301, credit_code: '91530102MA6K123456', name: '昆明某某餐饮有限公司', industry_code: '6210', ownership_type: 'private', address: '五华区 1 号', contact_name: '王五', contact_phone: '13800000003', licence_attachment_id: 3, created_at: AT }],
    },
  ],
  decideRegistration: [{ name: 'approve while pending', args: (db) => [db, registration, { status: 'approved', reason: null, decided_by: 11, decided_at: AT, employer_id: 9 }] }],
  registrationsOfPerson: [{ name: 'by account and contact phone', args: (db) => [db, scopes.system, { accountIds: [301], phones: ['13800000003'] }] }],
  anonymiseRegistrationContacts: [{ name: 'blank the contact', args: (db) => [db, [registration]] }],
  employerCodeClaimed: [{ name: 'claimed?', args: (db) => [db, '91530102MA6K123456'] }],
};
