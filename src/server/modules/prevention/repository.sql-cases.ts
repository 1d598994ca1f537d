// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const incident = key('prevention_incidents', '530102', 11);

export const cases: SqlCases<typeof repo> = {
  insertIncident: [
    {
      name: 'a fever of a staff member, once per trigger record',
      args: (db) => [
        db,
        {
          division_code: '530102',
          agency_id: 7,
          subject_kind: 'staff',
          staff_id: 70,
          subject_name: '张晓燕',
          subject_phone_enc: null,
          trigger: 'fever',
          trigger_table: 'prevention_checkins',
          trigger_id: '501',
          detected_at: AT,
          stage_at: AT,
          detail: null,
          trigger_retention_days: 30,
          created_at: AT,
        },
      ],
    },
  ],
  incidentOfTrigger: [{ name: 'by trigger record', args: (db) => [db, scopes.system, '530102', 'prevention_checkins', '501'] }],
  openIncidentOfStaff: [{ name: 'a staff member\'s open exposure', args: (db) => [db, scopes.system, '530102', 70, 'exposure'] }],
  insertStep: [{ name: 'reported by the responsible person', args: (db) => [db, incident, { stage: 'reported', at: AT, by_account: 3, by_name: '李建华', note: null }] }],
  agencyContact: [{ name: 'by composite key', args: (db) => [db, scopes.system, '530102', 7] }],
  staffOfAgency: [{ name: 'by composite key', args: (db) => [db, scopes.system, '530102', 7, 70] }],
  chainOf: [{ name: 'a county', args: (db) => [db, '530102'] }],
  insertInbox: [
    {
      name: 'a notice on the county desk, once per key',
      args: (db) => [
        db,
        { division_code: '530102', desk: 'bureau', agency_id: null, kind: 'incident_opened', incident_division: '530102', incident_id: 11, payload: { incidentId: 11 }, idempotency_key: 'k', created_at: AT },
      ],
    },
  ],
  dutyPhones: [
    { name: 'county and prefecture', args: (db) => [db, scopes.system, ['530102', '530100']] },
    { name: 'none asked: no statement', args: (db) => [db, scopes.system, []] },
  ],
  incidentKey: [{ name: 'no statement', args: () => [scopes.system, { division_code: '530102', id: 11 }] }],
};
