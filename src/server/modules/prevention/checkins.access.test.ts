// The officials' rule of the module's access predicates (issue 8, "Bureau side"): officials never
// read daily values, nor any check that did not become an incident. Against real rows: a normal
// check and a fever check (with its incident) of the same staff member, read through
// repository/checkins.ts listCheckins with each kind of scope.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedKey, systemScope } from '../../db/scope.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createStaffRow, unique } from '../../../../test/helpers/factories.ts';
import { mayReadHealthValues } from './checkins.access.ts';
import * as repo from './repository/checkins.ts';
import { openIncident } from './service.ts';

let t: TestApp;
let agency: { division_code: string; id: number };
let staffId: number;
let normal: number;
let fever: number;

beforeAll(async () => {
  t = await createTestApp();
  agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', '昆明五华人力资源服务有限公司').executeTakeFirstOrThrow();
  staffId = await createStaffRow(t.deps, agency);
  const account = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', 'staff-wh').executeTakeFirstOrThrow();
  const staff = scopedKey('agency_staff', { division_code: agency.division_code, id: staffId });
  const now = t.clock.now();
  const row = (clientId: string, abnormal: boolean) => ({
    agency_id: agency.id, recorded_by: account.id, client_id: clientId, fingerprint: clientId, received_at: now, measured_at: now, phone_measured_at: null, phone_sent_at: null,
    phone_clock_unreliable: false, day: '2020-02-17', on_time: true, temperature_enc: t.deps.crypto.encrypt(abnormal ? '38.2' : '36.5'), symptoms_enc: t.deps.crypto.encrypt('[]'), abnormal,
  });
  normal = (await repo.insertCheckin(t.deps.db, staff, row(`acc-${unique()}`, false)))?.id as number;
  const f = await repo.insertCheckin(t.deps.db, staff, row(`acc-${unique()}`, true));
  fever = f?.id as number;
  const incident = await openIncident(t.deps, { divisionCode: agency.division_code, agencyId: agency.id, subject: { kind: 'staff', staffId }, trigger: 'fever', triggerRef: { table: 'prevention_checkins', id: fever }, detectedAt: now });
  await sql`update prevention_checkins set incident_id = ${incident.id} where id = ${fever}`.execute(t.deps.db);
}, 60_000);
afterAll(() => t?.close());

const read = (scope: Parameters<typeof repo.listCheckins>[1]) => repo.listCheckins(t.deps.db, scope, scopedKey('agency_staff', { division_code: agency.division_code, id: staffId }), '2020-02-17', '2020-02-17');

describe('who reads which check-ins, and their values', () => {
  it.each([
    ['the county', { kind: 'official', prefixes: ['530102'], grants: [] }, 'incidents only', false],
    ['the prefecture', { kind: 'official', prefixes: ['5301'], grants: [] }, 'incidents only', false],
    ['the province', { kind: 'official', prefixes: ['53'], grants: [] }, 'incidents only', false],
    ['another county', { kind: 'official', prefixes: ['530103'], grants: [] }, 'none', false],
    ['the agency', { kind: 'agency', divisionCode: '530102', agencyId: 0, grants: [] }, 'all', true],
    ['the staff member', { kind: 'staff', divisionCode: '530102', agencyId: 0, staffId: 0, grants: [] }, 'all', true],
    ['a colleague', { kind: 'staff', divisionCode: '530102', agencyId: 0, staffId: -1, grants: [] }, 'none', true],
    ['another agency', { kind: 'agency', divisionCode: '530102', agencyId: -1, grants: [] }, 'none', true],
  ] as const)('%s: %s, values %s', async (_, raw, sees, values) => {
    const scope = JSON.parse(JSON.stringify(raw).replace('"agencyId":0', `"agencyId":${agency.id}`).replace('"staffId":0', `"staffId":${staffId}`));
    const rows = await read(scope);
    const ids = rows.map((r) => r.id).sort((a, b) => a - b);
    expect(ids).toEqual(sees === 'all' ? [normal, fever].sort((a, b) => a - b) : sees === 'incidents only' ? [fever] : []);
    expect(mayReadHealthValues(scope)).toBe(values);
    for (const r of rows) expect(r.temperature_enc === null).toBe(!values);
  });

  it('the system (jobs, personal-data requests) reads every row', async () => {
    expect((await read(systemScope('test'))).length).toBe(2);
  });
});
