// Case 06 (../shared/cases/checkins-and-bookings/06-consent-withdrawn.json): consent before the
// first record, nobody consents for someone else, withdrawal honoured by the check-in route (queued
// reports included), the reminder job and the day list, records kept until their retention, consent
// history audited, re-consent resumes; the purge at 30 days, no earlier and no later.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinJobs } from '../../src/server/modules/prevention/checkins.jobs.ts';
import { checkinRemindersContract, dailyCountsContract, purgeCheckinsContract } from '../../src/server/modules/prevention/schemas.ts';
import { healthValuesIn } from '../helpers/health-values.ts';
import { jobOf, runJob } from '../helpers/jobs.ts';
import { agencyWh, dayByStatus, relogin, remindedOn, report, type Staff, staffMember, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let zhang: Staff;
/** The 02-12 fever's incident, and its detail as the responsible person read it before the withdrawal. */
let incidentId: number;
let incidentBefore: Record<string, unknown> & { steps: { stage: string; byName: string | null }[] };
const consents = () => t.deps.db.selectFrom('prevention_consents').select(['method', 'text_version', 'given_at', 'given_by', 'withdrawn_at']).where('staff_id', '=', zhang.staffId).orderBy('id').execute();
const audits = (action: string) => sql<{ at: Date; detail: Record<string, unknown> | null }>`select at, detail from audit_log where action = ${action} and coalesce(detail->>'seed', '') = '' and target_type = 'agency_staff' and target_id = ${String(zhang.staffId)} order by at`.execute(t.deps.db).then((r) => r.rows);
const rowsOf = (day: string) => sql<{ n: number }>`select count(*)::int as n from prevention_checkins where staff_id = ${zhang.staffId} and day = ${day}::date`.execute(t.deps.db).then((r) => r.rows[0]?.n ?? 0);
const at = async (iso: string) => {
  t.clock.set(iso);
  await relogin(t, zhang);
};

beforeAll(async () => {
  t = await caseApp('checkins06', '2020-02-10T07:55:00+08:00');
  await withoutDemoChecks(t);
  zhang = await staffMember(t, '张晓燕');
}, 60_000);
afterAll(() => t?.close());

describe('case 06: consent withdrawn after five days of reports, then given again', () => {
  it('step 1: no consent yet → 409 saying consent is needed first and where to give it', async () => {
    t.clock.set('2020-02-10T07:56:00+08:00');
    const res = await report(t, zhang, { clientId: '0e6b3f52-0210-4c11-a000-0000000000a0', temperature: 36.5, symptoms: [] });
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.code).toBe('consent_required');
    expect(json(res).error?.message).toMatch(/同意.*健康打卡/);
    expect(await rowsOf('2020-02-10')).toBe(0);
  });

  it('step 2: the administrator cannot consent on her behalf (403), nothing stored', async () => {
    t.clock.set('2020-02-10T07:57:00+08:00');
    const agency = await t.login('agency-wh');
    const res = await t.send('POST', `${V1}/prevention/consent`, { staffId: zhang.staffId }, agency);
    expect(res.statusCode).toBe(403);
    expect(await consents()).toEqual([]);
  });

  it('step 3: the consent screen shows purpose and retention (30 days); her own consent is stored with time, account and text version, audited', async () => {
    t.clock.set('2020-02-10T07:58:00+08:00');
    const screen = await t.get(`${V1}/prevention/consent`, zhang.cookie);
    expect(screen.json()).toMatchObject({ status: 'none', retentionDays: 30, purpose: expect.stringContaining('早发现') });
    expect(screen.json().text).toContain('30');
    const res = await t.send('POST', `${V1}/prevention/consent`, {}, zhang.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const account = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', 'staff-wh').executeTakeFirstOrThrow();
    expect(await consents()).toEqual([{ method: 'self', text_version: screen.json().textVersion, given_at: new Date('2020-02-10T07:58:00+08:00'), given_by: account.id, withdrawn_at: null }]);
    expect(await audits('prevention.consent.give')).toHaveLength(1);
    const again = await t.send('POST', `${V1}/prevention/consent`, {}, zhang.cookie);
    expect(again.statusCode, 'a repeat while in force changes nothing').toBe(200);
    expect(await consents()).toHaveLength(1);
  });

  it('step 4: five days of reports, a fever on 02-12 opens one incident, which 李建华 moves to reported', async () => {
    const ids: Record<string, number> = {};
    for (const [d, temperature] of [['10', 36.5], ['11', 36.6], ['12', 37.6], ['13', 36.4], ['14', 36.5]] as const) {
      await at(`2020-02-${d}T08:00:00+08:00`);
      const res = await report(t, zhang, { clientId: `0e6b3f52-02${d}-4c11-a000-0000000000d0`, temperature, symptoms: [] });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().abnormal).toBe(d === '12');
      ids[d] = res.json().id;
      if (d === '12') incidentId = res.json().incidentId;
      // the hourly count job, as it runs each day (today so far, yesterday whole)
      await runJob(t.deps, jobOf(checkinJobs, dailyCountsContract), {});
      if (d === '12') {
        t.clock.set('2020-02-12T08:30:00+08:00');
        const reported = await t.send('POST', `${V1}/prevention/incidents/${incidentId}/steps`, { stage: 'reported' }, await t.login('agency-wh'));
        expect(reported.statusCode, reported.body).toBe(201);
        expect(reported.json()).toMatchObject({ id: incidentId, stage: 'reported', stageAt: new Date('2020-02-12T08:30:00+08:00').toISOString() });
      }
    }
    // five records, one a day
    const records = await sql<{ id: number; day: string }>`select id, day::text as day from prevention_checkins where staff_id = ${zhang.staffId} order by day`.execute(t.deps.db);
    expect(records.rows).toEqual(['10', '11', '12', '13', '14'].map((d) => ({ id: ids[d], day: `2020-02-${d}` })));
    // one incident, the 02-12 record's, detected then and reported by 李建华
    const incidents = await sql<{ id: number; trigger: string; trigger_id: string; stage: string; detected_at: Date }>`select id, trigger, trigger_id, stage, detected_at from prevention_incidents where staff_id = ${zhang.staffId}`.execute(t.deps.db);
    expect(incidents.rows).toEqual([{ id: incidentId, trigger: 'fever', trigger_id: String(ids['12']), stage: 'reported', detected_at: new Date('2020-02-12T08:00:00+08:00') }]);
    t.clock.set('2020-02-14T17:59:00+08:00');
    incidentBefore = (await t.get(`${V1}/prevention/incidents/${incidentId}`, await t.login('agency-wh'))).json();
    expect(incidentBefore.steps.map((s: { stage: string; byName: string | null }) => [s.stage, s.byName])).toEqual([['detected', null], ['reported', expect.stringContaining('李建华')]]);
  });

  it('steps 6–7: withdrawal at 18:00 is stored and audited; a second one is a clear 404 and no second event', async () => {
    await at('2020-02-14T18:00:00+08:00');
    const res = await t.send('DELETE', `${V1}/prevention/consent`, undefined, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    t.clock.set('2020-02-14T18:00:10+08:00');
    const again = await t.send('DELETE', `${V1}/prevention/consent`, undefined, zhang.cookie);
    expect(again.statusCode).toBe(404);
    expect(json(again).error?.code).toBe('consent_not_given');
    expect((await consents()).map((c) => c.withdrawn_at)).toEqual([new Date('2020-02-14T18:00:00+08:00')]);
    expect(await audits('prevention.consent.withdraw')).toHaveLength(1);
  });

  it('after her own withdrawal the administrator cannot put a paper consent in its place (409), nothing stored', async () => {
    t.clock.set('2020-02-14T18:01:00+08:00');
    const agency = await t.login('agency-wh');
    const res = await t.send('POST', `${V1}/prevention/consent/paper`, { staffId: zhang.staffId, textVersion: '2020-02-v1', signedOn: '2020-02-01', reference: '档案盒 1' }, agency);
    expect(res.statusCode, res.body).toBe(409);
    expect(json(res).error?.code).toBe('consent_decided_on_phone');
    expect((await consents()).map((c) => c.method)).toEqual(['self']);
  });

  it('step 8: the queued 17:50 report flushed at 18:05 → 409, no record', async () => {
    t.clock.set('2020-02-14T18:05:00+08:00');
    const res = await report(t, zhang, { clientId: '0e6b3f52-0214-4c11-a000-0000000000e1', temperature: 36.6, symptoms: [] });
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.code).toBe('consent_withdrawn');
    expect(await rowsOf('2020-02-14')).toBe(1);
  });

  it('step 9: the next morning → 409 saying consent was withdrawn on 2020-02-14 and how to consent again', async () => {
    await at('2020-02-15T08:00:00+08:00');
    const res = await report(t, zhang, { clientId: '0e6b3f52-0215-4c11-a000-0000000000f0', temperature: 36.5, symptoms: [] });
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.message).toContain('2020-02-14');
    expect(json(res).error?.message).toContain('重新同意');
    const en = await t.send('POST', `${V1}/prevention/checkins`, { clientId: '0e6b3f52-0215-4c11-a000-0000000000f0', temperature: 36.5, symptoms: [] }, zhang.cookie, { 'accept-language': 'en' });
    expect(json(en).error?.message).toMatch(/withdrew consent.*2020-02-14.*give consent again/);
  });

  it('step 10: the 10:00 reminder sends her nothing', async () => {
    t.clock.set('2020-02-15T10:00:00+08:00');
    await runJob(t.deps, jobOf(checkinJobs, checkinRemindersContract), {});
    expect(await remindedOn(t, '2020-02-15')).not.toContain('张晓燕');
    expect(await remindedOn(t, '2020-02-15')).toEqual([]);
  });

  it('step 11: the day list shows her as withdrawn (with the date), not missing; the counts keep withdrawn apart', async () => {
    t.clock.set('2020-02-15T11:00:00+08:00');
    const agency = await t.login('agency-wh');
    const day = await dayByStatus(t, agency, '2020-02-15');
    const row = day.items.find((i) => i.name === '张晓燕') as unknown as { status: string; withdrawnAt: string };
    expect(row.status).toBe('withdrawn');
    expect(row.withdrawnAt).toBe(new Date('2020-02-14T18:00:00+08:00').toISOString());
    await runJob(t.deps, jobOf(checkinJobs, dailyCountsContract), {});
    const counts = await t.get(`${V1}/prevention/daily-counts?from=2020-02-15&to=2020-02-15`, agency);
    expect(counts.json().items).toEqual([expect.objectContaining({ day: '2020-02-15', withdrawn: 1, reported: 0, expected: 0 })]);
    // listed once, as withdrawn: never among the missing, and nobody else withdrew
    expect(day.items.filter((i) => i.name === '张晓燕')).toHaveLength(1);
    expect(day.by.withdrawn).toEqual(['张晓燕']);
    expect(day.by.missing ?? []).not.toContain('张晓燕');
    const wh = await agencyWh(t);
    expect(counts.json().items).toEqual([{ divisionCode: wh.division_code, agencyId: wh.id, agencyName: '昆明五华人力资源服务有限公司', day: '2020-02-15', expected: 0, reported: 0, onTime: 0, late: 0, abnormal: 0, withdrawn: 1 }]);
    // the county and the province desks show the withdrawn count next to the completion rate: she is
    // the only one who withdrew (the case starts with nobody's consent), not expected and not missing
    const completion = { checkinExpected: 0, checkinReported: 0, checkinOnTime: 0, checkinMissing: 0, checkinRate: null, consentWithdrawn: 1 };
    const pick = (f: Record<string, unknown>) => Object.fromEntries(Object.keys(completion).map((k) => [k, f[k]]));
    const county = await t.get(`${V1}/prevention/desk?day=2020-02-15`, await t.login('wh'));
    expect(county.statusCode, county.body).toBe(200);
    expect(pick(county.json().total)).toEqual(completion);
    expect(pick(county.json().lines.find((l: { agencyId: number | null }) => l.agencyId === wh.id))).toEqual(completion);
    const province = await t.get(`${V1}/prevention/desk?day=2020-02-15`, await t.login('prov'));
    expect(province.statusCode, province.body).toBe(200);
    expect(pick(province.json().total)).toEqual(completion);
    expect(pick(province.json().lines.find((l: { code: string }) => l.code === '530100'))).toEqual(completion);
  });

  it('step 12: her records of 02-10 to 02-14 are still there, readable by the responsible person, the read audited without values', async () => {
    t.clock.set('2020-02-15T11:05:00+08:00');
    const agency = await t.login('agency-wh');
    const res = await t.get(`${V1}/prevention/checkins?staffId=${zhang.staffId}&from=2020-02-10&to=2020-02-14`, agency);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { day: string; temperature: number }) => [i.day, i.temperature]).sort()).toEqual([
      ['2020-02-10', 36.5], ['2020-02-11', 36.6], ['2020-02-12', 37.6], ['2020-02-13', 36.4], ['2020-02-14', 36.5],
    ]);
    const reads = await audits('prevention.checkin.read');
    expect(reads).toHaveLength(1);
    expect(healthValuesIn(reads[0]?.detail, [36.5, 36.6, 37.6, 36.4])).toEqual([]);
    // each read audited: a second read is a second entry
    expect((await t.get(`${V1}/prevention/checkins?staffId=${zhang.staffId}&from=2020-02-12&to=2020-02-12`, agency)).json().items.map((i: { temperature: number }) => i.temperature)).toEqual([37.6]);
    expect(await audits('prevention.checkin.read')).toHaveLength(2);
  });

  it('step 12: the 02-12 incident is unchanged by the withdrawal and still moves on (isolated, diagnosed; closing stays open to the county)', async () => {
    t.clock.set('2020-02-15T11:06:00+08:00');
    const agency = await t.login('agency-wh');
    expect((await t.get(`${V1}/prevention/incidents/${incidentId}`, agency)).json()).toEqual(incidentBefore);
    const wh = await t.login('wh');
    for (const [stage, time] of [['isolated', '11:10'], ['diagnosed', '11:20']] as const) {
      t.clock.set(`2020-02-15T${time}:00+08:00`);
      const res = await t.send('POST', `${V1}/prevention/incidents/${incidentId}/steps`, { stage }, wh);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ id: incidentId, stage });
    }
    const detail = (await t.get(`${V1}/prevention/incidents/${incidentId}`, wh)).json();
    expect(detail.steps.map((s: { stage: string }) => s.stage)).toEqual(['detected', 'reported', 'isolated', 'diagnosed']);
    expect(detail.mayRecord).toEqual(expect.arrayContaining(['treated']));
  });

  it('steps 13–14: consent again on 02-16 (history 02-10, 02-14, 02-16) and reporting resumes', async () => {
    await at('2020-02-16T08:00:00+08:00');
    const res = await t.send('POST', `${V1}/prevention/consent`, {}, zhang.cookie);
    expect(res.statusCode).toBe(201);
    expect(res.json().history.map((h: { givenAt: string; withdrawnAt: string | null }) => [h.givenAt, h.withdrawnAt])).toEqual([
      [new Date('2020-02-10T07:58:00+08:00').toISOString(), new Date('2020-02-14T18:00:00+08:00').toISOString()],
      [new Date('2020-02-16T08:00:00+08:00').toISOString(), null],
    ]);
    expect(await audits('prevention.consent.give')).toHaveLength(2);
    t.clock.set('2020-02-16T08:01:00+08:00');
    const r = await report(t, zhang, { clientId: '0e6b3f52-0216-4c11-a000-000000000160', temperature: 36.4, symptoms: [] });
    expect(r.statusCode, r.body).toBe(201);
  });

  it('step 15: the purge takes the 02-10 record on 03-12 (30 days), not on 03-11; counts stay; the fever record its open incident holds stays', async () => {
    const purge = () => runJob(t.deps, jobOf(checkinJobs, purgeCheckinsContract), {});
    /** The agency's kept counts of 02-10 … 02-14 as its responsible person reads them. */
    const countsOfHerDays = async () => {
      const res = await t.get(`${V1}/prevention/daily-counts?from=2020-02-10&to=2020-02-14`, await t.login('agency-wh'));
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { day: string }[]).map(({ day, expected, reported, onTime, late, abnormal, withdrawn }: Record<string, unknown>) => ({ day, expected, reported, onTime, late, abnormal, withdrawn }));
    };
    t.clock.set('2020-03-10T09:00:00+08:00');
    const before = await countsOfHerDays();
    // as the hourly job left them: one on time each day (02-14's too: she reported before she
    // withdrew that evening), the fever on 02-12
    expect(before).toEqual(['10', '11', '12', '13', '14'].map((d) => ({ day: `2020-02-${d}`, expected: 1, reported: 1, onTime: 1, late: 0, abnormal: d === '12' ? 1 : 0, withdrawn: 0 })));
    t.clock.set('2020-03-11T03:00:00+08:00');
    await purge();
    expect(await rowsOf('2020-02-10'), 'no earlier').toBe(1);
    t.clock.set('2020-03-12T03:00:00+08:00');
    await purge();
    expect(await rowsOf('2020-02-10'), 'on time').toBe(0);
    expect(await rowsOf('2020-02-11')).toBe(1);
    const kept = await t.deps.db.selectFrom('prevention_daily_counts').select(['reported']).where('day', '=', new Date('2020-02-10T00:00:00Z')).where('division_code', '=', '530102').execute();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.some((k) => k.reported >= 1)).toBe(true);
    expect(await countsOfHerDays(), 'the counts outlive the records, unchanged').toEqual(before);
    t.clock.set('2020-03-20T03:00:00+08:00');
    await purge();
    expect(await rowsOf('2020-02-12'), 'held by its open incident').toBe(1);
    expect(await rowsOf('2020-02-13')).toBe(0);
    expect(await countsOfHerDays()).toEqual(before);
  });
});
