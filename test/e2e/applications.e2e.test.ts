// 应聘管理 (decision 0036): an employer sees an application to its posting with the phone masked,
// shortlists it, reveals that one applicant's full phone, and exports the list — the workbook holds
// the masked phone only. The posting and the application are made through the API (a seeker with a
// profile applies); a seeker's phone shell lists the application as shortlisted.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { type APIRequestContext, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BASE_URL, browserPerFile, openAs, PASSWORD, PHONE } from './browser.ts';
import { createPerson, DATABASE_URL, withDb } from './db.ts';
import { randomMobile } from './xlsx.ts';

const withPage = browserPerFile();

async function signedIn(username: string, password = PASSWORD): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'X-Requested-With': 'yunqiao' } });
  const res = await api.post('/api/v1/auth/login', { data: { username, password } });
  if (res.status() !== 200) throw new Error(`${username} did not sign in: ${res.status()}`);
  return api;
}

/** A seeker with a profile and a phone, who applied to a fresh posting of employer-km; returns what the page should show. */
async function applied(): Promise<{ seeker: string; phone: string; name: string; title: string; postingId: number }> {
  const seeker = await createPerson({ password: PASSWORD, memberships: [{ role: 'seeker', seeker_group: 'other' }] });
  const phone = randomMobile();
  await withDb((db) => db.updateTable('accounts').set({ phone }).where('username', '=', seeker).execute());
  const name = `应聘者${Date.now() % 100000}`;
  const title = `仓库理货员${Date.now() % 100000}`;
  const employer = await signedIn('employer-km');
  const me = await signedIn(seeker);
  try {
    const p = await employer.post('/api/v1/postings', { data: { title, validUntil: '2099-12-31' } });
    if (p.status() !== 201) throw new Error(`posting: ${p.status()} ${await p.text()}`);
    const postingId = ((await p.json()) as { id: number }).id;
    expect((await employer.post(`/api/v1/postings/${postingId}/publish`)).status()).toBe(200);
    expect((await me.put('/api/v1/seekers/me', { data: { name, residenceDivision: '530102', skills: '叉车', experienceYears: 3, visibility: 'applied' } })).status()).toBe(200);
    const a = await me.post('/api/v1/applications', { data: { postingId } });
    if (a.status() !== 201) throw new Error(`apply: ${a.status()} ${await a.text()}`);
    return { seeker, phone, name, title, postingId };
  } finally {
    await employer.dispose();
    await me.dispose();
  }
}

describe('应聘管理', () => {
  it.skipIf(!DATABASE_URL)('the employer shortlists an applicant, reveals that phone only, and exports the list with phones masked', async () => {
    const f = await applied();
    const masked = `${f.phone.slice(0, 3)}****${f.phone.slice(7)}`;
    await withPage(async (page) => {
      await openAs(page, 'employer-km', '/home');
      await page.getByTestId('open-applications').click();
      await page.waitForURL(/\/home\/applications/);
      await page.goto(`/home/applications?posting=${f.postingId}`);
      const row = page.locator('[data-testid="applications-table"] tbody tr.ant-table-row');
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => row.getByTestId('applicant-phone').textContent()).toBe(masked);
      expect(await row.textContent()).toContain(f.name);
      expect(await row.getByTestId('reveal-phone').count()).toBe(0);

      await row.getByTestId('move-shortlisted').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => row.getByTestId('application-stage').getAttribute('data-stage')).toBe('shortlisted');

      await row.getByTestId('reveal-phone').click();
      await expect.poll(() => row.getByTestId('applicant-phone').textContent()).toBe(f.phone);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-applications').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(createReadStream(await download.path()));
      const cells: string[] = [];
      wb.worksheets[0]?.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
      expect(cells).toContain(masked);
      expect(cells).toContain(f.title);
      expect(cells.some((c) => c.includes(f.phone))).toBe(false);
    });
    // the reveal was audited with the application's id
    const reveals = await withDb((db) => db.selectFrom('audit_log').select('target_id').where('action', '=', 'market.application.phone_reveal').execute());
    const ids = await withDb((db) => db.selectFrom('applications').select('id').where('posting_id', '=', f.postingId).execute());
    expect(reveals.map((r) => r.target_id)).toContain(String(ids[0]?.id));

    // the seeker's phone shell lists it as shortlisted
    await withPage(async (page) => {
      await openAs(page, f.seeker, '/m/applications');
      const mine = page.getByTestId('my-application');
      await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => mine.getAttribute('data-stage')).toBe('shortlisted');
      expect(await mine.textContent()).toContain(f.title);
    }, PHONE);
  });
});
