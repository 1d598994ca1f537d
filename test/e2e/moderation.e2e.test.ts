// Reports and moderation in the browser (issue 9; decision 0037): someone not signed in opens an
// open job page, follows its 举报 link and sends the plain form; the 五华区 bureau finds the case on
// 举报处理, reads the report (phone masked), and takes the posting down through the reason dialog;
// the job page then says it was taken down. 职位审核 opens for the county as an (empty or not) list.
import { describe, expect, it } from 'vitest';
import { browserPerFile, openAs } from './browser.ts';
import { DATABASE_URL } from './db.ts';

const withPage = browserPerFile();
const HEADERS = { 'x-requested-with': 'yunqiao' };

describe.skipIf(!DATABASE_URL)('reports and the moderation desk', () => {
  it('anyone reports from the job page; the county takes the posting down with a reason', { timeout: 120_000 }, async () => {
    const title = `e2e举报职位${Date.now().toString(36)}`;
    const code = await withPage(async (page) => {
      await openAs(page, 'employer-km', null);
      const created = await page.request.post('/api/v1/postings', { headers: HEADERS, data: { title, description: '长白班，包吃住。', validUntil: '2099-12-31' } });
      expect(created.status()).toBe(201);
      const published = await page.request.post(`/api/v1/postings/${(await created.json()).id}/publish`, { headers: HEADERS });
      expect(published.status()).toBe(200);
      return (await published.json()).code as string;
    });

    // not signed in: the job page, its link, the form
    await withPage(async (page) => {
      await page.goto(`/m/jobs/${code}`);
      await page.getByRole('link', { name: '举报该职位' }).click();
      await page.waitForURL(`**/m/jobs/${code}/report`);
      await page.selectOption('#category', 'fee_charged');
      await page.fill('#text', '面试时要求先交 300 元服装费');
      await page.fill('#contactPhone', '13912345603');
      await page.getByRole('button', { name: '提交举报' }).click();
      await page.locator('.done').waitFor();
      expect(await page.locator('.done').textContent()).toContain('已收到您的举报');
    });

    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/reports');
      const row = page.locator('tr', { has: page.getByText(title) });
      await row.waitFor();
      await row.getByTestId('case-open').click();
      await expect.poll(() => page.getByTestId('case-reports').textContent()).toContain('服装费');
      await expect.poll(() => page.getByTestId('report-phone').textContent()).toBe('139****5603');
      await page.getByTestId('case-takedown').click();
      // the dialog refuses an empty reason
      await page.getByTestId('takedown-confirm').click();
      await page.getByText('请填写下架原因').waitFor();
      await page.getByTestId('takedown-reason').fill('向求职者收取费用');
      await page.getByTestId('takedown-confirm').click();
      await page.getByText('已下架，已通知发布单位').waitFor();
      await page.goto('/gov/reports?status=closed');
      const closed = page.locator('tr', { has: page.getByText(title) });
      await expect.poll(() => closed.textContent()).toContain('已下架');
      await page.goto('/gov/moderation');
      await page.getByTestId('cases-table').waitFor();
      await page.getByText('筛查标记的职位在审核通过前不公开', { exact: false }).waitFor();
    });

    await withPage(async (page) => {
      await page.goto(`/m/jobs/${code}`);
      await expect.poll(() => page.locator('.closed').getAttribute('data-status')).toBe('taken_down');
      expect(await page.getByText('举报该职位').count()).toBe(0);
    });
  });
});
