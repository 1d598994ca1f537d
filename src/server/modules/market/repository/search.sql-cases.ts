// Example calls of search.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './search.ts';

const texts = { A: '叉车 司机', B: '昆明 滇运 物流 有限公司', C: '持 叉车 证 负责 仓库 装卸', D: 'dv530112 dv530100 dv530000' };

export const cases: SqlCases<typeof repo> = {
  searchOpenPostings: [
    { name: 'words, relevance, first page', args: (db) => [db, scopes.system, "'普工' & '包吃住'", {}, AT, { sort: 'relevance', limit: 20 }] },
    { name: 'words, relevance boosting priority postings', args: (db) => [db, scopes.system, "'普工'", {}, AT, { sort: 'relevance', limit: 20, boost: true }] },
    {
      name: 'words and every filter, relevance, second page',
      args: (db) => [
        db,
        scopes.system,
        "'叉车' & ('红河' | 'dv532500')",
        { division: '5301', occupation: '4-02', salaryMin: 5000, salaryMax: 8000, salaryUnit: 'MONTH', education: '高中', postedWithin: 7, priority: true, openTo: 'migrant' },
        AT,
        { sort: 'relevance', limit: 20, after: { rank: '0.1', publishedAt: '2025-03-01T01:30:00.123456+00:00', id: 31 } },
      ],
    },
    { name: 'no words, newest, second page', args: (db) => [db, scopes.system, '', { division: '530112' }, AT, { sort: 'newest', limit: 4, after: { publishedAt: '2025-03-01T01:30:00+00:00', id: 31 } }] },
  ],
  searchTier: [
    { name: 'a head tier, first page', args: (db) => [db, scopes.system, { field: 'head', tsquery: "'负责'", not: [] }, {}, AT, { limit: 21 }] },
    {
      name: 'a document tier below the head tier, priority postings only, a county, second page',
      args: (db) => [db, scopes.system, { field: 'document', tsquery: "'负责'", not: [{ field: 'head', tsquery: "'负责'" }], priority: true }, { division: '530112' }, AT, { limit: 21, after: { publishedAt: '2025-03-01T01:30:00+00:00', id: 31 } }],
    },
    { name: 'the others of that tier', args: (db) => [db, scopes.system, { field: 'document', tsquery: "'负责'", not: [{ field: 'head', tsquery: "'负责'" }], priority: false }, {}, AT, { limit: 21 }] },
  ],
  estimateOpenMatches: [
    { name: 'a word', args: (db) => [db, scopes.system, "'负责'", {}, AT] },
    { name: 'no words, a prefecture', args: (db) => [db, scopes.system, '', { division: '5301' }, AT] },
  ],
  openFacetCounts: [
    { name: 'words, exact', args: (db) => [db, scopes.system, "'叉车'", { division: '530112' }, AT] },
    { name: 'no words, every filter, a sample of 2% of the blocks', args: (db) => [db, scopes.system, '', { division: '5301', occupation: '4-02', salaryMin: 5000, salaryMax: 8000, salaryUnit: 'MONTH', education: '高中', postedWithin: 7, priority: true, openTo: 'migrant' }, AT, { percent: 2, seed: 20200207 }] },
  ],
  countOpenMatches: [{ name: 'whether a first page of 20 fills', args: (db) => [db, scopes.system, "'普工' & '包吃住'", {}, AT, 20] }],
  estimatePostingsRows: [{ name: 'the table', args: (db) => [db, scopes.system] }],
  staleSearchRows: [{ name: 'the reindex step\'s batch', args: (db) => [db, scopes.system, 500] }],
  markRecodedStale: [{ name: 'a re-coded county', args: (db) => [db, '530111', '530112'] }],
  writeSearchDocuments: [{ name: 'one batch', args: (db) => [db, scopes.system, [{ division_code: '530112', id: 31, texts }]] }],
};
