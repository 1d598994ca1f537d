// Example calls of desk.ts for its SQL snapshot (npm run gen:sql, decision 0011). Officials only:
// other scope kinds get `false`.
import { AT, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './desk.ts';

const END = new Date('2024-03-01T16:00:00Z');
const START = new Date('2024-02-29T16:00:00Z');

export const cases: SqlCases<typeof repo> = {
  agenciesUnder: [
    { name: 'a prefecture of the province', args: (db) => [db, scopes.province, ['5301']] },
    { name: 'a re-coded county and its predecessor', args: (db) => [db, scopes.recodedCounty, ['530481', '530422']] },
    { name: 'agency administrator: nothing', args: (db) => [db, scopes.agency, ['530102']] },
  ],
  liveCheckinCounts: [{ name: 'a county on a day', args: (db) => [db, scopes.county, ['530102'], '2024-03-01', END] }],
  keptCheckinCounts: [{ name: 'a prefecture on a day', args: (db) => [db, scopes.province, ['5301'], '2024-03-01'] }],
  incidentsAsOf: [{ name: 'open at the day end, or detected that day', args: (db) => [db, scopes.province, ['53'], START, END, AT] }],
  hygieneMissesByAgency: [{ name: 'a county on a day', args: (db) => [db, scopes.county, ['530102'], '2024-03-01'] }],
  occupancyByAgency: [{ name: 'the province today', args: (db) => [db, scopes.province, ['53'], '2024-03-01'] }],
  dutyPhonesOf: [
    { name: 'two bureaus', args: (db) => [db, ['530102', '530100']] },
    { name: 'none asked: no statement', args: (db) => [db, []] },
  ],
};
