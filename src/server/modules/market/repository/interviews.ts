// Online interviews (面试, issue 13 S2, decision 0049). They belong to their application (its county,
// its key). Read through inScope on the application's owners: the posting's employer, the seeker
// whose application it is (wherever it lives), officials of the county (read only). Every write is
// one statement guarded by what it expects (the live index, the status, the sequence), so two
// writers racing on one interview cannot both change it.
import { sql } from 'kysely';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, type SystemScope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import type { ApplicationKey } from './applications.ts';

export type InterviewKey = ScopedKey<'interviews'>;

/** An interview is reached through its application: officials by division, the employer its postings', the seeker their own. */
const INTERVIEW_SCOPE: ScopeRef = { division: 'i.division_code', id: 'i.id', table: 'interviews', owner: { employer: 'a.employer_id', account: 'a.seeker_account_id' } };

const COLUMNS = [
  'i.division_code',
  'i.id',
  'i.application_id',
  'i.starts_at',
  'i.duration_minutes',
  'i.meeting_url',
  'i.note',
  'i.status',
  'i.sequence',
  'i.changed_by_side',
  'i.cancel_reason',
  'i.created_at',
  'i.updated_at',
  'a.employer_id',
  'a.seeker_account_id',
  'a.stage',
  'p.id as posting_id',
  'p.title as posting_title',
  'p.employer_name',
] as const;

// application and posting share the interview's division (composite keys): co-located joins
function base(db: Executor) {
  return db
    .selectFrom('interviews as i')
    .innerJoin('applications as a', (j) => j.onRef('a.division_code', '=', 'i.division_code').onRef('a.id', '=', 'i.application_id'))
    .innerJoin('postings as p', (j) => j.onRef('p.division_code', '=', 'a.division_code').onRef('p.id', '=', 'a.posting_id'))
    .select(COLUMNS);
}

