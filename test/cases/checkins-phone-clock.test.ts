// Case 04 (../shared/cases/checkins-and-bookings/04-phone-clock-and-zone-wrong.json), the check-in
// parts (the slot shown in Beijing time is the booking page's): the server's clock decides the day
// and lateness; the phone's times only give the time a report spent in the queue. The rule for a
// report measured offline before the cut-off and received after it: on time by the measured time
// the server derives (received − queue time), the same in the day list and the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinJobs } from '../../src/server/modules/prevention/checkins.jobs.ts';
import { checkinRemindersContract, dailyCountsContract } from '../../src/server/modules/prevention/schemas.ts';
import { jobOf, runJob } from '../helpers/jobs.ts';
import { consentedWh, dayByStatus, relogin, remindedOn, report, type Staff, storedRow, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp } from './venues-helpers.ts';

let t: CaseApp;
let s: Record<string, Staff>;

const send = async (name: string, at: string, body: Record<string, unknown>) => {
  t.clock.set(at);
  await relogin(t, s[name] as Staff);
  const res = await report(t, s[name] as Staff, { symptoms: [], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return storedRow(t, res.json().id);
};

beforeAll(async () => {
  t = await caseApp('checkins04', '2020-02-16T20:00:00+08:00');
  await withoutDemoChecks(t);
  s = await consentedWh(t, ['张晓燕', '王磊', '赵丽', '杨帆']);
}, 60_000);
afterAll(() => t?.close());

describe('case 04: phones a day ahead, on Myanmar time, three hours slow, and yesterday\'s queued report', () => {
  it('step 2: yesterday 21:00 queued until 08:10 counts for 2020-02-16 (late), not for today', async () => {
    const r = await send('杨帆', '2020-02-17T08:10:00+08:00', { clientId: '5c7e9a1b-0216-4d00-9f00-00000000000d', temperature: 36.6, measuredAt: '2020-02-16T21:00:00+08:00', sentAt: '2020-02-17T08:10:00+08:00' });
    expect(r).toMatchObject({ day: '2020-02-16', on_time: false, phone_clock_unreliable: false, measured_at: new Date('2020-02-16T21:00:00+08:00'), received_at: new Date('2020-02-17T08:10:00+08:00') });
  });

  it('step 3: a phone a day ahead: filed under 2020-02-17, on time, never 02-18', async () => {
    const r = await send('张晓燕', '2020-02-17T09:00:00+08:00', { clientId: '5c7e9a1b-0217-4d00-9f00-00000000000a', temperature: 36.5, measuredAt: '2020-02-18T09:00:00+08:00', sentAt: '2020-02-18T09:00:01+08:00' });
    expect(r).toMatchObject({ day: '2020-02-17', on_time: true, measured_at: new Date('2020-02-17T08:59:59+08:00') });
  });

  it('step 5: the 10:00 reminder goes to 王磊, 赵丽 and 杨帆 (杨帆\'s report was for the 16th), none to 张晓燕', async () => {
    t.clock.set('2020-02-17T10:00:00+08:00');
    await runJob(t.deps, jobOf(checkinJobs, checkinRemindersContract), {});
    expect(await remindedOn(t, '2020-02-17')).toEqual(['杨帆', '王磊', '赵丽'].sort());
  });

  it('step 6: 10:20 from a phone on Asia/Yangon time with no phone times: late, received 10:20', async () => {
    const r = await send('王磊', '2020-02-17T10:20:00+08:00', { clientId: '5c7e9a1b-0217-4d00-9f00-00000000000b', temperature: 36.7 });
    expect(r).toMatchObject({ day: '2020-02-17', on_time: false, received_at: new Date('2020-02-17T10:20:00+08:00') });
  });

  it('step 7: three hours slow, 45 minutes in the queue: received 10:25, measured 09:40, on time by the documented rule', async () => {
    const r = await send('赵丽', '2020-02-17T10:25:00+08:00', { clientId: '5c7e9a1b-0217-4d00-9f00-00000000000c', temperature: 36.4, measuredAt: '2020-02-17T06:40:00+08:00', sentAt: '2020-02-17T07:25:00+08:00' });
    expect(r).toMatchObject({ day: '2020-02-17', on_time: true, phone_clock_unreliable: false, received_at: new Date('2020-02-17T10:25:00+08:00'), measured_at: new Date('2020-02-17T09:40:00+08:00') });
  });

  it('step 8: a negative queue time: measured = received (10:30), flagged unreliable, never after today', async () => {
    const r = await send('赵丽', '2020-02-17T10:30:00+08:00', { clientId: '5c7e9a1b-0217-4d00-9f00-0000000000c2', temperature: 36.5, measuredAt: '2020-02-17T08:00:00+08:00', sentAt: '2020-02-17T07:00:00+08:00' });
    expect(r).toMatchObject({ day: '2020-02-17', phone_clock_unreliable: true, measured_at: new Date('2020-02-17T10:30:00+08:00') });
  });

  it('afterwards: 02-16 杨帆 late; 02-17 张晓燕 on time, 王磊 late, 赵丽 on time (offline rule), 杨帆 missing — the list and the counts agree', async () => {
    t.clock.set('2020-02-18T09:00:00+08:00');
    const agency = await t.login('agency-wh');
    expect((await dayByStatus(t, agency, '2020-02-16')).by.late).toEqual(['杨帆']);
    const d17 = await dayByStatus(t, agency, '2020-02-17');
    expect(d17.by).toEqual({ on_time: ['张晓燕', '赵丽'].sort(), late: ['王磊'], missing: ['杨帆'] });
    await runJob(t.deps, jobOf(checkinJobs, dailyCountsContract), {});
    const row = await t.deps.db.selectFrom('prevention_daily_counts').select(['expected', 'reported', 'on_time', 'late']).where('day', '=', new Date('2020-02-17T00:00:00Z')).where('division_code', '=', '530102').execute();
    expect(row).toContainEqual({ expected: 4, reported: 3, on_time: 2, late: 1 });
  });
});
