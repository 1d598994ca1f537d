// The desk's list pages beyond the agency list: employers with their drawer, an agency's roster and
// its export, the roster's add-staff form, and the registry labels in English.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserPerFile, openAs, untilListed } from './browser.ts';
import { brokenCitizenId, randomMobile, validCitizenId } from './xlsx.ts';

const withPage = browserPerFile();

describe('desk lists', () => {
  it('employers: filtered by division and by supplies, one opens in a drawer', async () => {
    await withPage(async (page) => {
      await openAs(page, 'prov', '/gov/employers?division=530100');
      const divisions = page.getByTestId('employer-division');
      await divisions.first().waitFor();
      const codes = await divisions.evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
      expect(codes.length).toBeGreaterThan(1);
      expect(codes.every((c) => c.startsWith('5301'))).toBe(true);

      await page.goto('/gov/employers?supplies=true');
      await expect.poll(() => page.locator('[data-testid="employers-table"] tbody tr.ant-table-row').count()).toBe(1);
      await page.getByText('昆明康泰医用防护用品有限公司', { exact: true }).click();
      await page.waitForURL(/[?&]open=\d+/);
      const drawer = page.getByRole('dialog');
      await expect.poll(() => drawer.textContent()).toContain('统一社会信用代码');
      expect(await drawer.textContent()).toContain('正常');
    });
  });

  it("an agency's page lists its staff and exports them", async () => {
    await withPage(async (page) => {
      // 盘龙区's agency: no other file adds to its roster while this one compares the export with the list
      await openAs(page, 'pl', '/gov/agencies');
      await page.getByTestId('agency-link').filter({ hasText: '昆明盘龙区公共就业服务中心' }).click();
      await page.waitForURL(/\/gov\/agencies\/\d+$/);
      const rows = page.locator('[data-testid="staff-table"] tbody tr.ant-table-row');
      await rows.first().waitFor();
      expect(await page.getByTestId('staff-table').textContent()).toMatch(/正常|离职/);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(createReadStream(await download.path()));
      const sheet = wb.worksheets[0];
      if (!sheet) throw new Error('empty workbook');
      expect((sheet.getRow(1).values as unknown[]).map(String)).toContain('姓名');
      // the whole roster, not the page on screen: load the rest, then compare
      while ((await page.getByTestId('load-more').count()) > 0) {
        const before = await rows.count();
        await page.getByTestId('load-more').click();
        await expect.poll(() => rows.count()).toBeGreaterThan(before);
      }
      expect(sheet.rowCount).toBe((await rows.count()) + 1);
    });
  });

  it('the add-staff form refuses a bad phone and ID number before sending, then adds the person', async () => {
    await withPage(async (page) => {
      await openAs(page, 'agency-wh', '/agency/staff');
      const rows = page.locator('[data-testid="staff-table"] tbody tr.ant-table-row');
      await rows.first().waitFor();
      await page.getByTestId('staff-add').click();
      const dialog = page.getByRole('dialog');
      const name = `测试${Date.now() % 100000}`;
      await dialog.locator('#name').fill(name);
      await dialog.locator('#phone').fill('12345');
      await dialog.locator('#idNumber').fill(brokenCitizenId());
      await dialog.locator('#position').fill('招聘专员');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => dialog.locator('#phone_help').textContent()).toContain('请输入 11 位手机号');
      await expect.poll(() => dialog.locator('#idNumber_help').textContent()).toContain('身份证号不正确');

      await dialog.locator('#phone').fill(randomMobile());
      await dialog.locator('#idNumber').fill(validCitizenId());
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      // the roster lists oldest first, 20 a time, and other files add to this one: the new row may be on a later page
      await untilListed(page, rows.filter({ hasText: name }));
    });
  });

  it('registry labels and enum values come in English', async () => {
    await withPage(async (page) => {
      await page.goto('/login');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('login-submit').textContent()).toBe('Log in');
      await openAs(page, 'km', '/gov/agencies');
      const table = page.getByTestId('agencies-table');
      await page.getByTestId('agency-division').first().waitFor();
      const text = (await table.textContent()) ?? '';
      expect(text).toContain('Status');
      expect(text).toMatch(/Active|Suspended|Closed/);
      expect(text).toMatch(/Public|Commercial/);
      await page.getByText(/^\d+ shown$/).waitFor();
    });
  });
});
