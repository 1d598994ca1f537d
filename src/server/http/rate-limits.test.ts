// Rate limits (issue 6 §2, decision 0020) with the default numbers: sign-in attempts per address
// (100 per 15 minutes; IPv6 per /64 and per /48), SMS code requests per address, public reads in
// memory, signed-in reads not counted at all. Counts live in PostgreSQL: two app instances on one
// database share them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { parseConfig } from '../config.ts';
import { MINUTE, ManualClock } from '../platform/clock.ts';
import { addressKeys, groupOf } from './rate-limits.ts';

let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock, env: { YUNQIAO_LIMITS: 'default' } });
  // the worker's database is shared with the files before this one, which sign in from 127.0.0.1
  // under relaxed limits: their counts are not this file's
  await t.deps.db.deleteFrom('limit_counters').execute();
});
afterAll(() => t.close());

/** A sign-in attempt from `ip` (an empty body: refused 400 after it was counted, no password checked). */
const attempt = (app: TestApp, ip: string, lang = 'zh-CN') =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers: { 'x-requested-with': 't', 'content-type': 'application/json', 'accept-language': lang }, payload: '{}' });

// addresses of the documentation ranges (RFC 5737, RFC 3849), a new one per call
let nextHost = 0;
const testNet = () => `198.51.100.${++nextHost}`;
const otherNet = () => `203.0.113.${++nextHost}`;
const v6Site = () => `2001:db8:${(++nextHost).toString(16)}`;

