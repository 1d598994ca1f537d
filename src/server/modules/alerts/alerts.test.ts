// Job alerts on real PostgreSQL (issue 12, decision 0047): the subscription API (validation naming
// fields in zh and en, only seekers), WeChat binding through the simulated web authorisation, the
// daily digest on a ManualClock (the day's postings from the change feed, the right ones per
// seeker, quiet hours as deliver_after, a re-run and a parallel run writing nothing twice,
// recommendations off: nothing), the one-tap unsubscribe page (a GET changes nothing, the button
// unsubscribes, a tampered token is a 400 that changes nothing), and replies of TD through the
// dev file and the signed webhook. Only this file's rows are asserted on (marker words, own seekers).
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { importPostingRows } from '../../../../test/helpers/postings.ts';
import { createAccount, mobile, unique } from '../../../../test/helpers/factories.ts';
import { addDays, beijingInstant } from '../../../shared/beijing-day.ts';
import { ManualClock } from '../../platform/clock.ts';
import { deliverOutbox } from '../channels/service.ts';
import { readReplyFile, replySignature, runDigest, unsubscribeToken } from './service.ts';
import { systemScope } from '../../db/scope.ts';
import { analyzerInputOf, analyzerOf } from '../market/service.ts';
import { corpusStats } from '../matching/service.ts';
import * as repo from './repository.ts';
import { startScoringPool } from './scoring-pool.ts';
import { dayPostingOf, scorerOf } from './scoring.ts';
import { DIGEST_RANKING } from './digest.service.ts';

const DAY = '2031-05-12';
/** 10:00 Beijing time on DAY: the postings of the day are published then. */
const clock = new ManualClock(beijingInstant(DAY, 10 * 60));
const V1 = '/api/v1';
const PASSWORD = 'Alerts-test-2031';
const dir = mkdtempSync(join(tmpdir(), 'yq-alerts-'));
const repliesFile = join(dir, 'sms-inbound.jsonl');
const SECRET = 'webhook-secret-for-tests';
let t: TestApp;
let hooked: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { YUNQIAO_SMS_INBOUND_FILE: repliesFile, YUNQIAO_PUBLIC_BASE_URL: 'https://yq.example.gov.cn' } });
  hooked = await createTestApp({ clock, env: { YUNQIAO_SMS_INBOUND_SECRET: SECRET } });
});
afterAll(async () => {
  await t?.close();
  await hooked?.close();
});

type Seeker = { cookie: string; id: number; accountId: number; phone: string };

/** A seeker signed in with a profile saved through the API (五华区 by default), and their profile id and account. */
async function seeker(profile: Record<string, unknown> = {}): Promise<Seeker> {
  const phone = mobile();
  const cookie = await t.login(await createAccount(t.deps, { role: 'seeker', phone, password: PASSWORD }), PASSWORD);
  const body = { name: '钱提醒', categories: ['other_unemployed'], residenceDivision: '530102', desiredOccupations: [], desiredDivisions: [], visibility: 'agencies', ...profile };
  const saved = await t.send('PUT', `${V1}/seekers/me`, body, cookie);
  expect(saved.statusCode, saved.body).toBe(200);
  const me = (await t.get(`${V1}/me`, cookie)).json();
  const row = await t.deps.db.selectFrom('seekers').select('account_id').where('id', '=', me.seekerId).executeTakeFirstOrThrow();
  return { cookie, id: me.seekerId, accountId: row.account_id, phone };
}

const subscription = (s: Seeker) => t.deps.db.selectFrom('alert_subscriptions').selectAll().where('seeker_id', '=', s.id).executeTakeFirst();

