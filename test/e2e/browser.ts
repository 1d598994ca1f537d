// Shared browser plumbing for the e2e tests: one chromium per file, a fresh context per test.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

// From the globalSetup (test/setup/e2e-server.ts), or from the environment when pointing at a running server.
export const BASE_URL = (process.env.YUNQIAO_E2E_URL || inject('e2eUrl') || '').replace(/\/$/, '');
export const OUTBOX_FILE = process.env.YUNQIAO_E2E_OUTBOX || inject('e2eOutbox') || undefined;
export const PASSWORD = 'yunqiao-demo-2020';
export const SHOTS_DIR = join(import.meta.dirname, '../../test-results/e2e');

if (!BASE_URL) throw new Error('set YUNQIAO_E2E_URL to the server under test, e.g. http://127.0.0.1:8090');

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1366, height: 820 };
export const PHONE = { width: 375, height: 760 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    // as a person who asked the system for less motion: the desks then show antd's dialogs, menus
    // and dropdowns without animation (src/web/lib/reducedMotion.ts), so a click never lands
    // beside a dialog still zooming in (the accounts-desk and screening CI failures)
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * One browser for the calling test file (launched before its tests, closed after them); the
 * returned function runs `fn` on a fresh page in a fresh context, closed afterwards.
 */
export function browserPerFile(): <T>(fn: (page: Page) => Promise<T>, viewport?: { width: number; height: number }) => Promise<T> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (fn, viewport) => {
    if (!browser) throw new Error('the browser is not running (use withPage inside a test)');
    const { context, page } = await newPage(browser, viewport);
    // the UI must work under the server's Content-Security-Policy: a violation fails the test
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    try {
      const result = await fn(page);
      if (violations.length) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
      return result;
    } finally {
      await context.close();
    }
  };
}

export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The headers the web client sends with every call (src/web/api/client.ts): the CSRF guard, the UI language. */
export const CLIENT_HEADERS = { 'X-Requested-With': 'yunqiao', 'Accept-Language': 'zh-CN' } as const;

/** A demo account's session cookie `yq_sid=…` (password sign-in through the API, outside any page): for setting data up. */
export async function apiSignIn(username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'yunqiao' }, body: JSON.stringify({ username, password }) });
  const sid = /yq_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 200 || !sid) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  return `yq_sid=${sid}`;
}

