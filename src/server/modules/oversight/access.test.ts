// The desk's access rules as tables (access.ts), and the SQL the desk runs checked against them:
// no statement of the desk's repository names a column that holds a health value or a person.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskMayRead, mayOpenDesk, NEVER_READ_BY_DESK } from './access.ts';

describe('mayOpenDesk', () => {
  it.each([
    [['53'], '53', true],
    [['53'], '5301', true],
    [['53'], '530102', true],
    [['5301'], '5301', true],
    [['5301'], '530125', true],
    [['5301'], '5303', false],
    [['5301'], '53', false],
    [['530102'], '530102', true],
    [['530102'], '530103', false],
    [['530102'], '5301', false],
    [['530481', '530422'], '530422', true],
    [[], '53', false],
  ] as const)('reach %j opening %s → %s', (reach, prefix, expected) => {
    expect(mayOpenDesk(reach, prefix)).toBe(expected);
  });
});

describe('deskMayRead', () => {
  it.each([
    ['prevention_checkins', 'temperature_enc', false],
    ['prevention_checkins', 'symptoms_enc', false],
    ['prevention_checkins', 'day', true],
    ['prevention_checkins', 'on_time', true],
    ['prevention_incidents', 'subject_name', false],
    ['prevention_incidents', 'trigger', true],
    ['visits', 'temperature_enc', false],
    ['agencies', 'responsible_person', true],
  ] as const)('%s.%s → %s', (table, column, expected) => {
    expect(deskMayRead(table, column)).toBe(expected);
  });

  it("the desk's SQL snapshot names no health or identifying column", () => {
    const sqlText = readFileSync(resolve(import.meta.dirname, '../../queries/oversight.desk.sql'), 'utf8');
    // columns unique to those tables (a bare "name" or "phone" is also an agency's or a bureau's)
    const distinctive = Object.values(NEVER_READ_BY_DESK).flat().filter((c) => !['name', 'phone', 'staff_id', 'mask', 'incident_id'].includes(c));
    for (const column of distinctive) expect(sqlText, column).not.toMatch(new RegExp(`\\b${column}\\b`));
    expect(sqlText).not.toMatch(/\bk\.(temperature|symptoms|abnormal)/);
  });
});