describe('GET and PUT /alerts/me', () => {
  let s: Seeker;
  beforeAll(async () => {
    s = await seeker();
  });

  it('shows the defaults (off) before the first save, and what was saved after; audited', async () => {
    const before = await t.get(`${V1}/alerts/me`, s.cookie);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ subscribed: false, active: false, channels: ['sms', 'in_app'], quietHours: { start: '21:00', end: '08:00' }, wechat: { bound: false }, recommendations: true, digestsComputed: false });
    const put = await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms'], quietHours: { start: '22:30', end: '07:00' } }, s.cookie);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ subscribed: true, active: true, channels: ['sms'], quietHours: { start: '22:30', end: '07:00' }, digestsComputed: true });
    expect(put.json().note).toMatch(/7:30/);
    const off = await t.send('PUT', `${V1}/alerts/me`, { active: false, channels: ['sms'], quietHours: null }, s.cookie);
    expect(off.json()).toMatchObject({ active: false, quietHours: null, digestsComputed: false, unsubscribedVia: 'api' });
    const actions = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'seeker').where('target_id', '=', String(s.id)).where('action', 'like', 'alerts.%').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['alerts.subscription.create', 'alerts.subscription.update']);
  });

  it('refuses a bad body naming each field, in Chinese and in English; nothing is saved', async () => {
    const bad = { active: 'yes', channels: ['fax'], quietHours: { start: '25:00', end: '8' }, extra: 1 };
    const zh = await t.send('PUT', `${V1}/alerts/me`, bad, s.cookie);
    expect(zh.statusCode).toBe(400);
    const fields = zh.json().error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['active', 'channels.0', 'quietHours.start', 'quietHours.end']));
    const zhText = JSON.stringify(zh.json());
    for (const label of ['开启职位提醒', '提醒方式', '免打扰开始时间', '免打扰结束时间']) expect(zhText).toContain(label);
    const en = await t.send('PUT', `${V1}/alerts/me`, bad, s.cookie, { 'accept-language': 'en' });
    const enText = JSON.stringify(en.json());
    for (const label of ['alerts on', 'channels', 'quiet hours start', 'quiet hours end']) expect(enText).toContain(label);
    expect(enText).not.toMatch(/\p{Script=Han}/u);
    // the rules past the shape: none while on, twice, WeChat unbound, quiet hours of no length
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ active: true, channels: [], quietHours: null }, 'channels', /至少选择一种/],
      [{ active: true, channels: ['sms', 'sms'], quietHours: null }, 'channels', /重复/],
      [{ active: true, channels: ['wechat'], quietHours: null }, 'channels', /绑定微信/],
      [{ active: true, channels: ['sms'], quietHours: { start: '21:00', end: '21:00' } }, 'quietHours.end', /不能相同/],
      [{ active: true, channels: ['sms'] }, 'quietHours', /必填/],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.send('PUT', `${V1}/alerts/me`, body, s.cookie);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([field]);
      expect(res.json().error.details[0].message).toMatch(message);
    }
    expect((await subscription(s))?.active).toBe(false);
  });

  it('is for job seekers only: others 403, anonymous 401, a seeker without a profile 404', async () => {
    for (const who of ['employer-km', 'wh', 'agency-wh', 'prov']) {
      const cookie = await t.login(who);
      expect((await t.get(`${V1}/alerts/me`, cookie)).statusCode, who).toBe(403);
      expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms'], quietHours: null }, cookie)).statusCode, who).toBe(403);
      expect((await t.get(`${V1}/alerts/me/digests`, cookie)).statusCode, who).toBe(403);
    }
    expect((await t.get(`${V1}/alerts/me`)).statusCode).toBe(401);
    const bare = await t.login(await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD }), PASSWORD);
    const res = await t.get(`${V1}/alerts/me`, bare);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('seeker_profile_missing');
  });

  it('says no digest is computed while automated recommendations are off (PIPL art. 24)', async () => {
    const off = await seeker({ recommendations: false });
    const put = await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['in_app'], quietHours: null }, off.cookie);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ active: true, recommendations: false, digestsComputed: false });
    expect(put.json().note).toMatch(/第二十四条/);
    const en = (await t.get(`${V1}/alerts/me`, off.cookie, { 'accept-language': 'en' })).json();
    expect(en.note).toMatch(/PIPL art\. 24/);
  });
});

