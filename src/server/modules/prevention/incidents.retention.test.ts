// The incidents' retention rule (decision 0030, amended): a visitor's incident keeps its subject on
// the visit's Beijing day and the visitor retention's 28 days after it, whatever its stage, and is
// erased from day 29 on — or earlier, when it ended 28 days before (whichever comes first); a staff
// incident keeps its subject while open however old. Erased: name, phone, the detail but its venue,
// step notes (also one recorded while the erasure waited for the row, and any after it); kept: the
// row, its stage and times. The visitor purge's share (eraseVisitorSubjectsBefore) uses its cutoff.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { cloneTemplate } from '../../../../test/helpers/db.ts';
import { jobOf, runJob } from '../../../../test/helpers/jobs.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { ManualClock } from '../../platform/clock.ts';
import { incidentsJobs } from './incidents.jobs.ts';
import { eraseIncidentSubjectsContract } from './incidents.schemas.ts';
import * as repo from './repository/incidents.ts';
import { eraseVisitorSubjectsBefore, openIncident } from './service.ts';

const V1 = '/api/v1';
const TEST = systemScope('retention test: incidents it opened');
let t: TestApp & { drop: () => Promise<void> };
let clock: ManualClock;
let agency: { division: string; id: number };
let staffId: number;
let n = 0;

