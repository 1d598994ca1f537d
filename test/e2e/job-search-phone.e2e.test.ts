// 找工作 on a phone (issue 10, the search page over GET /api/v1/postings/search): the words typed
// in the search bar find this file's postings with the words marked in titles and snippets (as
// <mark>, never HTML); scrolling loads the next page until the end, each posting once; a filter
// (open to 农民工, pay, place) narrows the list and is kept in the URL, so the back button and a
// shared link restore it; the order 最新发布 reorders; an item opens its server-rendered page
// /m/jobs/{code}; the server's 400 is shown as it says it, and a failed load offers 重试. The
// postings are published through the API by the demo employer, all carrying a word no other
// file uses (WORD), and every search names it: the other files' postings never show.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSend, apiSignIn, browserPerFile, PHONE, SHOTS_DIR } from './browser.ts';

const withPage = browserPerFile();
const stamp = String(Date.now()).slice(-6);
/** Letters and digits: one search term, so a search for it alone never widens to any-word matching. */
const WORD = `ms${stamp}`;
/** More than one page (the page asks for 20). */
const COUNT = 24;
/** Codes of the postings by their order of publication, and the salary each shows. */
const codes: string[] = [];
const salaryOf = new Map<string, string>();
const migrant = new Set<string>();

/** Posting i: every fourth open to migrant workers at 5,000–7,000 a month; one 面议, one paid by the day, the rest 3,500–4,500 a month. The first names WORD thrice (the best match). */
function postingOf(i: number) {
  const pay =
    i % 4 === 0
      ? { salaryMin: 5000, salaryMax: 7000, salaryUnit: 'MONTH', priorityGroups: ['migrant'] }
      : i === 1
        ? {}
        : i === 2
          ? { salaryMin: 200, salaryMax: 300, salaryUnit: 'DAY' }
          : { salaryMin: 3500, salaryMax: 4500, salaryUnit: 'MONTH' };
  const text = i === 0 ? `${WORD} 普工 ${WORD}` : `普工 ${WORD}`;
  return {
    title: `${text} 第${i + 1}批`,
    address: '昆明市五华区测试路 9 号',
    headcount: 5,
    description: `车间包装与搬运，包吃住，两班倒。岗位编号 ${text}，欢迎返乡农民工报名。`,
    contact: '0871-12345678',
    ...pay,
  };
}

const items = (page: Page) => page.getByTestId('job-item');
const codesShown = (page: Page) => items(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
/** The list once it stopped loading: its end, its empty state or an error. */
const settled = (page: Page) => page.locator('[data-testid="jobs-end"], [data-testid="jobs-none"], [data-testid="jobs-error"]').first().waitFor();

/** Scrolls to the bottom until `n` hits are listed (InfiniteScroll loads the next page near the end). */
async function scrollUntil(page: Page, n: number): Promise<void> {
  await expect
    .poll(async () => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      return items(page).count();
    })
    .toBe(n);
}

beforeAll(async () => {
  const employer = await apiSignIn('employer-km');
  for (let i = 0; i < COUNT; i++) {
    const body = postingOf(i);
    const draft = await apiSend(employer, 'POST', '/api/v1/postings', body);
    const published = await apiSend(employer, 'POST', `/api/v1/postings/${draft.id}/publish`);
    const code = String(published.code);
    codes.push(code);
    salaryOf.set(code, i % 4 === 0 ? '5,000–7,000 元/月' : i === 1 ? '面议' : i === 2 ? '200–300 元/日' : '3,500–4,500 元/月');
    if (i % 4 === 0) migrant.add(code);
  }
});

