// Example calls of seekers.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './seekers.ts';

const seeker = key('seekers', '530102', 5);
const values = {
  name: '李小花',
  phone: '13800000009',
  id_number_enc: 'v1:…',
  id_number_hash: 'hash',
  id_number_masked: '530102********0021',
  sex: 'female' as const,
  birth_date: '2003-04-05',
  categories: ['new_entrant', 'new_graduate'],
  priority_groups: ['college_graduate'],
  residence_division: '530102',
  home_division: '532301',
  desired_occupations: ['4-07-02'],
  desired_divisions: ['530102', '530103'],
  salary_min: '3000.00',
  salary_max: '4500.00',
  salary_unit: 'month',
  education_code: 'bachelor',
  skill_grade: null,
  experience_years: 0,
  skills: '会计电算化',
  resume: null,
  valid_until: '2027-05-31',
  visibility: 'agencies',
  updated_at: AT,
};

export const cases: SqlCases<typeof repo> = {
  listSeekers: [
    { name: 'county official, graduates wanting an occupation, second page', args: (db) => [db, scopes.county, { category: 'new_graduate', occupation: '4-07-02' }, { limit: 20, after: ['530102', 90] }] },
    { name: 'province: a prefecture, migrant workers', args: (db) => [db, scopes.province, { division: '5301', priorityGroup: 'migrant_worker' }, { limit: 50 }] },
    { name: 'agency: the seekers who authorised it, not those seen by nobody nor lapsed', args: (db) => [db, { ...scopes.agency, grants: [{ table: 'seekers', divisionCode: '530102', id: 5 }] }, { visibleToAgencies: true, validOn: '2027-05-31' }, { limit: 50 }] },
  ],
  findSeeker: [
    { name: 'county official', args: (db) => [db, scopes.county, 5] },
    { name: 'agency with a grant', args: (db) => [db, { ...scopes.agency, grants: [{ table: 'seekers', divisionCode: '530102', id: 5 }] }, 5] },
  ],
  findOwnSeeker: [{ name: 'the seeker themself', args: (db) => [db, scopes.seeker, 301] }],
  lockAccountProfile: [{ name: 'first save of an account\'s profile', args: (db) => [db, 301] }],
  insertSeeker: [{ name: 'a first profile', rows: [[{ division_code: '530102', id: 5 }]], args: (db) => [db, { ...values, division_code: '530102', account_id: 301, created_at: AT }] }],
  updateSeeker: [{ name: 'rewrite, moving to another county', rows: [[{ division_code: '530103', id: 5 }]], args: (db) => [db, seeker, { ...values, division_code: '530103' }] }],
  renewSeeker: [{ name: 'a renewal', args: (db) => [db, seeker, '2027-11-30', AT] }],
  seekersOfPerson: [{ name: 'by account, phone and ID hash', args: (db) => [db, scopes.system, { accountIds: [301], phones: ['13800000009'], idNumberHashes: ['hash'] }] }],
  seekersOfAccounts: [{ name: 'an employer\'s applicants on one page', args: (db) => [db, scopes.system, [301, 302]] }],
  deleteSeekers: [{ name: 'erase one profile and its grants', args: (db) => [db, [seeker]] }],
  countByDesiredOccupation: [{ name: 'county official: seekers wanting two occupations, valid today', args: (db) => [db, scopes.county, { occupations: ['6-18-01', '4-07-02'], validOn: '2027-05-31' }] }],
};
