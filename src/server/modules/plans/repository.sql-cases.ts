// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, key, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const agency = key('agencies', '530102', 7);
const plan = { measures: ['entry_checks', 'disinfection'], measures_text: '每日两次消毒', responsible_name: '李建华', responsible_position: '负责人', responsible_staff_id: null };

export const cases: SqlCases<typeof repo> = {
  findAgency: [
    { name: 'agency administrator: its own agency', args: (db) => [db, scopes.agency, 7] },
    { name: 'county official', args: (db) => [db, scopes.county, 7] },
  ],
  planOf: [{ name: 'by agency key', args: (db) => [db, agency] }],
  upsertPlan: [{ name: 'create or replace', rows: [[{ created: true }]], args: (db) => [db, agency, plan, AT, 3] }],
  stockOf: [{ name: 'by agency key', args: (db) => [db, agency] }],
  findStockItem: [{ name: 'one item of the agency', args: (db) => [db, agency, 21] }],
  insertStockItem: [{ name: 'masks', rows: [[{ division_code: '530102', id: 21, low: true }]], args: (db) => [db, agency, { kind: 'mask', name: 'N95 口罩', unit: '只', quantity: 20, minimum: 100 }, AT, 3] }],
  updateStockItem: [{ name: 'quantity', rows: [[{ low: false }]], args: (db) => [db, key('prevention_stock_items', '530102', 21), { quantity: 300 }, AT, 3] }],
  deleteStockItem: [{ name: 'by key', args: (db) => [db, key('prevention_stock_items', '530102', 21)] }],
  sessionsOf: [{ name: 'newest first with attendees', args: (db) => [db, agency, 50] }],
  findSession: [{ name: 'one session of the agency', args: (db) => [db, agency, 4] }],
  insertSession: [
    { name: 'with two attendees', rows: [[{ division_code: '530102', id: 4 }]], args: (db) => [db, agency, { held_on: '2020-02-10', topic: '口罩佩戴', note: '' }, [70, 71], AT, 3] },
    { name: 'no attendees: one statement', rows: [[{ division_code: '530102', id: 5 }]], args: (db) => [db, agency, { held_on: '2020-02-10', topic: '口罩佩戴', note: '' }, [], AT, 3] },
  ],
  deleteSession: [{ name: 'by key', args: (db) => [db, key('prevention_education_sessions', '530102', 4)] }],
  activeRosterIds: [
    { name: 'two ids', args: (db) => [db, agency, [70, 71]] },
    { name: 'none asked: no statement', args: (db) => [db, agency, []] },
  ],
  planFiguresByAgency: [
    { name: 'county official', args: (db) => [db, scopes.county] },
    { name: 'province, one prefecture', args: (db) => [db, scopes.province, { division: '5301' }] },
  ],
};
