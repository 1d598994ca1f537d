// Officials filter the agency list by division and register a new agency in their own county.
// Opening the list by a link, or signing in, the page downloads alongside /me and the desk's layout,
// not after them (routes.tsx preloadDeskPage, App.tsx preloadEntry and DeskFrame).
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allAgencyDivisionCodes, browserPerFile, login, openAs, PASSWORD, pickOption, shot } from './browser.ts';
import { validCreditCode } from './xlsx.ts';

const withPage = browserPerFile();

/**
 * Every request's start and end, in the order the browser reports them, on a network with 200 ms
 * each way: what is asked for side by side starts before the other's answer ends.
 */
async function networkLog(page: Page): Promise<(pattern: RegExp) => number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: -1, uploadThroughput: -1 });
  const events: string[] = [];
  page.on('request', (r) => events.push(`start ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => events.push(`end ${new URL(r.url()).pathname}`));
  return (pattern) => {
    const i = events.findIndex((e) => pattern.test(e));
    if (i < 0) throw new Error(`no request ${pattern} in:\n${events.join('\n')}`);
    return i;
  };
}

describe('loading a desk page', () => {
  it('a link to the list downloads its page with /me; signing in there shows it', async () => {
    await withPage(async (page) => {
      const at = await networkLog(page);
      await page.goto('/gov/agencies');
      await page.waitForURL('**/login');
      expect(at(/^start \/assets\/AgenciesPage-.*\.js$/)).toBeLessThan(at(/^end \/api\/v1\/me$/));
      expect(at(/^start \/assets\/DeskLayout-.*\.js$/)).toBeLessThan(at(/^end \/api\/v1\/me$/));
      await page.getByTestId('login-username').fill('prov');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL('**/gov/agencies');
      await page.getByTestId('agency-division').first().waitFor();
    });
  });

  it('signing in downloads the landing page with the layout, not once the layout is there', async () => {
    await withPage(async (page) => {
      const at = await networkLog(page);
      await login(page, 'prov');
      expect(new URL(page.url()).pathname).toBe('/gov');
      await page.getByTestId('overview-by-division').locator('tbody tr.ant-table-row').first().waitFor();
      expect(at(/^start \/assets\/OverviewPage-.*\.js$/)).toBeLessThan(at(/^end \/assets\/DeskLayout-.*\.js$/));
    });
  });
});

describe('agency list and registration', () => {
  it('the division filter narrows the province list to one prefecture', async () => {
    await withPage(async (page) => {
      await openAs(page, 'prov', '/gov/agencies?division=530300');
      const codes = await allAgencyDivisionCodes(page);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((c) => c.startsWith('5303'))).toBe(true);

      // The Excel export carries the same filter.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-agencies').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(createReadStream(await download.path()));
      const sheet = wb.worksheets[0];
      if (!sheet) throw new Error('empty workbook');
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const codeColumn = header.indexOf('行政区划代码');
      expect(codeColumn).toBeGreaterThan(0);
      const exported: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) exported.push(String(row.getCell(codeColumn).value));
      });
      expect(exported.sort()).toEqual([...codes].sort());
    });
  });

  it('a county official can only pick their own county and lands on the new agency', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/agencies/new');
      await page.getByTestId('agency-county').click();
      const options = page.locator('.ant-select-tree-treenode:not([aria-hidden="true"]) .ant-select-tree-title');
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual(['五华区']);
      await options.first().click();
      await expect.poll(() => page.getByTestId('agency-county').evaluate((el) => (el.closest('.ant-select') ?? el).textContent)).toContain('五华区');

      const name = `五华测试人力资源服务有限公司${Date.now() % 100000}`;
      await page.locator('#name').fill(name);
      await page.locator('#licenceNo').fill(`（云）人服证字〔2020〕第${Date.now() % 1000000}号`);
      await page.locator('#creditCode').fill('91530102MA00000000'); // wrong check character
      await page.locator('#address').fill('昆明市五华区测试路 1 号');
      await page.locator('#responsiblePerson').fill('测试员');
      await page.locator('#responsiblePhone').fill('13700009999');
      await page.getByTestId('agency-submit').click();
      await expect.poll(() => page.locator('#creditCode_help').textContent()).toContain('统一社会信用代码不正确');

      await page.locator('#creditCode').fill(validCreditCode('530102'));
      await page.getByTestId('agency-submit').click();
      await page.waitForURL(/\/gov\/agencies\/\d+$/);
      await expect.poll(() => page.getByTestId('agency-name').textContent()).toBe(name);
      expect(await page.getByTestId('agency-detail-division').textContent()).toBe('五华区');
      await shot(page, 'agency-created');

      // Suspend it: the status changes on the detail card.
      await page.getByTestId('agency-edit').click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#status').waitFor({ state: 'attached' });
      // the modal animates in and the dropdown animates open: pickOption waits and tries again until the select shows it
      await pickOption(page, dialog.locator('#status'), '暂停');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => page.locator('.ant-descriptions').textContent()).toContain('暂停');
    });
  });

  it('a prefecture official sees only counties of the prefecture in the picker', async () => {
    await withPage(async (page) => {
      await openAs(page, 'qj', '/gov/agencies/new');
      await page.getByTestId('agency-county').click();
      const titles = page.locator('.ant-select-tree-treenode:not([aria-hidden="true"]) .ant-select-tree-title');
      await expect.poll(() => titles.count()).toBeGreaterThan(1);
      const names = await titles.allTextContents();
      expect(names[0]).toBe('曲靖市');
      expect(names).toContain('麒麟区');
      expect(names).not.toContain('五华区');
    });
  });
});