describe('binding WeChat (simulated web authorisation)', () => {
  it('authorise → callback binds the openid; WeChat may then be chosen', async () => {
    const s = await seeker();
    const auth = await t.get(`${V1}/alerts/wechat/authorize`, s.cookie);
    expect(auth.statusCode, auth.body).toBe(200);
    const { url, mode } = auth.json();
    expect(mode).toBe('simulated');
    expect(url).toMatch(/^https:\/\/yq\.example\.gov\.cn\/api\/v1\/alerts\/wechat\/callback\?code=dev[0-9a-f]+&state=\d+T\d+S[0-9a-f]{24}$/);
    const path = url.replace('https://yq.example.gov.cn', '');
    const back = await t.get(path, s.cookie);
    expect(back.statusCode, back.body).toBe(303);
    expect(back.headers.location).toBe('/m/alerts?wechat=bound');
    const me = (await t.get(`${V1}/alerts/me`, s.cookie)).json();
    expect(me).toMatchObject({ subscribed: true, active: false, wechat: { bound: true } });
    const row = await subscription(s);
    expect(row?.wechat_openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    // the same code gives the same openid (deterministic, as the simulation promises)
    expect((await t.get(path, s.cookie)).statusCode).toBe(303);
    expect((await subscription(s))?.wechat_openid).toBe(row?.wechat_openid);
    const put = await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['wechat', 'in_app'], quietHours: null }, s.cookie);
    expect(put.statusCode, put.body).toBe(200);
    const actions = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'seeker').where('target_id', '=', String(s.id)).where('action', '=', 'alerts.wechat.bind').execute();
    expect(actions.length).toBe(2);
  });

  it('a state tampered with, made for someone else or too old binds nothing (400)', async () => {
    const a = await seeker();
    const b = await seeker();
    const url: string = (await t.get(`${V1}/alerts/wechat/authorize`, a.cookie)).json().url.replace('https://yq.example.gov.cn', '');
    const tampered = url.replace(/S([0-9a-f])/, (_, c: string) => `S${c === '0' ? '1' : '0'}`);
    for (const [cookie, path] of [[a.cookie, tampered], [b.cookie, url]] as const) {
      const res = await t.get(path, cookie);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('alerts_wechat_state_invalid');
    }
    clock.advance(11 * 60_000);
    try {
      expect((await t.get(url, a.cookie)).json().error.code).toBe('alerts_wechat_state_invalid');
    } finally {
      clock.set(beijingInstant(DAY, 10 * 60));
    }
    expect(await subscription(a)).toBeUndefined();
    expect(await subscription(b)).toBeUndefined();
    expect((await t.get(url)).statusCode).toBe(401);
  });
});

