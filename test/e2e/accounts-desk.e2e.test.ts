// 账号与身份 on the official's desk: a county bureau gives an agency's administrator a membership
// (the one-time password shown once in the dialog); the administrator signs in with it, changes it
// first and lands on the agency's desk; the bureau finds the row in the list and disables it. With
// less motion asked for (as every page here asks), the dialog and its dropdown open without antd's
// animation; without the request they animate.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { afterSubmit, browserPerFile, login, openAs, pickOption, shot } from './browser.ts';

const withPage = browserPerFile();

/**
 * Starts noting every class of a running antd transition (ant-zoom-appear-active,
 * ant-slide-up-enter-start, ant-fade-leave-active, …) an element of the page takes on, however
 * briefly; returns what has been noted so far, sorted. With motion off antd still gives a dialog or
 * a dropdown its `…-prepare` class for one frame (it measures where it opens from, at its final
 * place, nothing moving); only `-start` and `-active` mean a transition ran.
 */
async function noteMotion(page: Page): Promise<() => Promise<string[]>> {
  const key = `motion${Date.now()}`;
  await page.evaluate((key) => {
    const seen = new Set<string>();
    const note = (el: Element) => {
      for (const c of el.classList) if (/^ant-(zoom|fade|slide|move)-[\w-]+-(start|active)$/.test(c)) seen.add(c);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target instanceof Element) note(r.target);
        for (const n of r.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll('*')].forEach(note);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    (window as unknown as Record<string, Set<string>>)[key] = seen;
  }, key);
  return () => page.evaluate((key) => [...((window as unknown as Record<string, Set<string>>)[key] ?? [])].sort(), key);
}

describe('accounts and memberships desk', () => {
  it('a county official gives an agency administrator a membership; the administrator changes the one-time password and signs in; the county disables it', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/memberships');
      await page.getByTestId('memberships-table').waitFor();

      await page.getByTestId('create-membership').click();
      // a county gives agency and employer memberships; the agency is searched in its reach
      await pickOption(page, page.getByTestId('membership-agency'), '昆明五华人力资源服务有限公司');
      const n = Date.now() % 100_000_000;
      const phone = `137${String(n).padStart(8, '0')}`;
      const name = `五华测试管理员${n}`;
      await page.getByTestId('membership-phone').fill(phone);
      await page.getByTestId('membership-display-name').fill(name);
      await page.getByTestId('membership-username').fill(`wh-admin-${n}`);
      await page.getByTestId('membership-submit').click();

      // the password, or the dialog's refusal (its text is the failure)
      const shown = page.getByTestId('one-time-password');
      await afterSubmit(page, shown);
      const once = (await shown.textContent()) ?? '';
      expect(once).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      await shot(page, 'memberships-one-time-password');
      await page.getByTestId('membership-done').click();
      await expect.poll(() => page.getByTestId('one-time-password').count()).toBe(0);

      // the administrator: the one-time password opens 修改初始密码 first, then the agency's desk
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await login(page, `wh-admin-${n}`, once);
      await page.waitForURL((url) => url.pathname === '/password');
      const fresh = `Wuhua#Agency${n}`;
      await page.getByTestId('password-current').fill(once);
      await page.getByTestId('password-new').fill(fresh);
      await page.getByTestId('password-confirm').fill(fresh);
      await page.getByTestId('password-submit').click();
      await page.waitForURL((url) => url.pathname.startsWith('/agency'));
      await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('服务机构管理员');
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await openAs(page, 'wh', '/gov/memberships');

      // the new row, found by name; the password is nowhere on the page any more
      await page.getByTestId('membership-search').locator('input').fill(name);
      await page.getByTestId('membership-search').locator('input').press('Enter');
      const row = page.locator('.ant-table-row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      expect(await row.textContent()).not.toContain('未改初始密码');
      await row.getByTestId('membership-disable').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => row.getByTestId('membership-status').textContent()).toBe('已停用');
      await shot(page, 'memberships-list');
    });
  });

  it('with less motion asked for, the dialog and its dropdown open without antd animation; without the request, the dialog zooms in', async () => {
    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/memberships');
      await page.getByTestId('memberships-table').waitFor();
      expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), 'the page asks for less motion (browser.ts)').toBe(true);
      const still = await noteMotion(page);
      await page.getByTestId('create-membership').click();
      await page.locator('.ant-modal').waitFor();
      await page.getByTestId('membership-agency').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option').first().waitFor();
      await expect.poll(() => page.locator('.ant-modal').getAttribute('class')).not.toMatch(/zoom/);
      expect(await still()).toEqual([]);

      // the same page for a person who did not ask: antd animates as it always did
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await page.reload();
      await page.getByTestId('memberships-table').waitFor();
      const moving = await noteMotion(page);
      await page.getByTestId('create-membership').click();
      await page.locator('.ant-modal').waitFor();
      await expect.poll(moving).toContainEqual(expect.stringMatching(/^ant-zoom-(appear|enter)-(start|active)$/));
    });
  });
});
