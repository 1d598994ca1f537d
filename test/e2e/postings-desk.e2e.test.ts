// Postings on the desks (issue 9): the 五华区 bureau approves an employer's own registration after
// viewing its licence scan; the new employer's account writes a draft (occupation from the table,
// 面议 or a salary range) and publishes it; an employer authorises an agency of another county with
// the signed document, the agency writes and publishes a posting for it, and after the revocation
// the agency's list no longer holds it.
import { type Page, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCode } from '../helpers/factories.ts';
import { BASE_URL, browserPerFile, openAs, PASSWORD, pagesWithShots, pickOption } from './browser.ts';
import { agencyIn, createPerson, DATABASE_URL } from './db.ts';

/** A fresh page; on a failure its screenshot is kept in test-results/e2e/postings-page-<n>.png. */
const withPage = pagesWithShots(browserPerFile(), 'postings');

/** The rows of the employer's authorisations list for agency `agencyId` (its number exactly), live or revoked. */
const authorisationRows = (page: Page, agencyId: number, state: 'live' | 'revoked') =>
  page
    .locator('[data-testid="authorisations-table"] tr')
    .filter({ has: page.getByTestId('auth-agency').getByText(String(agencyId), { exact: true }) })
    .filter({ has: page.locator(`[data-testid="auth-state"][data-state="${state}"]`) });

/** An antd number input by its test id (the id may sit on the input or on its wrapper). */
const numberInput = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** An API session of `username` (the demo password). */
async function apiAs(username: string) {
  const api = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'X-Requested-With': 'yunqiao' } });
  const signedIn = await api.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  if (signedIn.status() !== 200) throw new Error(`${username} did not sign in: ${signedIn.status()}`);
  return api;
}

/** A person registers an employer in 五华区 with a licence scan, through the API; returns its name. */
async function registerEmployer(): Promise<string> {
  const applicant = await createPerson({ password: PASSWORD, displayName: '登记申请人', memberships: [{ role: 'seeker', seeker_group: 'other' }] });
  const api = await apiAs(applicant);
  try {
    const scan = await api.post('/api/v1/attachments?kind=business_licence&divisionCode=530102', { data: PDF, headers: { 'content-type': 'application/pdf' } });
    expect(scan.status(), await scan.text()).toBe(201);
    const name = `五华浏览器测试餐饮有限公司${Date.now().toString(36)}`;
    const reg = await api.post('/api/v1/employer-registrations', {
      data: { creditCode: creditCode('530102'), name, industryCode: '2770', ownershipType: 'private', divisionCode: '530102', address: '五华区测试路 9 号', contactName: '钱七', contactPhone: '13900000088', licenceAttachmentId: (await scan.json()).id },
    });
    expect(reg.status(), await reg.text()).toBe(201);
    return name;
  } finally {
    await api.dispose();
  }
}

// one step per test, in order (a loaded machine makes a whole story slower than one test's limit)
const SLOW = { timeout: 120_000 };

describe.skipIf(!DATABASE_URL)('postings on the desks: an employer registers itself', () => {
  let employerId = 0;

  it('the county approves the registration after viewing the licence scan', SLOW, async () => {
    const name = await registerEmployer();
    employerId = await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/employer-registrations');
      const row = page.locator('[data-testid="registrations-table"] tr', { hasText: name });
      await row.waitFor();
      await expect.poll(() => row.getByTestId('registration-status').getAttribute('data-status')).toBe('pending');
      await row.getByTestId('registration-name').click();
      const drawer = page; // one drawer open at a time
      await drawer.getByTestId('licence-view').click();
      await drawer.getByTestId('licence-download').waitFor();
      await drawer.getByTestId('registration-approve').click();
      await expect.poll(() => drawer.getByTestId('drawer-status').getByTestId('registration-status').getAttribute('data-status')).toBe('approved');
      // the employer now exists: the registration names it
      const id = new URL(page.url()).searchParams.get('open');
      const reg = await page.request.get(`/api/v1/employer-registrations/${id}`, { headers: { 'X-Requested-With': 'yunqiao' } });
      return (await reg.json()).employerId as number;
    });
    expect(employerId).toBeGreaterThan(0);
  });

  it('the new employer writes a draft (an occupation from the table, a salary range) and publishes it', SLOW, async () => {
    expect(employerId, 'the approval step ran').toBeGreaterThan(0);
    // the county gives the employer an account (as 账号与身份 would); it signs in and writes
    const username = await createPerson({ password: PASSWORD, displayName: '钱七', memberships: [{ role: 'employer', org_division: '530102', employer_id: employerId }] });
    const title = `服务员${Date.now().toString(36)}`;
    await withPage(async (page) => {
      await openAs(page, username, '/home');
      await page.getByTestId('go-postings').click();
      await page.getByTestId('posting-new').click();
      await page.getByTestId('posting-title-input').fill(title);
      // an occupation from the reference table: the first major group
      await page.getByTestId('posting-occupation').click();
      await page.locator('.ant-cascader-menu-item').first().click();
      await page.keyboard.press('Escape');
      await numberInput(page, 'posting-headcount').fill('2');
      await numberInput(page, 'posting-salary-min').fill('3500');
      await numberInput(page, 'posting-salary-max').fill('4500');
      await page.getByTestId('posting-submit').click();
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: title });
      await row.waitFor();
      await expect.poll(() => row.getByTestId('posting-status').getAttribute('data-status')).toBe('draft');
      await expect.poll(() => row.getByTestId('posting-salary').textContent()).toContain('3500–4500');
      // no field for sex, age, ethnicity, household registration or marital status on the form
      // (read once the form holds the posting, not while it is still on its way)
      await row.getByTestId('posting-edit').click();
      await expect.poll(() => page.getByTestId('posting-title-input').inputValue()).toBe(title);
      expect(await page.locator('form').textContent()).not.toMatch(/性别|年龄|民族|户籍|婚姻/);
      await page.goBack();
      await row.getByTestId('posting-publish').click();
      await page.getByTestId('confirm-publish').click();
      await expect.poll(() => row.getByTestId('posting-status').getAttribute('data-status')).toBe('published');
      // open to the public now
      const list = await page.request.get(`/api/v1/public/postings?q=${encodeURIComponent(title)}`);
      const items = (await list.json()).items as Array<{ title: string; occupationCode: string | null; salary: { min: number; max: number; unit: string } | null }>;
      expect(items.map((p) => p.title)).toEqual([title]);
      expect(items[0]?.occupationCode).toMatch(/^\d$/);
      expect(items[0]?.salary).toMatchObject({ min: 3500, max: 4500, unit: 'MONTH' });
    });
  });
});

