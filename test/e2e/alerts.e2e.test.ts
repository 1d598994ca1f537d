// 职位提醒 on a phone (issue 12, decision 0047): a job seeker opens /m/alerts from the start page,
// switches alerts on by SMS and in the app with quiet hours — two bad quiet hours refused first, the
// server's message under the field it names — saves, reloads and finds it kept; the daily digest is
// written (runDigest, as `yunqiao alerts digest` runs it, for today: the posting of this file was
// published today) and shows on the page with the posting's employer, pay, place and reasons, the
// older digests by 加载更多; WeChat is bound through the simulated web authorisation, back at
// /m/alerts?wechat=bound, and can then be chosen; the unsubscribe link of the digest's SMS opens the
// server's page (also under the shell's service worker), whose button switches alerts off, which
// /m/alerts then shows. A seeker who switched automated recommendations off is told no digest is
// computed and led to the switch. The data is this file's own: an employer account of 玉溪红塔精制茶厂
// (红塔区, 530402: not 五华区, which other files fill with postings) publishes one posting whose words
// carry WORD; the seekers are new people living in 红塔区. Screenshot: test-results/e2e/m-alerts.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, beijingDate } from '../../src/shared/beijing-day.ts';
import { parseConfig } from '../../src/server/config.ts';
import { runDigest } from '../../src/server/modules/alerts/service.ts';
import { createRuntime, type Runtime } from '../../src/server/runtime.ts';
import { apiSend, apiSignIn, BASE_URL, browserPerFile, openAs, PASSWORD, PHONE, pagesWithShots, shot } from './browser.ts';
import { createPerson, DATABASE_URL, withDb } from './db.ts';
import { randomMobile } from './xlsx.ts';

/** The server's data directory (its secret key signs the unsubscribe links): the runtime that writes the digest needs the same key. */
const DATA_DIR = process.env.YUNQIAO_E2E_DATA_DIR || inject('e2eDataDir') || '';
const withPage = pagesWithShots(browserPerFile(), 'alerts');
const stamp = String(Date.now()).slice(-6);
/** Letters and digits: one term in the posting and the seekers' skills that no other file uses. */
const WORD = `jt${stamp}`;
const TITLE = `茶叶加工工 ${WORD}`;
const DIVISION = '530402';
const EMPLOYER = '玉溪红塔精制茶厂';
/** Older days' digests added for paging: more than a page of the page's (AlertsPage.tsx DIGESTS_PAGE). */
const OLDER = 10;

type Seeker = { username: string; cookie: string; phone: string; seekerId: number };
const fixture = { code: '', seeker: {} as Seeker, off: {} as Seeker };
let runtime: Runtime | undefined;

/** A job seeker of this file: a new person with a phone, registered in 红塔区 for production work there. */
async function seeker(name: string, extra: Record<string, unknown> = {}): Promise<Seeker> {
  const username = await createPerson({ password: PASSWORD, displayName: name, memberships: [{ role: 'seeker', seeker_group: 'other' }] });
  const phone = randomMobile();
  await withDb((db) => db.updateTable('accounts').set({ phone }).where('username', '=', username).execute());
  const cookie = await apiSignIn(username);
  const profile = await apiSend(cookie, 'PUT', '/api/v1/seekers/me', {
    name,
    residenceDivision: DIVISION,
    desiredOccupations: ['6'],
    desiredDivisions: [DIVISION],
    salaryMin: 4000,
    salaryMax: 5000,
    salaryUnit: 'month',
    educationCode: '70',
    experienceYears: 3,
    skills: `茶叶加工 揉捻 烘干 ${WORD}`,
    visibility: 'agencies',
    ...extra,
  });
  return { username, cookie, phone, seekerId: Number(profile.id) };
}

