// Online interviews (面试, issue 13 S2, decision 0049): the posting's employer schedules an interview
// for an application it has shortlisted (the application moves to the interview stage in the same
// transaction) or that is at the interview stage with no live interview: a time slot, an https link
// to the video meeting (no meeting in person), a note. Either side reschedules or cancels; the other
// side is told (in-app; the seeker also by SMS), with the invitation's new version (.ics, the same
// UID, the sequence raised). A reminder goes out a day and an hour before (the job takes what is
// due with the manual clock). Leaving the interview stage by rejection or withdrawal cancels the live
// interview. Officials of the county read them. Every change is audited; messages are outbox rows
// in the same transaction.
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps, OutboxMessage } from '../../deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../http/errors.ts';
import { cursorPart, decodeCursor, toPage } from '../../http/pagination.ts';
import { command, SYSTEM_CALLER } from '../../platform/command.ts';
import type { Locale } from '../../platform/i18n.ts';
import { beijingDate } from '../../../shared/beijing-day.ts';
import * as seekers from '../seekers/service.ts';
import { interviewIcs } from './interview-ics.ts';
import { beijingIso } from './presenters.ts';
import * as apps from './repository/applications.ts';
import * as repo from './repository/interviews.ts';
import type * as s from './schemas.ts';

/** The seeker's phone for an interview's SMS (their profile's, in every county). */
const APPLICANTS = systemScope("applicants' profiles: the phone of the seeker an interview is with");
/** The reminder job: live interviews of every division starting within a day. */
const REMINDERS = systemScope('interview reminders: live interviews of every division starting within a day');

/** How far ahead an interview may be set, and how soon at the earliest (minutes). */
export const INTERVIEW_WINDOW = { soonestMinutes: 15, furthestDays: 90 } as const;
/** Reminders taken per statement by the job. */
const REMINDER_BATCH = 500;

const employerInbox = (division: string, employerId: number) => `employer:${division}:${employerId}`;
const seekerInbox = (accountId: number) => `account:${accountId}`;
/** Where either side fetches the invitation. */
export const icsPath = (id: number) => `/api/v1/interviews/${id}/invite.ics`;

type Side = 'employer' | 'seeker';

function sideOf(actor: Actor): Side | null {
  return actor.scope.kind === 'employer' ? 'employer' : actor.scope.kind === 'seeker' ? 'seeker' : null;
}

function present(r: repo.InterviewRow | Omit<repo.InterviewRow, 'key'>): z.infer<typeof s.interview> {
  return {
    id: r.id,
    divisionCode: r.division_code,
    applicationId: r.application_id,
    postingId: r.posting_id,
    postingTitle: r.posting_title,
    employerName: r.employer_name,
    startsAt: beijingIso(r.starts_at),
    endsAt: beijingIso(new Date(r.starts_at.getTime() + r.duration_minutes * 60_000)),
    durationMinutes: r.duration_minutes,
    meetingUrl: r.meeting_url,
    note: r.note,
    status: r.status as 'scheduled' | 'cancelled',
    sequence: r.sequence,
    changedBy: (r.changed_by_side as Side | null) ?? null,
    cancelReason: r.cancel_reason,
    icsUrl: icsPath(r.id),
    createdAt: beijingIso(r.created_at),
    updatedAt: beijingIso(r.updated_at),
  };
}

/** The slot's rules (400 naming startsAt): not sooner than INTERVIEW_WINDOW.soonestMinutes from now, not further than furthestDays. */
function checkSlot(startsAt: Date, now: Date) {
  if (startsAt.getTime() < now.getTime() + INTERVIEW_WINDOW.soonestMinutes * 60_000) throw fieldError('startsAt', 'interview_too_soon', { minutes: INTERVIEW_WINDOW.soonestMinutes });
  if (startsAt.getTime() > now.getTime() + INTERVIEW_WINDOW.furthestDays * 86_400_000) throw fieldError('startsAt', 'interview_too_far', { days: INTERVIEW_WINDOW.furthestDays });
}