describe.skipIf(!DATABASE_URL)('postings on the desks: an agency recruits for an employer', () => {
  let agency = { id: 0, name: '' };
  const title = `仓库理货员${Date.now().toString(36)}`;

  it('the employer authorises an agency of another county with the signed document', SLOW, async () => {
    agency = await agencyIn('530302');
    await withPage(async (page) => {
      await openAs(page, 'employer-km', '/home');
      await page.getByTestId('go-authorisations').click();
      await numberInput(page, 'auth-agency-id').fill(String(agency.id));
      await page.locator('[data-testid="auth-document"] input[type="file"], input[type="file"]').first().setInputFiles({ name: '委托书.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByTestId('auth-submit').click();
      await authorisationRows(page, agency.id, 'live').first().waitFor();
    });
  });

  it('the agency writes a posting for it (面议: no salary) and publishes it; the employer sees it', SLOW, async () => {
    expect(agency.id, 'the authorisation step ran').toBeGreaterThan(0);
    await withPage(async (page) => {
      await openAs(page, 'agency-qlz', '/agency/postings');
      await page.getByTestId('posting-new').click();
      await pickOption(page, page.getByTestId('posting-employer'), '昆明康泰医用防护用品有限公司');
      await page.getByTestId('posting-title-input').fill(title);
      await page.getByTestId('posting-negotiable').click();
      await page.getByTestId('posting-submit').click();
      await page.waitForURL(/\/agency\/postings(\?.*)?$/);
      // the list pages 20 at a time, oldest first, and other files give this employer many postings: find it by its title
      await page.goto(`/agency/postings?q=${encodeURIComponent(title)}`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: title });
      await expect.poll(() => row.getByTestId('posting-salary').textContent()).toBe('面议');
      await row.getByTestId('posting-publish').click();
      await page.getByTestId('confirm-publish').click();
      await expect.poll(() => row.getByTestId('posting-status').getAttribute('data-status')).toBe('published');
    });

    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/postings?q=${encodeURIComponent(title)}`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: title });
      await row.waitFor();
      await expect.poll(() => row.getByTestId('posting-status').getAttribute('data-status')).toBe('published');
    });
  });

  it('the employer revokes the authorisation; the agency no longer holds the posting', SLOW, async () => {
    expect(agency.id, 'the authorisation step ran').toBeGreaterThan(0);
    await withPage(async (page) => {
      await openAs(page, 'employer-km', '/home/authorisations');
      const live = authorisationRows(page, agency.id, 'live');
      const revoked = authorisationRows(page, agency.id, 'revoked');
      await live.first().getByTestId('auth-revoke').click();
      const revokedBefore = await revoked.count(); // the list has loaded: its button was clicked
      await page.getByTestId('confirm-revoke').click();
      // the answer comes back and the list is asked again: wait until the row says revoked
      await expect.poll(() => revoked.count()).toBe(revokedBefore + 1);
      await expect.poll(() => live.count()).toBe(0);
    });

    await withPage(async (page) => {
      await openAs(page, 'agency-qlz', '/agency/postings');
      // the list has loaded (the table spins while it is on its way, and 已显示 0 条 shows then
      // too), and it is empty: the agency holds no other authorisation
      const table = page.getByTestId('postings-table');
      await table.waitFor();
      await expect.poll(() => table.locator('.ant-spin-spinning').count()).toBe(0);
      await expect.poll(() => page.getByText('已显示 0 条').count()).toBe(1);
      expect(await table.locator('tr', { hasText: title }).count()).toBe(0);
    });
  });
});