/** One API call as the session `cookie` (apiSignIn); throws on an answer that is not 2xx. */
export async function apiSend(cookie: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${BASE_URL}${path}`, { method, headers: { cookie, 'x-requested-with': 'yunqiao', ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Signs `username` in through the API on the page's own cookie jar (page.request shares the
 * context's cookies, so the next page load is signed in), as the login page would — then, when
 * `role` is given and the session acts as another of the person's memberships, switches to it as
 * the picker would (POST /auth/membership) — and opens `path` unless it is null. For every test
 * that is not about the sign-in pages themselves (those use `login`): one page load fewer, no
 * typing. A 503 (the server's password verifiers busy: Retry-After 1) is tried again.
 */
export async function openAs(page: Page, username: string, path: string | null, password = PASSWORD, role?: string): Promise<void> {
  let res = await page.request.post('/api/v1/auth/login', { headers: CLIENT_HEADERS, data: { username, password } });
  for (let i = 0; i < 10 && res.status() === 503; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    res = await page.request.post('/api/v1/auth/login', { headers: CLIENT_HEADERS, data: { username, password } });
  }
  if (res.status() !== 200) throw new Error(`${username} did not sign in: ${res.status()} ${await res.text()}`);
  const me = (await res.json()) as { role: string; memberships: { id: number; role: string }[] };
  if (role !== undefined && me.role !== role) {
    const m = me.memberships.find((x) => x.role === role);
    if (!m) throw new Error(`${username} holds no ${role} membership (has ${me.memberships.map((x) => x.role).join(', ')})`);
    const switched = await page.request.post('/api/v1/auth/membership', { headers: CLIENT_HEADERS, data: { membershipId: m.id } });
    if (switched.status() !== 200) throw new Error(`${username} could not act as ${role}: ${switched.status()} ${await switched.text()}`);
  }
  if (path !== null) await page.goto(path);
}

/**
 * Resolves once no antd modal is still zooming in (a click into one mid-animation may land beside
 * its target). The desks draw none when less motion is asked for, as every page here does
 * (newPage): then it resolves at once; it still guards a page that animates (emulateMedia).
 */
export async function modalsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-modal')].every((m) => !/zoom-(appear|enter)/.test(m.className)));
}

/**
 * `withPage` of a file: a fresh page per call from `onPage` (browserPerFile), at `viewport` when
 * given (PHONE), whose screenshot is kept as test-results/e2e/<prefix>-page-<n>.png when the call fails.
 */
export function pagesWithShots(onPage: ReturnType<typeof browserPerFile>, prefix: string) {
  let pages = 0;
  return function withPage<T>(fn: (page: Page) => Promise<T>, viewport?: { width: number; height: number }): Promise<T> {
    const name = `page-${++pages}`;
    return onPage(async (page) => {
      try {
        return await fn(page);
      } catch (e) {
        await shot(page, `${prefix}-${name}`).catch(() => undefined);
        throw e;
      }
    }, viewport);
  };
}

/**
 * Chooses the option labelled `label` (a part of its text) in the antd Select `select` (the element
 * carrying its test id) and waits until the select shows it. A click lands beside an option while a
 * modal still zooms in or while the dropdown moves as its options arrive — the 账号与身份 dialog's
 * agency picker, clicked at once, chose nothing 1 time in 12 on a fresh page, and the form then
 * waited for a field that was never sent. The pages here ask for less motion (newPage), so nothing
 * zooms; options arriving still move the list: open and click again until the choice shows (a few
 * tries), failing with what the select shows.
 */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  const shown = () => select.evaluate((el) => (el.closest('.ant-select') ?? el).textContent ?? '');
  const option = page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: label, visible: true }).first();
  await modalsSettled(page);
  for (let i = 0; i < 5 && !(await shown()).includes(label); i++) {
    if (!(await option.isVisible())) await select.click();
    await option.click({ timeout: 5_000 }).catch(() => {});
    await expect.poll(shown, { timeout: 1_000 }).toContain(label).catch(() => {});
  }
  expect(await shown(), `the select shows the chosen ${label}`).toContain(label);
}

/** What a page says when it refuses a form: the dialog's alert, a message under a field, a toast. */
const REFUSAL = '[data-testid="form-error"], .ant-form-item-explain-error, .ant-message-error';

/**
 * Waits for `success` after a form was sent; when the page shows a refusal instead (REFUSAL), fails
 * at once with its text rather than timing out on the missing success.
 */
export async function afterSubmit(page: Page, success: Locator, timeout = 15_000): Promise<void> {
  const refusal = page.locator(REFUSAL);
  await success.or(refusal).first().waitFor({ timeout });
  if (await success.first().isVisible()) return;
  // an earlier refusal may still be on the page while this answer is on its way: a last look
  await success.first().waitFor({ timeout: 2_000 }).catch(() => {});
  if (await success.first().isVisible()) return;
  // each message with its field's label, when it stands under a field
  const said = await refusal.evaluateAll((els) =>
    els.map((e) => {
      const label = e.closest('.ant-form-item')?.querySelector('.ant-form-item-label')?.textContent;
      return label ? `${label}: ${e.textContent}` : (e.textContent ?? '');
    }),
  );
  throw new Error(`the form was refused instead: ${said.filter(Boolean).join(' | ')}`);
}

/**
 * On the picker after signing in ("选择身份", /choose on the desks, /m/choose on the phone): chooses
 * the membership of `role` and goes on.
 */
export async function chooseMembership(page: Page, role: string): Promise<void> {
  await page.locator(`[data-testid="membership-option"][data-role="${role}"]`).click();
  await page.getByTestId('choose-submit').click();
  await page.waitForURL((url) => !/\/choose$/.test(url.pathname));
}

/** The newest code the dev SMS sink (the outbox file) holds for `phone`, written after `since` (of `template` when given: a reset code is not a sign-in code). */
export async function smsCode(phone: string, since: number, template?: string): Promise<string> {
  let code = '';
  await expect
    .poll(
      () => {
        const lines = readFileSync(OUTBOX_FILE ?? '', 'utf8').trim().split('\n');
        for (const l of lines.reverse()) {
          const m = JSON.parse(l) as { recipient: string; createdAt: string; template: string; payload: { code?: string } };
          if (m.recipient === phone && (template === undefined || m.template === template) && Date.parse(m.createdAt) >= since - 1000 && m.payload.code) {
            code = m.payload.code;
            break;
          }
        }
        return code;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return code;
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits until `row` is on the page, clicking 加载更多 (load-more) while it is not: lists page oldest
 * first, and the rows other files add meanwhile push a new one off the first page.
 */
export async function untilListed(page: Page, row: Locator, timeout = 20_000): Promise<void> {
  const more = page.getByTestId('load-more');
  await expect
    .poll(
      async () => {
        if ((await row.count()) > 0) return true;
        if ((await more.count()) > 0) await more.click({ timeout: 2_000 }).catch(() => {});
        return false;
      },
      { timeout },
    )
    .toBe(true);
}

/** Clicks "加载更多" until the list is complete, then returns the division codes of all rows. */
export async function allAgencyDivisionCodes(page: Page): Promise<string[]> {
  await page.getByTestId('agency-division').first().waitFor();
  for (let i = 0; i < 50; i++) {
    const more = page.getByTestId('load-more');
    if ((await more.count()) === 0) break;
    const before = await page.getByTestId('agency-division').count();
    await more.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="agency-division"]').length > n || !document.querySelector('[data-testid="load-more"]'),
      before,
    );
  }
  return page.getByTestId('agency-division').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
}

export const HAN = /[\u4e00-\u9fff]/;
