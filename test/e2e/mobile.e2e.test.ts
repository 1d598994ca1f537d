// The phone shell (/m/): one login page for every role, on a phone-sized screen, under the
// server's Content-Security-Policy (browserPerFile fails a test on any violation). Officials and
// agency admins end on their desks; job seekers and agency staff stay in /m/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BASE_URL, browserPerFile, OUTBOX_FILE, PASSWORD, PHONE, shot } from './browser.ts';

const withPage = browserPerFile();

/** The <input> inside an antd-mobile Input carrying `testId`. */
const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input');

async function passwordLogin(page: Page, username: string, password = PASSWORD) {
  await page.goto('/m/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The newest sign-in code the dev SMS sink (the outbox file) holds for `phone`, written after `since`. */
async function smsCode(phone: string, since: number): Promise<string> {
  let code = '';
  await expect
    .poll(
      () => {
        const lines = readFileSync(OUTBOX_FILE ?? '', 'utf8').trim().split('\n');
        for (const l of lines.reverse()) {
          const m = JSON.parse(l) as { recipient: string; createdAt: string; payload: { code?: string } };
          if (m.recipient === phone && Date.parse(m.createdAt) >= since - 1000 && m.payload.code) {
            code = m.payload.code;
            break;
          }
        }
        return code;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return code;
}

describe('the phone login', () => {
  it('serves its own light shell: no antd, no desk scripts', async () => {
    await withPage(async (page) => {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto('/m/login');
      await page.getByTestId('login-submit').waitFor();
      expect(await page.title()).toBe('云桥');
      expect(await page.locator('h1').textContent()).toBe('云桥');
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.every((s) => s.startsWith('/m/assets/'))).toBe(true);
      expect(await page.locator('.ant-btn, [class^="ant-"]:not([class^="adm-"])').count()).toBe(0);
      await shot(page, 'm-login');
      await page.getByTestId('mode-sms').click();
      await page.getByTestId('sms-phone').waitFor();
      // the segmented control's thumb has come to rest on the chosen item
      await page.locator('.adm-segmented-item-selected [data-testid="mode-sms"]').waitFor();
      await page.waitForFunction(() => !document.querySelector('.adm-segmented-thumb'));
      await shot(page, 'm-login-sms');
    }, PHONE);
  });

  it('an agency admin signs in with a password and ends on the agency desk', async () => {
    await withPage(async (page) => {
      await passwordLogin(page, 'agency-wh');
      await page.waitForURL((url) => url.pathname === '/agency');
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('服务机构管理员');
      // back to the phone login while signed in: straight on to the desk again
      await page.goto('/m/login');
      await page.waitForURL((url) => url.pathname === '/agency');
    }, PHONE);
  });

  it('an official ends on the officials\' desk; a wrong password is told in the page\'s language', async () => {
    await withPage(async (page) => {
      await passwordLogin(page, 'wh', 'not-the-password');
      await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/密码|用户名/);
      expect(new URL(page.url()).pathname).toBe('/m/login');
      await field(page, 'login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === '/gov');
    }, PHONE);
  });

  it.skipIf(!OUTBOX_FILE)('a job seeker signs in with an SMS code from the dev sink and stays in /m/', async () => {
    await withPage(async (page) => {
      const phone = '13900000002';
      const since = Date.now();
      await page.goto('/m/login');
      await page.getByTestId('mode-sms').click();
      // typed as people type it: spaces and the country code
      await field(page, 'sms-phone').fill('+86 139 0000 0002');
      await page.getByTestId('sms-send').click();
      await page.getByTestId('login-notice').waitFor();
      const code = await smsCode(phone, since);
      expect(code).toMatch(/^\d{6}$/);
      await field(page, 'sms-code').fill(code);
      await page.getByTestId('sms-submit').click();
      await page.waitForURL((url) => url.pathname === '/m/' || url.pathname === '/m');
      await expect.poll(() => page.getByTestId('m-role').textContent()).toBe('求职者');
      expect(await page.getByTestId('m-greeting').textContent()).toContain('李思雨');
      await shot(page, 'm-home');
      await page.getByTestId('m-logout').click();
      await page.waitForURL((url) => url.pathname === '/m/login');
    }, PHONE);
  });

  it('switches to English and keeps the choice', async () => {
    await withPage(async (page) => {
      await page.goto('/m/login');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.locator('h2').textContent()).toBe('Log in');
      await page.reload();
      await expect.poll(() => page.locator('h2').textContent()).toBe('Log in');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    }, PHONE);
  });

  it('an unknown path below /m/ is the shell\'s own not-found page', async () => {
    await withPage(async (page) => {
      const res = await page.goto(`${BASE_URL}/m/no/such/page`);
      expect(res?.status()).toBe(200);
      await expect.poll(() => page.getByTestId('m-not-found').textContent()).toBe('页面不存在');
    }, PHONE);
  });
});
