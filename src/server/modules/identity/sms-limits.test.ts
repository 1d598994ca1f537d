// SMS codes with the default caps (issue 6 §2): at most 10 a day per phone, registered or not;
// a daily budget per purpose (sign-in codes) whose end raises an alert on the province's desk —
// once a day, audited, listed for the province only; codes after it are not sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, mobile } from '../../../../test/helpers/factories.ts';
import { jobOf, runQueuedJobs } from '../../../../test/helpers/jobs.ts';
import { HOUR, MINUTE, ManualClock } from '../../platform/clock.ts';
import { identityJobs } from './jobs.ts';
import { sendLoginCodeContract } from './schemas.ts';
import { shanghaiDay } from './service.ts';

let t: TestApp;
let clock: ManualClock;
const BUDGET = 3;

beforeAll(async () => {
  // a Shanghai morning, so the day does not end under the test
  clock = new ManualClock(new Date('2031-05-06T01:00:00.000Z'));
  t = await createTestApp({ clock, env: { YUNQIAO_LIMITS: 'default', YUNQIAO_SMS_DAILY_BUDGET: `login_code=${BUDGET}` } });
});
afterAll(() => t.close());

const deliver = jobOf(identityJobs, sendLoginCodeContract);
const ask = (phone: string, ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-code', remoteAddress: ip, headers: { 'x-requested-with': 't', 'content-type': 'application/json', 'accept-language': 'en' }, payload: JSON.stringify({ phone }) });
const sent = async (phone: string) => (await t.deps.db.selectFrom('outbox').select('id').where('recipient', '=', phone).execute()).length;

describe('per phone', () => {
  it('sends at most 10 codes a day to one phone, registered or not, then 429 until midnight in Shanghai', async () => {
    for (const registered of [true, false]) {
      const phone = mobile();
      if (registered) await createAccount(t.deps, { role: 'seeker', phone });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push((await ask(phone)).statusCode);
        clock.advance(61_000);
      }
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
      const refused = await ask(phone);
      expect(refused.json().error).toEqual({ code: 'sms_code_daily_limit', message: 'This number has had 10 codes today; try again tomorrow or sign in with a password' });
      expect(Number(refused.headers['retry-after'])).toBe(Math.ceil((shanghaiDay(clock.now()).end.getTime() - clock.now().getTime()) / 1000));
    }
  });

  it('the next day in Shanghai starts a new count', () => {
    expect(shanghaiDay(new Date('2031-05-06T15:59:59.000Z'))).toEqual({ day: '2031-05-06', end: new Date('2031-05-06T16:00:00.000Z') });
    expect(shanghaiDay(new Date('2031-05-06T16:00:00.000Z')).day).toBe('2031-05-07');
  });
});

describe('daily budget for sign-in codes', () => {
  it('raises one alert on the province desk when the budget is reached, sends nothing after it', async () => {
    clock.advance(24 * HOUR); // a fresh day: the budget counter starts at 0
    const phones = [mobile(), mobile(), mobile(), mobile(), mobile()];
    for (const phone of phones) await createAccount(t.deps, { role: 'seeker', phone });
    for (const phone of phones) expect((await ask(phone)).statusCode).toBe(202);
    expect(await runQueuedJobs(t.deps, deliver, (d) => phones.includes(d.phone), { clock })).toBe(5);
    const delivered = await Promise.all(phones.map(sent));
    expect(delivered).toEqual([1, 1, 1, 0, 0]);

    const alerts = await t.get('/api/v1/alerts', await t.login('prov'));
    expect(alerts.statusCode).toBe(200);
    const { day } = shanghaiDay(clock.now());
    const mine = alerts.json().items.filter((a: { detail: { day?: string } }) => a.detail.day === day);
    expect(mine).toEqual([{ divisionCode: '530000', id: expect.any(Number), kind: 'sms_budget_reached', raisedAt: clock.now().toISOString(), detail: { purpose: 'login_code', budget: BUDGET, day } }]);
    // audited once, under the province
    const audit = await t.deps.db.selectFrom('audit_log').select(['division_code', 'target_id']).where('action', '=', 'identity.alert.raise').where('target_id', '=', String(mine[0].id)).execute();
    expect(audit).toEqual([{ division_code: '530000', target_id: String(mine[0].id) }]);
    // the province's alert is the province's: a prefecture may not list alerts
    expect((await t.get('/api/v1/alerts', await t.login('km'))).statusCode).toBe(403);
  });

  it('drops a code whose delivery comes after its lifetime', async () => {
    clock.advance(24 * HOUR);
    const phone = mobile();
    await createAccount(t.deps, { role: 'seeker', phone });
    expect((await ask(phone)).statusCode).toBe(202);
    clock.advance(5 * MINUTE + 1);
    await runQueuedJobs(t.deps, deliver, (d) => d.phone === phone, { clock });
    expect(await sent(phone)).toBe(0);
  });
});
