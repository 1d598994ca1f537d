// 复工计划 and 点对点运输 (issue 13 M2, decision 0050), in the browser: a fresh employer of 五华区
// saves its plan with one demand line and makes a posting from it with one click; a returning-
// employee sheet with a bad row is refused whole (row and column named), a good one lists its
// workers masked; 五华区's bureau sees demand against supply and the plan, then the workers by
// origin county, grants 楚雄市 (in Yunnan) and exports the list for 广安区 (Sichuan) — the workbook
// holds masked phones only; 楚雄市's bureau then sees the worker waiting to leave it.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { type APIRequestContext, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BASE_URL, browserPerFile, openAs, PASSWORD } from './browser.ts';
import { createPerson, DATABASE_URL } from './db.ts';
import { brokenCitizenId, randomMobile, textWorkbook, validCitizenId, validCreditCode } from './xlsx.ts';

const withPage = browserPerFile();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['姓名', '身份证号', '手机号', '始发县代码', '出行日期', '需要点对点运输'];
const YUNNAN_ORIGIN = '532301'; // 楚雄市
const OUTSIDE_ORIGIN = '511602'; // 四川省广安市广安区

async function signedIn(username: string, password = PASSWORD): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'X-Requested-With': 'yunqiao' } });
  const res = await api.post('/api/v1/auth/login', { data: { username, password } });
  if (res.status() !== 200) throw new Error(`${username} did not sign in: ${res.status()}`);
  return api;
}

/** A fresh employer of 五华区 (registered by its bureau) and an account acting for it. */
async function freshEmployer(): Promise<{ username: string; name: string }> {
  const wh = await signedIn('wh');
  try {
    const name = `复工测试企业${Date.now() % 1_000_000}`;
    const res = await wh.post('/api/v1/employers', { data: { creditCode: validCreditCode('530102'), name, industryCode: '2770', divisionCode: '530102', address: '五华区测试路 8 号', contactName: '赵经理', contactPhone: randomMobile() } });
    if (res.status() !== 201) throw new Error(`employer: ${res.status()} ${await res.text()}`);
    const id = ((await res.json()) as { id: number }).id;
    return { username: await createPerson({ password: PASSWORD, memberships: [{ role: 'employer', org_division: '530102', employer_id: id }] }), name };
  } finally {
    await wh.dispose();
  }
}

