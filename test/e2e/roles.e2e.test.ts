// Every demo account signs in through the UI and sees exactly its own desk and jurisdiction.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allAgencyDivisionCodes, browserPerFile, CLIENT_HEADERS, chooseMembership, HAN, login, OUTBOX_FILE, PHONE, shot, smsCode } from './browser.ts';
import { brokenCitizenId, randomMobile, rosterWorkbook, validCitizenId } from './xlsx.ts';

const withPage = browserPerFile();

async function openAgencies(page: Page): Promise<string[]> {
  await page.getByTestId('main-menu').getByText('服务机构', { exact: true }).click();
  await page.waitForURL('**/gov/agencies');
  return allAgencyDivisionCodes(page);
}

describe('officials see the agencies of their jurisdiction only', () => {
  it('prov (province) sees agencies from several prefectures', async () => {
    await withPage(async (page) => {
      await login(page, 'prov');
      expect(new URL(page.url()).pathname).toBe('/gov');
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('省人社厅');
      await expect.poll(() => page.getByTestId('division-name').textContent()).toBe('云南省');
      await page.getByTestId('stat-agencies').locator('.ant-statistic-content-value').waitFor();
      await page.waitForFunction(() => !document.querySelector('.ant-card-loading'));
      const total = Number(await page.getByTestId('stat-agencies').locator('.ant-statistic-content-value').textContent());
      expect(total).toBeGreaterThan(0);
      // the by-division table lists all 16 prefectures, 昆明市 among them
      const byDivision = page.getByTestId('overview-by-division');
      await expect.poll(() => byDivision.locator('tbody tr.ant-table-row').count()).toBe(16);
      expect(await byDivision.textContent()).toContain('昆明市');
      await shot(page, 'official-overview');

      const codes = await openAgencies(page);
      // the list holds what the overview counted, and what other files registered meanwhile (the summary's count now)
      const summary = await page.request.get('/api/v1/registry/summary', { headers: CLIENT_HEADERS });
      const totalNow = ((await summary.json()) as { agencies: number }).agencies;
      expect(codes.length).toBeGreaterThanOrEqual(total);
      expect(codes.length).toBeLessThanOrEqual(totalNow);
      const prefectures = new Set(codes.map((c) => c.slice(0, 4)));
      expect(prefectures.size).toBeGreaterThanOrEqual(2);
      expect(prefectures).toContain('5301'); // 昆明市
      expect(prefectures).toContain('5303'); // 曲靖市
      await shot(page, 'official-agencies');
    });
  });

  const scoped: [user: string, role: string, place: string, inside: (code: string) => boolean, outside: string][] = [
    ['km', '州（市）人社局', '昆明市', (c) => c.startsWith('5301'), '5303'],
    ['qj', '州（市）人社局', '曲靖市', (c) => c.startsWith('5303'), '5301'],
    ['wh', '县（市、区）人社局', '五华区', (c) => c === '530102', '530103'],
    ['pl', '县（市、区）人社局', '盘龙区', (c) => c === '530103', '530102'],
    ['qlz', '县（市、区）人社局', '麒麟区', (c) => c === '530302', '5301'],
  ];
  for (const [user, role, place, inside, outside] of scoped) {
    it(`${user} sees only ${place}`, async () => {
      await withPage(async (page) => {
        await login(page, user);
        expect(new URL(page.url()).pathname).toBe('/gov');
        await expect.poll(() => page.getByTestId('role-label').textContent()).toBe(role);
        await expect.poll(() => page.getByTestId('division-name').textContent()).toBe(place);
        const codes = await openAgencies(page);
        expect(codes.length).toBeGreaterThan(0);
        expect(codes.filter((c) => !inside(c))).toEqual([]);
        expect(codes.some((c) => c.startsWith(outside))).toBe(false);
        if (user === 'km') await shot(page, 'prefecture-km-agencies');
      });
    });
  }

  it('the divisions page drills from the province into a prefecture', async () => {
    await withPage(async (page) => {
      await login(page, 'prov');
      await page.getByTestId('main-menu').getByText('行政区划', { exact: true }).click();
      await page.getByTestId('division-drill').filter({ hasText: '昆明市' }).click();
      await page.waitForURL('**/gov/divisions?at=530100');
      await expect.poll(() => page.getByTestId('divisions-table').textContent()).toContain('五华区');
      expect(await page.getByTestId('divisions-table').textContent()).not.toContain('麒麟区');
    });
  });
});