describe('the daily digest', () => {
  let a: Seeker;
  let b: Seeker;
  let c: Seeker;
  let kunming: Map<string, number>;
  let qujing: Map<string, number>;
  let before: Map<string, number>;
  const marker = `提醒${unique()}`;

  beforeAll(async () => {
    // the day before: a sewing job that is not the day's news
    clock.set(beijingInstant(addDays(DAY, -1), 15 * 60));
    before = await importPostingRows(t, `AL${unique()}`, [{ id: 'old', title: '平车缝纫工', company: `${marker}旧厂`, description: '平缝机 包缝机 计件 提供宿舍', min: 5000, max: 7000 }]);
    clock.set(beijingInstant(DAY, 10 * 60));
    kunming = await importPostingRows(t, `AK${unique()}`, [
      { id: 'sew', title: '平车缝纫工', company: `${marker}服装厂`, description: '熟练操作平缝机、包缝机，会看工艺单，计件工资，提供宿舍', min: 5000, max: 7000 },
      // open only through the day: expired by the time the digest runs
      { id: 'gone', title: '包缝机缝纫工', company: `${marker}短期厂`, description: '平缝机 包缝机 缝纫', min: 5000, max: 7000, validUntil: DAY },
    ]);
    qujing = await importPostingRows(t, `AQ${unique()}`, [
      { id: 'fork', title: '叉车司机', company: `${marker}物流`, description: '持叉车证，熟练驾驶叉车，仓库装卸，包吃住', region: '曲靖·麒麟区', min: 4500, max: 6500 },
    ]);
    a = await seeker({
      name: '郑平车', priorityGroups: ['migrant_worker'], residenceDivision: '530102', desiredOccupations: ['6'], desiredDivisions: ['530102'], salaryMin: 4500, salaryMax: 6000, salaryUnit: 'month',
      educationCode: '70', experienceYears: 8, skills: '平缝机、包缝机操作熟练，会看工艺单', resume: '在服装厂做平车工六年',
    });
    b = await seeker({ name: '孙叉车', residenceDivision: '530302', desiredOccupations: [], desiredDivisions: [], salaryMin: 4000, salaryMax: 5000, salaryUnit: 'month', skills: '叉车证，叉车驾驶，仓库装卸', resume: '做过三年叉车司机' });
    c = await seeker({ name: '李不推荐', residenceDivision: '530102', desiredOccupations: ['6'], skills: '平缝机', recommendations: false });
    expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms', 'in_app'], quietHours: { start: '21:00', end: '08:00' } }, a.cookie)).statusCode).toBe(200);
    expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms'], quietHours: null }, b.cookie)).statusCode).toBe(200);
    expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms', 'in_app'], quietHours: null }, c.cookie)).statusCode).toBe(200);
  });

  const digestOf = (s: Seeker) => t.deps.db.selectFrom('alert_digests').select(['id', 'items']).where('seeker_id', '=', s.id).execute();
  const messagesOf = (s: Seeker) =>
    t.deps.db.selectFrom('outbox').select(['channel', 'recipient', 'payload', 'deliver_after', 'idempotency_key', 'status']).where('template', '=', 'alerts_digest').where((eb) => eb.or([eb('recipient', '=', s.phone), eb('recipient', '=', `account:${s.accountId}`)])).orderBy('channel').execute();

  it('at 07:30 the next morning: the right postings for each seeker, from the feed, one message per channel due after quiet hours', async () => {
    clock.set(beijingInstant(addDays(DAY, 1), 7 * 60 + 30));
    const run = await runDigest(t.deps, { day: DAY });
    expect(run.postings).toBeGreaterThanOrEqual(2);
    expect(run.digests).toBeGreaterThanOrEqual(2);
    expect(run.pairs).toBeGreaterThan(0);
    const ids = (s: Seeker) => digestOf(s).then((d) => d.flatMap((x) => (x.items as Array<{ postingId: number }>).map((i) => i.postingId)));
    const forA = await ids(a);
    const forB = await ids(b);
    expect(forA).toContain(kunming.get('sew'));
    expect(forA).not.toContain(qujing.get('fork'));
    expect(forA).not.toContain(kunming.get('gone'));
    expect(forA).not.toContain(before.get('old'));
    expect(forB).toContain(qujing.get('fork'));
    expect(forB).not.toContain(kunming.get('sew'));
    expect(await digestOf(c), 'recommendations off: nothing computed').toEqual([]);
    expect(await messagesOf(c)).toEqual([]);

    // a: SMS and in the app, both at 08:00, the end of the quiet hours; b: no quiet hours, at once
    const ma = await messagesOf(a);
    expect(ma.map((m) => m.channel)).toEqual(['inapp', 'sms']);
    for (const m of ma) expect(m.deliver_after).toEqual(beijingInstant(addDays(DAY, 1), 8 * 60));
    const sms = ma.find((m) => m.channel === 'sms');
    expect(sms?.recipient).toBe(a.phone);
    const text = (sms?.payload as { text: string } | undefined)?.text ?? '';
    expect(text).toContain('平车缝纫工');
    expect(text).toContain('回TD');
    expect(text).toContain(`https://yq.example.gov.cn/m/alerts/unsubscribe?t=${unsubscribeToken(t.deps.crypto, a.accountId)}`);
    const mb = await messagesOf(b);
    expect(mb.map((m) => [m.channel, m.deliver_after])).toEqual([['sms', null]]);
  });

  it('scoring threads give what scoring here gives: the same picks, scores and reasons for every subscriber', async () => {
    const why = systemScope('the test compares the digest scored in threads and here');
    const now = clock.now();
    const rows = await repo.dayPostings(t.deps.db, why, DAY, now, null, 5_000);
    const subscribers = await repo.subscribersAfter(t.deps.db, why, null, 5_000, addDays(DAY, 30));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(subscribers.map((r) => r.seeker_id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const [corpus, names] = await Promise.all([corpusStats(t.deps), repo.occupationNames(t.deps.db)]);
    const frequencies = corpus.frequencies as ReadonlyMap<string, number>;
    const here = scorerOf({ postings: rows.map(dayPostingOf), analyzer: await analyzerOf(t.deps), names, corpus, province: t.deps.config.province, now, ranking: DIGEST_RANKING });
    const expected = subscribers.map((r) => here(r));
    expect(expected.some((o) => o.picks.length > 0)).toBe(true);
    const input = { rows, analyzer: await analyzerInputOf(t.deps), names, corpus: { documents: corpus.documents, averageLength: corpus.averageLength, frequencies }, province: t.deps.config.province, nowMs: now.getTime(), ranking: DIGEST_RANKING };
    const pool = startScoringPool(input, 2);
    try {
      expect(await pool.score(subscribers)).toEqual(expected);
      // a second batch on the same threads
      expect(await pool.score(subscribers.slice(1))).toEqual(expected.slice(1));
    } finally {
      await pool.close();
    }
    // a thread that fails fails the batch (the run, then the job, which is retried) instead of hanging
    const broken = startScoringPool(input, 1);
    try {
      await expect(broken.score([{ ...(subscribers[0] as repo.SubscriberRow), match_keys: 7 as never }])).rejects.toThrow(/digest scoring thread/);
    } finally {
      await broken.close();
    }
  });

  it('a message is not delivered before its instant; after it, it is', async () => {
    const row = await t.deps.db.selectFrom('outbox').select(['division_code', 'id']).where('recipient', '=', a.phone).where('template', '=', 'alerts_digest').executeTakeFirstOrThrow();
    await deliverOutbox(t.deps, row.division_code, row.id);
    expect((await t.deps.db.selectFrom('outbox').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('pending');
    clock.set(beijingInstant(addDays(DAY, 1), 8 * 60 + 1));
    await deliverOutbox(t.deps, row.division_code, row.id);
    expect((await t.deps.db.selectFrom('outbox').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('delivered');
    clock.set(beijingInstant(addDays(DAY, 1), 7 * 60 + 30));
  });

  it('a second run of the day writes nothing new', async () => {
    const digests = await t.deps.db.selectFrom('alert_digests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const messages = await t.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('template', '=', 'alerts_digest').executeTakeFirstOrThrow();
    const again = await runDigest(t.deps, { day: DAY });
    expect(again).toMatchObject({ digests: 0, messages: 0 });
    expect(await t.deps.db.selectFrom('alert_digests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(digests);
    expect(await t.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('template', '=', 'alerts_digest').executeTakeFirstOrThrow()).toEqual(messages);
  });

  it('two runs of a day at once write each digest and message once', async () => {
    const day = addDays(DAY, 1);
    clock.set(beijingInstant(day, 11 * 60));
    await importPostingRows(t, `AR${unique()}`, [{ id: 'sew2', title: '平车缝纫工', company: `${marker}二厂`, description: '平缝机、包缝机操作熟练，会看工艺单，服装厂计件，提供宿舍', min: 5000, max: 7000 }]);
    clock.set(beijingInstant(addDays(day, 1), 7 * 60 + 30));
    // one run scores in a thread, the other here (batches of one: interleaved writes)
    const [x, y] = await Promise.all([runDigest(t.deps, { day, batchSize: 1, threads: 1 }), runDigest(t.deps, { day, batchSize: 1, threads: 0 })]);
    const mine = await t.deps.db.selectFrom('alert_digests').select('seeker_id').where('day', '=', day as never).where('seeker_id', '=', a.id).execute();
    expect(mine.length).toBe(1);
    expect(x.digests + y.digests).toBe(Number((await t.deps.db.selectFrom('alert_digests').select((eb) => eb.fn.countAll<string>().as('n')).where('day', '=', day as never).executeTakeFirstOrThrow()).n));
    const keys = (await messagesOf(a)).map((m) => m.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(4); // two days × sms and in the app
  });

  it('leaves out a posting the subscriber applied to, as their recommendations do', async () => {
    const day = addDays(DAY, 2);
    clock.set(beijingInstant(day, 11 * 60));
    // an employer's posting (imported ones take no online applications), in 景洪市
    const jh = await t.deps.db.selectFrom('employers').select('id').where('division_code', '=', '532801').where('name', '=', '西双版纳热带水果种植合作社').executeTakeFirstOrThrow();
    const prov = await t.login('prov');
    const word = `缝纫${unique()}`;
    const made = await t.send('POST', `${V1}/postings`, { employerId: jh.id, title: `${word}平缝机缝纫工`, description: `${word} 平缝机 包缝机 缝纫 计件 提供宿舍`, validUntil: '2099-12-31' }, prov);
    expect(made.statusCode, made.body).toBe(201);
    const posting = made.json().id as number;
    expect((await t.send('POST', `${V1}/postings/${posting}/publish`, undefined, prov)).statusCode).toBe(200);
    const profile = { residenceDivision: '532801', desiredOccupations: ['6'], desiredDivisions: ['532801'], salaryMin: 4500, salaryMax: 6000, salaryUnit: 'month', skills: `${word} 平缝机、包缝机操作熟练`, resume: '在服装厂做平车工' };
    const applies = await seeker({ ...profile, name: '周申请' });
    const other = await seeker({ ...profile, name: '吴未申请' });
    for (const s of [applies, other]) expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['in_app'], quietHours: null }, s.cookie)).statusCode).toBe(200);
    const applied = await t.send('POST', `${V1}/applications`, { postingId: posting }, applies.cookie);
    expect(applied.statusCode, applied.body).toBe(201);
    clock.set(beijingInstant(addDays(day, 1), 7 * 60 + 30));
    await runDigest(t.deps, { day });
    const itemsOf = async (s: Seeker) =>
      (await t.deps.db.selectFrom('alert_digests').select('items').where('seeker_id', '=', s.id).where('day', '=', day as never).execute()).flatMap((d) => (d.items as Array<{ postingId: number }>).map((i) => i.postingId));
    expect(await itemsOf(other), 'the same profile without the application').toContain(posting);
    expect(await itemsOf(applies)).not.toContain(posting);
  });

  it('the seeker reads their digests, newest first, reasons in their language', async () => {
    const zh = await t.get(`${V1}/alerts/me/digests?limit=1`, a.cookie);
    expect(zh.statusCode, zh.body).toBe(200);
    const page = zh.json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].day).toBe(addDays(DAY, 1));
    expect(page.next).toEqual(expect.any(String));
    const older = (await t.get(`${V1}/alerts/me/digests?limit=1&cursor=${page.next}`, a.cookie)).json();
    expect(older.items[0].day).toBe(DAY);
    const item = older.items[0].items.find((i: { postingId: number }) => i.postingId === kunming.get('sew'));
    expect(item).toMatchObject({ title: '平车缝纫工', publicCode: expect.any(String), score: expect.any(Number) });
    expect(item.reasons.length).toBeGreaterThan(0);
    for (const r of item.reasons) expect(r.text).toMatch(/\p{Script=Han}/u);
    const en = (await t.get(`${V1}/alerts/me/digests?limit=5`, a.cookie, { 'accept-language': 'en' })).json();
    for (const d of en.items) for (const i of d.items) for (const r of i.reasons) expect(r.text).toMatch(/^[\x20-\x7e]+$/);
    expect((await t.get(`${V1}/alerts/me/digests?cursor=bad`, a.cookie)).statusCode).toBe(400);
  });

  describe('unsubscribing by the signed link', () => {
    const page = (tok: string) => `/m/alerts/unsubscribe?t=${encodeURIComponent(tok)}`;
    const post = (tok: string) => t.app.inject({ method: 'POST', url: '/m/alerts/unsubscribe', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${encodeURIComponent(tok)}` });

    it('a GET shows one button and changes nothing (link previewers fetch links)', async () => {
      const tok = unsubscribeToken(t.deps.crypto, b.accountId);
      const row = await subscription(b);
      for (let i = 0; i < 3; i++) {
        const res = await t.get(page(tok));
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.body).toContain('<form method="post" action="/m/alerts/unsubscribe">');
        expect(res.body.match(/<button/g)).toHaveLength(1);
        expect(res.body).toContain('确认退订');
        expect(res.body).toContain('Unsubscribe');
      }
      expect(await subscription(b)).toEqual(row);
    });

    it('a tampered or missing token: a clear page, 400, nothing changed', async () => {
      const tok = unsubscribeToken(t.deps.crypto, b.accountId);
      const forged = `${a.accountId}${tok.slice(String(b.accountId).length)}`;
      for (const bad of [forged, `${tok.slice(0, -1)}${tok.endsWith('a') ? 'b' : 'a'}`, '', 'nonsense']) {
        const got = await t.get(page(bad));
        expect(got.statusCode, bad).toBe(400);
        expect(got.body).toContain('未做任何更改');
        expect((await post(bad)).statusCode, bad).toBe(400);
      }
      expect((await t.get('/m/alerts/unsubscribe')).statusCode).toBe(400);
      expect((await subscription(a))?.active).toBe(true);
      expect((await subscription(b))?.active).toBe(true);
    });

    it('the button unsubscribes, audited; a second tap finds nothing to stop', async () => {
      const tok = unsubscribeToken(t.deps.crypto, b.accountId);
      const res = await post(tok);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('data-outcome="unsubscribed"');
      expect(await subscription(b)).toMatchObject({ active: false, unsubscribed_via: 'link' });
      const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target_type', '=', 'seeker').where('target_id', '=', String(b.id)).where('action', '=', 'alerts.subscription.unsubscribe').execute();
      expect(audit).toEqual([{ action: 'alerts.subscription.unsubscribe', actor_id: null }]);
      const again = await post(tok);
      expect(again.body).toContain('data-outcome="not-subscribed"');
      expect((await t.get(page(tok))).body).toContain('data-outcome="not-subscribed"');
      expect((await t.get(`${V1}/alerts/me`, b.cookie)).json()).toMatchObject({ active: false, unsubscribedVia: 'link' });
    });
  });
});

describe('a reply of TD', () => {
  let d: Seeker;
  let e: Seeker;
  beforeAll(async () => {
    d = await seeker();
    e = await seeker();
    for (const s of [d, e]) expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms'], quietHours: null }, s.cookie)).statusCode).toBe(200);
  });

  it('through the dev file: each line acted on once; unknown numbers and unreadable lines are left', async () => {
    writeFileSync(
      repliesFile,
      [
        JSON.stringify({ phone: `+86 ${d.phone}`, text: ' ＴＤ ' }),
        JSON.stringify({ phone: '13999999999', text: 'TD' }),
        'not json',
        JSON.stringify({ phone: e.phone, text: '谢谢，我再看看' }),
        '',
      ].join('\n'),
    );
    const first = await readReplyFile(t.deps);
    expect(first).toMatchObject({ unsubscribed: 1, unknown_number: 1, not_a_command: 1, unreadable: 1, duplicate: 0 });
    expect(await subscription(d)).toMatchObject({ active: false, unsubscribed_via: 'sms_reply' });
    expect((await subscription(e))?.active).toBe(true);
    // nothing new: nothing done
    expect(await readReplyFile(t.deps)).toMatchObject({ unsubscribed: 0, unknown_number: 0, not_a_command: 0, unreadable: 0 });
    // a new line (lower case, spaced) is read alone
    appendFileSync(repliesFile, `${JSON.stringify({ phone: e.phone, text: 't d' })}\n`);
    expect(await readReplyFile(t.deps)).toMatchObject({ unsubscribed: 1, unknown_number: 0, not_a_command: 0 });
    expect((await subscription(e))?.unsubscribed_via).toBe('sms_reply');
    // read again from the start (the position lost): every line is known already
    await t.deps.db.updateTable('alert_inbound_files').set({ read_to: 0 }).where('path', '=', repliesFile).execute();
    expect(await readReplyFile(t.deps)).toMatchObject({ unsubscribed: 0, duplicate: 4, unreadable: 1 });
  });

  describe('through the signed webhook', () => {
    const call = (app: TestApp, body: Record<string, string>, sig?: { ts?: string; sign?: string }) => {
      const ts = sig?.ts ?? String(Math.floor(clock.now().getTime() / 1000));
      const signature = sig?.sign ?? replySignature(SECRET, ts, body.messageId as string, body.phone as string, body.text as string);
      return app.app.inject({ method: 'POST', url: '/hooks/sms/inbound', headers: { 'content-type': 'application/json', 'x-yunqiao-timestamp': ts, 'x-yunqiao-signature': signature }, payload: JSON.stringify(body) });
    };

    it('unsubscribes once per message id; a bad signature or an old one is 401; unknown numbers are 200', async () => {
      const f = await seeker();
      expect((await t.send('PUT', `${V1}/alerts/me`, { active: true, channels: ['sms'], quietHours: null }, f.cookie)).statusCode).toBe(200);
      const body = { messageId: `m${unique()}`, phone: f.phone, text: '退订' };
      const bad = await call(hooked, body, { sign: 'f'.repeat(64) });
      expect(bad.statusCode).toBe(401);
      const old = String(Math.floor(clock.now().getTime() / 1000) - 3600);
      expect((await call(hooked, body, { ts: old, sign: replySignature(SECRET, old, body.messageId, body.phone, body.text) })).statusCode).toBe(401);
      expect((await subscription(f))?.active).toBe(true);
      const ok = await call(hooked, body);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ outcome: 'unsubscribed' });
      expect((await call(hooked, body)).json()).toEqual({ outcome: 'duplicate' });
      expect((await call(hooked, { messageId: `m${unique()}`, phone: '13999999998', text: 'TD' })).json()).toEqual({ outcome: 'unknown_number' });
      expect((await call(hooked, { messageId: `m${unique()}`, phone: 'no number', text: 'TD' })).json()).toEqual({ outcome: 'unknown_number' });
      expect(await subscription(f)).toMatchObject({ active: false, unsubscribed_via: 'sms_reply' });
    });

    it('is not there without a configured secret (404)', async () => {
      expect((await call(t, { messageId: 'x', phone: mobile(), text: 'TD' })).statusCode).toBe(404);
    });
  });
});
