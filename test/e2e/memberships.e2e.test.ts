// The desks with people who hold several memberships (issue 7 §1): the picker after signing in,
// the switcher in the header, and the one-time password changed before anything else. The people
// are made in the database (test/e2e/db.ts), as the level above or `yunqiao account create` would.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, chooseMembership, login, OUTBOX_FILE, PHONE, shot, smsCode } from './browser.ts';
import { agencyIn, createPerson, DATABASE_URL, dormantStaff } from './db.ts';

const withPage = browserPerFile();

const option = (page: Page, role: string) => page.locator(`[data-testid="membership-option"][data-role="${role}"]`);
const path = (page: Page) => new URL(page.url()).pathname;

/** The form item's error under the input carrying `testId`. */
const fieldError = (page: Page, testId: string) =>
  page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

describe.skipIf(!DATABASE_URL)('a person with an official\'s and an agency\'s membership', () => {
  it('picks one after signing in, switches in the header without signing in again, and is offered the last used next time', async () => {
    const agency = await agencyIn('530102', '昆明五华人力资源服务有限公司');
    const password = 'Two-roles-2020';
    const username = await createPerson({
      password,
      displayName: '钱立新',
      memberships: [
        { role: 'county', official_division: '530102' },
        { role: 'agency_admin', org_division: '530102', agency_id: agency.id },
      ],
    });
    await withPage(async (page) => {
      await login(page, username, password);
      expect(path(page)).toBe('/choose');
      const options = page.getByTestId('membership-option');
      await expect.poll(() => options.count()).toBe(2);
      // the one the session acts as comes first, chosen already
      expect(await options.first().getAttribute('data-role')).toBe('county');
      expect(await options.first().getAttribute('data-checked')).toBe('true');
      expect(await option(page, 'county').textContent()).toBe('县（市、区）人社局五华区');
      expect(await option(page, 'agency_admin').textContent()).toBe(`服务机构管理员五华区 · ${agency.name}`);
      await shot(page, 'choose');

      await chooseMembership(page, 'agency_admin');
      expect(path(page)).toBe('/agency');
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('服务机构管理员');

      // the header lists the other membership; choosing it opens that role's desk
      await page.getByTestId('membership-switch').click();
      const item = page.locator('[data-testid="switch-option"]');
      await expect.poll(() => item.count()).toBe(1);
      expect(await item.getAttribute('data-role')).toBe('county');
      expect(await item.textContent()).toBe('县（市、区）人社局 · 五华区');
      await shot(page, 'membership-switch');
      await item.click();
      await page.waitForURL((url) => url.pathname === '/gov');
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('县（市、区）人社局');
      await expect.poll(() => page.getByTestId('division-name').textContent()).toBe('五华区');
      // the officials' pages answer: the session acts as the county bureau now
      await page.getByTestId('main-menu').getByText('服务机构', { exact: true }).click();
      await page.waitForURL('**/gov/agencies');
      await page.getByTestId('agency-division').first().waitFor();

      // and back
      await page.getByTestId('membership-switch').click();
      await page.locator('[data-testid="switch-option"][data-role="agency_admin"]').click();
      await page.waitForURL((url) => url.pathname === '/agency');
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('服务机构管理员');

      // signed in again: the last used is offered first
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await login(page, username, password);
      expect(path(page)).toBe('/choose');
      await expect.poll(() => page.getByTestId('membership-option').first().getAttribute('data-role')).toBe('agency_admin');
      expect(await page.getByTestId('membership-option').first().getAttribute('data-checked')).toBe('true');
      await page.getByTestId('choose-submit').click();
      await page.waitForURL((url) => url.pathname === '/agency');
    });
  });

  it('a person with one membership goes straight to the desk, with no switcher', async () => {
    const password = 'One-role-2020x';
    const username = await createPerson({ password, memberships: [{ role: 'county', official_division: '530103' }] });
    await withPage(async (page) => {
      await login(page, username, password);
      expect(path(page)).toBe('/gov');
      await page.getByTestId('role-label').waitFor();
      expect(await page.getByTestId('membership-switch').count()).toBe(0);
      // the picker itself sends them on
      await page.goto('/choose');
      await page.waitForURL((url) => url.pathname === '/gov');
    });
  });
});

