// The matcher's pages (issue 12): a job seeker on a phone sees 为你推荐 — the posting made for them
// first, with its employer, place, pay, 匹配度 and the reasons as tags — opens its job page, then
// switches 个性化推荐 off on the profile (PIPL art. 24) and is told nothing is recommended; the
// employer sees 推荐人选 for its posting, surnames only, with the reasons, and not the seeker who
// switched recommendations off; an agency administrator sees both sides: 推荐职位 for a seeker it
// serves, and 推荐人选 for a posting of an employer that authorised it, the seeker who authorised
// the agency marked and named in full. The data is this file's own: employer-km publishes one
// posting (its words carry WORD, a term no other file uses), four job seekers fill in their
// registrations through the API, and a new administrator acts for 云南西山劳务派遣有限公司, which
// employer-km authorises with a signed document. Screenshots: docs/screenshots/matching-*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSend, apiSignIn, BASE_URL, browserPerFile, openAs, PASSWORD, PHONE, pagesWithShots, SHOTS_DIR, shot } from './browser.ts';
import { agencyIn, createPerson, DATABASE_URL, withDb } from './db.ts';
import { randomMobile } from './xlsx.ts';

/** A fresh page; on a failure its screenshot is kept in test-results/e2e/matching-page-<n>.png. */
const withPage = pagesWithShots(browserPerFile(), 'matching');
const stamp = String(Date.now()).slice(-6);
/** Letters and digits: one search term in the posting's title and the seekers' skills, so the text fit is theirs alone. */
const WORD = `pp${stamp}`;
const TITLE = `叉车司机 ${WORD}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** `mark`: a term of the seeker's skills no one else has, to find their row by. */
type Person = { username: string; cookie: string; name: string; mark: string; seekerId: number };
const fixture = { postingId: 0, code: '', agency: { id: 0, name: '' }, agencyAdmin: '' };
const people: Record<'phone' | 'shown' | 'off' | 'served', Person> = {} as Record<'phone' | 'shown' | 'off' | 'served', Person>;

/**
 * A job seeker of this file: a person with a seeker membership and a phone, registered (PUT
 * /seekers/me) as a forklift driver living in 五华区 looking for production work there at
 * 4,000–5,000 a month, with the file's word and their own `key` in the skills; `extra` overrides
 * the registration. No priority group: the demo's postings open to one would get a boost.
 */
async function seeker(key: string, name: string, extra: Record<string, unknown> = {}): Promise<Person> {
  const username = await createPerson({ password: PASSWORD, displayName: name, memberships: [{ role: 'seeker', seeker_group: 'other' }] });
  await withDb((db) => db.updateTable('accounts').set({ phone: randomMobile() }).where('username', '=', username).execute());
  const cookie = await apiSignIn(username);
  const mark = `${key}${stamp}`;
  const profile = await apiSend(cookie, 'PUT', '/api/v1/seekers/me', {
    name,
    residenceDivision: '530102',
    desiredOccupations: ['6'],
    salaryMin: 4000,
    salaryMax: 5000,
    salaryUnit: 'month',
    educationCode: '70',
    experienceYears: 3,
    skills: `叉车驾驶 ${WORD} ${mark}`,
    visibility: 'employers',
    ...extra,
  });
  return { username, cookie, name, mark, seekerId: Number(profile.id) };
}

beforeAll(async () => {
  if (!DATABASE_URL) return;
  // employer-km's posting: a production job (大典 major group 6) in 五华区, paying above what the seekers ask
  const employer = await apiSignIn('employer-km');
  const draft = await apiSend(employer, 'POST', '/api/v1/postings', {
    title: TITLE,
    occupationCode: '6',
    address: '昆明市五华区测试路 12 号',
    headcount: 2,
    salaryMin: 5000,
    salaryMax: 6000,
    salaryUnit: 'MONTH',
    description: `仓库叉车作业与货物装卸，持叉车证，${WORD}。`,
    contact: '0871-12345678',
    validUntil: '2099-12-31',
  });
  const published = await apiSend(employer, 'POST', `/api/v1/postings/${draft.id}/publish`);
  fixture.postingId = Number(draft.id);
  fixture.code = String(published.code);

  // the agency: a new administrator of 西山's agency, which employer-km authorises with a signed document
  fixture.agency = await agencyIn('530112');
  fixture.agencyAdmin = await createPerson({ password: PASSWORD, displayName: '西山机构管理员', memberships: [{ role: 'agency_admin', org_division: '530112', agency_id: fixture.agency.id }] });
  const upload = await fetch(`${BASE_URL}/api/v1/attachments?kind=employer_authorisation&divisionCode=530102`, { method: 'POST', headers: { cookie: employer, 'x-requested-with': 'yunqiao', 'content-type': 'application/pdf' }, body: PDF });
  if (upload.status !== 201) throw new Error(`the authorisation document: ${upload.status} ${await upload.text()}`);
  const documentId = ((await upload.json()) as { id: number }).id;
  await apiSend(employer, 'POST', '/api/v1/employers/me/authorisations', { agencyId: fixture.agency.id, documentId });

  // the seekers: the phone's, one employers see, one who switched recommendations off, one the agency serves (shown to agencies only)
  people.phone = await seeker('ph', '欧阳明远');
  people.shown = await seeker('sh', '司马青山');
  people.off = await seeker('of', '诸葛长风', { recommendations: false });
  people.served = await seeker('sv', '上官云舒', { visibility: 'agencies' });
  await apiSend(people.served.cookie, 'POST', '/api/v1/seekers/me/authorisations', { agencyId: fixture.agency.id });
}, 120_000);

/** The codes of a list's reason tags. */
const reasonCodes = (row: ReturnType<Page['locator']>, testId: string) => row.getByTestId(testId).evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));

describe.skipIf(!DATABASE_URL)('recommendations on the phone and the desks', () => {
  it('a job seeker sees recommended jobs with reasons, opens one, switches recommendations off and is told so', async () => {
    await withPage(async (page) => {
      await openAs(page, people.phone.username, '/m/');
      await page.getByTestId('m-recommended-link').click();
      await page.waitForURL((url) => url.pathname === '/m/seeker/recommended');
      const items = page.getByTestId('rec-item');
      await items.first().waitFor();
      // the posting made for them is the best: it fits on occupation, place, pay and words
      const first = items.first();
      expect(await first.getAttribute('data-code')).toBe(fixture.code);
      expect(await first.getByTestId('rec-title').textContent()).toBe(TITLE);
      expect(await first.getByTestId('rec-company').textContent()).toBe('昆明康泰医用防护用品有限公司');
      expect(await first.getByTestId('rec-salary').textContent()).toBe('5,000–6,000 元/月');
      await expect.poll(() => first.getByTestId('rec-place').textContent()).toBe('五华区');
      expect(await first.getByTestId('rec-score').textContent()).toMatch(/^匹配度 \d{1,3}%$/);
      expect(Number(await first.getAttribute('data-score'))).toBeGreaterThanOrEqual(60);
      // the reasons, in zh-CN, strongest first: the occupation group, the county, the pay
      const codes = await reasonCodes(first, 'rec-reason');
      expect(codes).toEqual(expect.arrayContaining(['same_major_group', 'same_county', 'salary_fits']));
      expect(await first.getByTestId('rec-reason').allTextContents()).toEqual(expect.arrayContaining(['职业大类相同', '在现居住的区县', '薪酬达到期望']));
      // best first: the scores never rise down the list
      const scores = (await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))))) as number[];
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      await page.screenshot({ path: join(SHOTS_DIR, 'matching-seeker.png') });

      // an item opens the server-rendered job page
      await first.click();
      await page.waitForURL((url) => url.pathname === `/m/jobs/${fixture.code}`);
      expect(await page.locator('h1').textContent()).toContain(TITLE);

      // 个性化推荐 off on the profile (saved with it), with what switching it off means
      await page.goto('/m/seeker/profile');
      const sw = page.getByTestId('profile-recommendations');
      await expect.poll(() => sw.getAttribute('aria-checked')).toBe('true');
      expect(await page.getByTestId('profile-recommendations-help').textContent()).toContain('关闭后不再根据您的个人特征推荐职位，也不会向用人单位推荐您');
      await sw.click();
      expect(await sw.getAttribute('aria-checked')).toBe('false');
      await page.getByTestId('profile-submit').click();
      await expect.poll(() => page.getByTestId('profile-notice').textContent()).toBe('已保存');
      await page.reload();
      await expect.poll(() => page.getByTestId('profile-recommendations').getAttribute('aria-checked')).toBe('false');

      // 为你推荐 now says they are off, lists nothing, and leads back to the switch
      await page.goto('/m/');
      await page.getByTestId('m-recommended-link').click();
      await page.getByTestId('rec-off').waitFor();
      expect(await page.getByTestId('rec-off').textContent()).toMatch(/已关闭个性化推荐.*不会向用人单位推荐您/);
      expect(await page.getByTestId('rec-item').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS_DIR, 'matching-seeker-off.png') });
      await page.getByTestId('rec-turn-on').click();
      await page.waitForURL((url) => url.pathname === '/m/seeker/profile' && url.hash === '#recommendations');
      await expect.poll(() => page.getByTestId('profile-recommendations').getAttribute('aria-checked')).toBe('false');
    }, PHONE);
  });

  it('a job seeker without a registration is asked to fill it in first', async () => {
    const fresh = await createPerson({ password: PASSWORD, displayName: '新注册求职者', memberships: [{ role: 'seeker', seeker_group: 'other' }] });
    await withPage(async (page) => {
      await openAs(page, fresh, '/m/seeker/recommended');
      await page.getByTestId('rec-need-profile').waitFor();
      expect(await page.getByTestId('rec-need-profile').textContent()).toBe('请先填写求职登记，我们才能为您推荐职位。');
      expect(await page.getByTestId('rec-item').count()).toBe(0);
    }, PHONE);
  });

  it('the employer sees candidates for its posting with reasons, surnames only, none who switched recommendations off', async () => {
    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/postings?q=${encodeURIComponent(TITLE)}`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: TITLE });
      await row.getByTestId('posting-candidates').click();
      await page.waitForURL((url) => url.pathname === `/home/postings/${fixture.postingId}/candidates`);
      expect(await page.getByTestId('candidates-posting').textContent()).toContain(TITLE);
      const candidates = page.locator('[data-testid="candidates-table"] [data-testid="candidate"]');
      const shown = candidates.filter({ hasText: people.shown.mark });
      await shown.waitFor();
      // the surname, the rest masked; nobody marked as the employer's own
      expect(await shown.getByTestId('candidate-name').textContent()).toBe('司**');
      expect(await page.locator('[data-testid="candidates-table"]').textContent()).not.toContain(people.shown.name);
      expect(await page.getByTestId('candidate-authorised').count()).toBe(0);
      await expect.poll(() => shown.getByTestId('candidate-education').textContent()).toBe('初中');
      expect(await shown.getByTestId('candidate-experience').textContent()).toBe('3 年');
      expect(await shown.getByTestId('match-percent').textContent()).toMatch(/^\d{1,3}%$/);
      expect(await reasonCodes(shown, 'match-reason')).toEqual(expect.arrayContaining(['same_major_group', 'same_county']));
      expect(await shown.getByTestId('match-reason').allTextContents()).toEqual(expect.arrayContaining(['职业大类相同']));
      // the seeker who switched recommendations off is proposed to no employer (PIPL art. 24), nor the phone's once they did
      expect(await candidates.filter({ hasText: people.off.mark }).count()).toBe(0);
      expect(await candidates.filter({ hasText: people.phone.mark }).count()).toBe(0);
      // nor the one who shows the registration to agencies only
      expect(await candidates.filter({ hasText: people.served.mark }).count()).toBe(0);
      await shot(page, 'matching-employer');
    });
  });

  it('an agency administrator sees recommended jobs for a seeker it serves, and candidates for an employer it recruits for', async () => {
    await withPage(async (page) => {
      // 服务的求职者: the seeker who authorised the agency, with the way to the recommended jobs
      await openAs(page, fixture.agencyAdmin, '/agency/seekers');
      const seekerRow = page.locator(`[data-testid="seeker-row"][data-id="${people.served.seekerId}"]`);
      await seekerRow.waitFor();
      expect(await seekerRow.getByTestId('seeker-name').textContent()).toBe(people.served.name);
      expect(await seekerRow.getByTestId('seeker-recommendations').getAttribute('data-on')).toBe('true');
      // only those who authorised it: not the seekers who let every employer see them
      expect(await page.locator(`[data-testid="seeker-row"][data-id="${people.shown.seekerId}"]`).count()).toBe(0);
      await seekerRow.getByTestId('seeker-jobs').click();
      await page.waitForURL((url) => url.pathname === `/agency/seekers/${people.served.seekerId}/jobs`);
      expect(await page.getByTestId('jobs-seeker').textContent()).toBe(people.served.name);
      const job = page.locator(`[data-testid="job-match"][data-code="${fixture.code}"]`);
      await job.waitFor();
      expect(await page.locator('[data-testid="job-match"]').first().getAttribute('data-code')).toBe(fixture.code);
      expect(await job.getByTestId('job-match-title').textContent()).toBe(TITLE);
      expect(await job.getByTestId('posting-salary').textContent()).toBe('5000–6000 元/月');
      expect(await job.getByTestId('match-percent').textContent()).toMatch(/^\d{1,3}%$/);
      expect(await reasonCodes(job, 'match-reason')).toEqual(expect.arrayContaining(['same_major_group', 'same_county', 'salary_fits']));
      await shot(page, 'matching-agency-jobs');

      // the posting of the employer it recruits for: its candidates, the served seeker marked and named
      await page.goto(`/agency/postings?q=${encodeURIComponent(TITLE)}`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: TITLE });
      await row.getByTestId('posting-candidates').click();
      await page.waitForURL((url) => url.pathname === `/agency/postings/${fixture.postingId}/candidates`);
      const candidates = page.locator('[data-testid="candidates-table"] [data-testid="candidate"]');
      const served = candidates.filter({ hasText: people.served.mark });
      await served.waitFor();
      expect(await served.getAttribute('data-authorised')).toBe('true');
      expect(await served.getByTestId('candidate-name').textContent()).toBe(people.served.name);
      expect(await served.getByTestId('candidate-authorised').textContent()).toBe('已授权本机构');
      expect(await reasonCodes(served, 'match-reason')).toEqual(expect.arrayContaining(['same_major_group']));
      // a seeker shown to every employer is proposed too, unmarked and by surname only
      const shown = candidates.filter({ hasText: people.shown.mark });
      await shown.waitFor();
      expect(await shown.getAttribute('data-authorised')).toBe('false');
      expect(await shown.getByTestId('candidate-name').textContent()).toBe('司**');
      expect(await candidates.filter({ hasText: people.off.mark }).count()).toBe(0);
      await shot(page, 'matching-agency-candidates');
    });
  });

  it('an official overseeing the posting is offered no candidates: they are the employer\'s and its agency\'s', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', `/gov/postings?q=${encodeURIComponent(TITLE)}`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: TITLE });
      await row.waitFor();
      expect(await row.getByTestId('posting-candidates').count()).toBe(0);
    });
  });
});
