// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const agency = key('agencies', '530102', 7);
const finding = {
  division_code: '530102',
  agency_id: 7,
  staff_id: 70,
  declaration_id: 12,
  kind: 'risk_area' as const,
  area_owner: '530000',
  area_id: 3,
  area_code: '532901',
  risk_level: 'high' as const,
  stay_code: '532901',
  overlap_from: '2020-02-08',
  overlap_to: '2020-02-10',
  found_at: AT,
};

export const cases: SqlCases<typeof repo> = {
  listRiskAreas: [
    { name: 'in force on a day, first page', args: (db) => [db, { on: '2020-02-17' }, { limit: 50 }] },
    { name: 'under a prefecture, high, next page', args: (db) => [db, { area: '5329', level: 'high' }, { limit: 20, before: ['530000', 40] }] },
  ],
  findRiskArea: [{ name: 'province official', args: (db) => [db, scopes.province, 3] }],
  riskAreasByKeys: [
    { name: 'two areas', args: (db) => [db, scopes.system, [{ division_code: '530000', id: 3 }, { division_code: '530000', id: 4 }]] },
    { name: 'none asked: no statement', args: (db) => [db, scopes.system, []] },
  ],
  areasInForce: [{ name: 'a fortnight', args: (db) => [db, scopes.system, '2020-02-03', '2020-02-17'] }],
  insertRiskAreas: [
    {
      name: 'a county and a prefecture',
      args: (db) => [
        db,
        [
          { division_code: '530000', area_code: '532901', sub_kind: null, sub_code: null, sub_name: null, risk_level: 'high', valid_from: '2020-02-05', valid_to: '2020-02-12', note: '', created_at: AT, created_by: 1 },
          { division_code: '530000', area_code: '532300', sub_kind: null, sub_code: null, sub_name: null, risk_level: 'medium', valid_from: '2020-02-10', valid_to: null, note: '', created_at: AT, created_by: 1 },
        ],
      ],
    },
    { name: 'none: no statement', args: (db) => [db, []] },
  ],
  updateRiskArea: [{ name: 'lifted', args: (db) => [db, key('risk_areas', '530000', 3), { valid_to: '2020-02-12' }, AT, 1] }],
  relinkAreas: [{ name: 're-coded county', args: (db) => [db, '532331', '532302'] }],
  ownRosterRow: [{ name: 'staff member', args: (db) => [db, scopes.staff] }],
  insertDeclaration: [
    { name: 'a staff member declares', rows: [[{ division_code: '530102', id: 12 }]], args: (db) => [db, { division_code: '530102', agency_id: 7, staff_id: 70, declared_at: AT, day: '2024-03-01', declared_by: 5, content_enc: 'v1:…' }] },
  ],
  insertFinding: [
    { name: 'a risk-area match, once per trip', rows: [[{ division_code: '530102', id: 30 }]], args: (db) => [db, finding] },
    {
      name: 'an exposure',
      rows: [[{ division_code: '530102', id: 31 }]],
      args: (db) => [db, { ...finding, kind: 'exposure', area_owner: null, area_id: null, area_code: null, risk_level: null, stay_code: null, overlap_from: null, overlap_to: null }],
    },
  ],
  recordedFinding: [
    { name: 'the same trip declared again', args: (db) => [db, finding] },
    { name: 'an exposure: no statement', args: (db) => [db, { ...finding, kind: 'exposure', area_owner: null, area_id: null, area_code: null, risk_level: null, stay_code: null, overlap_from: null, overlap_to: null }] },
  ],
  findingKey: [{ name: 'no statement', args: () => [{ division_code: '530102', id: 30 }] }],
  setFindingIncident: [{ name: 'by key', args: (db) => [db, key('screening_findings', '530102', 30), 11] }],
  lastDeclarationOf: [{ name: 'staff member', args: (db) => [db, scopes.staff] }],
  findAgency: [{ name: 'agency administrator', args: (db) => [db, scopes.agency, 7] }],
  staffScreeningOf: [{ name: 'fresh from a fortnight ago', args: (db) => [db, agency, '2020-02-03'] }],
  findingsOf: [{ name: 'open follow-ups', args: (db) => [db, agency, { kinds: ['follow_up'], withCleared: false, limit: 200 }] }],
  findFollowUp: [{ name: 'agency administrator', args: (db) => [db, scopes.agency, 30] }],
  clearFollowUp: [{ name: 'an open follow-up', args: (db) => [db, key('screening_findings', '530102', 30), AT, 3, 'v1:…'] }],
  screeningFiguresByAgency: [
    { name: 'county official', args: (db) => [db, scopes.county, '2020-02-03'] },
    { name: 'province, one prefecture', args: (db) => [db, scopes.province, '2020-02-03', { division: '5301' }] },
  ],
  staffOfPerson: [
    { name: 'by phone and ID hash', args: (db) => [db, scopes.system, ['13800000001'], ['h1']] },
    { name: 'by phone only', args: (db) => [db, scopes.system, ['13800000001'], []] },
    { name: 'nothing known: no statement', args: (db) => [db, scopes.system, [], []] },
  ],
  declarationsOfStaff: [{ name: 'two roster rows', args: (db) => [db, scopes.system, [{ division_code: '530102', id: 70 }, { division_code: '530103', id: 71 }]] }],
  eraseDeclarations: [{ name: 'two declarations', args: (db) => [db, [key('screening_declarations', '530102', 12), key('screening_declarations', '530102', 13)], 'v1:…'] }],
  declarationKey: [{ name: 'no statement', args: () => [scopes.system, { division_code: '530102', id: 12 }] }],
};
