// Case 11 (../shared/cases/checkins-and-bookings/11-escalation-exactly-once.json) as a test on the
// manual clock: a fever incident of the 五华区 demo agency passes its 2-hour report deadline while
// two watcher runs overlap (escalated to 昆明市 once), then twice as long (to the province once);
// another passes its deadline while no job runs (escalated once, at the first run after the
// restart, the record keeping the 10:20 deadline). Notices are counted per recipient in the inbox
// and the outbox. The incidents are opened by the case's check-ins, through the contract
// (POST /prevention/checkins by 张晓燕 = staff-wh and 王磊, who consented first).
//
// The boundary the file leaves open, T2 (decision 0030): the province step is due when the stage is
// overdue twice as long as its allowance, i.e. at stage start + 2 × 2 h = 10:20 + 2 h = 12:20 for I1.
// The file lists the agency's report (step 7, 11:30) after the province step (T2 + 5 min = 12:25);
// a stage recorded stops its escalations, so a report at 11:30 would leave I1 without the province
// step the file's "afterwards" expects. This test keeps the file's order and records I1's report at
// 12:40, after the province step; the file's 11:30 report before T2 is made on I2 (part B), which
// then never reaches the province.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsJobs } from '../../src/server/modules/prevention/incidents.jobs.ts';
import { watchIncidentDeadlinesContract } from '../../src/server/modules/prevention/incidents.schemas.ts';
import { jobOf, runJob } from '../helpers/jobs.ts';
import { type CaseApp, caseApp, V1 } from './venues-helpers.ts';
import { sheetRows } from '../authz/fixtures.ts';
import { consent, relogin, report, type Staff, staffMember } from './checkins-helpers.ts';
import { healthValuesIn } from '../helpers/health-values.ts';

const watcher = jobOf(incidentsJobs, watchIncidentDeadlinesContract);
const DUTY = { wh: '13700001102', km: '13700001100', prov: '13700000000' };
const RESPONSIBLE = '13708710001'; // 李建华, the demo agency's responsible person

let t: CaseApp;
let agency: { division: string; id: number };
const cookies: Record<string, string> = {};
let I1 = 0;
let I2 = 0;
let zhang: Staff;
let wang: Staff;

const at = (iso: string) => t.clock.set(iso);
/** A session opened at the clock's now (the manual clock moves past sessions' idle limit). */
const as = (name: string) => t.login(name);
const runWatcher = () => runJob(t.deps, watcher, {});

async function outbox(incidentId: number) {
  const r = await sql<{ recipient: string; template: string; idempotency_key: string; payload: Record<string, unknown> }>`
    select recipient, template, idempotency_key, payload from outbox where idempotency_key like ${`prevention:%:${incidentId}:%`} order by id`.execute(t.deps.db);
  return r.rows;
}
async function inbox(incidentId: number) {
  const r = await sql<{ division_code: string; desk: string; kind: string; idempotency_key: string }>`
    select division_code, desk, kind, idempotency_key from prevention_inbox where incident_id = ${incidentId} order by id`.execute(t.deps.db);
  return r.rows;
}
async function escalations(incidentId: number) {
  const r = await sql<{ stage: string; level: string; deadline_at: Date; escalated_at: Date }>`
    select stage, level, deadline_at, escalated_at from prevention_escalations where incident_id = ${incidentId} order by escalated_at, level`.execute(t.deps.db);
  return r.rows;
}
/** The case's check-in through the contract, by the staff member, at the clock's now (consent given first). */
async function checkIn(who: Staff, body: Record<string, unknown>) {
  await relogin(t, who);
  const res = await report(t, who, body);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ abnormal: true, incidentId: expect.any(Number) });
  return res.json().incidentId as number;
}