describe.skipIf(!DATABASE_URL)('a one-time password', () => {
  it('is changed before anything else; the server\'s field messages show under their fields', async () => {
    const once = 'Once-only-2020';
    const fresh = 'Kunming#Wuhua2020';
    const username = await createPerson({ password: once, mustChangePassword: true, memberships: [{ role: 'county', official_division: '530102' }] });
    await withPage(async (page) => {
      await login(page, username, once);
      expect(path(page)).toBe('/password');
      await page.getByTestId('password-current').waitFor();
      // a desk page sends them back while the password is one-time
      await page.goto('/gov/agencies');
      await page.waitForURL((url) => url.pathname === '/password');
      await shot(page, 'password-change');

      // the two new ones differ: said on the page, nothing sent
      await page.getByTestId('password-current').fill(once);
      await page.getByTestId('password-new').fill(fresh);
      await page.getByTestId('password-confirm').fill(`${fresh}!`);
      await page.getByTestId('password-submit').click();
      await expect.poll(() => fieldError(page, 'password-confirm').textContent()).toBe('两次输入的新密码不一致');
      // the server's checks: a wrong current password …
      await page.getByTestId('password-current').fill('not-the-password');
      await page.getByTestId('password-confirm').fill(fresh);
      await page.getByTestId('password-submit').click();
      await expect.poll(() => fieldError(page, 'password-current').count()).toBe(1);
      // … and an official's password too weak (12 characters, three classes)
      await page.getByTestId('password-current').fill(once);
      await page.getByTestId('password-new').fill('kunming2020');
      await page.getByTestId('password-confirm').fill('kunming2020');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => fieldError(page, 'password-new').textContent()).toContain('12');
      // the earlier answer's message under the current password goes once that field is corrected
      await expect.poll(() => fieldError(page, 'password-current').count()).toBe(0);
      expect(path(page)).toBe('/password');

      await page.getByTestId('password-new').fill(fresh);
      await page.getByTestId('password-confirm').fill(fresh);
      await page.getByTestId('password-submit').click();
      // on to the page they had asked for
      await page.waitForURL((url) => url.pathname === '/gov/agencies');
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('县（市、区）人社局');
      await page.getByTestId('agency-division').first().waitFor();

      // the new password signs in straight to the desk; the page is gone
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await login(page, username, fresh);
      expect(path(page)).toBe('/gov');
      await page.goto('/password');
      await page.waitForURL((url) => url.pathname === '/gov');
    });
  });

  it('on a phone-sized screen, then the picker for a person with two memberships', async () => {
    const once = 'Once-only-2021';
    const fresh = 'Kunming#Panlong2021';
    const agency = await agencyIn('530103');
    const username = await createPerson({
      password: once,
      mustChangePassword: true,
      memberships: [
        { role: 'agency_admin', org_division: '530103', agency_id: agency.id },
        { role: 'seeker', seeker_group: 'other' },
      ],
    });
    await withPage(async (page) => {
      await login(page, username, once);
      expect(path(page)).toBe('/password');
      await page.getByTestId('password-current').fill(once);
      await page.getByTestId('password-new').fill(fresh);
      await page.getByTestId('password-confirm').fill(fresh);
      await page.getByTestId('password-submit').click();
      await page.waitForURL((url) => url.pathname === '/choose');
      await chooseMembership(page, 'seeker');
      expect(path(page)).toBe('/home');
      await expect.poll(() => page.getByTestId('self-role').textContent()).toBe('求职者');
      // the switcher is in the light layout's header too
      await page.getByTestId('membership-switch').click();
      await page.locator('[data-testid="switch-option"][data-role="agency_admin"]').click();
      await page.waitForURL((url) => url.pathname === '/agency');
    }, PHONE);
  });
});

describe.skipIf(!DATABASE_URL || !OUTBOX_FILE)('a number unused for 6 months', () => {
  it('signs in on the desks with its SMS code and the last 6 of the ID number on file', async () => {
    const { phone, idNumber } = await dormantStaff('白露');
    await withPage(async (page) => {
      const since = Date.now();
      await page.goto('/login');
      await page.getByTestId('mode-sms').click();
      await page.getByTestId('sms-phone').fill(phone);
      await page.getByTestId('sms-send').click();
      await page.getByTestId('sms-code').fill(await smsCode(phone, since));
      await page.getByTestId('sms-submit').click();
      await expect.poll(() => page.getByTestId('id-tail-prompt').textContent()).toBe('请输入登记的身份证号码后 6 位');
      expect(path(page)).toBe('/login');
      await page.getByTestId('sms-id-tail').fill(idNumber.slice(-6));
      await page.getByTestId('sms-submit').click();
      await page.waitForURL((url) => url.pathname === '/home');
      await expect.poll(() => page.getByTestId('self-role').textContent()).toBe('机构员工');
    });
  });
});
