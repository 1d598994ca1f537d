// 线上面试 (issue 13 S2, decision 0049) across the employer's desk and the seeker's phone: the
// employer schedules from the applicant list (安排面试) — a room in the office refused under the link
// field, an https link accepted — and the application moves to the interview stage; the seeker opens
// 我的面试 from the phone's start page, sees the time in Beijing time, downloads the invitation (a
// VCALENDAR whose UID is the one the employer's desk downloads) and proposes another time (a time
// already past refused under the field first); the employer sees the new time, marked as moved by the
// candidate, and cancels with a reason; the seeker sees 已取消 with the reason and the invitation
// turns CANCELLED with the same UID and a higher SEQUENCE. Then the other way round: the seeker
// cancels and the employer's 已取消 view shows it, after the employer moved it in the 改期 dialog and
// the county's official read it (no actions). The server runs on the real clock, so the slots
// are days ahead in Beijing time. The postings are this file's own (employer-km's, filtered by id:
// no counts over 五华区). Screenshots: test-results/e2e/interviews-schedule.png, interviews-desk.png,
// m-interviews.png; of a failure: interviews-page-<n>.png.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, beijingDate } from '../../src/shared/beijing-day.ts';
import { apiSend, apiSignIn, browserPerFile, modalsSettled, openAs, PASSWORD, PHONE, pagesWithShots, shot } from './browser.ts';
import { createPerson, DATABASE_URL } from './db.ts';

const withPage = pagesWithShots(browserPerFile(), 'interviews');

/** A seeker with a profile who applied to a fresh posting of employer-km, shortlisted; the ids and names the pages show. */
async function shortlisted(): Promise<{ seeker: string; seekerCookie: string; employerCookie: string; name: string; title: string; postingId: number; applicationId: number }> {
  const stamp = `${Date.now() % 1_000_000}`;
  const seeker = await createPerson({ password: PASSWORD, memberships: [{ role: 'seeker', seeker_group: 'other' }] });
  const employerCookie = await apiSignIn('employer-km');
  const seekerCookie = await apiSignIn(seeker);
  const title = `线上面试岗位${stamp}`;
  const name = `面试者${stamp}`;
  const posting = await apiSend(employerCookie, 'POST', '/api/v1/postings', { title, validUntil: '2099-12-31' });
  await apiSend(employerCookie, 'POST', `/api/v1/postings/${posting.id}/publish`);
  await apiSend(seekerCookie, 'PUT', '/api/v1/seekers/me', { name, residenceDivision: '530102', skills: '仓储', experienceYears: 2, visibility: 'applied' });
  const application = await apiSend(seekerCookie, 'POST', '/api/v1/applications', { postingId: posting.id });
  await apiSend(employerCookie, 'POST', `/api/v1/applications/${application.id}/stage`, { stage: 'shortlisted' });
  return { seeker, seekerCookie, employerCookie, name, title, postingId: Number(posting.id), applicationId: Number(application.id) };
}

/** The text of a downloaded file, its folded lines unfolded (RFC 5545 §3.1). */
async function icsText(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8').replace(/\r\n[ \t]/g, '');
}

const field = (text: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1]?.trim();

