// Case 05 (../shared/cases/checkins-and-bookings/05-temperature-as-typed.json), the API side (the
// phone page's is the browser suite's; the door check's is venue-door.test.ts): every row sent
// straight to POST /prevention/checkins by a fresh consented staff member. Accepted forms stored as
// one-decimal °C; 37,3 raises the one incident; typos refused with a hint naming 体温, storing and
// notifying nothing; a raw 1e400 body refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as message } from '../../src/server/platform/i18n.ts';
import { createAccount, createStaffRow, unique } from '../helpers/factories.ts';
import { expectedOpeningNotices, noticesOf, outboxMark, outboxSince, storedRow, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let wh: { division_code: string; id: number };
/** The outbox and the desks' inboxes before the first row: everything above is the case's. */
let mark: number;
let inboxMark: number;
/** The 37,3 row's check-in and the incident it opened. */
const fever: { checkinId?: number; incidentId?: number } = {};
const inboxSince = async (id: number) => (await sql<{ incident_id: number | null }>`select incident_id from prevention_inbox where id > ${id} order by id`.execute(t.deps.db)).rows;
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
  mark = await outboxMark(t);
  inboxMark = (await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from prevention_inbox`.execute(t.deps.db)).rows[0]?.n ?? 0;
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
    if (abnormal) Object.assign(fever, { checkinId: res.json().id, incidentId: res.json().incidentId });
  });

  // each row's refusal by its catalogue key (the details carry the message only, so the key is
  // pinned by its exact message in both languages) and, where the case asks for one, its hint
  const HINTS = {
    temperature_out_of_range: { zh: ['34.0–42.0 ℃', '一位小数', '按体温计显示'], en: ['between 34.0 and 42.0 °C', 'one decimal, as the thermometer shows'] },
    temperature_missing_decimal: { zh: ['34.0–42.0 ℃', '漏了小数点', '36.5'], en: ['between 34.0 and 42.0 °C', 'the decimal point may be missing (36.5?)'] },
    temperature_fahrenheit: { zh: ['华氏度', '请填写摄氏度'], en: ['looks like °F', 'enter °C'] },
    temperature_not_a_number: { zh: ['请填写体温数字'], en: ['a number is needed'] },
    required: { zh: ['必填'], en: ['required'] },
  } as const;
  it.each([
    [37.25, 'temperature_out_of_range'],
    [365, 'temperature_missing_decimal'],
    ['365', 'temperature_missing_decimal'],
    ['3650', 'temperature_missing_decimal'],
    [98.6, 'temperature_fahrenheit'],
    ['98.6', 'temperature_fahrenheit'],
    ['98.6°F', 'temperature_fahrenheit'],
    [45, 'temperature_out_of_range'],
    [-36.5, 'temperature_out_of_range'],
    ['36.5.5', 'temperature_not_a_number'],
    ['正常', 'temperature_not_a_number'],
    [null, 'required'],
    ['', 'required'],
    ['NaN', 'temperature_not_a_number'],
    ['Infinity', 'temperature_not_a_number'],
  ] as const)('%j is refused as %s with a hint naming the field, and nothing is stored', async (temperature, key) => {
    const cookie = await fresh();
    const before = [await count('prevention_checkins'), await count('prevention_incidents'), await count('outbox'), await count('prevention_inbox')];
    for (const [locale, label] of [['zh-CN', '体温（℃）'], ['en', 'temperature (°C)']] as const) {
      const res = await t.send('POST', `${V1}/prevention/checkins`, { clientId: `t05-${unique()}`, temperature, symptoms: [] }, cookie, { 'accept-language': locale });
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error?.code).toBe('validation_failed');
      expect(json(res).error?.details).toEqual([{ field: 'temperature', message: message(locale, 'field_error', { label, message: message(locale, key) }) }]);
      const detail = json(res).error?.details?.[0] as { field: string; message: string };
      for (const hint of HINTS[key][locale === 'en' ? 'en' : 'zh']) expect(detail.message).toContain(hint);
    }
    expect([await count('prevention_checkins'), await count('prevention_incidents'), await count('outbox'), await count('prevention_inbox')]).toEqual(before);
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
    // the incident is the 37,3 row's, and its notices are the only ones the case queued: one SMS to
    // the responsible person, one notice on the agency's desk and one on the 五华区 bureau's
    const incidentId = fever.incidentId as number;
    const opened = await sql<{ id: number; trigger: string; trigger_id: string }>`select id, trigger, trigger_id from prevention_incidents where trigger_table <> 'demo'`.execute(t.deps.db);
    expect(opened.rows).toEqual([{ id: incidentId, trigger: 'fever', trigger_id: String(fever.checkinId) }]);
    const expected = await expectedOpeningNotices(t, incidentId);
    expect(await noticesOf(t, incidentId)).toEqual(expected);
    expect(await outboxSince(t, mark)).toEqual(expected.outbox);
    expect(await inboxSince(inboxMark)).toEqual([{ incident_id: incidentId }, { incident_id: incidentId }]);
    const rows = await sql<{ temperature_enc: string }>`select temperature_enc from prevention_checkins`.execute(t.deps.db);
    const values = rows.rows.map((r) => t.deps.crypto.decrypt(r.temperature_enc));
    for (const v of values) expect(v).toMatch(/^\d{2}\.\d$/);
    expect(values).not.toContain('98.6');
  });
});
