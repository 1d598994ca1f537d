// The phone shell's prevention pages (issue 8) at a phone viewport, under the server's CSP:
// the daily report made offline and sent once when the network returns (with the service worker,
// and once with service workers blocked), case 02-queued-report-after-sign-out on a shared phone,
// the visitor's QR self-registration, and a booking shown in Beijing time on a phone set to
// Myanmar time (case 04 step 9).
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, openAs, PASSWORD, PHONE, shot } from './browser.ts';
import { createPerson, withDb } from './db.ts';
import { healthValuesIn } from '../helpers/health-values.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh phone: a context at a phone viewport (service workers allowed unless `serviceWorkers: 'block'`). */
async function phone<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, opts: { serviceWorkers?: 'allow' | 'block'; timezoneId?: string } = {}): Promise<T> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: opts.timezoneId ?? 'Asia/Shanghai',
    isMobile: true,
    hasTouch: true,
    serviceWorkers: opts.serviceWorkers ?? 'allow',
    reducedMotion: 'reduce', // as every page of the browser tests (browser.ts, newPage)
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
  });
  try {
    const result = await fn(page, context);
    expect(violations).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input');

/** Signed in through the API (openAs), on the start page: for the tests that are not about signing in on a shared phone. */
async function openPhone(page: Page, username: string) {
  await openAs(page, username, '/m/');
  await page.getByTestId('m-greeting').waitFor();
}

/** Signs in on the phone's login page, as a person at the shared phone does. */
async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/m/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await afterSignIn(page);
}

/** Past the membership picker (when the person is also a job seeker): acts as agency staff, or as `role`. */
async function afterSignIn(page: Page, role = 'agency_staff') {
  await page.locator('[data-testid="m-greeting"], [data-testid="membership-option"]').first().waitFor();
  if (await page.getByTestId('membership-option').count()) {
    await page.locator(`[data-testid="membership-option"][data-role="${role}"]`).click();
    await page.getByTestId('choose-submit').click();
  }
  await page.getByTestId('m-greeting').waitFor();
}

const WUHUA = '昆明五华人力资源服务有限公司';

