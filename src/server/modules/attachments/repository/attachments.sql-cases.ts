// Example calls of attachments.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './attachments.ts';

const attachment = key('attachments', '530102', 3);

export const cases: SqlCases<typeof repo> = {
  insertAttachment: [
    {
      name: 'a licence scan',
      rows: [[{ division_code: '530102', id: 3 }]],
      args: (db) => [db, { division_code: '530102', kind: 'business_licence', media_type: 'application/pdf', size_bytes: 1024, sha256: 'ab', content: Buffer.from('%PDF-1.4'), uploaded_by: 301, created_at: AT, retain_until: '2023-02-07' }],
    },
  ],
  findAttachment: [
    { name: 'county official', args: (db) => [db, scopes.county, 3] },
    { name: 'the uploader', args: (db) => [db, scopes.seeker, 3] },
  ],
  attachmentContent: [{ name: 'the bytes', rows: [[{ content: Buffer.from('%PDF-1.4') }]], args: (db) => [db, attachment] }],
  attachTo: [{ name: 'tie to an employer registration', args: (db) => [db, attachment, { table: 'employer_registrations', id: 4 }] }],
  purgeExpired: [{ name: 'retention ended, or never used', args: (db) => [db, scopes.system, '2020-02-07', new Date('2020-02-06T16:00:00Z')] }],
  attachmentsOfAccounts: [{ name: 'a person\'s uploads', args: (db) => [db, scopes.system, [301]] }],
  deleteAttachments: [{ name: 'erase', args: (db) => [db, [attachment]] }],
};
