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
import { dayByStatus, relogin, remindedOn, report, type Staff, staffMember, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let zhang: Staff;
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

  it('step 4: five days of reports, a fever on 02-12 opens one incident', async () => {
    for (const [d, temperature] of [['10', 36.5], ['11', 36.6], ['12', 37.6], ['13', 36.4], ['14', 36.5]] as const) {
      await at(`2020-02-${d}T08:00:00+08:00`);
      const res = await report(t, zhang, { clientId: `0e6b3f52-02${d}-4c11-a000-0000000000d0`, temperature, symptoms: [] });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().abnormal).toBe(d === '12');
    }
    const incidents = await sql<{ trigger: string }>`select trigger from prevention_incidents where staff_id = ${zhang.staffId}`.execute(t.deps.db);
    expect(incidents.rows).toEqual([{ trigger: 'fever' }]);
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
    t.clock.set('2020-03-20T03:00:00+08:00');
    await purge();
    expect(await rowsOf('2020-02-12'), 'held by its open incident').toBe(1);
    expect(await rowsOf('2020-02-13')).toBe(0);
  });
});