/** A new roster row of the demo agency `agencyName` (五华's) named `name`, with an account signing in with PASSWORD. */
async function rosterAccount(name: string, agencyName = WUHUA): Promise<{ username: string; staffId: number; accountId: number }> {
  const agency = await withDb((db) => db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', agencyName).executeTakeFirstOrThrow());
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const now = new Date();
  const staffId = await withDb(async (db) =>
    (
      await db
        .insertInto('agency_staff')
        .values({ division_code: agency.division_code, agency_id: agency.id, name, phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, id_number_enc: `e2e:${tag}`, id_number_hash: `e2e:${tag}`, id_number_masked: '5301**********0000', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
  const username = await createPerson({ password: PASSWORD, displayName: name, memberships: [{ role: 'agency_staff', org_division: agency.division_code, agency_id: agency.id, staff_id: staffId }] });
  return { username, staffId, ...(await accountOf(username)) };
}

const accountOf = (username: string) => withDb(async (db) => ({ accountId: (await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id }));
/** The stored check-ins of an account with `clientId` (recorded_by: whose session sent it). */
const recordsOf = (accountId: number, clientId?: string) =>
  withDb(async (db) => {
    let q = db.selectFrom('prevention_checkins').select(['id', 'client_id', 'staff_id', 'day']).where('recorded_by', '=', accountId);
    if (clientId) q = q.where('client_id', '=', clientId);
    return q.execute();
  });

/** Consent through the page's own session (the contract's POST). */
async function consentByApi(page: Page) {
  const res = await page.request.post('/api/v1/prevention/consent', { headers: { 'X-Requested-With': 'yunqiao' }, data: {} });
  expect([200, 201]).toContain(res.status());
}

/** Types a report on the open check-in page and sends it; returns the clientId the page queued it under. */
async function report(page: Page, temperature: string, symptoms: string[] = []): Promise<string> {
  const before = await page.getByTestId('queue-item').count();
  await field(page, 'checkin-temperature').fill(temperature);
  for (const s of symptoms) await page.getByTestId(`symptom-${s}`).check();
  await page.getByTestId('checkin-submit').click();
  await expect.poll(() => page.getByTestId('queue-item').count()).toBe(before + 1);
  return (await page.getByTestId('queue-item').last().getAttribute('data-client-id')) ?? '';
}

const itemState = (page: Page, clientId: string) => page.locator(`[data-testid="queue-item"][data-client-id="${clientId}"]`).getAttribute('data-state');
const checkinPosts = (page: Page): Request[] => {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/prevention/checkins') seen.push(r);
  });
  return seen;
};

describe('the daily report on a phone', () => {
  it('consent first (purpose and retention shown); a report made offline waits on the phone and is sent once when the network returns; the page opens offline from the service worker', async () => {
    const yang = await rosterAccount('杨帆');
    await phone(async (page, context) => {
      const posts = checkinPosts(page);
      await openPhone(page, yang.username);
      await page.getByTestId('m-checkin-link').click();
      // no consent yet: the consent screen, with the purpose and the retention, before any form
      await page.getByTestId('consent').waitFor();
      expect(await page.getByTestId('consent').getAttribute('data-status')).toBe('none');
      expect(await page.getByTestId('consent-retention').textContent()).toMatch(/30 天/);
      expect((await page.getByTestId('consent-purpose').textContent())?.length).toBeGreaterThan(10);
      expect(await page.getByTestId('checkin-temperature').count()).toBe(0);
      await shot(page, 'm-consent');
      await page.getByTestId('consent-give').click();
      await page.getByTestId('checkin-temperature').waitFor();
      expect(await page.getByTestId('checkin-cutoff').textContent()).toMatch(/北京时间/);

      // the service worker has taken the shell: offline, the page itself opens again
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('checkin-temperature').waitFor();

      // a typo is refused on the phone with the input layer's hint, nothing queued
      await field(page, 'checkin-temperature').fill('365');
      await page.getByTestId('checkin-submit').click();
      await expect.poll(() => page.getByTestId('checkin-temperature-error').textContent()).toMatch(/小数点/);
      expect(await page.getByTestId('queue-item').count()).toBe(0);

      const clientId = await report(page, '36,6', ['cough']);
      expect(await itemState(page, clientId)).toBe('queued');
      expect(await page.getByTestId('queue-item').first().textContent()).toMatch(/已保存在本机，等待发送/);
      await page.getByTestId('queue-offline').waitFor();
      await shot(page, 'm-checkin-queued');
      expect(await recordsOf(yang.accountId)).toEqual([]);

      await context.setOffline(false);
      await expect.poll(() => itemState(page, clientId), { timeout: 30_000 }).toBe('sent');
      expect(await page.getByTestId('queue-item').first().textContent()).toMatch(/已发送，服务器于北京时间 \d\d:\d\d 收到/);
      await shot(page, 'm-checkin-sent');
      // once more online: nothing is sent again
      await page.reload();
      await page.getByTestId('checkin-temperature').waitFor();
      await page.waitForTimeout(1_500);
      const rows = await recordsOf(yang.accountId);
      expect(rows.map((r) => r.client_id)).toEqual([clientId]);
      expect(rows[0]?.staff_id).toBe(yang.staffId);
      expect(posts.filter((p) => p.postData()?.includes(clientId)).length).toBeGreaterThanOrEqual(1);
    });
  });

  it('works the same with service workers blocked: the queue lives in the page (IndexedDB and the online event)', async () => {
    const zhao = await rosterAccount('赵丽');
    await phone(
      async (page, context) => {
        await openPhone(page, zhao.username);
        await consentByApi(page);
        await page.getByTestId('m-checkin-link').click();
        await page.getByTestId('checkin-temperature').waitFor();
        expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
        await context.setOffline(true);
        const clientId = await report(page, '３６．５');
        expect(await itemState(page, clientId)).toBe('queued');
        // what sits in IndexedDB is sealed: no temperature in clear
        const stored = await page.evaluate(
          () =>
            new Promise<string>((resolve, reject) => {
              const open = indexedDB.open('yunqiao-offline');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const get = open.result.transaction('checkin-queue').objectStore('checkin-queue').getAll();
                get.onsuccess = () => resolve(JSON.stringify(get.result, (_k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v as ArrayBuffer) : v)));
              };
            }),
        );
        expect(stored).toContain(clientId);
        expect(healthValuesIn(stored, [36.5])).toEqual([]);
        expect(await recordsOf(zhao.accountId)).toEqual([]);
        await context.setOffline(false);
        await expect.poll(() => itemState(page, clientId), { timeout: 30_000 }).toBe('sent');
        expect((await recordsOf(zhao.accountId)).map((r) => r.client_id)).toEqual([clientId]);
      },
      { serviceWorkers: 'block' },
    );
  });

  it('case 02: a queued report survives sign-out bound to its account, is never sent under the next person, and waits through a 401 and a 503', async () => {
    const wang = await rosterAccount('王磊');
    // her own account, not the demo's staff-wh: step 7 ends every session of it, and other files sign staff-wh in meanwhile
    const zhang = await rosterAccount('张晓燕');
    await phone(
      async (page, context) => {
        const posts = checkinPosts(page);
        // 王磊 has consented (on his own phone, say)
        await openPhone(page, wang.username);
        await consentByApi(page);
        await page.getByTestId('m-logout').click();
        await page.waitForURL((u) => u.pathname === '/m/login');

        // step 1: 张晓燕 on the front-desk phone, offline, reports 36.7
        await signIn(page, zhang.username);
        await consentByApi(page);
        await page.getByTestId('m-checkin-link').click();
        await page.getByTestId('checkin-temperature').waitFor();
        await context.setOffline(true);
        const first = await report(page, '36.7');
        expect(await itemState(page, first)).toBe('queued');

        // step 2: signs out, still offline: warned that it stays, for her
        await page.getByTestId('m-logout').click();
        await expect.poll(() => page.getByTestId('sign-out-warn').textContent()).toMatch(/1 条报告尚未发送/);
        await page.getByTestId('sign-out-confirm').click();
        await page.waitForURL((u) => u.pathname === '/m/login');

        // step 3: the network returns and 王磊 signs in on the same phone
        await context.setOffline(false);
        const wangSince = posts.length;
        await signIn(page, wang.username);
        await page.getByTestId('m-checkin-link').click();
        await page.getByTestId('checkin-temperature').waitFor();
        await page.getByTestId('queue-others').waitFor();
        expect(await page.getByTestId('queue-others').textContent()).toMatch(/1 条其他用户的报告/);
        expect(await page.getByTestId('queue-item').count()).toBe(0);
        expect(await page.locator('body').textContent()).not.toContain('36.7');
        await page.waitForTimeout(1_500);
        expect(posts.slice(wangSince).filter((p) => p.postData()?.includes(first))).toEqual([]);
        expect(await recordsOf(wang.accountId)).toEqual([]);
        expect(await recordsOf(zhang.accountId, first)).toEqual([]);
        await shot(page, 'm-checkin-other-user');
        await page.getByTestId('m-logout').click();
        await page.waitForURL((u) => u.pathname === '/m/login');

        // step 4: she signs in again; the queue flushes under her account, and only now says sent
        await signIn(page, zhang.username);
        await page.getByTestId('m-checkin-link').click();
        await expect.poll(() => itemState(page, first), { timeout: 30_000 }).toBe('sent');
        expect((await recordsOf(zhang.accountId, first)).length).toBe(1);
        expect(await recordsOf(wang.accountId)).toEqual([]);
        expect(await page.getByTestId('queue-others').count()).toBe(0);

        // steps 5–7: offline again, a report; her session ends on the server; back online → 401
        await context.setOffline(true);
        const second = await report(page, '36.5');
        await withDb((db) => db.deleteFrom('sessions').where('account_id', '=', zhang.accountId).execute());
        const before401 = posts.length;
        await context.setOffline(false);
        await page.getByTestId('queue-signin').waitFor({ timeout: 30_000 });
        expect(await page.getByTestId('queue-signin').textContent()).toMatch(/请重新登录以发送您 \d\d:\d\d 的报告/);
        await shot(page, 'm-checkin-signin');
        // no retry loop, nothing dropped, not stored
        await page.waitForTimeout(3_000);
        expect(posts.slice(before401).filter((p) => p.postData()?.includes(second)).length).toBeLessThanOrEqual(1);
        expect(await recordsOf(zhang.accountId, second)).toEqual([]);

        // step 8: she signs in again; the first resend meets a 503 (the server restarting)
        let refused = 0;
        await page.route('**/api/v1/prevention/checkins', async (route) => {
          if (refused === 0) {
            refused += 1;
            await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: '服务暂不可用' } }) });
          } else await route.continue();
        });
        await page.getByTestId('queue-signin-button').click();
        await field(page, 'login-username').fill(zhang.username);
        await field(page, 'login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await afterSignIn(page);
        await page.getByTestId('m-checkin-link').click();
        await expect.poll(() => refused).toBe(1);
        expect(await itemState(page, second)).not.toBe('sent');
        // step 9: the retry (backoff from 5 s) goes through: one record
        await expect.poll(() => itemState(page, second), { timeout: 30_000 }).toBe('sent');
        expect((await recordsOf(zhang.accountId, second)).length).toBe(1);
        expect(await recordsOf(wang.accountId)).toEqual([]);
      },
      { serviceWorkers: 'block' },
    );
  });
});

