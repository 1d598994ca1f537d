// 忘记密码 in the phone shell (issue 7 §1): from the login page to a new password by SMS code, the
// ID number's last 6 asked for when the number lay unused, and back to sign in with the new
// password. The person is written straight into the e2e server's database (no route makes a job
// seeker with a password yet), so this runs only against the server the globalSetup started.
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbedded } from '../../src/server/db/embedded.ts';
import { createFieldCrypto, loadMasterKey } from '../../src/server/platform/crypto.ts';
import { browserPerFile, PHONE, shot, smsCode } from './browser.ts';

const DATA_DIR = inject('e2eDataDir');
const withPage = browserPerFile();
const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input');

const NEW_PASSWORD = 'Reset-in-browser-2021';
const ID_TAIL = '12345X';
const username = `reset-e2e-${process.pid}`;
const phone = `15${String(Date.now()).slice(-9)}`;
let owner: pg.Client | undefined;

beforeAll(async () => {
  if (!DATA_DIR) return;
  owner = new pg.Client((await startEmbedded(DATA_DIR)).ownerUrl); // finds the server's postmaster
  await owner.connect();
  const crypto = createFieldCrypto(loadMasterKey(process.env.YUNQIAO_SECRET_KEY, DATA_DIR));
  // a job seeker with the demo password, a phone, the ID number's last 6 on file, silent for 300 days
  await owner.query(
    `with a as (
       insert into accounts (username, phone, password_hash, display_name, created_at, id_tail_hash)
       select $1, $2, password_hash, '重设测试', now() - interval '300 days', $3 from accounts where username = 'seeker'
       returning id, created_at)
     insert into memberships (account_id, role, seeker_group, created_at) select id, 'seeker', 'migrant', created_at from a`,
    [username, phone, crypto.keyedHash(`id-tail:${ID_TAIL}`)],
  );
});
afterAll(async () => {
  await owner?.end();
});

/** The newest reset code for the test's phone, written after `since`. */
const resetCode = (since: number) => smsCode(phone, since, 'password_reset_code');

describe.skipIf(!DATA_DIR)('forgotten password, on a phone', () => {
  it('from the login page to a new password, the ID number asked for, then signed in with it', async () => {
    await withPage(async (page) => {
      await page.goto('/m/login');
      await page.getByTestId('login-forgot').waitFor();
      await shot(page, 'm-login-forgot');
      await page.getByTestId('login-forgot').click();
      await page.waitForURL((url) => url.pathname === '/m/reset-password');
      expect(await page.locator('h1').textContent()).toBe('重设密码');
      // the code and password fields come once a code is on its way
      expect(await page.getByTestId('reset-code').count()).toBe(0);
      await field(page, 'reset-phone').fill('12345');
      await page.getByTestId('reset-send').click();
      await expect.poll(() => page.getByTestId('reset-error').textContent()).toBe('请输入 11 位手机号');

      const since = Date.now();
      await field(page, 'reset-phone').fill(phone);
      await page.getByTestId('reset-send').click();
      await page.getByTestId('reset-notice').waitFor();
      const code = await resetCode(since);
      await field(page, 'reset-code').fill(code);
      await field(page, 'reset-password').fill(NEW_PASSWORD);
      await field(page, 'reset-repeat').fill(`${NEW_PASSWORD}x`);
      await page.getByTestId('reset-submit').click();
      await expect.poll(() => page.getByTestId('reset-error').textContent()).toBe('两次输入的新密码不一致');

      // 300 days without a sign-in: the server asks for the ID number's last 6, the page adds the field
      await field(page, 'reset-repeat').fill(NEW_PASSWORD);
      await page.getByTestId('reset-submit').click();
      await page.getByTestId('reset-idtail').waitFor();
      expect(await page.getByTestId('reset-error').textContent()).toBe('该手机号已超过 6 个月未登录，请同时输入登记的身份证号码后 6 位');
      await field(page, 'reset-idtail').fill(ID_TAIL.toLowerCase());
      await shot(page, 'm-reset-password-form');
      await page.getByTestId('reset-submit').click();
      await page.getByTestId('reset-done').waitFor();
      await shot(page, 'm-reset-password-done');

      await page.getByTestId('reset-back').click();
      await page.waitForURL((url) => url.pathname === '/m/login');
      await field(page, 'login-username').fill(username);
      await field(page, 'login-password').fill(NEW_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('m-greeting').waitFor();
      expect(await page.getByTestId('m-greeting').textContent()).toBe('您好，重设测试');
    }, PHONE);
  });
});