beforeAll(async () => {
  if (!DATABASE_URL) return;
  // an account of 玉溪红塔精制茶厂 (none in the demo data) publishes the file's posting
  const employer = await withDb((db) => db.selectFrom('employers').select(['id', 'division_code']).where('name', '=', EMPLOYER).executeTakeFirstOrThrow());
  const owner = await createPerson({ password: PASSWORD, displayName: `${EMPLOYER}招聘专员`, memberships: [{ role: 'employer', org_division: employer.division_code, employer_id: employer.id }] });
  const cookie = await apiSignIn(owner);
  const draft = await apiSend(cookie, 'POST', '/api/v1/postings', {
    title: TITLE,
    occupationCode: '6',
    address: '玉溪市红塔区研和镇 3 号',
    headcount: 3,
    salaryMin: 5000,
    salaryMax: 6000,
    salaryUnit: 'MONTH',
    description: `茶叶揉捻、烘干与包装，${WORD}，提供宿舍。`,
    contact: '0877-1234567',
    validUntil: '2099-12-31',
  });
  fixture.code = String((await apiSend(cookie, 'POST', `/api/v1/postings/${draft.id}/publish`)).code);
  fixture.seeker = await seeker('杨茶香');
  fixture.off = await seeker('段不推', { recommendations: false });
}, 120_000);

afterAll(async () => {
  await runtime?.close();
});

/** The same deps as `yunqiao alerts digest` on the server's data directory and database (its key signs the links). */
async function digestRuntime(): Promise<Runtime> {
  runtime ??= await createRuntime(parseConfig({ DATABASE_URL, YUNQIAO_DATA_DIR: DATA_DIR, NODE_ENV: 'test', LOG_LEVEL: 'warn' }), { prepare: false, poolSize: 2 });
  return runtime;
}

const checked = (page: Page, testId: string) => page.getByTestId(testId).isChecked();
const switchedOn = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('aria-checked');