describe('case 04 on the page: a phone a day ahead, on Myanmar time', () => {
  it('shows the cut-off and every time in Beijing time, warns that the clock is off, and the server files the report under today', async () => {
    // 盘龙区's agency keeps the default cut-off (10:00): the daily-checks file sets 五华's
    const ahead = await rosterAccount('钱多', '昆明盘龙区公共就业服务中心');
    await phone(
      async (page) => {
        await page.clock.install({ time: new Date(Date.now() + 24 * 3600_000) });
        await openPhone(page, ahead.username);
        await consentByApi(page);
        await page.getByTestId('m-checkin-link').click();
        await page.getByTestId('checkin-temperature').waitFor();
        await page.getByTestId('checkin-clock-off').waitFor();
        expect(await page.getByTestId('checkin-clock-off').textContent()).toMatch(/相差约 2[34] 小时/);
        expect(await page.getByTestId('checkin-cutoff').textContent()).toMatch(/10:00（北京时间）/);
        const clientId = await report(page, '36.5℃');
        await expect.poll(() => itemState(page, clientId), { timeout: 30_000 }).toBe('sent');
        // the receipt is the server's time, in Beijing time (not the phone's, not Yangon's)
        const text = (await page.getByTestId('queue-item').last().textContent()) ?? '';
        const received = /北京时间 (\d\d:\d\d) 收到/.exec(text)?.[1];
        const beijing = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(11, 16);
        expect([beijing(Date.now()), beijing(Date.now() - 60_000)]).toContain(received);
        const rows = await recordsOf(ahead.accountId, clientId);
        expect(rows).toHaveLength(1);
        const day = await withDb(async (db) => (await sql<{ day: string }>`select day::text as day from prevention_checkins where recorded_by = ${ahead.accountId} and client_id = ${clientId}`.execute(db)).rows[0]?.day);
        expect(day).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)); // the server's today, not the phone's tomorrow
      },
      { timezoneId: 'Asia/Yangon', serviceWorkers: 'block' },
    );
  });
});

