// 推荐就业 (decision 0051): the demo agency records a placement for a referral the employer hired,
// the employer confirms the hire in its desk (a labour dispatch refused under its field, then a
// labour contract), and the county bureau finds it awaiting verification, imports the insurance
// file (a file with a bad row refused whole, naming row and column), after which it shows verified
// and counts for the agency. The seeker, posting, referral and hire are made through the API.
import { describe, expect, it } from 'vitest';
import { apiSend, apiSignIn, browserPerFile, openAs, PASSWORD, pickOption } from './browser.ts';
import { createPerson, DATABASE_URL, withDb } from './db.ts';
import { textWorkbook, validCitizenId } from './xlsx.ts';

const withPage = browserPerFile();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['身份证号', '单位统一社会信用代码', '参保年月', '险种'];

/** A seeker who authorised agency-wh, referred by it to a fresh posting of employer-km and hired there; returns the worker's name and the employer's credit code. */
async function hiredReferral(): Promise<{ name: string; title: string; creditCode: string }> {
  const seeker = await createPerson({ password: PASSWORD, memberships: [{ role: 'seeker', seeker_group: 'other' }] });
  const [s, agency, employer] = await Promise.all([apiSignIn(seeker), apiSignIn('agency-wh'), apiSignIn('employer-km')]);
  const name = `就业者${Date.now() % 100000}`;
  const title = `装配工${Date.now() % 100000}`;
  const profile = await apiSend(s, 'PUT', '/api/v1/seekers/me', { name, residenceDivision: '530102', visibility: 'agencies' });
  const agencyId = (await apiSend(agency, 'GET', '/api/v1/me')).agencyId as number;
  await apiSend(s, 'POST', '/api/v1/seekers/me/authorisations', { agencyId });
  const posting = await apiSend(employer, 'POST', '/api/v1/postings', { title, validUntil: '2099-12-31' });
  await apiSend(employer, 'POST', `/api/v1/postings/${posting.id}/publish`);
  const referred = await apiSend(agency, 'POST', '/api/v1/applications/referrals', { postingId: posting.id, seekerId: profile.id });
  for (const stage of ['shortlisted', 'interview', 'offer', 'hired']) await apiSend(employer, 'POST', `/api/v1/applications/${referred.id}/stage`, { stage });
  const employerId = (await apiSend(employer, 'GET', '/api/v1/me')).employerId as number;
  const creditCode = await withDb(async (db) => (await db.selectFrom('employers').select('credit_code').where('id', '=', employerId).executeTakeFirstOrThrow()).credit_code);
  return { name, title, creditCode };
}

describe('推荐就业', () => {
  it.skipIf(!DATABASE_URL)('agency records, employer confirms a labour contract, the bureau imports the insurance rows and the placement shows verified', async () => {
    const f = await hiredReferral();
    const idNumber = validCitizenId();

    // the agency: its hired referral, recorded as a placement awaiting the employer
    await withPage(async (page) => {
      await openAs(page, 'agency-wh', '/agency/placements');
      const referral = page.locator('[data-testid="referrals-table"] tbody tr.ant-table-row').filter({ hasText: f.name });
      await expect.poll(() => referral.count(), { timeout: 15_000 }).toBe(1);
      await referral.getByTestId('record-placement').click();
      const placed = page.locator('[data-testid="placements-table"] tbody tr.ant-table-row').filter({ hasText: f.name });
      await expect.poll(() => placed.getByTestId('placement-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending_employer');
      await expect.poll(() => referral.textContent()).toContain('已登记');
    });

    // the employer: a labour dispatch is refused under its field; a labour contract confirms it
    await withPage(async (page) => {
      await openAs(page, 'employer-km', '/home/placements');
      const row = page.locator('[data-testid="placements-table"] tbody tr.ant-table-row').filter({ hasText: f.name });
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
      await row.getByTestId('confirm-placement').click();
      await page.getByTestId('confirm-contract-start').fill('2020-03-02');
      await page.getByTestId('confirm-id-number').fill(idNumber);
      await pickOption(page, page.getByTestId('confirm-contract-type'), '劳务派遣');
      await page.getByTestId('confirm-submit').click();
      await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining('劳务派遣不计入就业')]);
      await pickOption(page, page.getByTestId('confirm-contract-type'), '劳动合同');
      await page.getByTestId('confirm-submit').click();
      await expect.poll(() => row.getByTestId('placement-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('confirmed');
      expect(await row.textContent()).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
      expect(await row.textContent()).not.toContain(idNumber);
    });

    // the county bureau: awaiting verification; a bad file refused whole; the good one verifies it
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/placements');
      const row = page.locator('[data-testid="placements-table"] tbody tr.ant-table-row').filter({ hasText: f.name });
      await expect.poll(() => row.getByTestId('placement-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('confirmed');
      const before = Number(await page.getByTestId('verified-count').getAttribute('data-count'));
      const upload = (name: string, buffer: Buffer) => page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });

      await upload('bad.xlsx', await textWorkbook('参保明细', HEADER, [[idNumber, f.creditCode, '202003', '养老'], [idNumber, f.creditCode, '202003', '住房公积金']]));
      const errors = page.getByTestId('import-error-line');
      await expect.poll(() => errors.allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('第 3 行，险种')]);
      expect(await row.getByTestId('placement-status').getAttribute('data-status')).toBe('confirmed');

      await upload('good.xlsx', await textWorkbook('参保明细', HEADER, [[idNumber, f.creditCode, '202003', '养老'], [idNumber, f.creditCode, '202004', '医疗']]));
      await expect.poll(() => page.getByTestId('import-ok').textContent(), { timeout: 15_000 }).toContain('2');
      // verified: off the "awaiting" list, on the verified one, counted for the agency
      await expect.poll(() => row.count()).toBe(0);
      await page.goto('/gov/placements?status=verified');
      const verified = page.locator('[data-testid="placements-table"] tbody tr.ant-table-row').filter({ hasText: f.name });
      await expect.poll(() => verified.getByTestId('placement-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('verified');
      await expect.poll(() => verified.getByTestId('insured-months').textContent()).toBe('2');
      await expect.poll(async () => Number(await page.getByTestId('verified-count').getAttribute('data-count'))).toBe(before + 1);
    });

    // and the agency's own page counts it
    await withPage(async (page) => {
      await openAs(page, 'agency-wh', '/agency');
      await expect.poll(async () => Number(await page.getByTestId('agency-verified-placements').textContent())).toBeGreaterThanOrEqual(1);
    });
  });
});
