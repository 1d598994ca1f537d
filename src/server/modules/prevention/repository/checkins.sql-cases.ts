// Example calls of checkins.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './checkins.ts';

const staff = key('agency_staff', '530102', 70);
const agency = key('agencies', '530102', 7);
const checkin = key('prevention_checkins', '530102', 501);

export const cases: SqlCases<typeof repo> = {
  checkinContext: [
    { name: 'a staff member\'s own report: row, stored copy, consent, withdrawal, cut-off', args: (db) => [db, scopes.staff, { staffId: 70, accountId: 12, clientId: '9b2d4c1e-5f0a-4e7b-8c31-0d6a2f71e4a9', defaultCutoff: 600 }] },
    { name: 'the administrator for a paper-consent colleague', args: (db) => [db, scopes.agency, { staffId: 70, accountId: 11, clientId: '9b2d4c1e-5f0a-4e7b-8c31-0d6a2f71e4a9', defaultCutoff: 600 }] },
  ],
  checkinOfClient: [{ name: 'the recording account\'s own client id', args: (db) => [db, { division_code: '530102', accountId: 12 }, '9b2d4c1e-5f0a-4e7b-8c31-0d6a2f71e4a9'] }],
  insertCheckin: [
    {
      name: 'once per (account, client id)',
      rows: [[{ division_code: '530102', id: 501 }]],
      args: (db) => [
        db,
        staff,
        {
          agency_id: 7,
          recorded_by: 12,
          client_id: '9b2d4c1e-5f0a-4e7b-8c31-0d6a2f71e4a9',
          fingerprint: 'f',
          received_at: AT,
          measured_at: AT,
          phone_measured_at: null,
          phone_sent_at: null,
          phone_clock_unreliable: false,
          day: '2024-03-01',
          on_time: true,
          temperature_enc: 'enc',
          symptoms_enc: 'enc',
          abnormal: false,
        },
      ],
    },
  ],
  checkinInsert: [
    {
      name: 'built, not executed: no statement of its own (sent by auditedInsert with its audit entry)',
      args: (db) => [
        db,
        staff,
        {
          agency_id: 7,
          recorded_by: 12,
          client_id: '9b2d4c1e-5f0a-4e7b-8c31-0d6a2f71e4a9',
          fingerprint: 'f',
          received_at: AT,
          measured_at: AT,
          phone_measured_at: null,
          phone_sent_at: null,
          phone_clock_unreliable: false,
          day: '2024-03-01',
          on_time: true,
          temperature_enc: 'enc',
          symptoms_enc: 'enc',
          abnormal: false,
        },
      ],
    },
  ],
  setCheckinIncident: [{ name: 'the incident it opened', args: (db) => [db, checkin, 11] }],
  listCheckins: [
    { name: 'a staff member\'s own, with values', args: (db) => [db, scopes.staff, staff, '2024-02-17', '2024-03-01'] },
    { name: 'the administrator, with values', args: (db) => [db, scopes.agency, staff, '2024-02-17', '2024-03-01'] },
    { name: 'an official: only checks that became incidents, never values', args: (db) => [db, scopes.county, staff, '2024-02-17', '2024-03-01'] },
  ],
  dayRoster: [
    { name: 'the administrator\'s agency', args: (db) => [db, scopes.agency, { divisionCode: '530102', agencyId: 7 }, '2024-03-01', AT, 600] },
    { name: 'every agency (jobs)', args: (db) => [db, scopes.system, {}, '2024-03-01', AT, 600] },
  ],
  upsertDailyCounts: [
    { name: 'replaced by a later run', args: (db) => [db, scopes.system, [{ division_code: '530102', agency_id: 7, day: '2024-03-01', expected: 4, reported: 3, on_time: 2, late: 1, abnormal: 0, withdrawn: 1, computed_at: AT }]] },
    { name: 'kept when present (before the purge)', args: (db) => [db, scopes.system, [{ division_code: '530102', agency_id: 7, day: '2024-03-01', expected: 4, reported: 3, on_time: 2, late: 1, abnormal: 0, withdrawn: 1, computed_at: AT }], { keep: true }] },
    { name: 'none: no statement', args: (db) => [db, scopes.system, []] },
  ],
  listDailyCounts: [
    { name: 'a prefecture, a week', args: (db) => [db, scopes.province, '2024-02-24', '2024-03-01', '5301'] },
    { name: 'the administrator', args: (db) => [db, scopes.agency, '2024-02-24', '2024-03-01', undefined] },
  ],
  daysBefore: [{ name: 'days to purge', args: (db) => [db, scopes.system, '2024-01-31'] }],
  purgeCheckins: [{ name: 'past retention, unless an incident holds it', args: (db) => [db, scopes.system, '2024-01-31'] }],
  checkinsOfStaff: [
    { name: 'a person\'s roster rows', args: (db) => [db, scopes.system, [{ division_code: '530102', id: 70 }]] },
    { name: 'none: no statement', args: (db) => [db, scopes.system, []] },
  ],
  staffOfPerson: [
    { name: 'by phone and ID hash', args: (db) => [db, scopes.system, ['13800000003'], ['h']] },
    { name: 'nothing to look for: no statement', args: (db) => [db, scopes.system, [], []] },
  ],
  deleteCheckins: [
    { name: 'by key', args: (db) => [db, [checkin]] },
    { name: 'none: no statement', args: (db) => [db, []] },
  ],
  findAgency: [{ name: 'the administrator\'s own', args: (db) => [db, scopes.agency, '530102', 7] }],
  findSettings: [{ name: 'by agency', args: (db) => [db, agency] }],
  upsertSettings: [{ name: 'the cut-off', args: (db) => [db, agency, 570, AT, 11] }],
};