describe('the visitor\'s QR page', () => {
  it('registers a visitor with name and phone only, the notice shown, no account; checks out', async () => {
    const venue = await withDb((db) => db.selectFrom('venues').select(['code', 'id', 'division_code']).where('name', '=', '五华区人力资源市场服务大厅').executeTakeFirstOrThrow());
    const visits = () => withDb(async (db) => Number((await sql<{ n: string }>`select count(*) as n from visits where venue_id = ${venue.id} and division_code = ${venue.division_code}`.execute(db)).rows[0]?.n));
    const before = await visits();
    await phone(async (page) => {
      await page.goto(`/m/v/${venue.code}`);
      await page.getByTestId('venue-register').waitFor();
      // the fields: name, phone (and the visitor's type); nothing that needs an account
      expect(await page.locator('input:not([type=checkbox])').count()).toBe(2);
      expect(await page.getByTestId('venue-notice-text').textContent()).toMatch(/姓名和手机号.*28 天/);
      expect(await page.getByTestId('m-logout').count()).toBe(0);
      await field(page, 'venue-name').fill('测试访客');
      await field(page, 'venue-phone').fill('139 0000 7788');
      await page.getByTestId('venue-register').click();
      await expect.poll(() => page.getByTestId('venue-error').textContent()).toMatch(/同意/);
      await page.getByTestId('venue-consent').check();
      await page.getByTestId('venue-register').click();
      await page.getByTestId('venue-inside').waitFor();
      expect(await visits()).toBe(before + 1);
      await shot(page, 'm-venue-inside');
      await page.getByTestId('venue-check-out').click();
      await page.getByTestId('venue-notice').waitFor();
    });
  });
});

