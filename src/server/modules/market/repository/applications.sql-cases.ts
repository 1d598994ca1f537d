// Example calls of applications.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './applications.ts';

const application = key('applications', '530102', 71);
const posting = key('postings', '530102', 31);

export const cases: SqlCases<typeof repo> = {
  listApplications: [
    { name: 'employer: its postings, one posting and stage, second page', args: (db) => [db, scopes.employer, { postingId: 31, stage: 'shortlisted' }, { limit: 50, after: ['530102', 70] }] },
    { name: 'county official: read only, every stage', args: (db) => [db, scopes.county, {}, { limit: 50 }] },
    { name: 'agency administrator: none', args: (db) => [db, scopes.agency, {}, { limit: 50 }] },
  ],
  findApplication: [
    { name: 'employer', args: (db) => [db, scopes.employer, 71] },
    { name: 'county official', args: (db) => [db, scopes.county, 71] },
  ],
  applicationsOfSeeker: [{ name: 'a seeker\'s own, second page', args: (db) => [db, scopes.system, 301, { limit: 20, after: [70] }] }],
  appliedPostingsOfAccounts: [{ name: "a batch of seekers' applied postings in every county", args: (db) => [db, scopes.system, [42, 43, 57]] }],
  findOwnApplication: [{ name: 'one of the seeker\'s own', args: (db) => [db, scopes.system, 301, 71] }],
  applicationsOfAgency: [{ name: 'an agency\'s referrals, hired ones, second page', args: (db) => [db, scopes.system, { divisionCode: '530103', agencyId: 7 }, { stage: 'hired' }, { limit: 20, after: [70] }] }],
  findReferredApplication: [{ name: 'one the agency referred', args: (db) => [db, scopes.system, { divisionCode: '530103', agencyId: 7 }, 71] }],
  findPostingToApply: [{ name: 'the posting applied to', args: (db) => [db, scopes.system, 31] }],
  insertApplication: [
    { name: 'a seeker applies', rows: [[{ division_code: '530102', id: 71 }]], args: (db) => [db, posting, { seekerAccountId: 301, referral: null }, AT] },
    { name: 'an agency refers', rows: [[{ division_code: '530102', id: 72 }]], args: (db) => [db, posting, { seekerAccountId: 301, referral: { agencyDivision: '530103', agencyId: 7, agencyName: '盘龙人力', by: 44 } }, AT] },
  ],
  hasLiveApplication: [{ name: 'a duplicate or a closed posting', args: (db) => [db, posting, 301] }],
  moveStage: [{ name: 'shortlist from applied', rows: [[{ stage: 'shortlisted' }]], args: (db) => [db, application, ['applied'], 'shortlisted', LATER] }],
  applicationsOfAccounts: [{ name: 'a personal-data request', args: (db) => [db, scopes.system, [301]] }],
  deleteApplicationsOf: [{ name: 'a personal-data erasure', args: (db) => [db, scopes.system, [301]] }],
  relinkAgencies: [{ name: 'a re-coded county', args: (db) => [db, '530111', '530112'] }],
};