describe('找工作 on a phone', () => {
  it('finds by words with the words marked, loads the next page on scrolling, and opens a job page', async () => {
    await withPage(async (page) => {
      await page.goto('/m/jobs');
      const q = page.getByTestId('jobs-q').locator('input');
      await q.fill(`普工 ${WORD}`);
      await q.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === `普工 ${WORD}`);
      // a page of 20 of them, the best match (WORD thrice) first
      await expect.poll(() => items(page).count()).toBe(20);
      expect((await codesShown(page)).every((c) => codes.includes(c))).toBe(true);
      expect(await items(page).first().getAttribute('data-code')).toBe(codes[0]);
      // both words marked, in the title and in the snippet; the rest is text
      const first = items(page).first();
      expect(await first.getByTestId('job-title').textContent()).toBe(`${WORD} 普工 ${WORD} 第1批`);
      expect(await first.getByTestId('job-title').locator('mark').allTextContents()).toEqual([WORD, '普工', WORD]);
      expect(await first.getByTestId('job-snippet').locator('mark').allTextContents()).toEqual(expect.arrayContaining(['普工', WORD]));
      expect(await first.getByTestId('job-company').textContent()).toBe('昆明康泰医用防护用品有限公司');
      expect(await first.getByTestId('job-place').textContent()).toBe('五华区');
      // the first screen, as docs/screenshots/m-jobs.png shows it
      await page.screenshot({ path: join(SHOTS_DIR, 'm-jobs.png') });

      // scrolling brings the rest, each once, then the end
      await scrollUntil(page, COUNT);
      await page.getByTestId('jobs-end').waitFor();
      const shown = await codesShown(page);
      expect(new Set(shown).size).toBe(COUNT);
      expect([...shown].sort()).toEqual([...codes].sort());
      // pay as each posting states it: 面议 without one, the day's unit kept
      for (const [i, code] of shown.entries()) expect(await items(page).nth(i).getByTestId('job-salary').textContent(), code).toBe(salaryOf.get(code));

      // an item is a plain link to the server-rendered job page
      const code = codes[5] ?? '';
      await page.locator(`[data-testid="job-item"][data-code="${code}"]`).click();
      await page.waitForURL((url) => url.pathname === `/m/jobs/${code}`);
      expect(await page.locator('h1').textContent()).toContain(`普工 ${WORD} 第6批`);
      // and back: the same search again
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/m/jobs' && url.searchParams.get('q') === `普工 ${WORD}`);
      await expect.poll(() => items(page).count()).toBe(20);
    }, PHONE);
  });

  it('narrows by filters kept in the URL: the back button and a shared link restore them', async () => {
    await withPage(async (page) => {
      await page.goto(`/m/jobs?q=${WORD}`);
      await expect.poll(() => items(page).count()).toBe(20);
      expect(await page.getByTestId('jobs-q').locator('input').inputValue()).toBe(WORD);

      // open to 农民工: the six postings that say so
      await page.getByTestId('filter-more').click();
      await page.getByTestId('filter-openTo').getByText('农民工').click();
      await page.getByTestId('filter-ok').click();
      await page.waitForURL((url) => url.searchParams.get('openTo') === 'migrant');
      await expect.poll(async () => (await codesShown(page)).sort()).toEqual([...migrant].sort());
      await settled(page);
      expect(await page.getByTestId('filter-more').textContent()).toContain('筛选·1');

      // back: all of them again, the words still in the bar
      await page.goBack();
      await page.waitForURL((url) => url.searchParams.get('openTo') === null && url.searchParams.get('q') === WORD);
      await expect.poll(() => items(page).count()).toBe(20);
      expect(await page.getByTestId('filter-more').textContent()).not.toContain('·');

      // pay from 4,600 a month: the ranges reaching it (5,000–7,000), not 3,500–4,500, not 面议, not by the day
      await page.getByTestId('filter-salary').click();
      await page.getByTestId('filter-salary-min').locator('input').fill('4600');
      await page.getByTestId('filter-ok').click();
      await page.waitForURL((url) => url.searchParams.get('salaryMin') === '4600' && url.searchParams.get('salaryUnit') === 'MONTH');
      await expect.poll(async () => (await codesShown(page)).sort()).toEqual([...migrant].sort());
      expect(await page.getByTestId('filter-salary').textContent()).toContain('4,600+ 元/月');

      // a prefecture they are not in (曲靖): none, and 清除筛选 keeps the words
      await page.getByTestId('filter-place').click();
      await page.getByTestId('jobs-place-prefecture').selectOption('5303');
      await page.getByTestId('filter-ok').click();
      await page.waitForURL((url) => url.searchParams.get('division') === '5303');
      await page.getByTestId('jobs-none').waitFor();
      expect(await items(page).count()).toBe(0);
      await expect.poll(() => page.getByTestId('filter-place').textContent()).toContain('曲靖市');
      await page.getByTestId('jobs-clear-filters').click();
      await page.waitForURL((url) => url.search === `?q=${WORD}`);
      await expect.poll(() => items(page).count()).toBe(20);

      // their own county (五华区): all of them
      await page.getByTestId('filter-place').click();
      await page.getByTestId('jobs-place-prefecture').selectOption('5301');
      await page.getByTestId('jobs-place-county').selectOption('530102');
      await page.getByTestId('filter-ok').click();
      await page.waitForURL((url) => url.searchParams.get('division') === '530102');
      await scrollUntil(page, COUNT);

      // 最新发布: the last published first (by relevance the first one leads)
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('filter-sort').click();
      await page.getByTestId('filter-sort-panel').getByText('最新发布').click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'newest');
      await expect.poll(() => items(page).first().getAttribute('data-code')).toBe(codes[COUNT - 1]);
    }, PHONE);

    // a link shared with someone else opens the same search
    await withPage(async (page) => {
      await page.goto(`/m/jobs?q=${WORD}&openTo=migrant&sort=newest`);
      await expect.poll(() => codesShown(page)).toEqual([...codes].reverse().filter((c) => migrant.has(c)));
      expect(await page.getByTestId('filter-sort').textContent()).toContain('最新发布');
      expect(await page.getByTestId('jobs-q').locator('input').inputValue()).toBe(WORD);
    }, PHONE);
  });

  it('offers 重试 after a failed load, and shows the server’s 400 as it says it', async () => {
    await withPage(async (page) => {
      // no service worker in this page: the failure below is the page's own request, which page.route sees
      await page.addInitScript(() => {
        delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
      });
      // the network fails once: the message and 重试, which then loads the list
      let failures = 0;
      await page.route('**/api/v1/postings/search?**', (route) => (failures++ === 0 ? route.abort('internetdisconnected') : route.continue()));
      await page.goto(`/m/jobs?q=${WORD}`);
      await page.getByTestId('jobs-retry').waitFor();
      expect(await page.getByTestId('jobs-error').textContent()).toBe('没有连上网络，请检查网络后重试');
      expect(await items(page).count()).toBe(0);
      await page.getByTestId('jobs-retry').click();
      await expect.poll(() => items(page).count()).toBe(20);
      expect(await page.getByTestId('jobs-error').count()).toBe(0);
      expect(failures).toBeGreaterThanOrEqual(2);

      // words longer than the API takes (200 characters): its message, and no 重试 (the same question, the same answer)
      await page.goto(`/m/jobs?q=${'普工'.repeat(101)}`);
      const error = page.getByTestId('jobs-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/关键词.*200/);
      expect(await page.getByTestId('jobs-retry').count()).toBe(0);
    }, PHONE);
  });
});