beforeAll(async () => {
  const db = await cloneTemplate('incident_retention');
  clock = new ManualClock('2020-02-03T00:30:00+08:00');
  t = Object.assign(await createTestApp({ clock, database: db }), { drop: db.drop });
  const me = (await t.get(`${V1}/me`, await t.login('agency-wh'))).json();
  agency = { division: me.divisionCode, id: me.agencyId };
  staffId = (await t.deps.db.selectFrom('agency_staff').select('id').where('division_code', '=', agency.division).where('agency_id', '=', agency.id).where('name', '=', '张晓燕').executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await t?.drop();
});

/** A visitor refused at a venue's door with a fever now (as the door check opens it). */
async function visitor(name: string, phone: string) {
  n++;
  const detail = { venueId: 901, venueName: '五华区人力资源市场服务大厅', visitId: 7000 + n };
  return (await openIncident(t.deps, { divisionCode: agency.division, agencyId: agency.id, subject: { kind: 'visitor', name, phone }, trigger: 'door_refusal', triggerRef: { table: 'visits', id: `retention-${n}` }, detectedAt: clock.now(), detail })).id;
}

const step = async (id: number, stage: string, who: string, note?: string) => {
  const res = await t.send('POST', `${V1}/prevention/incidents/${id}/steps`, { stage, ...(note ? { note } : {}) }, await t.login(who));
  expect(res.statusCode, res.body).toBe(201);
};

/** What is stored of an incident's subject and steps. */
async function stored(id: number) {
  const row = await t.deps.db.selectFrom('prevention_incidents').select(['stage', 'subject_name', 'subject_phone_enc', 'staff_id', 'detail', 'erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const notes = await t.deps.db.selectFrom('prevention_incident_steps').select(['stage', 'note']).where('incident_id', '=', id).orderBy('at').execute();
  return { ...row, notes: Object.fromEntries(notes.map((x) => [x.stage, x.note])) };
}
const named = async (id: number) => (await stored(id)).subject_name;
const erase = () => runJob(t.deps, jobOf(incidentsJobs, eraseIncidentSubjectsContract), {});

describe('a visitor\'s identity never outlives the visit\'s retention; a staff member\'s open incident keeps it', () => {
  const ids: Record<string, number> = {};

  it('opens the incidents of 2020-02-03 (one ruled out within the hour, one 17 days later) and a staff fever', async () => {
    ids.early = await visitor('早退访客', '13900004444');
    clock.set('2020-02-03T00:50:00+08:00');
    await step(ids.early, 'ruled_out', 'wh');
    clock.set('2020-02-03T10:00:00+08:00');
    ids.open = await visitor('何佳', '13900003333');
    ids.late = await visitor('晚排除访客', '13900005555');
    ids.race = await visitor('并发访客', '13900006666');
    n++;
    ids.staff = (await openIncident(t.deps, { divisionCode: agency.division, agencyId: agency.id, subject: { kind: 'staff', staffId }, trigger: 'fever', triggerRef: { table: 'prevention_checkins', id: `retention-${n}` }, detectedAt: clock.now() })).id;
    clock.set('2020-02-03T10:10:00+08:00');
    await step(ids.open, 'reported', 'agency-wh', '已电话联系何佳');
    await step(ids.race, 'reported', 'agency-wh', '已电话联系并发访客');
    clock.set('2020-02-20T09:00:00+08:00');
    await step(ids.late, 'ruled_out', 'wh', '复测正常：晚排除访客');
  });

  it('day 28 (02:30): the open visitor incidents keep their subject; the one that ended 28 days ago is erased (whichever comes first)', async () => {
    clock.set('2020-03-02T02:30:00+08:00');
    await erase();
    expect(await named(ids.open as number)).toBe('何佳');
    expect(await named(ids.late as number)).toBe('晚排除访客');
    expect(await named(ids.race as number)).toBe('并发访客');
    // ended at 00:50 on the visit's day: closed + 28 days passed at 00:50 today, before its day 29
    expect(await stored(ids.early as number)).toMatchObject({ stage: 'ruled_out', subject_name: null, subject_phone_enc: null, erased_at: expect.any(Date) });
    // and the last second of day 28 still keeps them
    clock.set('2020-03-02T23:59:59+08:00');
    await erase();
    expect(await named(ids.open as number)).toBe('何佳');
  });

  it('day 29 (02:30): every visitor incident of 2020-02-03 is erased whatever its stage — a step recorded while the job waited for the row keeps no note', async () => {
    clock.set('2020-03-03T02:30:00+08:00');
    const wh = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', 'wh').executeTakeFirstOrThrow();
    const key = systemKey(TEST, 'prevention_incidents', agency.division, ids.race as number);
    // a stage move holds the incident's row (its step and note written, not committed) …
    let moved!: () => void;
    const isMoved = new Promise<void>((r) => {
      moved = r;
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const held = t.deps.db.transaction().execute(async (trx) => {
      expect(await repo.moveStage(trx, key, 'reported', 'isolated', { at: clock.now(), by_account: wh.id, by_name: '五华区', note: '并发访客已居家隔离' })).toBe(true);
      moved();
      await gate;
    });
    await isMoved;
    // … while the erasure runs and waits for it
    const erasing = erase();
    for (let i = 0; i < 200; i++) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.deps.db);
      if ((waiting.rows[0]?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    release();
    await held;
    await erasing;
    const venueOnly = { venueId: 901, venueName: '五华区人力资源市场服务大厅' };
    expect(await stored(ids.race as number)).toEqual({ stage: 'isolated', subject_name: null, subject_phone_enc: null, staff_id: null, detail: venueOnly, erased_at: clock.now(), notes: { detected: null, reported: null, isolated: null } });
    expect(await stored(ids.open as number)).toEqual({ stage: 'reported', subject_name: null, subject_phone_enc: null, staff_id: null, detail: venueOnly, erased_at: clock.now(), notes: { detected: null, reported: null } });
    // ruled out on 02-20: closed + 28 days would be 03-19; the visit's retention ends first
    expect(await stored(ids.late as number)).toMatchObject({ stage: 'ruled_out', subject_name: null, detail: venueOnly, notes: { detected: null, ruled_out: null } });
    expect(await named(ids.staff as number)).toBe('张晓燕');
    // the desk shows the incident at its stage with the subject marked erased, and the venue
    const page = (await t.get(`${V1}/prevention/incidents/${ids.open}`, await t.login('wh'))).json();
    expect(page).toMatchObject({ stage: 'reported', trigger: 'door_refusal', subject: { kind: 'visitor', name: null, phone: null, erased: true }, detail: venueOnly });
    expect(Object.keys(page.stageTimes)).toEqual(['detected', 'reported']);
    // audited by incident id only
    const audits = await sql<{ target_id: string; detail: unknown }>`select target_id, detail from audit_log where action = 'prevention.incident.erase-subject' order by target_id`.execute(t.deps.db);
    expect(audits.rows.map((r) => Number(r.target_id)).sort((a, b) => a - b)).toEqual([ids.early, ids.open, ids.late, ids.race].map(Number).sort((a, b) => a - b));
    expect(JSON.stringify(audits.rows)).not.toMatch(/何佳|访客|1390000/);
  });

  it('the erased incident still moves through its stages; a note given now is not kept', async () => {
    clock.set('2020-03-03T09:00:00+08:00');
    await step(ids.open as number, 'isolated', 'wh', '何佳已居家隔离');
    expect(await stored(ids.open as number)).toMatchObject({ stage: 'isolated', subject_name: null, notes: { isolated: null } });
    const page = (await t.get(`${V1}/prevention/incidents/${ids.open}`, await t.login('wh'))).json();
    expect(page.steps.map((s: { stage: string; note: string | null }) => [s.stage, s.note])).toEqual([
      ['detected', null],
      ['reported', null],
      ['isolated', null],
    ]);
  });

  it('a staff member\'s incident open 35 days keeps its subject', async () => {
    clock.set('2020-03-09T02:30:00+08:00');
    await erase();
    expect(await stored(ids.staff as number)).toMatchObject({ stage: 'detected', subject_name: '张晓燕', staff_id: staffId, erased_at: null });
  });

  it('the visitor purge\'s share erases the visitor incidents of the days before its cutoff, in its run, and no staff incident', async () => {
    clock.set('2020-03-04T23:50:00+08:00');
    const lateNight = await visitor('深夜访客', '13900007777');
    clock.set('2020-04-02T02:00:00+08:00');
    expect(await eraseVisitorSubjectsBefore(t.deps, '2020-03-04')).toEqual([]);
    expect(await named(lateNight)).toBe('深夜访客');
    expect(await eraseVisitorSubjectsBefore(t.deps, '2020-03-05')).toEqual([{ divisionCode: agency.division, incidentId: lateNight }]);
    expect(await named(lateNight)).toBeNull();
    expect(await named(ids.staff as number)).toBe('张晓燕');
  });
});
