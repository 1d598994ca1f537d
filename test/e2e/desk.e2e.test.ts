// The prevention desk in a browser (issue 8 R1/G4): the province opens 防控监管, drills through the
// map's prefecture (a table row) to 昆明市 and on to 五华区, where the lines are agencies with
// their responsible person; the Excel export holds the same lines and a total. Screenshots for
// docs/screenshots (desk-province.png, desk-county.png).
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserPerFile, openAs, shot } from './browser.ts';

const withPage = browserPerFile();

describe('防控监管 desk', () => {
  it('the province drills to a county and exports what it sees', async () => {
    await withPage(async (page) => {
      await openAs(page, 'prov', '/gov/prevention');
      const lines = page.getByTestId('desk-lines');
      await lines.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await lines.locator('tbody tr.ant-table-row').count()).toBe(16);
      await page.getByTestId('desk-map').locator('canvas').first().waitFor();
      await page.getByTestId('desk-chart').locator('canvas').first().waitFor();
      await shot(page, 'desk-province');

      await lines.locator('tbody tr.ant-table-row', { hasText: '昆明市' }).click();
      await page.waitForURL(/division=530100/);
      await lines.locator('tbody tr.ant-table-row', { hasText: '五华区' }).waitFor();
      await expect.poll(() => page.getByTestId('desk-trail').textContent()).toContain('昆明市');
      await lines.locator('tbody tr.ant-table-row', { hasText: '五华区' }).click();
      await page.waitForURL(/division=530102/);
      const agencyRow = lines.locator('tbody tr.ant-table-row', { hasText: '昆明五华人力资源服务有限公司' });
      await agencyRow.waitFor();
      expect(await agencyRow.textContent()).toContain('李建华');
      await expect.poll(() => page.getByTestId('desk-trail').textContent()).toMatch(/云南省.*昆明市.*五华区/);
      await shot(page, 'desk-county');

      // back goes up one level
      await page.goBack();
      await page.waitForURL(/division=530100/);
      await page.goForward();
      await page.waitForURL(/division=530102/);
      await agencyRow.waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('desk-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^防控监管-五华区-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(createReadStream(await download.path()));
      expect(wb.worksheets.map((w) => w.name.split(' ')[0])).toEqual(['概况', '事件', '缺口']);
      const names: string[] = [];
      wb.worksheets[0]?.eachRow((row, n) => {
        if (n > 1) names.push(String((row.values as unknown[])[1]));
      });
      expect(names).toContain('昆明五华人力资源服务有限公司');
      expect(names.at(-1)).toBe('合计（五华区）');
    });
  });

  it('a county official lands on its own county and cannot open another', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/prevention');
      await page.getByTestId('desk-lines').locator('tbody tr.ant-table-row', { hasText: '昆明五华人力资源服务有限公司' }).waitFor();
      await page.goto('/gov/prevention?division=530103');
      await expect.poll(() => page.locator('.ant-alert-error, [role="alert"]').first().textContent()).toBeTruthy();
      expect(await page.getByTestId('desk-lines').count()).toBe(0);
    });
  });
});
