// Example calls of moderation.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './moderation.ts';

const posting = key('postings', '530102', 31);
const modCase = key('moderation_cases', '530102', 5);

export const cases: SqlCases<typeof repo> = {
  listCases: [
    { name: 'county official: open report cases', args: (db) => [db, scopes.county, null, { origin: 'report', status: 'open' }, { limit: 20 }] },
    { name: 'province official: its reach and postings outside the province, second page', args: (db) => [db, scopes.province, '53', { status: 'closed' }, { limit: 50, after: ['530102', 4] }] },
  ],
  findCase: [
    { name: 'county official', args: (db) => [db, scopes.county, null, 5] },
    { name: 'province official, outside reach too', args: (db) => [db, scopes.province, '53', 5] },
  ],
  reportsOf: [{ name: 'a case\'s reports', args: (db) => [db, modCase] }],
  openScreenerCase: [{ name: 'the screener flagged a posting', rows: [[{ division_code: '530102', id: 5 }]], args: (db) => [db, posting, [{ rule: 'sex', text: '限男性' }], AT] }],
  fileReport: [
    {
      name: 'a report opens or joins the posting\'s report case',
      rows: [[{ division_code: '530102', id: 9, case_id: 5 }]],
      args: (db) => [db, scopes.system, { division_code: '530102', id: 31 }, { category: 'fee_charged', body: '面试要交300元服装费', contact_phone: null }, AT],
    },
  ],
  closeCase: [{ name: 'dismiss an open case', rows: [[{ status: 'dismissed' }]], args: (db) => [db, modCase, { status: 'dismissed', reason: null, decided_by: 3, now: LATER }] }],
  closeCasesOfPosting: [{ name: 'the posting was taken down', args: (db) => [db, posting, { reason: '收取费用', decided_by: 3, now: LATER }] }],
};
