// Shared browser plumbing for the e2e tests: one chromium per file, a fresh context per test.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
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
