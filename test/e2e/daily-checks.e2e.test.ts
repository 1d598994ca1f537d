// The agency administrator's 每日健康打卡 page (issue 8, decision 0026): agency-wh opens the day,
// sees each roster member with a status and the counts, records a paper consent for a colleague
// without a smartphone, is told of the typo 365 by the server's hint, and records that colleague's
// check; the page shows no health value.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, openAs } from './browser.ts';
import { randomMobile, validCitizenId } from './xlsx.ts';

const withPage = browserPerFile();

const STATUSES = ['on_time', 'late', 'pending', 'missing', 'withdrawn', 'no_consent'];

const row = (page: Page, name: string) => page.locator(`[data-testid="day-row"][data-name="${name}"]`);

describe('daily health checks on the agency desk', () => {
  it('agency-wh sees the day, records a paper consent and a check for a colleague without a smartphone', async () => {
    await withPage(async (page) => {
      await openAs(page, 'agency-wh', null);
      // a colleague without a smartphone, new on the roster (the demo's staff all consented on their phones)
      const name = `纸质${Date.now().toString().slice(-6)}`;
      const me = await page.request.get('/api/v1/me', { headers: { 'X-Requested-With': 'yunqiao' } });
      const agencyId = ((await me.json()) as { agencyId: number }).agencyId;
      const added = await page.request.post(`/api/v1/agencies/${agencyId}/staff`, {
        headers: { 'X-Requested-With': 'yunqiao' },
        data: { name, phone: randomMobile(), idNumber: validCitizenId(), position: '保洁' },
      });
      expect(added.status()).toBe(201);
      await page.goto('/agency/daily-checks');
      await page.getByTestId('day-row').first().waitFor();

      // the 五华区 demo roster, each with a status the API sends, the cut-off in Beijing time
      const names = await page.getByTestId('day-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
      expect(names).toEqual(expect.arrayContaining(['张晓燕', '王磊', '赵丽', '杨帆', name]));
      const statuses = await page.getByTestId('day-status').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-status')));
      expect(statuses).toHaveLength(names.length);
      for (const s of statuses) expect(STATUSES).toContain(s);
      expect(await page.getByTestId('day-cutoff').textContent()).toMatch(/\d{2}:\d{2}（北京时间）/);
      expect(Number(await page.getByTestId('day-count-expected').locator('.ant-statistic-content-value').textContent())).toBeGreaterThanOrEqual(0);

      // no consent until the administrator records the paper form
      expect(await row(page, name).getByTestId('day-status').getAttribute('data-status')).toBe('no_consent');
      // the count of those without consent is the rows saying so (other files add to this roster meanwhile: no fixed number)
      const noConsentCount = async () => Number(await page.getByTestId('day-count-noConsent').locator('.ant-statistic-content-value').textContent());
      const noConsentRows = () => page.locator('[data-testid="day-status"][data-status="no_consent"]').count();
      expect(await noConsentCount()).toBe(await noConsentRows());
      await row(page, name).getByTestId('paper-consent').click();
      await expect.poll(() => page.getByTestId('paper-text-version').textContent()).toMatch(/\S/);
      await page.getByTestId('paper-reference').fill('档案柜 A-3 第 12 号');
      await page.getByTestId('paper-submit').click();
      await expect.poll(() => row(page, name).getByTestId('day-status').getAttribute('data-status')).not.toBe('no_consent');
      await expect.poll(() => row(page, name).textContent()).toContain('纸质');
      await expect.poll(async () => (await noConsentCount()) - (await noConsentRows())).toBe(0);

      // her check: 365 is refused with the server's hint under the field, 36.5 is recorded
      await row(page, name).getByTestId('record-check').click();
      await page.getByTestId('check-temperature').fill('365');
      await page.getByTestId('check-submit').click();
      await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContainEqual(expect.stringContaining('小数点'));
      await page.getByTestId('check-temperature').fill('36.5');
      await page.getByTestId('check-submit').click();
      await expect.poll(() => page.getByTestId('check-result').getAttribute('data-abnormal')).toBe('false');
      await page.getByTestId('check-submit').click();
      await expect.poll(() => row(page, name).getByTestId('day-status').getAttribute('data-status')).toMatch(/^(on_time|late)$/);
      expect(await row(page, name).locator('td').nth(4).textContent()).toBe('1');

      // no value on the page
      expect(await page.locator('body').textContent()).not.toMatch(/36\.5|℃/);

      // she asks to withdraw: recorded (today's report keeps its status), no further check can be recorded for her
      await row(page, name).getByTestId('paper-withdraw').click();
      await page.getByTestId('withdraw-confirm').click();
      await expect.poll(() => row(page, name).getByTestId('day-withdrawn').count()).toBe(1);
      expect(await row(page, name).getByTestId('record-check').count()).toBe(0);
      expect(await row(page, name).getByTestId('paper-consent').count()).toBe(1);

      // the cut-off setting: a typo is refused under the field, a valid time shown on the page
      await page.getByTestId('cutoff-edit').click();
      await page.getByTestId('cutoff-input').fill('25:00');
      await page.getByRole('button', { name: /OK|确\s*定/ }).click();
      await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
      await page.getByTestId('cutoff-input').fill('11:30');
      await page.getByRole('button', { name: /OK|确\s*定/ }).click();
      await expect.poll(() => page.getByTestId('day-cutoff').textContent()).toContain('11:30（北京时间）');
    });
  });
});
