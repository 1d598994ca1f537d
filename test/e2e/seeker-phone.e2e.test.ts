// A job seeker on a phone (issue 9, "Pages"): signs up by SMS code (purpose register) from the login
// page, with the server's notice (handler, purposes, retention, rights) shown and agreed to; fills
// in the profile (我的求职登记) — the server's 400 on a bad ID number shown under its field in zh-CN,
// the ID number's own consent asked for, the number masked once saved and kept on a later save, the
// consents on record listed —; finds a posting in 找工作 by keyword and opens its server-rendered
// page /m/jobs/{code}; authorises an agency and revokes it; sees the registration lapsed (aged in
// the database) and renews it with one tap; closes it, which signs them out. The posting is written
// and published through the API by the demo employer (the demo data holds no postings).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../src/shared/checksums.ts';
import { addDays, beijingDate } from '../../src/shared/beijing-day.ts';
import { apiSend, apiSignIn, browserPerFile, PHONE, shot, smsCode } from './browser.ts';
import { DATABASE_URL, withDb } from './db.ts';

const withPage = browserPerFile();
const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input');
const stamp = String(Date.now()).slice(-6);
/** Its letters and digits are one search term no other posting carries. */
const WORD = `sj${stamp}`;
const TITLE = `手机端测试职位 ${WORD}`;
const phone = `17${String(Date.now()).slice(-9)}`;
/** A citizen ID of 五华区 born in 1990, its check character computed. */
const first17 = `5301021990${String((Number(stamp) % 12) + 1).padStart(2, '0')}15${stamp.slice(-3)}`;
const ID = first17 + citizenIdCheckChar(first17);
/** A keyword only the paging test's postings carry, and how many there are (more than one page of 20). */
const PAGING = `分页职位${stamp}`;
const PAGING_COUNT = 23;
let postingCode = '';

beforeAll(async () => {
  const employer = await apiSignIn('employer-km');
  const draft = await apiSend(employer, 'POST', '/api/v1/postings', { title: TITLE, address: '昆明市五华区测试路 1 号', headcount: 3, salaryMin: 4000, salaryMax: 6000, salaryUnit: 'MONTH', description: '负责仓库货物收发与盘点。', contact: '0871-12345678' });
  const published = await apiSend(employer, 'POST', `/api/v1/postings/${draft.id}/publish`);
  postingCode = String(published.code);
  for (let i = 0; i < PAGING_COUNT; i++) {
    const d = await apiSend(employer, 'POST', '/api/v1/postings', { title: `${PAGING}-${i}`, address: '昆明市官渡区测试路 2 号', description: '分页测试。' });
    await apiSend(employer, 'POST', `/api/v1/postings/${d.id}/publish`);
  }
});

