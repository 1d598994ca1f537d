// Online interviews (issue 13 S2, decision 0049): the employer schedules one for a shortlisted
// application (which moves to the interview stage), with an https video link; the invitation is
// an .ics whose UID stays and whose SEQUENCE rises with each reschedule and the cancellation;
// either side reschedules or cancels and the other is told; reminders a day and an hour before,
// each once, with the manual clock; a rejection cancels the live interview; officials of the
// county read; other people 404; a person's interviews are in their copy and go with an erasure.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, mobile, unique } from '../../../../test/helpers/factories.ts';
import { HOUR, MINUTE, ManualClock } from '../../platform/clock.ts';
import { SYSTEM_CALLER } from '../../platform/command.ts';
import { erasePersonalData, exportPersonalData } from '../index.ts';
import { sendInterviewReminders } from './service.ts';

const PASSWORD = 'Test-password-2020';
const DAY = 24 * HOUR;
let t: TestApp;
const clock = new ManualClock('2025-05-12T02:00:00Z');
let employerKm: string; // 昆明康泰 in 530102 (五华区)
let wh: string;
let pl: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [employerKm, wh, pl] = await Promise.all([t.login('employer-km'), t.login('wh'), t.login('pl')]);
});
afterAll(() => t.close());

async function seeker() {
  const phone = mobile();
  const username = await createAccount(t.deps, { role: 'seeker', phone, password: PASSWORD });
  const cookie = await t.login(username, PASSWORD);
  const res = await t.send('PUT', '/api/v1/seekers/me', { name: `求职者${unique()}`, residenceDivision: '530103', educationCode: '20', visibility: 'applied' }, cookie);
  expect(res.statusCode, res.body).toBe(200);
  const accountId = (await t.deps.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  return { cookie, accountId, phone };
}

/** A seeker's application to a fresh posting of 昆明康泰, moved to `stage`; returns the seeker and the application id. */
async function application(stage: 'applied' | 'shortlisted' = 'shortlisted') {
  const s = await seeker();
  const p = await t.send('POST', '/api/v1/postings', { title: `仓库管理员${unique()}`, validUntil: '2025-08-30' }, employerKm);
  expect(p.statusCode, p.body).toBe(201);
  expect((await t.send('POST', `/api/v1/postings/${p.json().id}/publish`, undefined, employerKm)).statusCode).toBe(200);
  const a = await t.send('POST', '/api/v1/applications', { postingId: p.json().id }, s.cookie);
  expect(a.statusCode, a.body).toBe(201);
  if (stage === 'shortlisted') expect((await t.send('POST', `/api/v1/applications/${a.json().id}/stage`, { stage: 'shortlisted' }, employerKm)).statusCode).toBe(200);
  return { s, id: a.json().id as number, title: p.json().title as string };
}

const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
const MEETING = 'https://meeting.tencent.com/dm/yq2025abc';
const schedule = (applicationId: number, body: Record<string, unknown>, cookie = employerKm) => t.send('POST', `/api/v1/applications/${applicationId}/interviews`, body, cookie);
const outboxOf = (interviewId: number) =>
  t.deps.db
    .selectFrom('outbox')
    .select(['channel', 'recipient', 'template', 'payload'])
    .where(sql`(payload->>'interviewId')::bigint`, '=', interviewId)
    .orderBy('id')
    .execute();
const auditOf = (id: number) => t.deps.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'interview').where('target_id', '=', String(id)).orderBy('id').execute();
const ics = (id: number, cookie: string) => t.get(`/api/v1/interviews/${id}/invite.ics`, cookie);
const stageOf = async (id: number) => (await t.deps.db.selectFrom('applications').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;

describe('scheduling', () => {
  it('the employer schedules an online interview for a shortlisted application: it moves to the interview stage, the seeker is told in-app and by SMS with the link and the invitation', async () => {
    const { s, id, title } = await application();
    const startsAt = at(2 * DAY);
    const res = await schedule(id, { startsAt, durationMinutes: 45, meetingUrl: MEETING.replace('https://meeting.tencent.com', 'HTTPS://Meeting.Tencent.com'), note: '请准备身份证和简历' });
    expect(res.statusCode, res.body).toBe(201);
    const iv = res.json();
    expect(iv).toMatchObject({ applicationId: id, postingTitle: title, status: 'scheduled', sequence: 0, durationMinutes: 45, meetingUrl: MEETING, note: '请准备身份证和简历', changedBy: null, icsUrl: `/api/v1/interviews/${iv.id}/invite.ics` });
    expect(new Date(iv.startsAt).toISOString()).toBe(startsAt);
    expect(iv.startsAt).toMatch(/\+08:00$/);
    expect(new Date(iv.endsAt).getTime() - new Date(iv.startsAt).getTime()).toBe(45 * MINUTE);
    expect(await stageOf(id)).toBe('interview');
    const told = await outboxOf(iv.id);
    expect(told.map((m) => [m.channel, m.recipient, m.template])).toEqual([
      ['inapp', `account:${s.accountId}`, 'market_interview_scheduled'],
      ['sms', s.phone, 'market_interview_scheduled'],
    ]);
    expect(told[0]?.payload).toMatchObject({ interviewId: iv.id, applicationId: id, meetingUrl: MEETING, sequence: 0, ics: iv.icsUrl });
    expect((await auditOf(iv.id)).map((a) => a.action)).toEqual(['market.interview.schedule']);
    // the seeker reads it among their own
    const mine = await t.get(`/api/v1/interviews?applicationId=${id}`, s.cookie);
    expect(mine.json().items.map((x: { id: number }) => x.id)).toEqual([iv.id]);
  });

  it('the invitation is an iCalendar file (PUBLISH) in UTC with a stable UID, the link, and an alarm, every line ending in CRLF; the seeker and the employer download it, English on request', async () => {
    const { s, id, title } = await application();
    const startsAt = at(3 * DAY);
    const iv = (await schedule(id, { startsAt, meetingUrl: MEETING })).json();
    const res = await ics(iv.id, s.cookie);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(res.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.ics"; filename\*=UTF-8''/);
    const text = res.body.replace(/\r\n[ \t]/g, '');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('METHOD:PUBLISH');
    expect(text).toContain(`UID:interview-530102-${iv.id}@`);
    expect(text).toContain('SEQUENCE:0');
    const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(text).toContain(`DTSTART:${utc(startsAt)}`);
    expect(text).toContain(`DTEND:${utc(new Date(new Date(startsAt).getTime() + 30 * MINUTE).toISOString())}`);
    expect(text).toContain(`DTSTAMP:${utc(clock.now().toISOString())}`);
    expect(text).toContain(`SUMMARY:线上面试：${title}`);
    expect(text).toContain(MEETING);
    expect(text).toContain('BEGIN:VALARM');
    expect(text).toContain('STATUS:CONFIRMED');
    const en = await t.get(`/api/v1/interviews/${iv.id}/invite.ics`, employerKm, { 'accept-language': 'en' });
    expect(en.body.replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:Online interview: ${title}`);
  });

  it('refuses what does not fit, naming the field, and writes nothing: not shortlisted, too soon, too far, no https link, unknown fields, a second live interview', async () => {
    const early = await application('applied');
    const r1 = await schedule(early.id, { startsAt: at(DAY), meetingUrl: MEETING });
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error.code).toBe('interview_stage_refused');
    const { id } = await application();
    const field = async (body: Record<string, unknown>) => {
      const r = await schedule(id, body);
      expect(r.statusCode, r.body).toBe(400);
      return r.json().error.details.map((d: { field: string }) => d.field);
    };
    expect(await field({ startsAt: at(10 * MINUTE), meetingUrl: MEETING })).toEqual(['startsAt']);
    expect(await field({ startsAt: at(91 * DAY), meetingUrl: MEETING })).toEqual(['startsAt']);
    expect(await field({ startsAt: '明天上午', meetingUrl: MEETING })).toEqual(['startsAt']);
    expect(await field({ startsAt: at(DAY), meetingUrl: 'http://meeting.tencent.com/dm/1' })).toEqual(['meetingUrl']);
    expect(await field({ startsAt: at(DAY), meetingUrl: '公司三楼会议室' })).toEqual(['meetingUrl']);
    expect(await field({ startsAt: at(DAY), meetingUrl: 'https://user:pw@meeting.tencent.com/x' })).toEqual(['meetingUrl']);
    for (const local of ['https://192.168.1.1/x', 'https://127.0.0.1:8080/', 'https://localhost./x', 'https://[::1]/x', 'https://a.cn/x ATTENDEE:mailto:e@x.cn', 'https://a.cn/x\ty']) expect(await field({ startsAt: at(DAY), meetingUrl: local }), local).toEqual(['meetingUrl']);
    expect(await field({ startsAt: at(DAY), meetingUrl: MEETING, durationMinutes: 5 })).toEqual(['durationMinutes']);
    expect(await field({ startsAt: at(DAY), meetingUrl: MEETING, place: '现场' })).toEqual(['place']);
    const zh = await schedule(id, { startsAt: at(DAY), meetingUrl: 'http://x.cn' });
    expect(zh.json().error.details[0].message).toContain('https://');
    expect(await t.deps.db.selectFrom('interviews').select('id').where('application_id', '=', id).execute()).toEqual([]);
    expect(await stageOf(id)).toBe('shortlisted');
    // parallel schedules make one; later ones 409
    const answers = await Promise.all(Array.from({ length: 4 }, () => schedule(id, { startsAt: at(DAY), meetingUrl: MEETING })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(new Set(answers.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['interview_exists']));
    expect(await t.deps.db.selectFrom('interviews').select('id').where('application_id', '=', id).execute()).toHaveLength(1);
  });
});

describe('listing', () => {
  it('lists soonest first from `from`; `before` bounds the start (the desk\'s past ones), a bad `before` is a 400 naming it', async () => {
    const a = await application();
    const b = await application();
    const near = (await schedule(a.id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    const far = (await schedule(b.id, { startsAt: at(5 * DAY), meetingUrl: MEETING })).json();
    const ids = async (q: string) => ((await t.get(`/api/v1/interviews?${q}`, employerKm)).json().items as { id: number }[]).map((x) => x.id).filter((x) => x === near.id || x === far.id);
    expect(await ids(`from=${encodeURIComponent(at(DAY))}&limit=100`)).toEqual([near.id, far.id]);
    expect(await ids(`from=${encodeURIComponent(at(DAY))}&before=${encodeURIComponent(at(3 * DAY))}&limit=100`)).toEqual([near.id]);
    expect(await ids(`from=${encodeURIComponent(at(DAY))}&before=${encodeURIComponent(at(2 * DAY))}&limit=100`)).toEqual([]);
    const bad = await t.get('/api/v1/interviews?before=tomorrow', employerKm);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('before');
  });
});

describe('rescheduling and cancelling', () => {
  it('either side moves the slot: the other side is told with the new version (same UID, SEQUENCE up); the seeker may not change the link', async () => {
    const { s, id } = await application();
    const iv = (await schedule(id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    const byEmployer = await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: at(3 * DAY), meetingUrl: 'https://meeting.dingtalk.com/j/abc' }, employerKm);
    expect(byEmployer.statusCode, byEmployer.body).toBe(200);
    expect(byEmployer.json()).toMatchObject({ sequence: 1, changedBy: 'employer', meetingUrl: 'https://meeting.dingtalk.com/j/abc' });
    for (const [field, value] of [['meetingUrl', MEETING], ['durationMinutes', 240], ['note', '改成线下']] as const) {
      const refused = await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: at(4 * DAY), [field]: value }, s.cookie);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
    const bySeeker = await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: at(4 * DAY) }, s.cookie);
    expect(bySeeker.statusCode, bySeeker.body).toBe(200);
    expect(bySeeker.json()).toMatchObject({ sequence: 2, changedBy: 'seeker', meetingUrl: 'https://meeting.dingtalk.com/j/abc' });
    expect(new Date(bySeeker.json().startsAt).toISOString()).toBe(at(4 * DAY));
    const told = (await outboxOf(iv.id)).filter((m) => m.template === 'market_interview_rescheduled');
    expect(told.map((m) => [m.channel, m.recipient, (m.payload as { sequence: number }).sequence])).toEqual([
      ['inapp', `account:${s.accountId}`, 1],
      ['sms', s.phone, 1],
      ['inapp', `employer:530102:${(await t.get('/api/v1/me', employerKm)).json().employerId}`, 2],
    ]);
    // the same slot again: nothing changes, nobody is told
    const same = await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: at(4 * DAY) }, s.cookie);
    expect(same.statusCode).toBe(200);
    expect(same.json().sequence).toBe(2);
    expect((await outboxOf(iv.id)).filter((m) => m.template === 'market_interview_rescheduled')).toHaveLength(3);
    const text = (await ics(iv.id, s.cookie)).body;
    expect(text).toContain(`UID:interview-530102-${iv.id}@`);
    expect(text).toContain('SEQUENCE:2');
    expect((await auditOf(iv.id)).map((a) => a.action)).toEqual(['market.interview.schedule', 'market.interview.reschedule', 'market.interview.reschedule']);
  });

  it('the seeker cancels with a reason: the employer is told, the invitation becomes a CANCEL; nothing more changes it; the employer may schedule again', async () => {
    const { s, id } = await application();
    const iv = (await schedule(id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    const noReason = await t.send('POST', `/api/v1/interviews/${iv.id}/cancel`, {}, s.cookie);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    const res = await t.send('POST', `/api/v1/interviews/${iv.id}/cancel`, { reason: '已找到工作' }, s.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', sequence: 1, changedBy: 'seeker', cancelReason: '已找到工作' });
    const told = (await outboxOf(iv.id)).filter((m) => m.template === 'market_interview_cancelled');
    expect(told.map((m) => m.recipient)).toEqual([expect.stringMatching(/^employer:530102:\d+$/)]);
    expect(told[0]?.payload).toMatchObject({ reason: '已找到工作', by: 'seeker' });
    const cancelled = await ics(iv.id, employerKm);
    expect(cancelled.body).toContain('METHOD:PUBLISH');
    expect(cancelled.body).toContain('STATUS:CANCELLED');
    expect(cancelled.body).toContain('SEQUENCE:1');
    expect(cancelled.body).not.toContain('BEGIN:VALARM');
    for (const r of [await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: at(3 * DAY) }, employerKm), await t.send('POST', `/api/v1/interviews/${iv.id}/cancel`, { reason: '再取消' }, employerKm)]) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('interview_not_live');
    }
    expect(await stageOf(id)).toBe('interview');
    const again = await schedule(id, { startsAt: at(5 * DAY), meetingUrl: MEETING });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).not.toBe(iv.id);
  });

  it('an interview that has begun is neither moved nor cancelled; a rejection cancels the live interview of its application', async () => {
    const { id } = await application();
    const iv = (await schedule(id, { startsAt: at(HOUR), meetingUrl: MEETING })).json();
    clock.advance(HOUR + MINUTE);
    try {
      const late = await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: at(DAY) }, employerKm);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('interview_started');
    } finally {
      clock.advance(-(HOUR + MINUTE));
    }
    const other = await application();
    const live = (await schedule(other.id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    expect((await t.send('POST', `/api/v1/applications/${other.id}/stage`, { stage: 'rejected' }, employerKm)).statusCode).toBe(200);
    expect((await t.get(`/api/v1/interviews/${live.id}`, employerKm)).json()).toMatchObject({ status: 'cancelled', changedBy: 'employer' });
  });
});

describe('reminders', () => {
  it('a day and an hour before, each once, to both sides (the seeker by SMS too); a reschedule starts them over; none once it has begun', async () => {
    const { s, id } = await application();
    const start = clock.now().getTime();
    const iv = (await schedule(id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    const reminders = async () => (await outboxOf(iv.id)).filter((m) => m.template === 'market_interview_reminder').map((m) => [m.channel, m.recipient.startsWith('employer:') ? 'employer' : m.recipient, (m.payload as { which: string }).which]);
    try {
      await sendInterviewReminders(t.deps);
      expect(await reminders()).toEqual([]);
      clock.set(new Date(start + DAY + HOUR)); // 23 h before
      // two runners at once: each reminder once
      await Promise.all([sendInterviewReminders(t.deps), sendInterviewReminders(t.deps)]);
      await sendInterviewReminders(t.deps);
      expect(await reminders()).toEqual([
        ['inapp', 'employer', 'day'],
        ['inapp', `account:${s.accountId}`, 'day'],
        ['sms', s.phone, 'day'],
      ]);
      clock.set(new Date(start + 2 * DAY - 50 * MINUTE));
      await sendInterviewReminders(t.deps);
      await sendInterviewReminders(t.deps);
      expect((await reminders()).map((r) => r[2])).toEqual(['day', 'day', 'day', 'hour', 'hour', 'hour']);
      // moved to a day later: the reminders start over for the new slot
      expect((await t.send('PATCH', `/api/v1/interviews/${iv.id}`, { startsAt: new Date(start + 3 * DAY).toISOString() }, employerKm)).statusCode).toBe(200);
      clock.set(new Date(start + 3 * DAY - 2 * HOUR));
      await sendInterviewReminders(t.deps);
      expect((await reminders()).map((r) => r[2])).toEqual(['day', 'day', 'day', 'hour', 'hour', 'hour', 'day', 'day', 'day']);
      clock.set(new Date(start + 3 * DAY + MINUTE));
      await sendInterviewReminders(t.deps);
      expect(await reminders()).toHaveLength(9);
    } finally {
      clock.set(new Date(start));
    }
  });
});

describe('scope and personal data', () => {
  it('officials of the county read; another county\'s official, another seeker and another employer get 404; officials cannot change one', async () => {
    const { id } = await application();
    const iv = (await schedule(id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    expect((await t.get(`/api/v1/interviews/${iv.id}`, wh)).json()).toMatchObject({ id: iv.id });
    expect((await t.get(`/api/v1/interviews?applicationId=${id}`, wh)).json().items).toHaveLength(1);
    expect((await t.get(`/api/v1/interviews/${iv.id}`, pl)).statusCode).toBe(404);
    expect((await t.get(`/api/v1/interviews?applicationId=${id}`, pl)).json().items).toEqual([]);
    const stranger = await seeker();
    expect((await t.get(`/api/v1/interviews/${iv.id}`, stranger.cookie)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/v1/interviews/${iv.id}/cancel`, { reason: 'x' }, stranger.cookie)).statusCode).toBe(404);
    expect((await ics(iv.id, stranger.cookie)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/v1/interviews/${iv.id}/cancel`, { reason: 'x' }, wh)).statusCode).toBe(403);
    expect((await t.get(`/api/v1/interviews/${iv.id}`, employerKm)).statusCode).toBe(200);
  });

  it('a person\'s interviews are in their copy and go with an erasure', async () => {
    const { s, id } = await application();
    const iv = (await schedule(id, { startsAt: at(2 * DAY), meetingUrl: MEETING })).json();
    const copy = (await exportPersonalData(t.deps, { phone: s.phone })).filter((r) => r.kind === 'interview');
    expect(copy).toEqual([expect.objectContaining({ module: 'market', id: iv.id, divisionCode: '530102', data: expect.objectContaining({ applicationId: id, meetingUrl: MEETING, status: 'scheduled' }) })]);
    await erasePersonalData(t.deps, { phone: s.phone }, SYSTEM_CALLER);
    expect(await t.deps.db.selectFrom('interviews').select('id').where('id', '=', iv.id).execute()).toEqual([]);
  });
});