/** One interview in scope with its key, or undefined (missing and out of scope alike). */
export async function findInterview(db: Executor, scope: Scope, id: number) {
  const row = await base(db).where(inScope(scope, INTERVIEW_SCOPE)).where('i.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('interviews', row) };
}

export type InterviewRow = NonNullable<Awaited<ReturnType<typeof findInterview>>>;

export type InterviewFilter = { applicationId?: number | undefined; from: Date; before?: Date | undefined; status?: 'scheduled' | 'cancelled' | undefined };

/**
 * Interviews in scope starting at or after `from`, soonest first, keyset on (starts_at, division,
 * id): `page.limit + 1` rows at most. Optionally one application's, one status, those starting before `before`.
 */
export async function listInterviews(db: Executor, scope: Scope, f: InterviewFilter, page: { limit: number; after?: readonly [string, string, number] | undefined }) {
  return base(db)
    .where(inScope(scope, INTERVIEW_SCOPE))
    .where('i.starts_at', '>=', f.from)
    .$if(f.before !== undefined, (q) => q.where('i.starts_at', '<', f.before as Date))
    .$if(f.applicationId !== undefined, (q) => q.where('i.application_id', '=', f.applicationId as number))
    .$if(f.status !== undefined, (q) => q.where('i.status', '=', f.status as string))
    .$if(page.after !== undefined, (q) => {
      const [at, division, id] = page.after as readonly [string, string, number];
      return q.where(sql`(i.starts_at, i.division_code, i.id)`, '>', sql`(${at}::timestamptz, ${division}, ${id}::bigint)`);
    })
    .orderBy('i.starts_at')
    .orderBy('i.division_code')
    .orderBy('i.id')
    .limit(page.limit + 1)
    .execute();
}

export type NewInterview = { startsAt: Date; durationMinutes: number; meetingUrl: string; note: string | null; by: number };

/**
 * Schedules an interview for an application at the interview stage, in one statement: nothing is
 * inserted when the application is at another stage or already has a live interview (the partial
 * unique index; ON CONFLICT DO NOTHING). When the interview starts within a day the day-before
 * reminder counts as sent (the invitation is it). Returns the new key, or undefined.
 */
export async function insertInterview(db: Executor, app: ApplicationKey, v: NewInterview, now: Date) {
  const r = await sql<{ division_code: string; id: number }>`
    insert into interviews (division_code, application_id, starts_at, duration_minutes, meeting_url, note, scheduled_by, reminded_day_at, created_at, updated_at)
    select a.division_code, a.id, ${v.startsAt}::timestamptz, ${v.durationMinutes}, ${v.meetingUrl}, ${v.note}, ${v.by}::bigint,
           case when ${v.startsAt}::timestamptz <= ${now}::timestamptz + interval '1 day' then ${now}::timestamptz end, ${now}::timestamptz, ${now}::timestamptz
      from applications a
     where a.division_code = ${app.division_code} and a.id = ${app.id}::bigint and a.stage = 'interview'
    on conflict (division_code, application_id) where status = 'scheduled' do nothing
    returning division_code, id`.execute(db);
  const row = r.rows[0];
  return row && scopedKey('interviews', row);
}

/**
 * Moves a live interview to a new slot (and link), if it is still live at `sequence` (one
 * statement: of two racing changes one wins); raises the sequence, clears the reminders sent (the
 * day-before one counts as sent when the new slot is within a day). Returns the new sequence or undefined.
 */
export async function rescheduleInterview(
  db: Executor,
  key: InterviewKey,
  sequence: number,
  v: { startsAt: Date; durationMinutes: number; meetingUrl: string; note: string | null; side: 'employer' | 'seeker' },
  now: Date,
) {
  const r = await sql<{ sequence: number }>`
    update interviews
       set starts_at = ${v.startsAt}::timestamptz, duration_minutes = ${v.durationMinutes}, meeting_url = ${v.meetingUrl}, note = ${v.note},
           sequence = sequence + 1, changed_by_side = ${v.side}, updated_at = ${now}::timestamptz, reminded_hour_at = null,
           reminded_day_at = case when ${v.startsAt}::timestamptz <= ${now}::timestamptz + interval '1 day' then ${now}::timestamptz end
     where division_code = ${key.division_code} and id = ${key.id}::bigint and status = 'scheduled' and sequence = ${sequence}
    returning sequence`.execute(db);
  return r.rows[0]?.sequence;
}

/** Cancels a live interview at `sequence` (one statement); raises the sequence. Returns the new sequence or undefined. */
export async function cancelInterview(db: Executor, key: InterviewKey, sequence: number, v: { reason: string; side: 'employer' | 'seeker' }, now: Date) {
  const r = await sql<{ sequence: number }>`
    update interviews
       set status = 'cancelled', cancel_reason = ${v.reason}, sequence = sequence + 1, changed_by_side = ${v.side}, updated_at = ${now}::timestamptz
     where division_code = ${key.division_code} and id = ${key.id}::bigint and status = 'scheduled' and sequence = ${sequence}
    returning sequence`.execute(db);
  return r.rows[0]?.sequence;
}

/** Cancels the live interview of an application that left the interview stage (rejected, withdrawn, offer); returns the ids cancelled. */
export async function cancelLiveOf(db: Executor, app: ApplicationKey, reason: string, side: 'employer' | 'seeker', now: Date) {
  return db
    .updateTable('interviews')
    .set({ status: 'cancelled', cancel_reason: reason, sequence: sql`sequence + 1`, changed_by_side: side, updated_at: now })
    .where('division_code', '=', app.division_code)
    .where('application_id', '=', app.id)
    .where('status', '=', 'scheduled')
    .returning(['division_code', 'id', 'starts_at', 'sequence'])
    .execute();
}

export type DueReminder = { division_code: string; id: number; application_id: number; starts_at: Date; meeting_url: string; employer_id: number; seeker_account_id: number; posting_title: string; employer_name: string; phone: string | null; which: 'day' | 'hour' };

/**
 * The reminders due at `now`, each marked sent in the same statement (two runners send each once):
 * the hour-before one for live interviews starting within the hour, the day-before one for those
 * starting within a day but not within the hour. An interview already started gets none. With the
 * seeker's phone (their profile's, in every county: a named read) for the SMS.
 */
export async function takeDueReminders(db: Executor, _why: SystemScope, now: Date, limit: number): Promise<DueReminder[]> {
  const r = await sql<DueReminder>`
    with due as (
      select i.division_code, i.id,
             case when i.starts_at <= ${now}::timestamptz + interval '1 hour' then 'hour' else 'day' end as which
        from interviews i
       where i.status = 'scheduled' and i.starts_at > ${now}::timestamptz and i.starts_at <= ${now}::timestamptz + interval '1 day'
         and ((i.starts_at <= ${now}::timestamptz + interval '1 hour' and i.reminded_hour_at is null)
           or (i.starts_at > ${now}::timestamptz + interval '1 hour' and i.reminded_day_at is null))
       order by i.starts_at
       limit ${limit}
       for update of i skip locked
    ), marked as (
      update interviews i
         set reminded_hour_at = case when due.which = 'hour' then ${now}::timestamptz else i.reminded_hour_at end,
             reminded_day_at = coalesce(i.reminded_day_at, ${now}::timestamptz)
        from due
       where i.division_code = due.division_code and i.id = due.id
      returning i.division_code, i.id, i.application_id, i.starts_at, i.meeting_url, due.which
    )
    select m.division_code, m.id, m.application_id, m.starts_at, m.meeting_url, m.which, a.employer_id, a.seeker_account_id,
           p.title as posting_title, p.employer_name, (select s.phone from seekers s where s.account_id = a.seeker_account_id limit 1) as phone
      from marked m
      join applications a on a.division_code = m.division_code and a.id = m.application_id
      join postings p on p.division_code = a.division_code and p.id = a.posting_id
     order by m.starts_at, m.division_code, m.id`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), application_id: Number(x.application_id), employer_id: Number(x.employer_id), seeker_account_id: Number(x.seeker_account_id) }));
}

/** A person's interviews (personal-data requests: the caller's system scope), by id. */
export async function interviewsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return base(db).where('a.seeker_account_id', 'in', [...accountIds]).orderBy('i.id').execute();
}