/** The messages telling one side about an interview: in-app, and for the seeker an SMS too when a phone is known. */
function tell(to: Side, r: { division_code: string; id: number; employer_id: number; seeker_account_id: number }, template: string, payload: Record<string, unknown>, key: string, phone: string | null): OutboxMessage[] {
  const base = { divisionCode: r.division_code, template, payload };
  if (to === 'employer') return [{ ...base, channel: 'inapp', recipient: employerInbox(r.division_code, r.employer_id), idempotency_key: `${key}:employer` }];
  const out: OutboxMessage[] = [{ ...base, channel: 'inapp', recipient: seekerInbox(r.seeker_account_id), idempotency_key: `${key}:seeker` }];
  if (phone) out.push({ ...base, channel: 'sms', recipient: phone, idempotency_key: `${key}:seeker-sms` });
  return out;
}

async function phoneOf(deps: Deps, accountId: number): Promise<string | null> {
  return (await seekers.applicantsOf(deps, APPLICANTS, [accountId])).get(accountId)?.phone ?? null;
}

const messagePayload = (r: { id: number; application_id: number; posting_title: string; employer_name: string }, v: { startsAt: Date; durationMinutes: number; meetingUrl: string }, sequence: number) => ({
  interviewId: r.id,
  applicationId: r.application_id,
  title: r.posting_title,
  employerName: r.employer_name,
  startsAt: beijingIso(v.startsAt),
  durationMinutes: v.durationMinutes,
  meetingUrl: v.meetingUrl,
  sequence,
  ics: icsPath(r.id),
});

/**
 * The posting's employer schedules an online interview for one of its applications (POST
 * /applications/:id/interviews). The application must be shortlisted (it moves to interview in the
 * same transaction) or at the interview stage with no live interview; else 409
 * interview_stage_refused {stage}, 409 interview_exists (also the loser of two racing schedules).
 * 400 startsAt interview_too_soon / interview_too_far (INTERVIEW_WINDOW). The seeker is told
 * in-app and by SMS with the link and the invitation. Audited. 201 with the interview.
 */
export async function scheduleInterview(deps: Deps, actor: Actor, applicationId: number, input: z.infer<typeof s.interviewBody>, ctx: RequestContext) {
  if (actor.scope.kind !== 'employer') throw forbidden();
  const app = await apps.findApplication(deps.db, actor.scope, applicationId);
  if (!app) throw notFound();
  const now = deps.clock.now();
  const startsAt = new Date(input.startsAt);
  checkSlot(startsAt, now);
  if (app.stage !== 'shortlisted' && app.stage !== 'interview') throw new AppError('interview_stage_refused', { stage: app.stage });
  const phone = await phoneOf(deps, app.seeker_account_id);
  const v = { startsAt, durationMinutes: input.durationMinutes, meetingUrl: input.meetingUrl, note: input.note ?? null };
  const key = await command(deps, { actor, ctx }, async (c) => {
    // a racing schedule may have moved it first: then the insert below meets its interview
    const moved = app.stage === 'shortlisted' && (await apps.moveStage(c.tx, app.key, ['shortlisted'], 'interview', now)) !== undefined;
    const k = await repo.insertInterview(c.tx, app.key, { ...v, by: actor.accountId }, now);
    if (!k) {
      const stage = (await apps.findApplication(c.tx, actor.scope, app.id))?.stage ?? 'changed';
      throw stage === 'interview' ? new AppError('interview_exists') : new AppError('interview_stage_refused', { stage });
    }
    const r = { division_code: k.division_code, id: k.id, application_id: app.id, employer_id: app.employer_id, seeker_account_id: app.seeker_account_id, posting_title: app.posting_title, employer_name: app.employer_name };
    await c.sendMany(tell('seeker', r, 'market_interview_scheduled', messagePayload(r, v, 0), `market.interview.scheduled:${k.division_code}:${k.id}:0`, phone));
    c.audit({ action: 'market.interview.schedule', divisionCode: k.division_code, targetType: 'interview', targetId: k.id, detail: { applicationId: app.id, startsAt: startsAt.toISOString(), durationMinutes: v.durationMinutes, movedStage: moved } });
    return k;
  });
  return getInterview(deps, actor, key.id);
}

