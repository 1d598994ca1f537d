// Example calls of interviews.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, LATER, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './interviews.ts';

const application = key('applications', '530102', 71);
const interview = key('interviews', '530102', 9);
const slot = new Date('2025-03-12T02:00:00Z');

export const cases: SqlCases<typeof repo> = {
  findInterview: [
    { name: 'employer', args: (db) => [db, scopes.employer, 9] },
    { name: 'county official', args: (db) => [db, scopes.county, 9] },
    { name: 'the seeker, wherever it lives', args: (db) => [db, scopes.seeker, 9] },
  ],
  listInterviews: [
    { name: 'employer: one application, second page', args: (db) => [db, scopes.employer, { applicationId: 71, from: AT }, { limit: 50, after: ['2025-03-12T02:00:00.000Z', '530102', 8] }] },
    { name: 'county official: the live ones', args: (db) => [db, scopes.county, { from: AT, status: 'scheduled' }, { limit: 50 }] },
    { name: 'employer: the past ones (before now)', args: (db) => [db, scopes.employer, { from: AT, before: LATER, status: 'scheduled' }, { limit: 50 }] },
  ],
  insertInterview: [{ name: 'the employer schedules', rows: [[{ division_code: '530102', id: 9 }]], args: (db) => [db, application, { startsAt: slot, durationMinutes: 30, meetingUrl: 'https://meeting.tencent.com/dm/1', note: null, by: 44 }, AT] }],
  rescheduleInterview: [{ name: 'the seeker moves it', rows: [[{ sequence: 1 }]], args: (db) => [db, interview, 0, { startsAt: LATER, durationMinutes: 30, meetingUrl: 'https://meeting.tencent.com/dm/1', note: null, side: 'seeker' }, AT] }],
  cancelInterview: [{ name: 'the employer cancels', rows: [[{ sequence: 2 }]], args: (db) => [db, interview, 1, { reason: '岗位已招满', side: 'employer' }, AT] }],
  cancelLiveOf: [{ name: 'a rejection', args: (db) => [db, application, '申请未通过', 'employer', AT] }],
  takeDueReminders: [{ name: 'the reminder job', rows: [[]], args: (db) => [db, scopes.system, AT, 500] }],
  interviewsOfAccounts: [{ name: 'a personal-data request', args: (db) => [db, scopes.system, [301]] }],
};
