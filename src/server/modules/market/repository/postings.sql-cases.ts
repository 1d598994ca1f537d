// Example calls of postings.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './postings.ts';

const posting = key('postings', '530102', 31);
/** An agency an employer of 530102 has authorised (a grant on the employer row). */
const authorisedAgency = { ...scopes.agency, divisionCode: '530302', grants: [{ table: 'employers', divisionCode: '530102', id: 5 }] };

const imported: repo.ImportRow = {
  division_code: '530111',
  source_platform: 'BOSS',
  source_id: 'BOSS_1',
  source_url: 'https://example.invalid/jobs/BOSS_1',
  region_text: '昆明·官渡区',
  employer_name: '昆明滇运物流有限公司',
  title: '叉车司机',
  occupation_code: null,
  address: '',
  headcount: null,
  salary_min: 6000,
  salary_max: 8000,
  salary_unit: 'MONTH',
  salary_months: null,
  education: '高中',
  experience: '1',
  description: '持叉车证，负责仓库装卸。',
  benefits: '',
  valid_through: null,
  first_published_at: null,
  content_hash: 'h1',
};
/** The search analyzer's texts for a posting (decision 0041). */
const texts = { A: '叉车 司机', B: '昆明 滇运 物流 有限公司', C: '持 叉车 证 负责 仓库 装卸', D: 'dv530111 dv530100 dv530000' };

export const cases: SqlCases<typeof repo> = {
  listPostings: [
    { name: 'county official, status and keyword, second page', args: (db) => [db, scopes.county, { status: 'published', q: '叉车' }, { limit: 20, after: ['530102', 30] }] },
    { name: 'provincial official, a prefecture', args: (db) => [db, scopes.province, { division: '5301' }, { limit: 50 }] },
    { name: 'employer: its own', args: (db) => [db, scopes.employer, {}, { limit: 20 }] },
    { name: 'agency administrator: none', args: (db) => [db, scopes.agency, {}, { limit: 20 }] },
    { name: 'agency administrator authorised by an employer: that employer\'s', args: (db) => [db, authorisedAgency, {}, { limit: 20 }] },
  ],
  findPosting: [
    { name: 'county official', args: (db) => [db, scopes.county, 31] },
    { name: 'employer: its own', args: (db) => [db, scopes.employer, 31] },
    { name: 'agency administrator authorised by an employer', args: (db) => [db, authorisedAgency, 31] },
    { name: 'province official moderating: its reach and postings outside the province', args: (db) => [db, scopes.province, 31, '53'] },
  ],
  listOpenPostings: [
    { name: 'public list, no filter', args: (db) => [db, scopes.system, {}, AT, { limit: 50 }] },
    { name: 'public list, county, occupation and text, second page', args: (db) => [db, scopes.system, { county: '5301', occupation: '4-02', q: '收银' }, AT, { limit: 20, after: ['530102', 30] }] },
  ],
  findPublicPosting: [{ name: 'public page', args: (db) => [db, scopes.system, 31] }],
  insertPosting: [
    {
      name: 'a draft of a registered employer',
      rows: [[{ division_code: '530102', id: 31 }]],
      args: (db) => [db, { division_code: '530102', employer_id: 9, employer_name: '昆明康泰医用防护用品有限公司', title: '叉车司机', status: 'draft', created_at: AT, updated_at: AT }, texts],
    },
  ],
  updatePosting: [{ name: 'publish from draft or screened', rows: [[{ status: 'published' }]], args: (db) => [db, posting, ['draft', 'screened'], { status: 'published', published_at: LATER, updated_at: LATER }] },
    { name: 'an edit with its search document', rows: [[{ status: 'published' }]], args: (db) => [db, posting, ['published'], { title: '叉车司机', updated_at: LATER }, texts] },
  ],
  recordChanges: [
    { name: 'an update', args: (db) => [db, [posting], { kind: 'updated' }, LATER] },
    { name: 'a take-down', args: (db) => [db, [posting], { kind: 'removed', reason: 'taken_down' }, LATER] },
  ],
  expireDue: [{ name: 'the expiry job', args: (db) => [db, scopes.system, LATER] }],
  salaryQuantiles: [{ name: 'pay of like postings in the prefecture', rows: [[{ n: 0, p05: null, p95: null }]], args: (db) => [db, scopes.system, { prefix: '5301', unit: 'MONTH', group: '6', sample: 2000 }, AT] }],
  storedContentHashes: [{ name: "an import batch's keys", args: (db) => [db, scopes.system, [{ source_platform: 'BOSS', source_id: 'BOSS_1' }, { source_platform: 'BOSS', source_id: 'BOSS_2' }]] }],
  importRows: [{ name: 'one batch: claim, insert, update changed, feed rows', args: (db) => [db, scopes.system, [{ ...imported, search: texts }, { ...imported, source_id: 'BOSS_2', valid_through: LATER, search: texts }], AT] }],
  divisionRows: [{ name: 'the posting reader\'s index', args: (db) => [db] }],
  occupationCodes: [{ name: 'loaded occupation codes', args: (db) => [db] }],
  relinkSources: [{ name: 'a re-coded county', args: (db) => [db, '530111', '530112'] }],
  relinkCodes: [{ name: 'a re-coded county', args: (db) => [db, '530111', '530112'] }],
  findPostingByCode: [{ name: 'a page code', args: (db) => [db, scopes.system, '3W8RZK5N2D'] }],
};
