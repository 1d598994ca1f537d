// Case 05 (../shared/cases/checkins-and-bookings/05-temperature-as-typed.json), the API side (the
// phone page's is the browser suite's; the door check's is venue-door.test.ts): every row sent
// straight to POST /prevention/checkins by a fresh consented staff member. Accepted forms stored as
// one-decimal °C; 37,3 raises the one incident; typos refused with a hint naming 体温, storing and
// notifying nothing; a raw 1e400 body refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createStaffRow, unique } from '../helpers/factories.ts';
import { storedRow, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let wh: { division_code: string; id: number };
const count = async (q: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(q)}`.execute(t.deps.db)).rows[0]?.n ?? 0;

/** A fresh consented staff member of agency-wh, signed in. */
async function fresh(): Promise<string> {
  const staffId = await createStaffRow(t.deps, wh);
  const username = await createAccount(t.deps, { role: 'agency_staff', org_division: wh.division_code, agency_id: wh.id, staff_id: staffId });
  const cookie = await t.login(username, 'Test-password-2020');
  expect((await t.send('POST', `${V1}/prevention/consent`, {}, cookie)).statusCode).toBe(201);
  return cookie;
}

beforeAll(async () => {
  t = await caseApp('checkins05', '2020-02-17T08:30:00+08:00');
  await withoutDemoChecks(t);
  wh = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', '昆明五华人力资源服务有限公司').executeTakeFirstOrThrow();
}, 60_000);
afterAll(() => t?.close());

describe('case 05: temperatures as people type them, sent to the API', () => {
  it.each([
    [36.5, 36.5, false],
    ['36,5', 36.5, false],
    ['３６．５', 36.5, false],
    ['36.5℃', 36.5, false],
    [' 36.5 °C ', 36.5, false],
    ['36。5', 36.5, false],
    ['37,3', 37.3, true],
    [37.2, 37.2, false],
    [35.2, 35.2, false],
  ])('%j is stored as %s (abnormal %s)', async (temperature, stored, abnormal) => {
    const cookie = await fresh();
    const res = await t.send('POST', `${V1}/prevention/checkins`, { clientId: `t05-${unique()}`, temperature, symptoms: [] }, cookie);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().abnormal).toBe(abnormal);
    expect('incidentId' in res.json()).toBe(abnormal);
    expect((await storedRow(t, res.json().id))?.temperature).toBe(stored);
  });

  it.each([
    [37.25, 'temperature_out_of_range', '一位小数'],
    [365, 'temperature_missing_decimal', '36.5'],
    ['3650', 'temperature_missing_decimal', null],
    [98.6, 'temperature_fahrenheit', '℃'],
    ['98.6°F', 'temperature_fahrenheit', '℃'],
    [45, 'temperature_out_of_range', null],
    [-36.5, 'temperature_out_of_range', null],
    ['36.5.5', 'temperature_not_a_number', null],
    ['正常', 'temperature_not_a_number', null],
    [null, 'required', null],
    ['', 'required', null],
    ['NaN', 'temperature_not_a_number', null],
    ['Infinity', 'temperature_not_a_number', null],
  ])('%j is refused with a hint naming the field, and nothing is stored', async (temperature, _key, hint) => {
    const cookie = await fresh();
    const before = [await count('prevention_checkins'), await count('prevention_incidents'), await count('outbox')];
    for (const locale of ['zh-CN', 'en']) {
      const res = await t.send('POST', `${V1}/prevention/checkins`, { clientId: `t05-${unique()}`, temperature, symptoms: [] }, cookie, { 'accept-language': locale });
      expect(res.statusCode, res.body).toBe(400);
      const detail = json(res).error?.details?.[0] as { field: string; message: string };
      expect(detail.field).toBe('temperature');
      expect(detail.message).toContain(locale === 'en' ? 'temperature' : '体温');
      if (hint && locale === 'zh-CN') expect(detail.message).toContain(hint);
    }
    expect([await count('prevention_checkins'), await count('prevention_incidents'), await count('outbox')]).toEqual(before);
  });

  it('a raw body with 1e400 (Infinity once parsed) is a 400, not a 5xx', async () => {
    const cookie = await fresh();
    const res = await t.app.inject({ method: 'POST', url: `${V1}/prevention/checkins`, payload: `{"clientId":"t05-${unique()}","temperature":1e400,"symptoms":[]}`, headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'test' } });
    expect(res.statusCode, res.body).toBe(400);
  });

  it('afterwards: exactly one incident (the 37,3 row), its two notices only; no row holds a refused value', async () => {
    // the demo's own late incident (trigger_table 'demo') is not this case's
    expect(await count(`prevention_incidents where trigger_table <> 'demo'`)).toBe(1);
    const notices = await sql<{ k: string }>`select idempotency_key as k from outbox where idempotency_key like 'prevention:incident_opened:%'`.execute(t.deps.db);
    expect(notices.rows.some((r) => r.k.includes(':agency-sms:'))).toBe(true);
    const rows = await sql<{ temperature_enc: string }>`select temperature_enc from prevention_checkins`.execute(t.deps.db);
    const values = rows.rows.map((r) => t.deps.crypto.decrypt(r.temperature_enc));
    for (const v of values) expect(v).toMatch(/^\d{2}\.\d$/);
    expect(values).not.toContain('98.6');
  });
});