describe('agency admins', () => {
  for (const [user, county] of [
    ['agency-wh', '五华区'],
    ['agency-qlz', '麒麟区'],
  ] as const) {
    it(`${user} sees its own agency and roster, not the agency list`, async () => {
      await withPage(async (page) => {
        await login(page, user);
        expect(new URL(page.url()).pathname).toBe('/agency');
        await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('服务机构管理员');
        await expect.poll(() => page.getByTestId('agency-detail-division').textContent()).toBe(county);
        expect(await page.getByTestId('agency-edit').count()).toBe(0);
        const menu = (await page.getByTestId('main-menu').textContent()) ?? '';
        expect(menu).toContain('员工花名册');
        expect(menu).not.toContain('服务机构');
        if (user === 'agency-wh') await shot(page, 'agency-home');

        await page.getByTestId('main-menu').getByText('员工花名册', { exact: true }).click();
        await page.waitForURL('**/agency/staff');
        await page.locator('[data-testid="staff-table"] tbody tr.ant-table-row').first().waitFor();
        expect(await page.locator('[data-testid="staff-table"] tbody tr.ant-table-row').count()).toBeGreaterThan(0);

        await page.goto('/gov/agencies');
        await page.waitForURL('**/agency');
        expect(await page.getByTestId('agencies-table').count()).toBe(0);
      });
    });
  }

  it('roster import of a bad file lists the row and column of each error; a good file imports', async () => {
    await withPage(async (page) => {
      await login(page, 'agency-wh');
      await page.goto('/agency/staff');
      const rows = page.locator('[data-testid="staff-table"] tbody tr.ant-table-row');
      await rows.first().waitFor();

      const bad = await rosterWorkbook([
        ['张三', randomMobile(), validCitizenId(), '招聘专员'],
        ['李四', randomMobile(), brokenCitizenId(), '驻点服务'],
      ]);
      await page.locator('input[type=file]').setInputFiles({
        name: '花名册.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: bad,
      });
      const errors = page.getByTestId('import-errors');
      await errors.waitFor();
      const line = page.locator('[data-testid="import-error-line"][data-row="3"]');
      await expect.poll(() => line.count()).toBe(1);
      const text = (await line.textContent()) ?? '';
      expect(text).toContain('第 3 行');
      expect(text).toContain('身份证号');
      expect(await page.locator('[data-testid="import-error-line"][data-row="2"]').count()).toBe(0);
      await shot(page, 'roster-import-errors');

      const before = await rows.count();
      const good = await rosterWorkbook([['王五', randomMobile(), validCitizenId(), '招聘专员']]);
      await page.locator('input[type=file]').setInputFiles({ name: 'ok.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
      await page.getByTestId('import-ok').waitFor();
      expect(await page.getByTestId('import-ok').textContent()).toContain('已导入 1 名员工');
      await expect.poll(() => rows.count()).toBeGreaterThan(Math.min(before, 19));
    });
  });
});

describe('staff, employers and job seekers get a light home page', () => {
  for (const [user, role] of [
    ['staff-wh', '机构员工'],
    ['employer-km', '用人单位'],
    ['seeker', '求职者'],
    ['graduate', '求职者'],
  ] as const) {
    it(`${user} sees who they are and no agency list`, async () => {
      await withPage(
        async (page) => {
          await login(page, user);
          // 张晓燕 (staff-wh) is also a job seeker: she picks her role first
          if (user === 'staff-wh') await chooseMembership(page, 'agency_staff');
          expect(new URL(page.url()).pathname).toBe('/home');
          await page.getByTestId('about-me').waitFor();
          expect(await page.getByTestId('self-role').textContent()).toBe(role);
          expect(await page.getByTestId('coming-soon').isVisible()).toBe(true);
          expect(await page.getByTestId('main-menu').count()).toBe(0);
          expect(await page.getByTestId('agencies-table').count()).toBe(0);
          if (user === 'seeker') await shot(page, 'seeker-home-phone');

          await page.goto('/gov/agencies');
          await page.waitForURL('**/home');
          await page.getByTestId('about-me').waitFor();
          expect(await page.getByTestId('agencies-table').count()).toBe(0);
        },
        PHONE,
      );
    });
  }
});

describe('login page', () => {
  it('a wrong password shows the server message and stays on the login page', async () => {
    await withPage(async (page) => {
      await page.goto('/login');
      await page.getByTestId('login-submit').waitFor();
      await shot(page, 'login');
      await page.getByTestId('login-username').fill('km');
      await page.getByTestId('login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      const error = page.getByTestId('login-error');
      await error.waitFor();
      const text = (await error.textContent()) ?? '';
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).toMatch(HAN);
      expect(new URL(page.url()).pathname).toBe('/login');
      await shot(page, 'login-error');
    });
  });

  it('renders on a phone', async () => {
    await withPage(async (page) => {
      await page.goto('/login');
      await page.getByTestId('login-submit').waitFor();
      expect(await page.getByTestId('login-submit').textContent()).toMatch(/登\s*录/);
      await shot(page, 'login-phone');
    }, PHONE);
  });

  it('the English switch changes the UI, is remembered, and localizes server messages', async () => {
    await withPage(async (page) => {
      await page.goto('/login');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('login-submit').textContent()).toBe('Log in');
      await page.reload();
      await expect.poll(() => page.getByTestId('login-submit').textContent()).toBe('Log in');

      await page.getByTestId('login-username').fill('km');
      await page.getByTestId('login-password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      expect(await page.getByTestId('login-error').textContent()).not.toMatch(HAN);

      await login(page, 'km');
      await expect.poll(() => page.getByTestId('main-menu').textContent()).toContain('Agencies');
      expect(await page.getByTestId('role-label').textContent()).toBe('Prefecture HR bureau');
      await page.getByTestId('stat-agencies').waitFor();
      await shot(page, 'english-desk');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('main-menu').textContent()).toContain('服务机构');
    });
  });

  it.skipIf(!OUTBOX_FILE)('a job seeker signs in with an SMS code', async () => {
    await withPage(
      async (page) => {
        const phone = '13900000001';
        const since = Date.now();
        await page.goto('/login');
        await page.getByTestId('mode-sms').click();
        await page.getByTestId('sms-phone').fill(phone);
        await page.getByTestId('sms-send').click();
        const code = await smsCode(phone, since);
        await page.getByTestId('sms-code').fill(code);
        await page.getByTestId('sms-submit').click();
        await page.waitForURL('**/home');
        expect(await page.getByTestId('self-role').textContent()).toBe('求职者');
      },
      PHONE,
    );
  });
});

describe('officials on a phone', () => {
  it('the menu collapses into a drawer', async () => {
    await withPage(async (page) => {
      await login(page, 'wh');
      expect(await page.getByTestId('main-menu').count()).toBe(0);
      await page.getByTestId('menu-button').click();
      await page.getByTestId('main-menu').getByText('服务机构', { exact: true }).click();
      await page.waitForURL('**/gov/agencies');
      const codes = await allAgencyDivisionCodes(page);
      expect(codes.every((c) => c === '530102')).toBe(true);
      await shot(page, 'county-agencies-phone');
    }, PHONE);
  });
});
