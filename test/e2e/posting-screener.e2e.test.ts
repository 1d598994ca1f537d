// The screener on the posting form (issue 11): an employer types a description that asks for men
// only and an age range; the panel under it shows a block with the sex hit marked in its sentence
// and the age hit for review; one tap on 采用建议 puts 男女不限 in place of 限男性 and the check runs
// again (the age hit stays). Publishing a text that blocks from the form (保存并发布) is refused and
// every detail the server gives is listed under the form; from the list, the refusal lists them and
// leads to the form, where the hits show.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSend, apiSignIn, browserPerFile, openAs, pagesWithShots, shot } from './browser.ts';
import { DATABASE_URL } from './db.ts';

/** A fresh page; on a failure its screenshot is kept in test-results/e2e/posting-screener-page-<n>.png. */
const withPage = pagesWithShots(browserPerFile(), 'posting-screener');

const SLOW = { timeout: 120_000 };
const hits = (page: Page, category: string) => page.locator(`[data-testid="screen-hit"][data-category="${category}"]`);

describe.skipIf(!DATABASE_URL)('the posting form screens what is typed', () => {
  it('shows the hits of the description and puts the suggested wording in place of a phrase in one tap', SLOW, async () => {
    await withPage(async (page) => {
      await openAs(page, 'employer-km', '/home/postings/new');
      const description = page.getByTestId('posting-description-input');
      await description.fill('招聘普工，限男性，年龄18-35岁。');
      const panel = page.getByTestId('screen-panel');
      await expect.poll(() => panel.getAttribute('data-verdict')).toBe('block');
      await expect.poll(() => hits(page, 'sex').count()).toBe(1);
      expect(await hits(page, 'sex').getAttribute('data-verdict')).toBe('block');
      expect(await hits(page, 'sex').getByTestId('screen-mark').textContent()).toBe('限男性');
      expect(await hits(page, 'sex').textContent()).toContain('性别');
      expect(await hits(page, 'sex').getByTestId('screen-basis').textContent()).toContain('就业促进法');
      expect(await hits(page, 'age').getAttribute('data-verdict')).toBe('review');
      expect(await panel.textContent()).toContain('含就业歧视或违法收费表述，不能发布');
      await shot(page, 'posting-screener');

      await hits(page, 'sex').getByTestId('screen-apply').click();
      await expect.poll(() => description.inputValue()).toBe('招聘普工，男女不限，年龄18-35岁。');
      // checked again: the sex hit is gone, the age one stays (review)
      await expect.poll(() => hits(page, 'sex').count()).toBe(0);
      await expect.poll(() => panel.getAttribute('data-verdict')).toBe('review');
      expect(await hits(page, 'age').count()).toBe(1);
      expect(await panel.textContent()).toContain('发布后将进入人工审核');
      await shot(page, 'posting-screener-applied');

      // emptied, the panel goes; a lawful text gets a quiet line
      await description.fill('');
      await expect.poll(() => panel.count()).toBe(0);
      await description.fill('招聘普工，男女不限，包吃住。');
      await expect.poll(() => panel.getAttribute('data-verdict')).toBe('pass');
      expect(await panel.textContent()).toContain('未发现歧视性表述');
    });
  });

  it('lists every detail of a refused publish under the form, and the hits beside the description', SLOW, async () => {
    await withPage(async (page) => {
      await openAs(page, 'employer-km', '/home/postings/new');
      await page.getByTestId('posting-title-input').fill(`普工${Date.now().toString(36)}`);
      await page.getByTestId('posting-description-input').fill('招聘普工，入职需缴纳押金200元。');
      await page.getByTestId('posting-save-publish').click();
      await page.getByTestId('confirm-publish').click();
      const refused = page.getByTestId('publish-blocked');
      await refused.waitFor();
      const details = await refused.getByTestId('blocked-detail').allTextContents();
      expect(details.length).toBeGreaterThan(0);
      expect(details.join('\n')).toContain('需缴纳押金200元');
      await expect.poll(() => page.getByTestId('screen-panel').getAttribute('data-verdict')).toBe('block');
      expect(await hits(page, 'fee').getByTestId('screen-mark').textContent()).toBe('需缴纳押金200元');
      // the posting was kept as a draft: still on the form, which now edits it
      expect(new URL(page.url()).pathname).toBe('/home/postings/new');
      await shot(page, 'posting-screener-refused');
    });
  });

  it('a publish refused from the list lists the details and leads to the form, where the phrase is marked', SLOW, async () => {
    const cookie = await apiSignIn('employer-km');
    const title = `包装工${Date.now().toString(36)}`;
    await apiSend(cookie, 'POST', '/api/v1/postings', { title, description: '招聘包装工，限男性。' });
    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/postings?q=${encodeURIComponent(title)}`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: title });
      await row.getByTestId('posting-publish').click();
      await page.getByTestId('confirm-publish').click();
      const details = page.getByTestId('publish-blocked').getByTestId('blocked-detail');
      await details.first().waitFor();
      expect((await details.allTextContents()).join('\n')).toContain('限男性');
      await page.getByTestId('blocked-edit').click();
      await expect.poll(() => page.getByTestId('screen-panel').getAttribute('data-verdict')).toBe('block');
      expect(await hits(page, 'sex').getByTestId('screen-mark').textContent()).toBe('限男性');
    });
  });
});