describe('复工计划与点对点运输', () => {
  it.skipIf(!DATABASE_URL)('an employer files its plan and returning employees; the destination grants a Yunnan origin and exports an outside one', async () => {
    const employer = await freshEmployer();
    const stamp = Date.now() % 100000;
    const yunnanWorker = { name: `返岗甲${stamp}`, phone: randomMobile() };
    const outsideWorker = { name: `返岗乙${stamp}`, phone: randomMobile() };
    const mask = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;

    await withPage(async (page) => {
      await openAs(page, employer.username, '/home/resumption');
      await page.getByTestId('plan-resume-on').fill('2026-12-20');
      await page.getByTestId('plan-on-post').fill('30');
      await page.getByTestId('plan-away').fill('12');
      await page.getByTestId('plan-isolated').fill('1');
      await page.getByTestId('plan-contact-name').fill('赵经理');
      await page.getByTestId('plan-contact-phone').fill(randomMobile());
      await page.getByTestId('demand-add').click();
      await page.getByTestId('demand-code-0').fill('6');
      await page.getByTestId('demand-headcount-0').fill('8');
      await page.getByTestId('plan-save').click();
      const line = page.locator('[data-testid="demand-lines"] tbody tr.ant-table-row');
      await expect.poll(() => line.count()).toBe(1);

      // a sheet with a bad ID number: refused whole, the row and column named
      const upload = (buffer: Buffer) => page.locator('input[type=file]').setInputFiles({ name: '返岗员工.xlsx', mimeType: XLSX, buffer });
      await upload(await textWorkbook('返岗员工', HEADER, [
        [yunnanWorker.name, validCitizenId(), yunnanWorker.phone, YUNNAN_ORIGIN, '2026-12-18', '是'],
        ['错行', brokenCitizenId(), randomMobile(), YUNNAN_ORIGIN, '2026-12-18', '是'],
      ]));
      const errorLine = page.getByTestId('import-error-line');
      await expect.poll(() => errorLine.count()).toBeGreaterThan(0);
      expect(await errorLine.first().getAttribute('data-row')).toBe('3');
      expect(await errorLine.first().getAttribute('data-column')).toBe('身份证号');
      expect(await page.locator('[data-testid="returnees-table"] tbody tr.ant-table-row').count()).toBe(0);

      await upload(await textWorkbook('返岗员工', HEADER, [
        [yunnanWorker.name, validCitizenId(), yunnanWorker.phone, YUNNAN_ORIGIN, '2026-12-18', '是'],
        [outsideWorker.name, validCitizenId(), outsideWorker.phone, OUTSIDE_ORIGIN, '2026-12-18', '是'],
      ]));
      await expect.poll(() => page.getByTestId('import-ok').count()).toBe(1);
      const rows = page.locator('[data-testid="returnees-table"] tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(2);
      const listed = (await page.getByTestId('returnees-table').textContent()) ?? '';
      expect(listed).toContain(mask(yunnanWorker.phone));
      expect(listed).not.toContain(yunnanWorker.phone);

      // the demand line becomes a posting with one click
      await page.getByTestId('demand-to-posting').click();
      await expect.poll(() => page.getByTestId('demand-posting').count()).toBe(1);
    });

    await withPage(async (page) => {
      // demand against supply, and the plan among the county's plans
      await openAs(page, 'wh', '/gov/resumption');
      const demand = page.locator('[data-testid="demand-table"] tbody tr.ant-table-row', { hasText: '（6）' });
      await expect.poll(() => demand.count()).toBe(1);
      await page.getByRole('tab', { name: /复工计划|plans/ }).click();
      await expect.poll(() => page.getByTestId('plans-table').textContent()).toContain(employer.name);

      await page.goto('/gov/resumption/transport');
      const origins = page.locator('[data-testid="transport-table"] [data-testid="transport-origin"]');
      await expect.poll(async () => (await origins.evaluateAll((els) => els.map((e) => e.getAttribute('data-origin')))).sort()).toEqual(expect.arrayContaining([OUTSIDE_ORIGIN, YUNNAN_ORIGIN]));

      // an origin outside Yunnan: its list exported, phones masked
      // one row per origin and day (the demo's 广安区 workers travel on other days): any row's export is the origin's whole list
      const outsideRow = page.locator('[data-testid="transport-table"] tbody tr.ant-table-row', { has: page.locator(`[data-origin="${OUTSIDE_ORIGIN}"]`) }).first();
      const [download] = await Promise.all([page.waitForEvent('download'), outsideRow.getByTestId('transport-export-origin').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(createReadStream(await download.path()));
      const cells: string[] = [];
      wb.worksheets[0]?.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
      expect(cells).toContain(outsideWorker.name);
      expect(cells).toContain(mask(outsideWorker.phone));
      expect(cells.some((c) => c.includes(outsideWorker.phone))).toBe(false);
      expect(cells).not.toContain(yunnanWorker.name);

      // a Yunnan origin: granted with one click
      const yunnanRow = page.locator('[data-testid="transport-table"] tbody tr.ant-table-row', { has: page.locator(`[data-origin="${YUNNAN_ORIGIN}"]`) }).first();
      const granted = yunnanRow.getByTestId('transport-granted');
      if ((await granted.count()) === 0) {
        await yunnanRow.getByTestId('transport-grant').click();
        await page.locator('.ant-popconfirm .ant-btn-primary').click();
      }
      await expect.poll(() => granted.count()).toBe(1);
    });

    // 楚雄市's bureau sees the worker waiting to leave it
    const chuxiong = await createPerson({ password: PASSWORD, memberships: [{ role: 'county', official_division: YUNNAN_ORIGIN }] });
    await withPage(async (page) => {
      await openAs(page, chuxiong, '/gov/resumption/transport');
      await page.getByRole('tab', { name: /始发地|origin/ }).click();
      const table = page.getByTestId('departures-table');
      await expect.poll(() => table.textContent()).toContain(yunnanWorker.name);
      const text = (await table.textContent()) ?? '';
      expect(text).toContain(mask(yunnanWorker.phone));
      expect(text).toContain(employer.name);
      expect(text).not.toContain(outsideWorker.name);
    });
  });
});
