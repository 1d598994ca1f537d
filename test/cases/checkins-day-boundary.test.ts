// Case 03 (../shared/cases/checkins-and-bookings/03-day-boundary-asia-shanghai.json), the check-in
// parts (the disinfection steps are venue-visits.test.ts's): the day and the cut-off follow
// Asia/Shanghai whatever the process's zone; 09:59:59.999 on time, 10:00:00.001 late; the 10:00
// reminder goes to the two who have not reported, once, also when the job runs again or twice at
// once; 23:59:30 and 00:00:30 are different days; the day list, the counts job and the reminder
// agree. The rule at exactly 10:00:00.000 (late) is in checkins.rules.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinJobs } from '../../src/server/modules/prevention/checkins.jobs.ts';
import { checkinRemindersContract, dailyCountsContract } from '../../src/server/modules/prevention/schemas.ts';
import { jobOf, runJob } from '../helpers/jobs.ts';
import { consentedWh, dayByStatus, relogin, remindedOn, report, type Staff, storedRow, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp } from './venues-helpers.ts';

let t: CaseApp;
let s: Record<string, Staff>;
let agency: string;
const remind = () => runJob(t.deps, jobOf(checkinJobs, checkinRemindersContract), {});

const send = async (name: string, at: string, clientId: string, temperature: number) => {
  t.clock.set(at);
  const res = await report(t, s[name] as Staff, { clientId, temperature, symptoms: [] });
  expect(res.statusCode, res.body).toBe(201);
  return storedRow(t, res.json().id);
};

beforeAll(async () => {
  t = await caseApp('checkins03', '2020-02-16T20:00:00+08:00');
  await withoutDemoChecks(t);
  s = await consentedWh(t, ['张晓燕', '王磊', '赵丽', '杨帆']);
  agency = await t.login('agency-wh');
}, 60_000);
afterAll(() => t?.close());

describe(`case 03: the Beijing day and the 10:00 cut-off (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('step 2: 07:30 Beijing (23:30 UTC the day before) counts for 2020-02-17, on time', async () => {
    expect(await send('张晓燕', '2020-02-17T07:30:00+08:00', 'a1c2e3f4-0217-4001-8a00-000000000001', 36.5)).toMatchObject({ day: '2020-02-17', on_time: true });
  });

  it('step 4: at 08:00:05 (00:00:05 UTC) today is 2020-02-17: 张晓燕 reported, the others not yet', async () => {
    t.clock.set('2020-02-17T08:00:05+08:00');
    agency = await t.login('agency-wh');
    const d = await dayByStatus(t, agency);
    expect(d.date).toBe('2020-02-17');
    expect(d.by).toEqual({ on_time: ['张晓燕'], pending: ['杨帆', '王磊', '赵丽'].sort() });
  });

  it('step 5: 09:59:59.999 is on time', async () => {
    expect(await send('王磊', '2020-02-17T09:59:59.999+08:00', 'a1c2e3f4-0217-4001-8a00-000000000002', 36.6)).toMatchObject({ day: '2020-02-17', on_time: true });
  });

  it('step 6: the reminder at 10:00 goes to 赵丽 and 杨帆 only; runs again (and two at once) add nothing', async () => {
    t.clock.set('2020-02-17T09:59:00+08:00');
    await remind();
    expect(await remindedOn(t, '2020-02-17'), 'nothing before the cut-off').toEqual([]);
    t.clock.set('2020-02-17T10:00:00+08:00');
    await remind();
    expect(await remindedOn(t, '2020-02-17')).toEqual(['杨帆', '赵丽'].sort());
    t.clock.set('2020-02-17T10:00:30+08:00');
    await Promise.all([remind(), remind()]);
    expect(await remindedOn(t, '2020-02-17')).toEqual(['杨帆', '赵丽'].sort());
  });

  it('step 7: 10:00:00.001 is late', async () => {
    expect(await send('赵丽', '2020-02-17T10:00:00.001+08:00', 'a1c2e3f4-0217-4001-8a00-000000000003', 36.4)).toMatchObject({ day: '2020-02-17', on_time: false });
  });

  it('steps 9–11: 23:59:30 and 00:00:30 fall on different days; the new day is a new report', async () => {
    await relogin(t, s['杨帆'] as Staff);
    expect(await send('杨帆', '2020-02-17T23:59:30+08:00', 'a1c2e3f4-0217-4001-8a00-000000000004', 36.8)).toMatchObject({ day: '2020-02-17', on_time: false });
    expect(await send('杨帆', '2020-02-18T00:00:30+08:00', 'a1c2e3f4-0218-4001-8a00-000000000005', 36.7)).toMatchObject({ day: '2020-02-18', on_time: true });
    await relogin(t, s['张晓燕'] as Staff);
    expect(await send('张晓燕', '2020-02-18T07:45:00+08:00', 'a1c2e3f4-0218-4001-8a00-000000000006', 36.5)).toMatchObject({ day: '2020-02-18', on_time: true });
  });

  it('step 12: at 08:05 (00:05 UTC) the lists of 2020-02-17 and today agree with the case', async () => {
    t.clock.set('2020-02-18T08:05:00+08:00');
    agency = await t.login('agency-wh');
    const yesterday = await dayByStatus(t, agency, '2020-02-17');
    expect(yesterday.by).toEqual({ on_time: ['张晓燕', '王磊'].sort(), late: ['杨帆', '赵丽'].sort() });
    const today = await dayByStatus(t, agency);
    expect(today.date).toBe('2020-02-18');
    expect(today.by).toEqual({ on_time: ['张晓燕', '杨帆'].sort(), pending: ['王磊', '赵丽'].sort() });
  });

  it('step 13: the counts job gives 4 of 4 reported for 2020-02-17, 2 on time, 2 late (counts only)', async () => {
    await runJob(t.deps, jobOf(checkinJobs, dailyCountsContract), {});
    const county = await t.login('wh');
    const res = await t.get('/api/v1/prevention/daily-counts?from=2020-02-17&to=2020-02-17', county);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().items.find((i: { agencyName: string }) => i.agencyName === '昆明五华人力资源服务有限公司');
    expect(row).toEqual({ divisionCode: '530102', agencyId: row.agencyId, agencyName: '昆明五华人力资源服务有限公司', day: '2020-02-17', expected: 4, reported: 4, onTime: 2, late: 2, abnormal: 0, withdrawn: 0 });
    expect(res.body).not.toMatch(/36\.\d/);
  });
});
