// The phone shell (/m/): one login page for every role, on a phone-sized screen, under the
// server's Content-Security-Policy (browserPerFile fails a test on any violation). Officials and
// agency admins end on their desks; job seekers and agency staff stay in /m/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BASE_URL, browserPerFile, OUTBOX_FILE, PASSWORD, PHONE, shot, smsCode } from './browser.ts';
import { createPerson, DATABASE_URL, dormantStaff, rosterStaff } from './db.ts';

const withPage = browserPerFile();

/** The <input> inside an antd-mobile Input carrying `testId`. */
const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input');

async function passwordLogin(page: Page, username: string, password = PASSWORD) {
  await page.goto('/m/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Asks for a code for `phone` on the open login page's SMS tab and types it in (not yet submitted). */
async function typeSmsCode(page: Page, phone: string): Promise<string> {
  const since = Date.now();
  await page.getByTestId('mode-sms').click();
  await field(page, 'sms-phone').fill(phone);
  await page.getByTestId('sms-send').click();
  await page.getByTestId('login-notice').waitFor();
  const code = await smsCode(phone, since);
  await field(page, 'sms-code').fill(code);
  return code;
}

const atHome = (url: URL) => url.pathname === '/m/' || url.pathname === '/m';
const option = (page: Page, role: string) => page.locator(`[data-testid="membership-option"][data-role="${role}"]`);

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

describe('one person, several memberships (issue 7)', () => {
  const LABEL: Record<string, string> = { agency_staff: '机构员工', seeker: '求职者' };

  it.skipIf(!OUTBOX_FILE || !DATABASE_URL)('a staff member who is also a job seeker signs in by SMS, picks one of her two memberships, then switches to the other', async () => {
    // her own person, like the demo's staff-wh (a roster row of 五华's agency and a job seeker): other files sign staff-wh in and switch her meanwhile
    const { phone } = await rosterStaff('程双', { seeker: true });
    await withPage(async (page) => {
      await page.goto('/m/login');
      await typeSmsCode(page, phone);
      await page.getByTestId('sms-submit').click();
      await page.waitForURL((url) => url.pathname === '/m/choose');
      const options = page.getByTestId('membership-option');
      await expect.poll(() => options.count()).toBe(2);
      const roles = await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-role') ?? ''));
      expect([...roles].sort()).toEqual(['agency_staff', 'seeker']);
      // the one used last comes first, chosen already
      expect(await options.first().getAttribute('data-checked')).toBe('true');
      expect(await options.last().getAttribute('data-checked')).toBe('false');
      // role, then where: the division and the agency; a job seeker has no place
      expect(await option(page, 'agency_staff').textContent()).toBe('机构员工五华区 · 昆明五华人力资源服务有限公司');
      expect(await option(page, 'seeker').textContent()).toBe('求职者');
      await shot(page, 'm-choose');

      const [first = '', other = ''] = roles;
      await option(page, other).click();
      await expect.poll(() => option(page, other).getAttribute('data-checked')).toBe('true');
      await page.getByTestId('choose-submit').click();
      await page.waitForURL(atHome);
      await expect.poll(() => page.getByTestId('m-role').textContent()).toBe(LABEL[other]);

      // from the start page, to the other membership: no new sign-in
      const switcher = page.getByTestId('m-switch');
      expect(await switcher.locator('[data-checked="true"]').getAttribute('data-role')).toBe(other);
      await switcher.locator(`[data-role="${first}"]`).click();
      await expect.poll(() => page.getByTestId('m-role').textContent()).toBe(LABEL[first]);
      await expect.poll(() => switcher.locator('[data-checked="true"]').getAttribute('data-role')).toBe(first);
      const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json() as Promise<{ role: string }>));
      expect(me.role).toBe(first);

      // the next sign-in offers the one used last first
      await page.getByTestId('m-logout').click();
      await page.waitForURL((url) => url.pathname === '/m/login');
      await typeSmsCode(page, phone);
      await page.getByTestId('sms-submit').click();
      await page.waitForURL((url) => url.pathname === '/m/choose');
      await expect.poll(() => page.getByTestId('membership-option').first().getAttribute('data-role')).toBe(first);
      expect(await page.getByTestId('membership-option').first().getAttribute('data-checked')).toBe('true');
    }, PHONE);
  });

  it.skipIf(!OUTBOX_FILE || !DATABASE_URL)('a number unused for 6 months also gives the last 6 of the ID number on file, with the same code', async () => {
    const { phone, idNumber } = await dormantStaff('沈一鸣');

    await withPage(async (page) => {
      await page.goto('/m/login');
      await typeSmsCode(page, phone);
      await page.getByTestId('sms-submit').click();
      await expect.poll(() => page.getByTestId('id-tail-prompt').textContent()).toBe('请输入登记的身份证号码后 6 位');
      expect(new URL(page.url()).pathname).toBe('/m/login');
      await shot(page, 'm-login-id-tail');
      // not 6 characters: said before asking
      await field(page, 'sms-id-tail').fill('12345');
      await page.getByTestId('sms-submit').click();
      await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('6 位');
      // the wrong 6: refused like a wrong code
      const wrong = idNumber.slice(-6) === '000000' ? '000001' : '000000';
      await field(page, 'sms-id-tail').fill(wrong);
      await page.getByTestId('sms-submit').click();
      await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/验证码/);
      expect(new URL(page.url()).pathname).toBe('/m/login');
      // the right 6 (a check character typed in lower case is fine) with the same code
      await field(page, 'sms-id-tail').fill(idNumber.slice(-6).toLowerCase());
      await page.getByTestId('sms-submit').click();
      await page.waitForURL(atHome);
      await expect.poll(() => page.getByTestId('m-role').textContent()).toBe('机构员工');
      expect(await page.getByTestId('m-greeting').textContent()).toContain('沈一鸣');
    }, PHONE);
  });

  it.skipIf(!DATABASE_URL)('a one-time password is changed before anything else; the server\'s field messages show under their fields', async () => {
    const once = 'Once-2020-pass';
    const username = await createPerson({ password: once, mustChangePassword: true, displayName: '杜新', memberships: [{ role: 'seeker', seeker_group: 'other' }] });
    await withPage(async (page) => {
      await passwordLogin(page, username, once);
      await page.waitForURL((url) => url.pathname === '/m/password');
      await field(page, 'password-currentPassword').waitFor();
      // the start page sends them back while the password is one-time
      await page.goto('/m/');
      await page.waitForURL((url) => url.pathname === '/m/password');
      await shot(page, 'm-password');

      // the two new ones differ: said on the page
      await field(page, 'password-currentPassword').fill(once);
      await field(page, 'password-newPassword').fill('new-pass-2020');
      await field(page, 'password-confirm').fill('new-pass-2021');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => page.getByTestId('confirm-error').textContent()).toBe('两次输入的新密码不一致');
      // the server's checks, under their fields: a wrong current password, then one too short
      await field(page, 'password-currentPassword').fill('not-the-password');
      await field(page, 'password-confirm').fill('new-pass-2020');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => page.getByTestId('currentPassword-error').count()).toBe(1);
      expect(await page.getByTestId('currentPassword-error').textContent()).toMatch(/密码/);
      await field(page, 'password-currentPassword').fill(once);
      await field(page, 'password-newPassword').fill('short');
      await field(page, 'password-confirm').fill('short');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => page.getByTestId('newPassword-error').count()).toBe(1);
      expect(await page.getByTestId('currentPassword-error').count()).toBe(0);
      // then a good one: on to the start page
      await field(page, 'password-newPassword').fill('new-pass-2020');
      await field(page, 'password-confirm').fill('new-pass-2020');
      await page.getByTestId('password-submit').click();
      await page.waitForURL(atHome);
      await expect.poll(() => page.getByTestId('m-role').textContent()).toBe('求职者');

      // the new password signs in; the old one does not
      await page.getByTestId('m-logout').click();
      await page.waitForURL((url) => url.pathname === '/m/login');
      await passwordLogin(page, username, once);
      await page.getByTestId('login-error').waitFor();
      await field(page, 'login-password').fill('new-pass-2020');
      await page.getByTestId('login-submit').click();
      await page.waitForURL(atHome);
    }, PHONE);
  });
});
