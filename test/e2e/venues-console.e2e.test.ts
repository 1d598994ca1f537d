// The agency console's venue pages (服务场所, issue 8 P5–P7): the 五华 agency's administrator
// registers a venue (capacity from its area), checks a visitor at the door with the temperature
// typed as people type it, sees the visit in the live occupancy and the day's export, logs a
// disinfection; a fever is refused and recorded; a walk-in booking by phone, a second one for the
// same phone refused, a cancellation; an edit of the area below the people inside refused under the
// field. The demo hall's missed disinfection of yesterday shows as
// missed. The county official reads the same venue without the door, visits or QR tabs.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, beijingDate } from '../../src/shared/beijing-day.ts';
import { browserPerFile, openAs, shot } from './browser.ts';
import { randomMobile } from './xlsx.ts';

const withPage = browserPerFile();
const venueName = `五华区就业服务驿站${Date.now() % 100000}`;
let venuePath = '';
// each test walks a whole desk flow (a dozen page loads): more than the suite's default minute on a busy host
const LONG = 180_000;

async function openTab(page: Page, tab: string) {
  await page.getByTestId(`venue-tab-${tab}`).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe(tab === 'overview' ? null : tab);
}

describe('venues console', () => {
  it('create venue → door check → the visit shows in occupancy → hygiene record', async () => {
    await withPage(async (page) => {
      await openAs(page, 'agency-wh', '/agency/venues');
      await page.getByTestId('venues-table').waitFor();
      await page.getByTestId('venue-create').click();
      await page.getByTestId('venue-name').fill(venueName);
      await page.getByTestId('venue-address').fill('昆明市五华区测试路 8 号');
      await page.getByTestId('venue-area').fill('41');
      await page.getByTestId('venue-m2').fill('4');
      await expect.poll(() => page.getByTestId('venue-capacity-preview').textContent()).toContain('10');
      await page.getByTestId('venue-submit').click();
      await page.waitForURL(/\/agency\/venues\/\d+$/);
      venuePath = new URL(page.url()).pathname;
      await expect.poll(() => page.getByTestId('venue-title').textContent()).toBe(venueName);
      expect(await page.getByTestId('venue-capacity').textContent()).toBe('10');
      expect(await page.getByTestId('venue-title-occupancy').getAttribute('data-inside')).toBe('0');

      // the door: a lost decimal point is caught before sending, as the server would refuse it
      await openTab(page, 'door');
      await page.getByTestId('door-name').fill('王测试');
      await page.getByTestId('door-temperature').fill('365');
      await page.getByTestId('door-submit').click();
      await expect.poll(() => page.locator('#temperature_help').textContent()).toContain('小数点');
      // typed with a decimal comma and a unit: 36.5, admitted
      await page.getByTestId('door-temperature').fill('36,5℃');
      await page.getByTestId('door-submit').click();
      await expect.poll(() => page.getByTestId('door-result').getAttribute('data-outcome')).toBe('admitted');
      expect(await page.getByTestId('door-result-temperature').textContent()).toBe('36.5');
      await shot(page, 'venue-door-admitted');

      // a fever: refused and recorded, the reason shown
      await page.getByTestId('door-next').click();
      await page.getByTestId('door-name').fill('赵发热');
      await page.getByTestId('door-temperature').fill('３７．６');
      await page.getByTestId('door-submit').click();
      await expect.poll(() => page.getByTestId('door-result').getAttribute('data-outcome')).toBe('refused');
      expect(await page.getByTestId('door-reasons').textContent()).toContain('37.3');
      await shot(page, 'venue-door-refused');

      // visits: one inside, the refused visitor listed as refused; the export has both
      await openTab(page, 'visits');
      await expect.poll(() => page.getByTestId('occupancy-inside').textContent()).toBe('1');
      await expect.poll(() => page.getByTestId('visit-name').count()).toBe(2);
      const rows = await page.getByTestId('visit-name').evaluateAll((els) => els.map((e) => `${e.textContent}:${e.getAttribute('data-outcome')}:${e.getAttribute('data-open')}`));
      expect(rows.sort()).toEqual(['王测试:admitted:true', '赵发热:refused:false']);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('visits-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(createReadStream(await download.path()));
      const names: string[] = [];
      wb.worksheets[0]?.eachRow((row) => names.push(row.values?.toString() ?? ''));
      expect(names.join('\n')).toContain('王测试');
      expect(names.join('\n')).toContain('赵发热');
      expect(names.join('\n')).not.toContain('36.5'); // no temperatures in the export
      // the list of venues shows the same person inside
      await page.goto('/agency/venues');
      const row = page.getByTestId('venues-table').locator('tr', { hasText: venueName });
      await expect.poll(() => row.getByTestId('venue-occupancy').getAttribute('data-inside')).toBe('1');

      // hygiene: a disinfection logged now appears in the day's log
      await page.goto(`${venuePath}?tab=hygiene`);
      await page.getByTestId('hygiene-slots').waitFor();
      await page.getByTestId('hygiene-log-disinfection').click();
      await page.getByTestId('hygiene-note').fill('含氯消毒液擦拭');
      await page.getByTestId('hygiene-submit').click();
      await expect.poll(() => page.getByTestId('hygiene-logs').locator('tbody tr', { hasText: '含氯消毒液擦拭' }).count()).toBe(1);
      // a new venue's earlier slots lay before it existed: none is flagged missed
      expect(await page.locator('[data-testid="hygiene-slot-status"][data-status="missed"]').count()).toBe(0);
      await shot(page, 'venue-hygiene');

      // a smaller area would hold fewer than the one inside: refused under the area field, nothing changed
      await page.goto(venuePath);
      await page.getByTestId('venue-edit').click();
      await page.getByTestId('venue-area').fill('3');
      await page.getByTestId('venue-submit').click();
      await expect.poll(() => page.locator('#areaM2_help').textContent()).toContain('少于场内现有的 1 人');
      await page.getByRole('dialog').getByRole('button', { name: /取\s*消|Cancel/ }).click();
      expect(await page.getByTestId('venue-capacity').textContent()).toBe('10');

      // check the visitor out at the desk: no one inside
      await page.goto(`${venuePath}?tab=visits`);
      await page.getByTestId('visit-check-out').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => page.getByTestId('occupancy-inside').textContent()).toBe('0');
    });
  }, LONG);

  it('a walk-in booking by phone at the desk, the same phone refused for the same slot, a cancellation', async () => {
    await withPage(async (page) => {
      const tomorrow = addDays(beijingDate(new Date()), 1);
      await openAs(page, 'agency-wh', `${venuePath}?tab=slots`);
      await page.getByTestId('slots-date').fill(tomorrow);
      await page.getByTestId('slot-create').click();
      await page.getByTestId('slot-starts').fill(`${tomorrow}T10:00`);
      await page.getByTestId('slot-capacity').fill('2');
      await page.getByTestId('slot-submit').click();
      const slotRow = page.getByTestId('slots-table').locator('tbody tr.ant-table-row').first();
      await expect.poll(() => slotRow.textContent()).toContain('10:00');
      await slotRow.locator('.ant-table-row-expand-icon').click();

      const phone = randomMobile();
      for (const attempt of [1, 2]) {
        await page.getByTestId('booking-walk-in').click();
        await page.getByTestId('booking-name').fill('钱求职');
        await page.getByTestId('booking-phone').fill(phone);
        await page.getByTestId('booking-submit').click();
        // the first is taken: its dialog closes before the second opens (two open at once would make the fields ambiguous)
        if (attempt === 1) await page.getByTestId('booking-name').waitFor({ state: 'hidden' });
        if (attempt === 2) {
          await expect.poll(() => page.getByTestId('booking-alert').textContent()).toContain('已有预约');
          await page.getByRole('dialog').getByRole('button', { name: /取\s*消|Cancel/ }).click();
        }
      }
      await expect.poll(() => slotRow.getByTestId('slot-booked').textContent()).toBe('1');
      expect(await page.getByTestId('slot-bookings').locator('tbody tr', { hasText: '钱求职' }).count()).toBe(1);
      await shot(page, 'venue-slot-booked');

      await page.getByTestId('booking-cancel').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => slotRow.getByTestId('slot-booked').textContent()).toBe('0');
      await expect.poll(() => page.getByTestId('slot-bookings').textContent()).toContain('已取消');
    });
  }, LONG);

  it('the demo hall shows yesterday\'s missed disinfection; the QR tab says when no public address is set', async () => {
    await withPage(async (page) => {
      await openAs(page, 'agency-wh', '/agency/venues');
      await page.getByTestId('venues-table').locator('a', { hasText: '五华区人力资源市场服务大厅' }).click();
      await page.waitForURL(/\/agency\/venues\/\d+$/);
      await openTab(page, 'hygiene');
      await page.getByTestId('hygiene-date').fill(addDays(beijingDate(new Date()), -1));
      await expect.poll(() => page.locator('[data-testid="hygiene-slot-status"][data-status="missed"]').count()).toBeGreaterThan(0);
      await page.getByTestId('hygiene-missed-alert').waitFor();
      const missedRow = page.getByTestId('hygiene-slots').locator('tbody tr', { has: page.locator('[data-status="missed"]') }).first();
      expect(await missedRow.textContent()).toContain('消毒');

      await openTab(page, 'qr');
      const unavailable = page.getByTestId('qr-unavailable');
      const image = page.getByTestId('qr-image');
      await expect.poll(async () => (await unavailable.count()) + (await image.count())).toBe(1);
      if (await unavailable.count()) expect(await unavailable.textContent()).toContain('YUNQIAO_PUBLIC_BASE_URL');
      else expect(await image.getAttribute('data-url')).toMatch(/\/m\/v\/[0-9A-Z]{12}$/);
      expect(await page.getByTestId('qr-code-text').textContent()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    });
  }, LONG);

  it('the county official reads the venue: facts, hygiene and slots, no door, visits or QR code', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/venues');
      await page.getByTestId('venues-table').locator('a', { hasText: venueName }).click();
      await page.waitForURL(/\/gov\/venues\/\d+$/);
      await expect.poll(() => page.getByTestId('venue-title').textContent()).toBe(venueName);
      expect(await page.getByTestId('venue-tab-hygiene').count()).toBe(1);
      expect(await page.getByTestId('venue-tab-slots').count()).toBe(1);
      for (const tab of ['door', 'visits', 'qr']) expect(await page.getByTestId(`venue-tab-${tab}`).count(), tab).toBe(0);
      expect(await page.getByTestId('venue-edit').count()).toBe(0);
      await openTab(page, 'hygiene');
      await expect.poll(() => page.getByTestId('hygiene-logs').locator('tbody tr', { hasText: '含氯消毒液擦拭' }).count()).toBe(1);
      expect(await page.locator('[data-testid^="hygiene-log-"]').count()).toBe(0);
    });
  }, LONG);
});
