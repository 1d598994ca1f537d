// 账号与身份 on the official's desk: a county bureau gives an agency's administrator a membership
// (the one-time password shown once in the dialog), finds the new row in the list, and disables it.
import { describe, expect, it } from 'vitest';
import { browserPerFile, login, shot } from './browser.ts';

const withPage = browserPerFile();

describe('accounts and memberships desk', () => {
  it('a county official gives an agency administrator a membership, sees the one-time password once, then disables it', async () => {
    await withPage(async (page) => {
      await login(page, 'wh');
      await page.goto('/gov/memberships');
      await page.getByTestId('memberships-table').waitFor();

      await page.getByTestId('create-membership').click();
      // a county gives agency and employer memberships; the agency is searched in its reach
      await page.getByTestId('membership-agency').click();
      const agency = page.locator('.ant-select-item-option').filter({ hasText: '昆明五华人力资源服务有限公司' });
      await agency.first().click();
      const n = Date.now() % 100_000_000;
      const phone = `137${String(n).padStart(8, '0')}`;
      const name = `五华测试管理员${n}`;
      await page.getByTestId('membership-phone').fill(phone);
      await page.getByTestId('membership-display-name').fill(name);
      await page.getByTestId('membership-username').fill(`wh-admin-${n}`);
      await page.getByTestId('membership-submit').click();

      const password = page.getByTestId('one-time-password');
      await password.waitFor();
      expect(await password.textContent()).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      await shot(page, 'memberships-one-time-password');
      await page.getByTestId('membership-done').click();
      await expect.poll(() => page.getByTestId('one-time-password').count()).toBe(0);

      // the new row, found by name; the password is nowhere on the page any more
      await page.getByTestId('membership-search').locator('input').fill(name);
      await page.getByTestId('membership-search').locator('input').press('Enter');
      const row = page.locator('.ant-table-row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      await row.getByTestId('membership-disable').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => row.getByTestId('membership-status').textContent()).toBe('已停用');
      await shot(page, 'memberships-list');
    });
  });
});
