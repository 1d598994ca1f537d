// Case 01 (../shared/cases/checkins-and-bookings/01-offline-resend-same-client-id.json): a fever
// report reaches the server three times (twice at once, on separate connections), then once more
// with edited values under the same clientId; a colleague's phone uses the same clientId.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthValuesIn } from '../helpers/health-values.ts';
import { agencyWh, consent, dayByStatus, expectedOpeningNotices, noticesOf, outboxMark, outboxSince, relogin, report, type Staff, staffMember, storedRow, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, inParallel, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let zhang: Staff;
let wang: Staff;
const CLIENT = '9b2d4c1e-5f0a-4e7b-8c31-0d6a2f71e4a9';
const fever = { clientId: CLIENT, temperature: 37.8, symptoms: ['cough'] };
let c1: number;
let i1: number;
/** The outbox before the first copy arrives: every row above it is the case's. */
let mark: number;

beforeAll(async () => {
  t = await caseApp('checkins01', '2020-02-10T08:00:00+08:00');
  await withoutDemoChecks(t);
  zhang = await staffMember(t, '张晓燕');
  await consent(t, zhang);
  t.clock.set('2020-02-10T08:05:00+08:00');
  wang = await staffMember(t, '王磊');
  await consent(t, wang);
  t.clock.set('2020-02-17T08:41:10+08:00');
  await relogin(t, zhang);
  await relogin(t, wang);
  mark = await outboxMark(t);
}, 60_000);
afterAll(() => t?.close());

describe('case 01: offline resend with the same clientId', () => {
  it('step 2: two identical copies at once on separate connections: one 201, the other 201 or 200, the same id and incident', async () => {
    const res = await inParallel(t, [0, 1].map(() => ({ method: 'POST' as const, url: `${V1}/prevention/checkins`, body: fever, cookie: zhang.cookie })));
    const statuses = res.map((r) => r.status).sort();
    expect(statuses[0]).toBeGreaterThanOrEqual(200);
    expect(statuses).toContain(201);
    for (const r of res) expect([200, 201]).toContain(r.status);
    const [a, b] = res.map((r) => r.body);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ abnormal: true });
    c1 = a?.id as number;
    i1 = a?.incidentId as number;
    expect(typeof i1).toBe('number');
  });

  it('step 3: a retry 30 s later answers with the same body', async () => {
    t.clock.set('2020-02-17T08:41:40+08:00');
    const res = await report(t, zhang, fever);
    expect([200, 201]).toContain(res.statusCode);
    expect(res.json()).toEqual({ id: c1, abnormal: true, incidentId: i1 });
  });

  it('a new sentAt is a retry, not a change', async () => {
    const res = await report(t, zhang, { ...fever, sentAt: '2020-02-17T08:41:45+08:00' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: c1, abnormal: true, incidentId: i1 });
  });

  it('step 4: edited values under the same clientId: 409 naming the conflict; nothing overwritten', async () => {
    t.clock.set('2020-02-17T08:45:00+08:00');
    for (const body of [{ clientId: CLIENT, temperature: 36.6, symptoms: [] }, { ...fever, measuredAt: '2020-02-17T08:05:00+08:00' }]) {
      const res = await report(t, zhang, body);
      expect(res.statusCode, res.body).toBe(409);
      expect(json(res).error?.code).toBe('checkin_client_id_reused');
      expect(json(res).error?.message).toContain('clientId');
    }
    expect(await storedRow(t, c1)).toMatchObject({ temperature: 37.8, symptoms: ['cough'], incident_id: i1 });
  });

  it('step 5: a colleague with the same clientId gets a record of their own', async () => {
    t.clock.set('2020-02-17T08:50:00+08:00');
    const res = await report(t, wang, { clientId: CLIENT, temperature: 36.4, symptoms: [] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().id).not.toBe(c1);
    expect(res.json()).toEqual({ id: res.json().id, abnormal: false });
    expect(await storedRow(t, res.json().id)).toMatchObject({ temperature: 36.4, symptoms: [] });
  });

  it('step 6 and afterwards: one record each, one incident detected at the first arrival, one notice per recipient, one creation audit without values', async () => {
    t.clock.set('2020-02-17T09:00:00+08:00');
    const agency = await t.login('agency-wh');
    const day = await dayByStatus(t, agency, '2020-02-17');
    expect(day.items.find((i) => i.name === '张晓燕')).toMatchObject({ status: 'on_time', reports: 1, abnormal: true });
    expect(day.items.find((i) => i.name === '王磊')).toMatchObject({ status: 'on_time', reports: 1, abnormal: false });
    const zhangChecks = await t.get(`${V1}/prevention/checkins?staffId=${zhang.staffId}&from=2020-02-17&to=2020-02-17`, agency);
    expect(zhangChecks.json().items.map((i: { temperature: number; symptoms: string[] }) => [i.temperature, i.symptoms])).toEqual([[37.8, ['cough']]]);
    const incidents = await sql<{ id: number; stage: string; detected_at: Date }>`select id, stage, detected_at from prevention_incidents where staff_id = ${zhang.staffId}`.execute(t.deps.db);
    expect(incidents.rows).toEqual([{ id: i1, stage: 'detected', detected_at: new Date('2020-02-17T08:41:10+08:00') }]);
    const notices = await sql<{ n: number }>`select count(*)::int as n from outbox where idempotency_key like ${`prevention:incident_opened:%:${i1}:%`}`.execute(t.deps.db);
    const recipients = await sql<{ k: string }>`select idempotency_key as k from outbox where idempotency_key like ${`prevention:incident_opened:%:${i1}:%`}`.execute(t.deps.db);
    expect(new Set(recipients.rows.map((r) => r.k)).size).toBe(notices.rows[0]?.n);
    expect(recipients.rows.map((r) => r.k).some((k) => k.includes('agency-sms'))).toBe(true);
    const inbox = await sql<{ desk: string }>`select desk from prevention_inbox where incident_id = ${i1} order by desk`.execute(t.deps.db);
    expect(inbox.rows.map((r) => r.desk)).toEqual(['agency', 'bureau']);
    // exactly one notice to each recipient, not 2 or 3: one SMS to 李建华 and one notice on each of
    // the agency's and the 五华区 bureau's desks; the resends, the refused edit and 王磊's report queued nothing else
    expect((await agencyWh(t)).responsible_person).toBe('李建华');
    const expected = await expectedOpeningNotices(t, i1);
    expect(await noticesOf(t, i1)).toEqual(expected);
    expect(await outboxSince(t, mark)).toEqual(expected.outbox);
    const audits = await sql<{ detail: unknown }>`select detail from audit_log where action = 'prevention.checkin.create' and target_id = ${String(c1)}`.execute(t.deps.db);
    expect(audits.rows).toHaveLength(1);
    const all = await sql<{ d: string }>`select coalesce(detail::text, '') as d from audit_log where action like 'prevention.%'`.execute(t.deps.db);
    for (const r of all.rows) expect(healthValuesIn(r.d, [37.8, 36.4], ['cough']), r.d).toEqual([]);
    const rows = await sql<{ n: number }>`select count(*)::int as n from prevention_checkins where staff_id = ${zhang.staffId} and day = '2020-02-17'`.execute(t.deps.db);
    expect(rows.rows[0]?.n).toBe(1);
  });
});