async function interviewRow(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findInterview(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return row;
}

/** One interview in scope (GET /interviews/:id): the employer's, the seeker's own, officials' of the county; 404 otherwise. */
export async function getInterview(deps: Deps, actor: Actor, id: number) {
  return present(await interviewRow(deps, actor, id));
}

const listCursor = zod.tuple([cursorPart.timestamp, cursorPart.divisionCode, cursorPart.id]);

/**
 * Interviews in scope (GET /interviews), soonest first, from `from` (default: the start of today,
 * Beijing time) and, with `before`, starting before it (the desk's past ones); keyset-paged. The employer's postings', the seeker's own, officials' in reach.
 */
export async function listInterviews(deps: Deps, actor: Actor, q: z.infer<typeof s.interviewsQuery>) {
  const after = decodeCursor(q.cursor, listCursor);
  const from = q.from ? new Date(q.from) : new Date(`${beijingDate(deps.clock.now())}T00:00:00+08:00`);
  const before = q.before ? new Date(q.before) : undefined;
  const rows = await repo.listInterviews(deps.db, actor.scope, { applicationId: q.applicationId, status: q.status, from, before }, { limit: q.limit, after });
  return toPage(rows, q.limit, present, (r) => [r.starts_at.toISOString(), r.division_code, r.id]);
}

function liveOrRefuse(row: repo.InterviewRow, now: Date) {
  if (row.status !== 'scheduled') throw new AppError('interview_not_live', { status: row.status });
  if (row.starts_at.getTime() <= now.getTime()) throw new AppError('interview_started');
}

/**
 * Either side moves a live interview to another slot (PATCH /interviews/:id): the employer may also
 * change the length, the link and the note; the seeker proposes a time only (400 naming
 * durationMinutes, meetingUrl or note otherwise). The same slot again changes nothing and tells nobody. 409 interview_not_live once cancelled, interview_started once it has begun,
 * interview_changed for the loser of two racing changes. The other side is told with the new
 * version of the invitation (sequence + 1); reminders start over. Audited.
 */
export async function rescheduleInterview(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.reschedulePatch>, ctx: RequestContext) {
  const side = sideOf(actor);
  if (!side) throw forbidden();
  if (side === 'seeker') {
    for (const field of ['durationMinutes', 'meetingUrl', 'note'] as const) if (input[field] !== undefined) throw fieldError(field, 'interview_employer_sets');
  }
  const row = await interviewRow(deps, actor, id);
  const now = deps.clock.now();
  liveOrRefuse(row, now);
  const startsAt = new Date(input.startsAt);
  checkSlot(startsAt, now);
  const v = { startsAt, durationMinutes: input.durationMinutes ?? row.duration_minutes, meetingUrl: input.meetingUrl ?? row.meeting_url, note: input.note === undefined ? row.note : input.note };
  // the same slot, link and note again: nothing to change, nobody to tell
  if (v.startsAt.getTime() === row.starts_at.getTime() && v.durationMinutes === row.duration_minutes && v.meetingUrl === row.meeting_url && v.note === row.note) return present(row);
  const phone = side === 'employer' ? await phoneOf(deps, row.seeker_account_id) : null;
  await command(deps, { actor, ctx }, async (c) => {
    const sequence = await repo.rescheduleInterview(c.tx, row.key, row.sequence, { ...v, side }, now);
    if (sequence === undefined) throw new AppError('interview_changed');
    const other: Side = side === 'employer' ? 'seeker' : 'employer';
    await c.sendMany(tell(other, row, 'market_interview_rescheduled', { ...messagePayload(row, v, sequence), by: side }, `market.interview.rescheduled:${row.division_code}:${row.id}:${sequence}`, phone));
    c.audit({ action: 'market.interview.reschedule', divisionCode: row.division_code, targetType: 'interview', targetId: row.id, detail: { by: side, from: row.starts_at.toISOString(), to: startsAt.toISOString(), sequence } });
  });
  return getInterview(deps, actor, id);
}

/**
 * Either side cancels a live interview (POST /interviews/:id/cancel) with a reason; 409 as
 * rescheduling. The other side is told, with the cancelling version of the invitation. The
 * application stays at the interview stage (the employer may schedule again, or move it on). Audited.
 */
export async function cancelInterview(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.cancelInterviewBody>, ctx: RequestContext) {
  const side = sideOf(actor);
  if (!side) throw forbidden();
  const row = await interviewRow(deps, actor, id);
  const now = deps.clock.now();
  liveOrRefuse(row, now);
  const phone = side === 'employer' ? await phoneOf(deps, row.seeker_account_id) : null;
  await command(deps, { actor, ctx }, async (c) => {
    const sequence = await repo.cancelInterview(c.tx, row.key, row.sequence, { reason: input.reason, side }, now);
    if (sequence === undefined) throw new AppError('interview_changed');
    const other: Side = side === 'employer' ? 'seeker' : 'employer';
    const v = { startsAt: row.starts_at, durationMinutes: row.duration_minutes, meetingUrl: row.meeting_url };
    await c.sendMany(tell(other, row, 'market_interview_cancelled', { ...messagePayload(row, v, sequence), by: side, reason: input.reason }, `market.interview.cancelled:${row.division_code}:${row.id}`, phone));
    c.audit({ action: 'market.interview.cancel', divisionCode: row.division_code, targetType: 'interview', targetId: row.id, detail: { by: side, sequence } });
  });
  return getInterview(deps, actor, id);
}

/**
 * The interview's invitation as iCalendar text (GET /interviews/:id/invite.ics) for either side:
 * its current version (REQUEST, or CANCEL once cancelled), in the caller's language. Officials get 403 (by role).
 */
export async function interviewInvite(deps: Deps, actor: Actor, id: number, locale: Locale) {
  if (!sideOf(actor)) throw forbidden();
  const r = await interviewRow(deps, actor, id);
  const host = deps.config.publicBaseUrl ? new URL(deps.config.publicBaseUrl).host : 'yunqiao.invalid';
  return interviewIcs(
    { divisionCode: r.division_code, id: r.id, sequence: r.sequence, cancelled: r.status === 'cancelled', startsAt: r.starts_at, durationMinutes: r.duration_minutes, meetingUrl: r.meeting_url, note: r.note, postingTitle: r.posting_title, employerName: r.employer_name },
    { host, now: deps.clock.now(), locale },
  );
}

/**
 * Inside a stage change (the caller's transaction): an application leaving the interview stage by
 * rejection or withdrawal cancels its live interview; the stage message tells the other side.
 * Returns how many were cancelled.
 */
export async function cancelWithStage(tx: Parameters<typeof repo.cancelLiveOf>[0], app: apps.ApplicationKey, stage: string, side: Side, now: Date): Promise<number> {
  if (stage !== 'rejected' && stage !== 'withdrawn') return 0;
  return (await repo.cancelLiveOf(tx, app, stage === 'rejected' ? '申请未通过 · application rejected' : '求职者撤回申请 · application withdrawn', side, now)).length;
}

/**
 * The reminder job (every minute): takes the reminders due at the clock's now — a day before and an
 * hour before each live interview, each once (marked in the statement that takes them) — and
 * queues them for both sides (in-app; the seeker by SMS too) in the same transaction. Returns how
 * many interviews were reminded.
 */
export async function sendInterviewReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  let total = 0;
  for (;;) {
    const n = await command(deps, SYSTEM_CALLER, async (c) => {
      const due = await repo.takeDueReminders(c.tx, REMINDERS, now, REMINDER_BATCH);
      const messages = due.flatMap((r) => {
        const payload = { interviewId: r.id, applicationId: r.application_id, title: r.posting_title, employerName: r.employer_name, startsAt: beijingIso(r.starts_at), meetingUrl: r.meeting_url, which: r.which, ics: icsPath(r.id) };
        const key = `market.interview.reminder:${r.division_code}:${r.id}:${r.which}:${r.starts_at.toISOString()}`;
        return [...tell('employer', r, 'market_interview_reminder', payload, key, null), ...tell('seeker', r, 'market_interview_reminder', payload, key, r.phone)];
      });
      if (messages.length) await c.sendMany(messages);
      return due.length;
    });
    total += n;
    if (n < REMINDER_BATCH) return total;
  }
}