describe.skipIf(!DATABASE_URL)('job alerts on a phone', () => {
  it('subscribes by SMS and in the app with quiet hours; bad quiet hours are refused under their field; a reload shows it kept', async () => {
    await withPage(async (page) => {
      await openAs(page, fixture.seeker.username, '/m/');
      await page.getByTestId('m-alerts-link').click();
      await page.waitForURL((url) => url.pathname === '/m/alerts');
      // before the first save: off, the defaults shown, WeChat not selectable until bound, no digest yet
      await expect.poll(() => switchedOn(page, 'alerts-active')).toBe('false');
      expect(await page.locator('h1').textContent()).toBe('职位提醒');
      expect(await page.getByTestId('alerts-channel-wechat').isDisabled()).toBe(true);
      expect(await page.getByTestId('alerts-wechat-bind').textContent()).toContain('绑定微信');
      await page.getByTestId('alerts-digests-none').waitFor();

      await page.getByTestId('alerts-active').click();
      if (!(await checked(page, 'alerts-channel-sms'))) await page.getByTestId('alerts-channel-sms').check();
      if (!(await checked(page, 'alerts-channel-in_app'))) await page.getByTestId('alerts-channel-in_app').check();
      if ((await switchedOn(page, 'alerts-quiet')) !== 'true') await page.getByTestId('alerts-quiet').click();
      // quiet hours that start where they end: the server's 400 names the end, its message under it
      await page.getByTestId('alerts-quiet-start').fill('22:30');
      await page.getByTestId('alerts-quiet-end').fill('22:30');
      await page.getByTestId('alerts-submit').click();
      await page.getByTestId('alerts-quiet-end-error').waitFor();
      expect(await page.getByTestId('alerts-quiet-end-error').textContent()).toContain('免打扰的开始和结束时间不能相同');
      expect(await page.getByTestId('alerts-quiet-start-error').count()).toBe(0);
      await page.getByTestId('alerts-form-error').waitFor();
      // a start left empty is no time of day: the start is named this time
      await page.getByTestId('alerts-quiet-start').fill('');
      await page.getByTestId('alerts-quiet-end').fill('06:45');
      await page.getByTestId('alerts-submit').click();
      await page.getByTestId('alerts-quiet-start-error').waitFor();
      expect(await page.getByTestId('alerts-quiet-start-error').textContent()).toContain('24 小时制');
      expect(await page.getByTestId('alerts-quiet-end-error').count()).toBe(0);
      // nothing was saved by either
      const before = await fetch(`${BASE_URL}/api/v1/alerts/me`, { headers: { cookie: fixture.seeker.cookie } }).then((r) => r.json() as Promise<{ subscribed: boolean }>);
      expect(before.subscribed).toBe(false);

      await page.getByTestId('alerts-quiet-start').fill('22:30');
      await page.getByTestId('alerts-submit').click();
      await expect.poll(() => page.getByTestId('alerts-notice').textContent()).toBe('已保存');
      expect(await page.getByTestId('alerts-quiet-start-error').count()).toBe(0);
      // the server's note of what now holds: a digest every morning
      expect(await page.getByTestId('alerts-note').textContent()).toContain('7:30');

      await page.reload();
      await expect.poll(() => switchedOn(page, 'alerts-active')).toBe('true');
      expect(await checked(page, 'alerts-channel-sms')).toBe(true);
      expect(await checked(page, 'alerts-channel-in_app')).toBe(true);
      expect(await checked(page, 'alerts-channel-wechat')).toBe(false);
      expect(await switchedOn(page, 'alerts-quiet')).toBe('true');
      expect(await page.getByTestId('alerts-quiet-start').inputValue()).toBe('22:30');
      expect(await page.getByTestId('alerts-quiet-end').inputValue()).toBe('06:45');
      const saved = await withDb((db) => db.selectFrom('alert_subscriptions').select(['active', 'channels']).where('seeker_id', '=', fixture.seeker.seekerId).executeTakeFirstOrThrow());
      expect(saved).toEqual({ active: true, channels: ['sms', 'in_app'] });
    }, PHONE);
  });

  it.skipIf(!DATA_DIR)('shows the digest written for the day with the posting, its pay, place and reasons; older ones by 加载更多', async () => {
    const day = beijingDate(new Date());
    const run = await runDigest((await digestRuntime()).deps, { day });
    expect(run.digests).toBeGreaterThanOrEqual(1);
    const digest = await withDb((db) => db.selectFrom('alert_digests').select(['division_code', 'items']).where('seeker_id', '=', fixture.seeker.seekerId).executeTakeFirstOrThrow());
    // older days' digests (the job writes one each morning), more than a page of them
    await withDb((db) =>
      db
        .insertInto('alert_digests')
        .values(Array.from({ length: OLDER }, (_, i) => ({ division_code: digest.division_code, seeker_id: fixture.seeker.seekerId, day: addDays(day, -1 - i) as never, items: JSON.stringify(digest.items), created_at: new Date() })))
        .execute(),
    );

    await withPage(async (page) => {
      await openAs(page, fixture.seeker.username, '/m/alerts');
      const digests = page.getByTestId('alerts-digest');
      await digests.first().waitFor();
      const firstPage = await digests.count();
      expect(firstPage).toBeLessThan(OLDER + 1);
      expect(await digests.first().getAttribute('data-day')).toBe(day);
      expect(await digests.first().getByTestId('alerts-digest-day').textContent()).toBe(`${day} 的新职位`);
      const item = digests.first().locator(`[data-testid="digest-item"][data-code="${fixture.code}"]`);
      expect(await item.getByTestId('digest-title').textContent()).toBe(TITLE);
      expect(await item.getByTestId('digest-company').textContent()).toBe(EMPLOYER);
      expect(await item.getByTestId('digest-salary').textContent()).toBe('5,000–6,000 元/月');
      await expect.poll(() => item.getByTestId('digest-place').textContent()).toBe('红塔区');
      // the reasons, in zh-CN, as tags: the occupation group, the place they chose, the pay, the file's word
      const codes = await item.getByTestId('digest-reason').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect(codes).toEqual(expect.arrayContaining(['same_major_group', 'chosen_place', 'salary_fits', 'words_in_common']));
      expect(await item.getByTestId('digest-reason').allTextContents()).toEqual(expect.arrayContaining(['职业大类相同', '在期望工作地', '薪酬达到期望', '技能和经历与职位描述相符']));
      await shot(page, 'm-alerts');

      // the older days, a page at a time, down to the oldest
      for (let i = 0; i < OLDER && (await page.getByTestId('load-more').count()) > 0; i++) {
        const shown = await digests.count();
        await page.getByTestId('load-more').click();
        await expect.poll(() => digests.count()).toBeGreaterThan(shown);
      }
      expect(await digests.count()).toBe(OLDER + 1);
      expect(await page.getByTestId('load-more').count()).toBe(0);
      const days = await digests.evaluateAll((els) => els.map((e) => e.getAttribute('data-day') ?? ''));
      expect(days).toEqual(Array.from({ length: OLDER + 1 }, (_, i) => addDays(day, -i)));

      // a posting opens its server-rendered page
      await item.click();
      await page.waitForURL((url) => url.pathname === `/m/jobs/${fixture.code}`);
      expect(await page.locator('h1').textContent()).toContain(TITLE);
    }, PHONE);
  });

  it('binds WeChat through the (simulated) authorisation, comes back to /m/alerts?wechat=bound and may choose it', async () => {
    await withPage(async (page) => {
      await openAs(page, fixture.seeker.username, '/m/alerts');
      await page.getByTestId('alerts-wechat-bind').click();
      await page.waitForURL((url) => url.pathname === '/m/alerts' && url.searchParams.get('wechat') === 'bound');
      await page.getByTestId('alerts-wechat-bound').waitFor();
      expect(await page.getByTestId('alerts-wechat-bound').textContent()).toContain('微信绑定成功');
      expect(await page.getByTestId('alerts-wechat-status').textContent()).toBe('微信已绑定');
      expect(await page.getByTestId('alerts-wechat-bind').count()).toBe(0);
      const wechat = page.getByTestId('alerts-channel-wechat');
      expect(await wechat.isDisabled()).toBe(false);
      // binding does not switch WeChat on: the seeker does, and saves
      expect(await wechat.isChecked()).toBe(false);
      await wechat.check();
      await page.getByTestId('alerts-submit').click();
      await expect.poll(() => page.getByTestId('alerts-notice').textContent()).toBe('已保存');
      await page.goto('/m/alerts');
      await expect.poll(() => page.getByTestId('alerts-channel-wechat').isChecked()).toBe(true);
      expect(await page.getByTestId('alerts-wechat-bound').count()).toBe(0);
      const row = await withDb((db) => db.selectFrom('alert_subscriptions').select(['channels', 'wechat_openid']).where('seeker_id', '=', fixture.seeker.seekerId).executeTakeFirstOrThrow());
      expect(row.channels).toEqual(['sms', 'in_app', 'wechat']);
      expect(row.wechat_openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    }, PHONE);
  });

  it.skipIf(!DATA_DIR)('the unsubscribe link of the digest\'s SMS opens the server\'s page, also under the service worker; its button switches alerts off, as /m/alerts then shows', async () => {
    const sms = await withDb((db) => db.selectFrom('outbox').select('payload').where('template', '=', 'alerts_digest').where('channel', '=', 'sms').where('recipient', '=', fixture.seeker.phone).executeTakeFirstOrThrow());
    const link = (sms.payload as { unsubscribeUrl: string }).unsubscribeUrl.replace(/^https?:\/\/[^/]+/, '');
    expect(link).toMatch(/^\/m\/alerts\/unsubscribe\?t=\d+\.[0-9a-f]{32}$/);
    await withPage(async (page) => {
      await openAs(page, fixture.seeker.username, '/m/alerts');
      await page.getByTestId('alerts-digest').first().waitFor();
      // the shell's service worker controls /m/ by now: it must hand this page to the server
      await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), { timeout: 20_000 }).toBe(true);
      await page.goto(link);
      const button = page.locator('form[action="/m/alerts/unsubscribe"] button');
      await button.waitFor();
      expect(await button.textContent()).toContain('确认退订');
      expect(await page.getByTestId('alerts-active').count()).toBe(0);
      await button.click();
      await page.locator('[data-outcome="unsubscribed"]').waitFor();

      await page.goto('/m/alerts');
      await expect.poll(() => switchedOn(page, 'alerts-active')).toBe('false');
      expect(await page.getByTestId('alerts-unsubscribed').textContent()).toContain('退订链接');
      // the rest of the subscription is kept for switching on again
      expect(await checked(page, 'alerts-channel-sms')).toBe(true);
      expect(await page.getByTestId('alerts-quiet-start').inputValue()).toBe('22:30');
    }, PHONE);
  });

  it('tells a seeker who switched automated recommendations off that no digest is computed, and leads to the switch', async () => {
    await withPage(async (page) => {
      await openAs(page, fixture.off.username, '/m/alerts');
      await page.getByTestId('alerts-recommendations-off').waitFor();
      expect(await page.getByTestId('alerts-recommendations-off').textContent()).toContain('第二十四条');
      await page.getByTestId('alerts-turn-on').click();
      await page.waitForURL((url) => url.pathname === '/m/seeker/profile' && url.hash === '#recommendations');
      await expect.poll(() => page.getByTestId('profile-recommendations').getAttribute('aria-checked')).toBe('false');
    }, PHONE);
  });
});