/** Types `value` (`YYYY-MM-DD HH:mm`) into the dialog's antd date-time picker and confirms it. */
async function pickTime(page: Page, value: string) {
  const input = page.locator('.ant-modal [data-testid="interview-starts-at"]').locator('xpath=descendant-or-self::input').first();
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** The antd form item's error under the field whose control carries `testId`. */
const errorUnder = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

describe('线上面试', () => {
  it.skipIf(!DATABASE_URL)('the employer schedules from the applicant list, the seeker sees it on the phone with the invitation and proposes another time, the employer sees it and cancels, the seeker sees 已取消', async () => {
    const f = await shortlisted();
    const day = addDays(beijingDate(new Date()), 2);
    const later = addDays(day, 1);
    let uid = '';
    let interviewId = 0;

    // the employer: 安排面试 from the applicant list
    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/applications?posting=${f.postingId}`);
      const row = page.locator('[data-testid="applications-table"] tbody tr.ant-table-row');
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
      await row.getByTestId('schedule-interview').click();
      await modalsSettled(page);
      await pickTime(page, `${day} 10:00`);
      await page.getByTestId('interview-duration').locator('xpath=descendant-or-self::input').first().fill('45');
      // a room in the office is no meeting link: refused, under its field, nothing written
      await page.getByTestId('interview-meeting-url').fill('公司三楼会议室');
      await page.getByTestId('interview-note').fill('请提前 5 分钟进入会议');
      await page.getByTestId('interview-submit').click();
      await expect.poll(() => errorUnder(page, 'interview-meeting-url').textContent()).toMatch(/链接|https|线上/);
      expect(await row.getByTestId('application-stage').getAttribute('data-stage')).toBe('shortlisted');
      await shot(page, 'interviews-schedule');
      await page.getByTestId('interview-meeting-url').fill('https://meeting.tencent.com/dm/e2e-interview');
      await page.getByTestId('interview-submit').click();
      await page.locator('.ant-modal').waitFor({ state: 'detached' });
      await expect.poll(() => row.getByTestId('application-stage').getAttribute('data-stage')).toBe('interview');

      // 面试安排: the interview at 10:00–10:45 Beijing time, its invitation
      await row.getByTestId('open-interviews').click();
      await page.waitForURL(/\/home\/interviews\?application=/);
      const iv = page.locator('[data-testid="interviews-table"] tbody tr.ant-table-row');
      await expect.poll(() => iv.count(), { timeout: 15_000 }).toBe(1);
      expect(await iv.getByTestId('interview-slot').textContent()).toBe(`${day.replaceAll('-', '/')} 10:00–10:45`);
      interviewId = Number(await iv.getAttribute('data-id'));
      const [download] = await Promise.all([page.waitForEvent('download'), iv.getByTestId('interview-ics').click()]);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);
      const text = await icsText(download);
      expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
      uid = field(text, 'UID') ?? '';
      expect(uid).toMatch(new RegExp(`^interview-530102-${interviewId}@`));
      expect(field(text, 'STATUS')).toBe('CONFIRMED');
      expect(field(text, 'DTSTART')).toBe(`${day.replaceAll('-', '')}T020000Z`);
    });

    // the seeker: 我的面试 from the phone's start page, the same invitation; proposes 15:30 the next day
    await withPage(async (page) => {
      await openAs(page, f.seeker, '/m/');
      await page.getByTestId('m-interviews-link').click();
      await page.waitForURL(/\/m\/interviews$/);
      const mine = page.locator(`[data-testid="my-interview"][data-id="${interviewId}"]`);
      await mine.waitFor();
      expect(await mine.getByTestId('my-interview-slot').textContent()).toBe(`${day} 10:00–10:45`);
      expect(await mine.textContent()).toContain(f.title);
      expect(await mine.getByTestId('my-interview-link').getAttribute('href')).toBe('https://meeting.tencent.com/dm/e2e-interview');
      const [download] = await Promise.all([page.waitForEvent('download'), mine.getByTestId('my-interview-ics').click()]);
      const text = await icsText(download);
      expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
      expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
      expect(field(text, 'UID')).toBe(uid);
      expect(field(text, 'SEQUENCE')).toBe('0');

      await mine.getByTestId('my-interview-propose').click();
      // a time already past: refused under the field
      await mine.getByTestId('my-interview-new-time').fill(`${addDays(beijingDate(new Date()), -1)}T09:00`);
      await mine.getByTestId('my-interview-submit').click();
      await expect.poll(() => mine.getByTestId('my-interview-starts-at-error').textContent()).toMatch(/\d+\s*分钟/);
      await mine.getByTestId('my-interview-new-time').fill(`${later}T15:30`);
      await mine.getByTestId('my-interview-submit').click();
      await expect.poll(() => mine.getByTestId('my-interview-slot').textContent()).toBe(`${later} 15:30–16:15`);
      await shot(page, 'm-interviews');
    }, PHONE);

    // the employer sees the new time, moved by the candidate, and cancels with a reason
    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/interviews?application=${f.applicationId}`);
      const iv = page.locator(`[data-testid="interviews-table"] tbody tr[data-id="${interviewId}"]`);
      await iv.waitFor();
      expect(await iv.getByTestId('interview-slot').textContent()).toBe(`${later.replaceAll('-', '/')} 15:30–16:15`);
      await iv.getByTestId('interview-moved-by-seeker').waitFor();
      await shot(page, 'interviews-desk');
      await iv.getByTestId('interview-cancel').click();
      await modalsSettled(page);
      // the reason is required
      await page.getByTestId('interview-cancel-submit').click();
      await errorUnder(page, 'interview-cancel-reason').waitFor();
      await page.getByTestId('interview-cancel-reason').fill('岗位已招满');
      await page.getByTestId('interview-cancel-submit').click();
      await page.locator('.ant-modal').waitFor({ state: 'detached' });
      await iv.waitFor({ state: 'detached' });
      await page.getByTestId('interviews-view-cancelled').click();
      await expect.poll(() => iv.getByTestId('interview-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('cancelled');
      expect(await iv.getByTestId('interview-cancel-reason-shown').textContent()).toContain('岗位已招满');
    });

    // the seeker sees 已取消 with the reason; the invitation is CANCELLED, same UID, a higher SEQUENCE
    await withPage(async (page) => {
      await openAs(page, f.seeker, '/m/interviews');
      const mine = page.locator(`[data-testid="my-interview"][data-id="${interviewId}"]`);
      await mine.waitFor();
      expect(await mine.getAttribute('data-status')).toBe('cancelled');
      expect(await mine.getByTestId('my-interview-cancelled').textContent()).toContain('已取消');
      expect(await mine.getByTestId('my-interview-reason').textContent()).toContain('岗位已招满');
      expect(await mine.getByTestId('my-interview-propose').count()).toBe(0);
      const [download] = await Promise.all([page.waitForEvent('download'), mine.getByTestId('my-interview-ics').click()]);
      const text = await icsText(download);
      expect(field(text, 'UID')).toBe(uid);
      expect(field(text, 'STATUS')).toBe('CANCELLED');
      expect(Number(field(text, 'SEQUENCE'))).toBe(2);
    }, PHONE);
  });

  it.skipIf(!DATABASE_URL)('the employer moves it in the 改期 dialog, the county official reads it without actions, the seeker sees the new time and cancels on the phone with a reason; the employer sees it under 已取消', async () => {
    const f = await shortlisted();
    const day = addDays(beijingDate(new Date()), 3);
    const iv = await apiSend(f.employerCookie, 'POST', `/api/v1/applications/${f.applicationId}/interviews`, { startsAt: `${day}T09:00:00+08:00`, meetingUrl: 'https://meeting.dingtalk.com/j/e2e' });

    // 改期 on the desk: 09:30, 30 minutes
    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/interviews?application=${f.applicationId}`);
      const row = page.locator(`[data-testid="interviews-table"] tbody tr[data-id="${iv.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('interview-slot').textContent()).toBe(`${day.replaceAll('-', '/')} 09:00–09:30`);
      await row.getByTestId('interview-reschedule').click();
      await modalsSettled(page);
      expect(await page.locator('.ant-modal [data-testid="interview-meeting-url"]').inputValue()).toBe('https://meeting.dingtalk.com/j/e2e');
      await pickTime(page, `${day} 09:30`);
      await page.getByTestId('interview-submit').click();
      await page.locator('.ant-modal').waitFor({ state: 'detached' });
      await expect.poll(() => row.getByTestId('interview-slot').textContent()).toBe(`${day.replaceAll('-', '/')} 09:30–10:00`);
    });

    // the county's official (五华区) reads it on the official desk, with the invitation link only
    await withPage(async (page) => {
      await openAs(page, 'wh', `/gov/interviews?application=${f.applicationId}`);
      const row = page.locator(`[data-testid="interviews-table"] tbody tr[data-id="${iv.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('interview-slot').textContent()).toBe(`${day.replaceAll('-', '/')} 09:30–10:00`);
      expect(await row.getByTestId('interview-reschedule').count()).toBe(0);
      expect(await row.getByTestId('interview-cancel').count()).toBe(0);
    });

    await withPage(async (page) => {
      await openAs(page, f.seeker, '/m/applications');
      await page.getByTestId('my-application-interviews').click();
      await page.waitForURL(/\/m\/interviews$/);
      const mine = page.locator(`[data-testid="my-interview"][data-id="${iv.id}"]`);
      await mine.waitFor();
      expect(await mine.getByTestId('my-interview-slot').textContent()).toBe(`${day} 09:30–10:00`);
      expect(await mine.textContent()).toContain('用人单位已改期');
      await mine.getByTestId('my-interview-cancel').click();
      await mine.getByTestId('my-interview-reason-input').fill('已找到工作');
      await mine.getByTestId('my-interview-submit').click();
      await expect.poll(() => mine.getAttribute('data-status')).toBe('cancelled');
      expect(await mine.getByTestId('my-interview-reason').textContent()).toContain('已找到工作');
    }, PHONE);

    await withPage(async (page) => {
      await openAs(page, 'employer-km', `/home/interviews?view=cancelled&application=${f.applicationId}`);
      const row = page.locator(`[data-testid="interviews-table"] tbody tr[data-id="${iv.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('interview-status').textContent()).toBe('已取消');
      expect(await row.getByTestId('interview-cancel-reason-shown').textContent()).toBe('求职者取消：已找到工作');
      expect(await row.getByTestId('interview-slot').textContent()).toBe(`${day.replaceAll('-', '/')} 09:30–10:00`);
    });
  });
});