describe('defaults', () => {
  it('allows 100 sign-in attempts per address in 15 minutes; the 101st gets 429 with Retry-After and a localised message', async () => {
    const ip = testNet();
    for (let i = 0; i < 100; i++) expect((await attempt(t, ip)).statusCode).toBe(400);
    const refused = await attempt(t, ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(15 * 60);
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: '请求过于频繁，请稍后再试' } });
    expect((await attempt(t, ip, 'en')).json().error.message).toBe('Too many requests; please try again later');
    // the SMS sign-in counts with it; another address does not
    const sms = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-login', remoteAddress: ip, headers: { 'x-requested-with': 't', 'content-type': 'application/json' }, payload: '{}' });
    expect(sms.statusCode).toBe(429);
    expect((await attempt(t, otherNet())).statusCode).toBe(400);
    // the window ends
    clock.advance(15 * MINUTE);
    expect((await attempt(t, ip)).statusCode).toBe(400);
  });

  it('counts IPv6 per /64 and per /48: cycling through the /64s of one site meets the /48 count', async () => {
    const site = v6Site();
    for (let i = 0; i < 100; i++) expect((await attempt(t, `${site}:${(i % 50).toString(16)}::${i + 1}`)).statusCode).toBe(400);
    // a fresh /64 of the same /48
    expect((await attempt(t, `${site}:ff::1`)).statusCode).toBe(429);
    // another site is free
    expect((await attempt(t, `${v6Site()}:1::1`)).statusCode).toBe(400);
  });

  it('allows 30 SMS code requests per address an hour', async () => {
    const ip = testNet();
    const ask = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-code', remoteAddress: ip, headers: { 'x-requested-with': 't', 'content-type': 'application/json' }, payload: '{"phone":"1"}' });
    for (let i = 0; i < 30; i++) expect((await ask()).statusCode).toBe(400);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(60 * 60);
  });

  it('holds across instances: two apps on one database share the counts', async () => {
    const t2 = await createTestApp({ clock, env: { YUNQIAO_LIMITS: 'default' } });
    try {
      const ip = testNet();
      for (let i = 0; i < 60; i++) expect((await attempt(t, ip)).statusCode).toBe(400);
      for (let i = 0; i < 40; i++) expect((await attempt(t2, ip)).statusCode).toBe(400);
      expect((await attempt(t, ip)).statusCode).toBe(429);
      expect((await attempt(t2, ip)).statusCode).toBe(429);
    } finally {
      await t2.close();
    }
  });

  it('limits public reads per address in memory (600 a minute), without a database write', async () => {
    const ip = testNet();
    const counters = async () => Number((await t.deps.db.selectFrom('limit_counters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await counters();
    const read = () => t.app.inject({ method: 'GET', url: '/api/v1/divisions', remoteAddress: ip });
    for (let i = 0; i < 600; i++) expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(429);
    expect(await counters()).toBe(before);
  });

  it('does not count signed-in reads (no database write per request)', async () => {
    const cookie = await t.login('prov');
    const before = await t.deps.db.selectFrom('limit_counters').select(['key', 'hits']).orderBy('key').execute();
    for (let i = 0; i < 5; i++) {
      const res = await t.get('/api/v1/agencies', cookie);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    // the sign-in above counted; the reads after it did not
    expect(await t.deps.db.selectFrom('limit_counters').select(['key', 'hits']).orderBy('key').execute()).toEqual(before);
  });

  it('counts a parallel burst exactly: 150 at once from one address, 100 pass', async () => {
    const ip = testNet();
    const burst = await Promise.all(Array.from({ length: 150 }, () => attempt(t, ip)));
    expect(burst.filter((r) => r.statusCode === 400)).toHaveLength(100);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(50);
  });

  it('YUNQIAO_LIMITS=relaxed raises every limit a thousandfold; a sign-in limit under 100 per address is refused', () => {
    const base = { YUNQIAO_DATA_DIR: '/tmp/yq-unused', LOG_LEVEL: 'silent' as const };
    const d = parseConfig(base).limits;
    const r = parseConfig({ ...base, YUNQIAO_LIMITS: 'relaxed' }).limits;
    expect(d).toMatchObject({ mode: 'default', signInPerAddress: { max: 100, windowMs: 15 * MINUTE }, smsPerPhoneDay: 10, smsDailyBudget: { login_code: 5000 } });
    expect(r.signInPerAddress.max).toBe(100_000);
    expect(r.smsCodesPerAddress.max).toBe(d.smsCodesPerAddress.max * 1000);
    expect(r.anonymousWritesPerAddress.max).toBe(d.anonymousWritesPerAddress.max * 1000);
    expect(r.publicReadsPerAddress.max).toBe(d.publicReadsPerAddress.max * 1000);
    expect(r.smsPerPhoneDay).toBe(10_000);
    expect(() => parseConfig({ ...base, YUNQIAO_SIGN_IN_PER_ADDRESS: '20' })).toThrow(/YUNQIAO_SIGN_IN_PER_ADDRESS/);
    expect(parseConfig({ ...base, YUNQIAO_SMS_DAILY_BUDGET: 'login_code=3,notice=9' }).limits.smsDailyBudget).toEqual({ login_code: 3, notice: 9 });
    expect(() => parseConfig({ ...base, YUNQIAO_SMS_DAILY_BUDGET: 'lots' })).toThrow(/YUNQIAO_SMS_DAILY_BUDGET/);
  });
});

describe('groups and keys', () => {
  it('puts each route in its group', () => {
    expect(groupOf({ method: 'POST', config: { access: 'public', limit: 'signIn' } })).toBe('signIn');
    expect(groupOf({ method: 'POST', config: { access: 'public' } })).toBe('anonymousWrite');
    expect(groupOf({ method: 'GET', config: { access: 'public' } })).toBe('publicRead');
    expect(groupOf({ method: 'GET', config: { access: 'authenticated' } })).toBeNull();
    expect(groupOf({ method: 'PATCH', config: { access: ['province'] } })).toBeNull();
  });

  it('keys an address: IPv4 as is (mapped too), IPv6 by /64 and /48', () => {
    expect(addressKeys('203.0.113.7')).toEqual(['203.0.113.7']);
    expect(addressKeys('::ffff:203.0.113.7')).toEqual(['203.0.113.7']);
    expect(addressKeys('2001:db8:1:2:3:4:5:6')).toEqual(['2001:db8:1:2::/64', '2001:db8:1::/48']);
    // the first /64 of a /48 has the same start address: still two counters
    expect(addressKeys('2001:db8:1:0::9')).toEqual(['2001:db8:1::/64', '2001:db8:1::/48']);
  });
});