describe('a job seeker on a phone', () => {
  it('signs up, fills in the profile, finds a job and opens its page, authorises and revokes an agency', async () => {
    await withPage(async (page) => {
      // sign-up, from the login page (SMS mode links it too)
      await page.goto('/m/login');
      await page.getByTestId('mode-sms').click();
      await page.getByTestId('login-signup-sms').waitFor();
      await page.getByTestId('mode-password').click();
      await page.getByTestId('login-signup').click();
      await page.waitForURL((url) => url.pathname === '/m/signup');
      // the notice is the server's: the handler (a demo here, and it says so), retention, rights
      await page.getByTestId('notice').waitFor();
      expect(await page.getByTestId('notice').getAttribute('data-version')).toMatch(/^2020-02-v2-[0-9a-f]{8}$/);
      expect(await page.getByTestId('notice-handler').textContent()).toMatch(/个人信息处理者：.*演示/);
      expect(await page.getByTestId('notice-retention').textContent()).toContain('183 天');
      expect(await page.getByTestId('notice-rights').textContent()).toMatch(/查阅.*更正.*注销/);
      await field(page, 'signup-phone').fill('12345');
      await page.getByTestId('signup-send').click();
      await expect.poll(() => page.getByTestId('signup-phone-error').textContent()).toBe('请输入 11 位手机号');

      const since = Date.now();
      await field(page, 'signup-phone').fill(phone);
      await page.getByTestId('signup-send').click();
      await page.getByTestId('signup-notice').waitFor();
      const code = await smsCode(phone, since);
      // a name the server refuses (a replacement character: text once converted wrongly): its 400, in zh-CN, under the name
      await field(page, 'signup-code').fill(code);
      await field(page, 'signup-name').fill('赵\uFFFD川');
      await page.getByTestId('signup-consent').check();
      await page.getByTestId('signup-submit').click();
      await page.getByTestId('signup-name-error').waitFor();
      expect(await page.getByTestId('signup-name-error').textContent()).toMatch(/乱码/);
      // a wrong code: the server's 401 under the code field
      await field(page, 'signup-code').fill(code === '000000' ? '111111' : '000000');
      await field(page, 'signup-name').fill('赵小川');
      await page.getByTestId('signup-submit').click();
      await expect.poll(async () => (await page.getByTestId('signup-code-error').count()) > 0).toBe(true);
      expect(await page.getByTestId('signup-code-error').textContent()).toMatch(/验证码/);
      // the notice must be agreed to
      await field(page, 'signup-code').fill(code);
      await page.getByTestId('signup-consent').uncheck();
      await page.getByTestId('signup-submit').click();
      await expect.poll(() => page.getByTestId('signup-consent-error').textContent()).toBe('请先阅读并勾选同意个人信息处理告知');
      await page.getByTestId('signup-consent').check();
      await shot(page, 'm-signup');
      await page.getByTestId('signup-submit').click();

      // signed in as a seeker, on the (empty) profile
      await page.waitForURL((url) => url.pathname === '/m/seeker/profile');
      await page.getByTestId('profile-notice').waitFor();
      expect(await page.getByTestId('profile-notice').textContent()).toBe('您还没有填写求职登记，请填写后保存。');
      expect(await field(page, 'profile-name').inputValue()).toBe('赵小川');

      // a bad ID number: the server's 400, in zh-CN, under the field; nothing saved
      await field(page, 'profile-idNumber').fill('530102199001011230');
      await page.getByTestId('profile-submit').click();
      await page.getByTestId('profile-idNumber-error').waitFor();
      expect(await page.getByTestId('profile-idNumber-error').textContent()).toMatch(/身份证|校验/);

      // a good number without its own consent: the server names the consent
      await field(page, 'profile-idNumber').fill(ID);
      await page.getByTestId('profile-submit').click();
      await page.getByTestId('profile-idNumberConsent-error').waitFor();
      expect(await page.getByTestId('profile-idNumberConsent-error').textContent()).toMatch(/敏感个人信息/);
      expect(await page.getByTestId('profile-idNumber-consent').textContent()).toMatch(/选填/);
      await page.getByTestId('profile-idNumberConsent').check();
      await page.getByTestId('profile-category-new_entrant').check();
      await page.getByTestId('profile-priority-college_graduate').check();
      await page.getByTestId('profile-residence-prefecture').selectOption('5301');
      await page.locator('[data-testid="profile-residence-county"] option[value="530102"]').waitFor({ state: 'attached' });
      await page.getByTestId('profile-residence-county').selectOption('530102');
      await page.getByTestId('profile-place-prefecture').selectOption('5301');
      await page.locator('[data-testid="profile-place-county"] option[value="530103"]').waitFor({ state: 'attached' });
      await page.getByTestId('profile-place-county').selectOption('530103');
      await page.getByTestId('profile-places-add').click();
      const major = await page.locator('[data-testid="profile-occupation-0"] option').nth(4).getAttribute('value');
      await page.getByTestId('profile-occupation-0').selectOption(major ?? '');
      await page.getByTestId('profile-occupations-add').click();
      await page.getByTestId('profile-salaryMin').fill('3500');
      await page.getByTestId('profile-salaryMax').fill('5000');
      await page.getByTestId('profile-salaryUnit').selectOption('month');
      await page.getByTestId('profile-experienceYears').fill('2');
      await page.getByTestId('profile-skills').fill('叉车、仓储管理');
      await page.getByTestId('profile-visibility-employers').check();
      await page.getByTestId('profile-submit').click();
      await expect.poll(() => page.getByTestId('profile-notice').textContent()).toBe('已保存');
      const masked = await page.getByTestId('profile-id-masked').textContent();
      expect(masked).toMatch(/\*/);
      expect(masked).not.toContain(ID);
      expect(await field(page, 'profile-idNumber').inputValue()).toBe('');
      expect(await page.getByTestId('profile-consent').textContent()).toMatch(/同意了个人信息处理告知（版本 2020-02-v2-/);
      expect(await page.getByTestId('profile-id-consent').textContent()).toMatch(/单独同意处理身份证号码/);
      await shot(page, 'm-seeker-profile');

      // a reload reads it all back, places and occupations by name; a save without the ID number keeps it
      await page.reload();
      await page.getByTestId('profile-places-chip').waitFor();
      await expect.poll(() => page.getByTestId('profile-places-chip').textContent()).toMatch(/盘龙区/);
      expect(await page.getByTestId('profile-occupations-chip').getAttribute('data-code')).toBe(major);
      expect(await page.getByTestId('profile-residence-county').inputValue()).toBe('530102');
      expect(await page.getByTestId('profile-salaryMin').inputValue()).toBe('3500');
      expect(await page.getByTestId('profile-visibility-employers').isChecked()).toBe(true);
      expect(await page.getByTestId('profile-category-new_entrant').isChecked()).toBe(true);
      await page.getByTestId('profile-skills').fill('叉车');
      await page.getByTestId('profile-submit').click();
      await expect.poll(() => page.getByTestId('profile-notice').textContent()).toBe('已保存');
      expect(await page.getByTestId('profile-id-masked').textContent()).toBe(masked);

      // the start page's entries, then the job list: the keyword finds the posting, which opens its page
      await page.goto('/m/');
      await page.getByTestId('m-seeker-links').waitFor();
      expect(await page.getByTestId('m-role').textContent()).toBe('求职者');
      await page.getByTestId('m-jobs-link').click();
      await page.waitForURL((url) => url.pathname === '/m/jobs');
      await page.getByTestId('job-item').first().waitFor();
      await field(page, 'jobs-q').fill(WORD);
      await page.getByTestId('jobs-search').click();
      await expect.poll(() => page.getByTestId('job-item').count()).toBe(1);
      expect(await page.getByTestId('job-title').textContent()).toBe(TITLE);
      expect(await page.getByTestId('job-salary').textContent()).toBe('4,000–6,000 元/月');
      expect(await page.getByTestId('job-item').getAttribute('data-code')).toBe(postingCode);
      // a prefecture without it: none
      await page.getByTestId('filter-place').click();
      await page.getByTestId('jobs-place-prefecture').selectOption('5303');
      await page.getByTestId('filter-ok').click();
      await page.getByTestId('jobs-none').waitFor();
      await page.getByTestId('filter-place').click();
      await page.getByTestId('jobs-place-prefecture').selectOption('5301');
      await page.getByTestId('filter-ok').click();
      await expect.poll(() => page.getByTestId('job-item').count()).toBe(1);
      await shot(page, 'm-jobs-seeker');
      // the shell's service worker controls the page by now: it must hand the job page to the server
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined), { timeout: 15_000 }).toBe(true);
      await page.getByTestId('job-item').click();
      await page.waitForURL((url) => url.pathname === `/m/jobs/${postingCode}`);
      expect(await page.locator('h1').textContent()).toContain(TITLE);
      expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);

      // authorise an agency, then revoke it
      await page.goto('/m/');
      await page.getByTestId('m-agencies-link').click();
      await page.waitForURL((url) => url.pathname === '/m/seeker/agencies');
      await page.getByTestId('agencies-none').waitFor();
      const agency = await page.locator('[data-testid="agency-choose"] option').nth(1).getAttribute('value');
      expect(agency).toMatch(/^\d+$/);
      await page.getByTestId('agency-choose').selectOption(agency ?? '');
      await page.getByTestId('agency-authorise').click();
      await page.getByTestId('authorisation').waitFor();
      expect(await page.getByTestId('authorisation').getAttribute('data-agency')).toBe(agency);
      expect(await page.getByTestId('agencies-notice').textContent()).toMatch(/^已授权 .+ 为您服务$/);
      await shot(page, 'm-seeker-agencies');
      await page.getByTestId('authorisation-revoke').click();
      await page.getByTestId('authorisation-revoked').waitFor();
      expect(await page.getByTestId('authorisation').count()).toBe(0);
      expect(await page.getByTestId('authorisation-revoked').getAttribute('data-agency')).toBe(agency);

      // the registration lapses (aged here: the server's clock is real): the profile says so, one tap renews it
      if (DATABASE_URL) {
        const yesterday = addDays(beijingDate(new Date()), -1);
        await withDb((db) => db.updateTable('seekers').set({ valid_until: yesterday }).where('phone', '=', phone).execute());
        await page.goto('/m/seeker/profile');
        await page.getByTestId('profile-expired').waitFor();
        expect(await page.getByTestId('profile-expired').textContent()).toContain(`已于 ${yesterday} 到期`);
        await page.getByTestId('profile-renew').click();
        await expect.poll(() => page.getByTestId('profile-notice').textContent()).toMatch(/^已续期，有效期至 \d{4}-\d{2}-\d{2}$/);
        expect(await page.getByTestId('profile-expired').count()).toBe(0);
        expect(await page.getByTestId('profile-validUntil').inputValue()).toBe(addDays(beijingDate(new Date()), 183));
      }

      // closing the registration withdraws consent and signs out
      await page.goto('/m/seeker/profile');
      await page.getByTestId('profile-close').click();
      expect(await page.getByTestId('profile-close-ask').textContent()).toMatch(/删除/);
      await page.getByTestId('profile-close-confirm').click();
      await page.waitForURL((url) => url.pathname === '/m/login');
      expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    }, PHONE);
  });

  it('the job list is open to anyone and loads the next page on scrolling, no posting twice', async () => {
    await withPage(async (page) => {
      await page.goto('/m/jobs');
      await page.getByTestId('job-item').first().waitFor();
      await field(page, 'jobs-q').fill(PAGING);
      await page.getByTestId('jobs-search').click();
      await expect.poll(() => page.getByTestId('job-item').count()).toBe(20);
      await expect
        .poll(async () => {
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          return page.getByTestId('job-item').count();
        })
        .toBe(PAGING_COUNT);
      await page.getByTestId('jobs-end').waitFor();
      const titles = await page.getByTestId('job-title').allTextContents();
      expect(new Set(titles).size).toBe(PAGING_COUNT);
      expect(titles.every((t) => t.startsWith(PAGING))).toBe(true);
      expect(await page.getByTestId('job-salary').first().textContent()).toBe('面议');
    }, PHONE);
  });
});