describe('booking a slot', () => {
  it('a job seeker on a phone set to Myanmar time sees and books the slot in Beijing time, then cancels it', async () => {
    await phone(
      async (page) => {
        await openPhone(page, 'graduate');
        await page.getByTestId('m-bookings-link').click();
        await page.locator('[data-testid="booking-venue"]', { hasText: '五华区人力资源市场服务大厅' }).click();
        // the demo slot is tomorrow 09:00–09:30 Beijing time (07:30 in Yangon)
        await page.getByTestId('booking-day').nth(1).click();
        const slot = page.locator('[data-testid="booking-slot"]', { hasText: '09:00–09:30' });
        await slot.waitFor();
        expect(await page.locator('body').textContent()).not.toContain('07:30–08:00');
        const posted: string[] = [];
        page.on('request', (r) => {
          if (r.method() === 'POST' && r.url().includes('/bookings')) posted.push(`${new URL(r.url()).pathname} ${r.postData() ?? ''}`);
        });
        await slot.getByTestId('booking-book').click();
        await page.getByTestId('booking-notice').waitFor();
        expect(await page.getByTestId('booking-notice').textContent()).toMatch(/09:00–09:30（北京时间）/);
        expect(posted).toHaveLength(1);
        expect(posted[0]).toMatch(/^\/api\/v1\/prevention\/slots\/\d+\/bookings \{\}$/);
        // a second tap: already booked (409), said on the page
        await slot.getByTestId('booking-book').click();
        await page.getByTestId('booking-error').waitFor();
        await shot(page, 'm-booking');
        await page.goto('/m/bookings');
        const mine = page.locator('[data-testid="booking"][data-status="active"]', { hasText: '五华区人力资源市场服务大厅' });
        await mine.waitFor();
        expect(await mine.getByTestId('booking-when').textContent()).toMatch(/09:00–09:30（北京时间）/);
        await mine.getByTestId('booking-cancel').click();
        await page.getByTestId('booking-notice').waitFor();
        await page.locator('[data-testid="booking"][data-status="cancelled"]').first().waitFor();
      },
      { timezoneId: 'Asia/Yangon' },
    );
  });
});
