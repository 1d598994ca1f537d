// One stay, one incident: the tester entered the same prefecture twice (532300, then 5323 — the same
// division) and a stay inside it opened two risk-area incidents. Whatever areas a stay falls in
// (the same area twice, a county's area inside a prefecture's), it opens one incident, of the
// highest level; every matching area is a finding of that incident (decision 0027).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/factories.ts';
import { type CaseApp, caseApp, V1 } from './venues-helpers.ts';

let t: CaseApp;
let staff: string;
const PASSWORD = 'Test-password-2020';

beforeAll(async () => {
  t = await caseApp('risk-one', '2020-02-04T09:00:00+08:00');
  const r = await sql<{ division_code: string; agency_id: number; id: number }>`
    select s.division_code, s.agency_id, s.id from agency_staff s join agencies a on a.division_code = s.division_code and a.id = s.agency_id
    where a.name = '昆明五华人力资源服务有限公司' and s.name = '赵丽'`.execute(t.deps.db);
  const row = r.rows[0] as { division_code: string; agency_id: number; id: number };
  staff = await createAccount(t.deps, { role: 'agency_staff', org_division: row.division_code, agency_id: row.agency_id, staff_id: row.id });
}, 120_000);
afterAll(() => t?.close());

describe('a stay inside overlapping risk areas', () => {
  it('opens one incident (the highest level) with every matching area as its finding', async () => {
    const prov = await t.login('prov');
    for (const body of [
      { code: '532300', level: 'medium', from: '2020-01-26' },
      { code: '5323', level: 'medium', from: '2020-01-26' },
      { code: '532301', level: 'high', from: '2020-01-20' },
    ]) {
      const res = await t.send('POST', `${V1}/prevention/risk-areas`, body, prov);
      expect(res.statusCode, res.body).toBe(201);
    }
    const cookie = await t.login(staff, PASSWORD);
    const res = await t.send('POST', `${V1}/prevention/declarations`, { stays: [{ division: '532301', from: '2020-01-27', to: '2020-01-28' }], closeContact: false, selfCase: 'none', relativeCase: 'none' }, cookie);
    expect(res.statusCode, res.body).toBe(201);
    const findings = (res.json() as { findings: { kind: string; area: { level: string } | null; incidentId: number | null }[] }).findings.filter((f) => f.kind === 'risk_area');
    expect(findings).toHaveLength(3);
    const incidents = new Set(findings.map((f) => f.incidentId));
    expect(incidents.size).toBe(1);
    expect([...incidents][0]).toEqual(expect.any(Number));
    const rows = await sql<{ n: number; level: string }>`select count(*)::int as n, max(detail->>'level') as level from prevention_incidents where trigger = 'risk_area'`.execute(t.deps.db);
    expect(rows.rows[0]).toEqual({ n: 1, level: 'high' });
  });
});
