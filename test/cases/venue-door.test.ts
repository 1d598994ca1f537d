// The door check (P6) as a table: temperatures as people type them go through the one parser
// (case 05's rule: "the door check uses the same rules"), no mask or a fever refuses and records,
// a fever opens an incident (trigger door_refusal) in the same transaction, a typo is refused with
// a hint and stores nothing, and a full venue refuses a healthy visitor without writing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseApp, caseApp, createVenue, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let agency: string;
let venue: { id: number; code: string };
const count = async (table: 'visits' | 'prevention_incidents') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.deps.db)).rows[0]?.n ?? 0;

beforeAll(async () => {
  t = await caseApp('door', '2020-02-17T09:00:00+08:00');
  agency = await t.login('agency-wh');
  venue = await createVenue(t, agency, { name: '门口查验测试场所', address: '昆明市五华区', areaM2: 8 });
}, 60_000);
afterAll(() => t?.close());

const check = (body: Record<string, unknown>) => t.send('POST', `${V1}/prevention/venues/${venue.id}/entry-checks`, { visitorType: 'seeker', name: '测试访客', mask: true, ...body }, agency);

describe('the door check', () => {
  it.each([
    ['36,5 (a decimal comma) is 36.5: admitted', { temperature: '36,5' }, 'admitted', [], 36.5],
    ['３６．５ (full width) is 36.5', { temperature: '３６．５' }, 'admitted', [], 36.5],
  ])('%s', async (_, body, outcome, reasons, celsius) => {
    const res = await check(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ outcome, refusalReasons: reasons, temperature: celsius });
  });

  it.each([
    ['no mask: refused and recorded, no incident', { temperature: '36.6', mask: false }, ['no_mask'], false],
    ['37,3 is a fever: refused, an incident opened', { temperature: '37,3' }, ['fever'], true],
    ['no mask and 38.0: both reasons', { temperature: 38, mask: false }, ['no_mask', 'fever'], true],
  ])('%s', async (_, body, reasons, incident) => {
    const before = await count('prevention_incidents');
    const res = await check(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ outcome: 'refused', refusalReasons: reasons, checkedOutAt: null });
    expect(res.json().incidentId !== null).toBe(incident);
    expect(await count('prevention_incidents')).toBe(before + (incident ? 1 : 0));
    if (incident) {
      const row = await sql<{ trigger: string; trigger_table: string; trigger_id: string }>`select trigger, trigger_table, trigger_id from prevention_incidents where id = ${res.json().incidentId}`.execute(t.deps.db);
      expect(row.rows[0]).toEqual({ trigger: 'door_refusal', trigger_table: 'visits', trigger_id: String(res.json().id) });
    }
  });

  it.each([
    ['365 (a lost decimal point)', '365', 'temperature'],
    ['98.6 (Fahrenheit)', '98.6', 'temperature'],
    ['45 (out of range)', '45', 'temperature'],
    ['正常', '正常', 'temperature'],
    ['an empty field', '', 'temperature'],
  ])('%s is refused with a hint naming the field, and nothing is stored', async (_, temperature, field) => {
    const before = await count('visits');
    const res = await check({ temperature });
    expect(res.statusCode, res.body).toBe(400);
    expect(json(res).error?.details?.map((d) => d.field)).toEqual([field]);
    expect(await count('visits')).toBe(before);
  });

  it('a full venue (capacity 2) refuses the next healthy visitor with 409 and writes nothing; a fever is still recorded', async () => {
    const inside = (await t.get(`${V1}/prevention/venues/${venue.id}`, agency)).json();
    expect(inside.capacity).toBe(2);
    expect(inside.inside).toBe(2);
    const before = await count('visits');
    const full = await check({ temperature: '36.4' });
    expect(full.statusCode, full.body).toBe(409);
    expect(json(full).error?.code).toBe('venue_full');
    expect(await count('visits')).toBe(before);
    const fever = await check({ temperature: '39.1' });
    expect(fever.statusCode).toBe(201);
    expect(fever.json().outcome).toBe('refused');
  });
});
