// 账号与身份 on the official's desk: a county bureau gives an agency's administrator a membership
// (the one-time password shown once in the dialog); the administrator signs in with it, changes it
// first and lands on the agency's desk; the bureau finds the row in the list and disables it.
import { describe, expect, it } from 'vitest';
import { afterSubmit, browserPerFile, login, openAs, pickOption, shot } from './browser.ts';

const withPage = browserPerFile();

describe('accounts and memberships desk', () => {
  it('a county official gives an agency administrator a membership; the administrator changes the one-time password and signs in; the county disables it', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/memberships');
      await page.getByTestId('memberships-table').waitFor();

      await page.getByTestId('create-membership').click();
      // a county gives agency and employer memberships; the agency is searched in its reach
      await pickOption(page, page.getByTestId('membership-agency'), '昆明五华人力资源服务有限公司');
      const n = Date.now() % 100_000_000;
      const phone = `137${String(n).padStart(8, '0')}`;
      const name = `五华测试管理员${n}`;
      await page.getByTestId('membership-phone').fill(phone);
      await page.getByTestId('membership-display-name').fill(name);
      await page.getByTestId('membership-username').fill(`wh-admin-${n}`);
      await page.getByTestId('membership-submit').click();

      // the password, or the dialog's refusal (its text is the failure)
      const shown = page.getByTestId('one-time-password');
      await afterSubmit(page, shown);
      const once = (await shown.textContent()) ?? '';
      expect(once).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      await shot(page, 'memberships-one-time-password');
      await page.getByTestId('membership-done').click();
      await expect.poll(() => page.getByTestId('one-time-password').count()).toBe(0);

      // the administrator: the one-time password opens 修改初始密码 first, then the agency's desk
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await login(page, `wh-admin-${n}`, once);
      await page.waitForURL((url) => url.pathname === '/password');
      const fresh = `Wuhua#Agency${n}`;
      await page.getByTestId('password-current').fill(once);
      await page.getByTestId('password-new').fill(fresh);
      await page.getByTestId('password-confirm').fill(fresh);
      await page.getByTestId('password-submit').click();
      await page.waitForURL((url) => url.pathname.startsWith('/agency'));
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('服务机构管理员');
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await openAs(page, 'wh', '/gov/memberships');

      // the new row, found by name; the password is nowhere on the page any more
      await page.getByTestId('membership-search').locator('input').fill(name);
      await page.getByTestId('membership-search').locator('input').press('Enter');
      const row = page.locator('.ant-table-row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      expect(await row.textContent()).not.toContain('未改初始密码');
      await row.getByTestId('membership-disable').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => row.getByTestId('membership-status').textContent()).toBe('已停用');
      await shot(page, 'memberships-list');
    });
  });
});
