// Example calls of incidents.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './incidents.ts';

const incident = key('prevention_incidents', '530102', 11);
const notice = key('prevention_inbox', '530102', 21);
const rules = [
  { stage: 'reported', after: 'detected', minutes: 120 },
  { stage: 'isolated', after: 'reported', minutes: 240 },
];

export const cases: SqlCases<typeof repo> = {
  listIncidents: [
    { name: 'county official, first page', args: (db) => [db, scopes.county, {}, { limit: 50 }] },
    { name: 'province: late, detected, of a prefecture, second page', args: (db) => [db, scopes.province, { late: true, stage: 'detected', division: '5301' }, { limit: 20, after: ['530102', 11] }] },
    { name: 'agency administrator: its own agency, by trigger', args: (db) => [db, scopes.agency, { trigger: 'fever', agencyId: 7 }, { limit: 50 }] },
    { name: 'staff member: nothing (no owner column for staff)', args: (db) => [db, scopes.staff, {}, { limit: 50 }] },
  ],
  findIncident: [
    { name: 'prefecture official', args: (db) => [db, { kind: 'official', prefixes: ['5301'], grants: [] }, 11] },
    { name: 'agency administrator', args: (db) => [db, scopes.agency, 11] },
  ],
  locateIncident: [{ name: 'by id', args: (db) => [db, scopes.system, 11] }],
  stepsOf: [{ name: 'timeline', args: (db) => [db, incident] }],
  escalationsOf: [{ name: 'escalations', args: (db) => [db, incident] }],
  moveStage: [{ name: 'detected → reported, with its step', args: (db) => [db, incident, 'detected', 'reported', { at: AT, by_account: 3, by_name: '李建华', note: null }] }],
  stageOf: [{ name: 'after a refused move', args: (db) => [db, incident] }],
  escalateOverdue: [
    { name: 'the prefecture step', args: (db) => [db, scopes.system, AT, rules, 'prefecture'] },
    { name: 'the province step (twice the allowance)', args: (db) => [db, scopes.system, AT, rules, 'province'] },
    { name: 'no deadlines configured: no statement', args: (db) => [db, scopes.system, AT, [], 'prefecture'] },
  ],
  agencyNames: [
    { name: 'two agencies', args: (db) => [db, scopes.system, [{ division_code: '530102', id: 7 }, { division_code: '530103', id: 8 }]] },
    { name: 'none: no statement', args: (db) => [db, scopes.system, []] },
  ],
  eraseSubjects: [
    {
      name: 'ended past retention, or a visitor past the visit\'s retention',
      rows: [[{ division_code: '530102', id: 11 }], []],
      args: (db) => [db, scopes.system, AT, new Date('2024-02-29T16:00:00.000Z')],
    },
    { name: 'none due: no notes statement', args: (db) => [db, scopes.system, AT, new Date('2024-02-29T16:00:00.000Z')] },
  ],
  eraseVisitorSubjects: [{ name: 'visits before the purge\'s cutoff', rows: [[{ division_code: '530102', id: 11 }], []], args: (db) => [db, scopes.system, AT, new Date('2024-02-02T16:00:00.000Z')] }],
  listInbox: [
    { name: 'an agency desk, unread, first page', args: (db) => [db, { kind: 'agency', divisionCode: '530102', agencyId: 7 }, { unread: true }, { limit: 50 }] },
    { name: 'a bureau desk and its predecessor, second page', args: (db) => [db, { kind: 'bureau', codes: ['530103', '530111'] }, {}, { limit: 20, after: ['530103', 21] }] },
  ],
  unreadCount: [{ name: 'a bureau desk', rows: [[{ n: 2 }]], args: (db) => [db, { kind: 'bureau', codes: ['530100'] }] }],
  findNotice: [{ name: 'on a bureau desk', args: (db) => [db, { kind: 'bureau', codes: ['530102'] }, 21] }],
  markRead: [{ name: 'once', args: (db) => [db, notice, AT, 3] }],
  dutyPhoneOf: [{ name: 'a county', args: (db) => [db, '530102'] }],
  setDutyPhone: [{ name: 'set or replace', args: (db) => [db, '530102', '13700000000', AT, 3] }],
  clearDutyPhone: [{ name: 'clear', args: (db) => [db, '530102'] }],
  incidentsOfStaff: [
    { name: 'two roster rows', args: (db) => [db, scopes.system, [{ division_code: '530102', id: 70 }, { division_code: '530103', id: 80 }]] },
    { name: 'none: no statement', args: (db) => [db, scopes.system, []] },
  ],
  namedVisitorIncidents: [{ name: 'every division', args: (db) => [db, scopes.system] }],
  eraseSubjectsOf: [
    { name: 'one incident', rows: [[{ division_code: '530102', id: 11 }], []], args: (db) => [db, [incident], AT] },
    { name: 'none: no statement', args: (db) => [db, [], AT] },
  ],
};