beforeAll(async () => {
  t = await caseApp('incidents_escalation', '2020-02-17T08:00:00+08:00');
  for (const name of ['agency-wh', 'wh', 'km', 'prov']) cookies[name] = await t.login(name);
  const me = (await t.get(`${V1}/me`, await as('agency-wh'))).json();
  agency = { division: me.divisionCode, id: me.agencyId };
  for (const [name, phone] of Object.entries(DUTY)) {
    const res = await t.send('PUT', `${V1}/prevention/duty-phone`, { phone }, cookies[name]);
    expect(res.statusCode, res.body).toBe(200);
  }
  zhang = await staffMember(t, '张晓燕');
  wang = await staffMember(t, '王磊');
  await consent(t, zhang);
  await consent(t, wang);
}, 120_000);
afterAll(() => t?.close());

describe('case 11: escalation exactly once', () => {
  it('A1 08:20 a fever opens I1: one notice to 李建华 and one to the 五华区 bureau', async () => {
    at('2020-02-17T08:20:00+08:00');
    I1 = await checkIn(zhang, { clientId: '6f2a8d14-0217-4e55-b100-0000000000a1', temperature: 38.1, symptoms: ['cough'] });
    const sms = await outbox(I1);
    expect(sms.map((m) => m.recipient).sort()).toEqual([RESPONSIBLE, DUTY.wh].sort());
    expect((await inbox(I1)).map((n) => `${n.desk}:${n.division_code}`).sort()).toEqual(['agency:530102', 'bureau:530102']);
  });

  it('A2 10:20 exactly detectedAt + 2 h: not yet overdue, nothing sent', async () => {
    at('2020-02-17T10:20:00+08:00');
    await runWatcher();
    expect(await escalations(I1)).toEqual([]);
    expect((await outbox(I1)).length).toBe(2);
  });

  it('A3 10:25 two watcher runs at the same instant: escalated to 昆明市 once, one notice per recipient', async () => {
    at('2020-02-17T10:25:00+08:00');
    await Promise.all([runWatcher(), runWatcher()]);
    const e = await escalations(I1);
    expect(e.map((x) => ({ stage: x.stage, level: x.level, deadline: x.deadline_at.toISOString(), at: x.escalated_at.toISOString() }))).toEqual([
      { stage: 'reported', level: 'prefecture', deadline: '2020-02-17T02:20:00.000Z', at: '2020-02-17T02:25:00.000Z' },
    ]);
    const late = await t.deps.db.selectFrom('prevention_incidents').select('late').where('id', '=', I1).executeTakeFirstOrThrow();
    expect(late.late).toBe(true);
    const escalatedSms = (await outbox(I1)).filter((m) => m.template === 'prevention_incident_escalated');
    expect(escalatedSms.map((m) => m.recipient)).toEqual([DUTY.km]);
    const notices = (await inbox(I1)).filter((n) => n.kind === 'incident_escalated');
    expect(notices.map((n) => `${n.desk}:${n.division_code}`).sort()).toEqual(['agency:530102', 'bureau:530100', 'bureau:530102']);
  });

  it('A4/A6 10:30 … 12:15 every 5 minutes: nothing new; at 10:40 昆明市 sees I1 late, never a health value', async () => {
    const before = { sms: (await outbox(I1)).length, inbox: (await inbox(I1)).length };
    for (let m = Date.parse('2020-02-17T10:30:00+08:00'); m <= Date.parse('2020-02-17T12:15:00+08:00'); m += 5 * 60_000) {
      t.clock.set(new Date(m));
      await runWatcher();
      if (m === Date.parse('2020-02-17T10:40:00+08:00')) {
        const res = await t.get(`${V1}/prevention/incidents?late=true`, await as('km'));
        expect(res.statusCode, res.body).toBe(200);
        const item = res.json().items.find((x: { id: number }) => x.id === I1);
        expect(item).toMatchObject({ id: I1, stage: 'detected', divisionCode: '530102', agencyId: agency.id, detectedAt: '2020-02-17T00:20:00.000Z', late: true, trigger: 'fever' });
        expect(res.body).not.toMatch(/temperature|symptom|cough/i);
        expect(healthValuesIn(res.json(), [38.1])).toEqual([]);
      }
    }
    expect((await outbox(I1)).length).toBe(before.sms);
    expect((await inbox(I1)).length).toBe(before.inbox);
    expect((await escalations(I1)).length).toBe(1);
  });

  it('A5 T2 + 5 min (12:25): escalated to the province once; later runs send nothing', async () => {
    at('2020-02-17T12:25:00+08:00');
    await Promise.all([runWatcher(), runWatcher()]);
    const e = await escalations(I1);
    expect(e.map((x) => `${x.stage}:${x.level}:${x.deadline_at.toISOString()}:${x.escalated_at.toISOString()}`)).toEqual([
      'reported:prefecture:2020-02-17T02:20:00.000Z:2020-02-17T02:25:00.000Z',
      'reported:province:2020-02-17T02:20:00.000Z:2020-02-17T04:25:00.000Z',
    ]);
    const sms = (await outbox(I1)).filter((m) => m.template === 'prevention_incident_escalated');
    expect(sms.map((m) => m.recipient)).toEqual([DUTY.km, DUTY.prov]);
    const provNotices = (await inbox(I1)).filter((n) => n.idempotency_key.includes(':reported:province:'));
    expect(provNotices.map((n) => `${n.desk}:${n.division_code}`).sort()).toEqual(['agency:530102', 'bureau:530000', 'bureau:530100', 'bureau:530102']);
    const counts = { sms: (await outbox(I1)).length, inbox: (await inbox(I1)).length };
    for (const time of ['2020-02-17T12:30:00+08:00', '2020-02-17T12:35:00+08:00']) {
      at(time);
      await runWatcher();
    }
    expect({ sms: (await outbox(I1)).length, inbox: (await inbox(I1)).length }).toEqual(counts);
  });

  it('A7 李建华 records "reported" (12:40): late stays true, the isolation deadline counts from the report', async () => {
    at('2020-02-17T12:40:00+08:00');
    const res = await t.send('POST', `${V1}/prevention/incidents/${I1}/steps`, { stage: 'reported' }, await as('agency-wh'));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ stage: 'reported', late: true, stageAt: '2020-02-17T04:40:00.000Z', nextStage: 'isolated', nextDeadlineAt: '2020-02-17T08:40:00.000Z' });
    expect(body.steps.find((s: { stage: string }) => s.stage === 'reported')).toMatchObject({ at: '2020-02-17T04:40:00.000Z', byName: expect.stringContaining('李建华'), bySystem: false });
    at('2020-02-17T12:45:00+08:00');
    await runWatcher();
    expect((await escalations(I1)).length).toBe(2);
    // the next stage's own deadline: 12:40 + 4 h = 16:40, strictly after it
    at('2020-02-17T16:40:00+08:00');
    await runWatcher();
    expect((await escalations(I1)).length).toBe(2);
    at('2020-02-17T16:45:00+08:00');
    await runWatcher();
    expect((await escalations(I1)).map((e) => `${e.stage}:${e.level}`)).toEqual(['reported:prefecture', 'reported:province', 'isolated:prefecture']);
  });

  it('B8–B10 a deadline passes while the server is down: the first run after the restart escalates once (11:05, deadline 10:20)', async () => {
    at('2020-02-18T08:20:00+08:00');
    I2 = await checkIn(wang, { clientId: '6f2a8d14-0218-4e55-b100-0000000000b2', temperature: 37.9, symptoms: [] });
    at('2020-02-18T10:10:00+08:00');
    await runWatcher(); // the last run before the downtime
    expect(await escalations(I2)).toEqual([]);
    // down from 10:15 to 11:05: no run
    at('2020-02-18T11:05:00+08:00');
    await runWatcher();
    expect((await escalations(I2)).map((x) => ({ level: x.level, deadline: x.deadline_at.toISOString(), at: x.escalated_at.toISOString() }))).toEqual([
      { level: 'prefecture', deadline: '2020-02-18T02:20:00.000Z', at: '2020-02-18T03:05:00.000Z' },
    ]);
    const sms = (await outbox(I2)).filter((m) => m.template === 'prevention_incident_escalated');
    expect(sms.map((m) => m.recipient)).toEqual([DUTY.km]);
    expect(sms[0]?.payload).toMatchObject({ deadlineAt: '2020-02-18T02:20:00.000Z', escalatedAt: '2020-02-18T03:05:00.000Z', dueStage: 'reported', level: 'prefecture' });
  });

  it('B11 11:10 the watcher and a manual re-run of missed jobs: nothing new', async () => {
    const before = { sms: (await outbox(I2)).length, inbox: (await inbox(I2)).length };
    at('2020-02-18T11:10:00+08:00');
    await runWatcher();
    await runWatcher();
    expect({ sms: (await outbox(I2)).length, inbox: (await inbox(I2)).length }).toEqual(before);
  });

  it('B a report before T2 (11:30, as in the file) stops the escalations of that stage: I2 never reaches the province', async () => {
    at('2020-02-18T11:30:00+08:00');
    const res = await t.send('POST', `${V1}/prevention/incidents/${I2}/steps`, { stage: 'reported' }, await as('agency-wh'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ stage: 'reported', late: true });
    at('2020-02-18T12:25:00+08:00');
    await runWatcher();
    expect((await escalations(I2)).map((e) => `${e.stage}:${e.level}`)).toEqual(['reported:prefecture']);
  });

  it('afterwards: I1 and I2 late on the county, prefecture and province desks and their exports; no health value; audited', async () => {
    for (const name of ['wh', 'km', 'prov']) {
      const res = await t.get(`${V1}/prevention/incidents?late=true&limit=200`, await as(name));
      expect(res.statusCode, res.body).toBe(200);
      const ids = res.json().items.map((x: { id: number }) => x.id);
      expect(ids, name).toEqual(expect.arrayContaining([I1, I2]));
      expect(res.body).not.toMatch(/temperature|symptom/i);
      const sheet = await t.get(`${V1}/prevention/incidents/export.xlsx?late=true`, await as(name));
      expect(sheet.statusCode).toBe(200);
      const rows = await sheetRows(sheet);
      const mine = rows.filter((r) => [String(I1), String(I2)].includes(r['编号'] as string));
      expect(mine.map((r) => r['是否超时'])).toEqual(['是', '是']);
    }
    // a desk beside them sees neither
    const qj = await t.login('qj');
    const beside = (await t.get(`${V1}/prevention/incidents?limit=200`, qj)).json().items.map((x: { id: number }) => x.id);
    expect(beside).not.toContain(I1);
    const audit = await sql<{ action: string; target_id: string; actor_id: number | null; detail: Record<string, unknown> | null }>`
      select action, target_id, actor_id, detail from audit_log where target_type = 'prevention_incident' and target_id in (${String(I1)}, ${String(I2)}) and action in ('prevention.incident.escalate', 'prevention.incident.step') order by at, id`.execute(t.deps.db);
    const escalated = audit.rows.filter((r) => r.action === 'prevention.incident.escalate');
    expect(escalated.map((r) => `${r.target_id}:${r.detail?.stage}:${r.detail?.level}`)).toEqual([
      `${I1}:reported:prefecture`,
      `${I1}:reported:province`,
      `${I1}:isolated:prefecture`,
      // still not isolated at 20:40 (16:40 + 4 h): the next morning's first run takes it up
      `${I1}:isolated:province`,
      `${I2}:reported:prefecture`,
    ]);
    for (const r of escalated) expect(r.actor_id, 'escalations are the system\'s').toBeNull();
    expect(audit.rows.filter((r) => r.action === 'prevention.incident.step').every((r) => r.actor_id !== null)).toBe(true);
  });
});
