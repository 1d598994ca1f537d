// Incidents (P4, the five earlies) as the desks read and move them: lists and one incident in the
// caller's scope, a stage recorded in one statement, the deadline watcher's escalations (one
// statement per level, ON CONFLICT DO NOTHING), the desks' inbox and the bureaus' duty phones, and
// the retention erasure of subjects. Kysely only; every read is scoped (db/scope.ts) or names the
// system scope it runs under; rows change by the key a scoped read returned.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { inScope, type Scope, type ScopeRef, type ScopedKey, type SystemScope, scopedKey, underDivision } from '../../../db/scope.ts';
import { keyset } from '../../../db/keyset.ts';
import type { Executor } from '../../../db/tx.ts';

export type IncidentKey = ScopedKey<'prevention_incidents'>;
export type InboxKey = ScopedKey<'prevention_inbox'>;

/** Officials reach incidents by division; an agency's administrator its agency's; no other kind. */
const INCIDENT_SCOPE: ScopeRef = { division: 'i.division_code', id: 'i.id', table: 'prevention_incidents', owner: { agency: 'i.agency_id' } };

/** The stages in order (the five earlies, then closing); `ruled_out` ends an incident from any of them. */
export const STAGE_ORDER = ['detected', 'reported', 'isolated', 'diagnosed', 'treated', 'closed'] as const;
export const TERMINAL_STAGES = ['closed', 'ruled_out'] as const;

/**
 * The columns every desk may see of an incident — never a health value: the trigger's category,
 * the stage times (`steps`: stage → ISO time, one object from the steps table), the subject's name
 * and a phone to be masked by the presenter (a visitor's, encrypted; a staff member's from the
 * roster), the agency and county names.
 */
function incidentBase(db: Executor) {
  return db
    .selectFrom('prevention_incidents as i')
    .innerJoin('agencies as a', (j) => j.onRef('a.division_code', '=', 'i.division_code').onRef('a.id', '=', 'i.agency_id'))
    .innerJoin('divisions as d', 'd.code', 'i.division_code')
    .leftJoin('agency_staff as s', (j) => j.onRef('s.division_code', '=', 'i.division_code').onRef('s.id', '=', 'i.staff_id'))
    .select([
      'i.division_code',
      'i.id',
      'i.agency_id',
      'a.name as agency_name',
      'd.name as division_name',
      'i.subject_kind',
      'i.staff_id',
      'i.subject_name',
      'i.subject_phone_enc',
      's.phone as staff_phone',
      'i.trigger',
      'i.detected_at',
      'i.stage',
      'i.stage_at',
      'i.late',
      'i.detail',
      'i.erased_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('prevention_incident_steps as t')
        .select(sql<Record<string, string>>`coalesce(jsonb_object_agg(t.stage, to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), '{}'::jsonb)`.as('x'))
        .whereRef('t.division_code', '=', 'i.division_code')
        .whereRef('t.incident_id', '=', 'i.id')
        .as('steps'),
    );
}

export type IncidentFilter = { stage?: string; late?: boolean; agencyId?: number; division?: string; trigger?: string };

function filtered<Q extends ReturnType<typeof incidentBase>>(q: Q, f: IncidentFilter): Q {
  return q
    .$if(Boolean(f.stage), (x) => x.where('i.stage', '=', f.stage as string))
    .$if(f.late !== undefined, (x) => x.where('i.late', '=', f.late as boolean))
    .$if(f.agencyId !== undefined, (x) => x.where('i.agency_id', '=', f.agencyId as number))
    .$if(Boolean(f.trigger), (x) => x.where('i.trigger', '=', f.trigger as string))
    .$if(Boolean(f.division), (x) => x.where(underDivision(f.division as string, 'i.division_code'))) as Q;
}

/** One page of incidents in scope by (division_code, id); `page.limit + 1` rows at most. */
export async function listIncidents(db: Executor, scope: Scope, f: IncidentFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = filtered(incidentBase(db).where(inScope(scope, INCIDENT_SCOPE)), f);
  return keyset(q, ['i.division_code', 'i.id'], page).execute();
}

export type IncidentRow = Awaited<ReturnType<typeof listIncidents>>[number];

/** One incident in scope with its key, or undefined (missing or out of scope alike). */
export async function findIncident(db: Executor, scope: Scope, id: number) {
  const row = await incidentBase(db).where(inScope(scope, INCIDENT_SCOPE)).where('i.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('prevention_incidents', row) };
}

/** Where an incident is when it exists outside the caller's reach (the refused read's audit, http/auth.ts `locate`). */
export async function locateIncident(db: Executor, _scope: SystemScope, id: number) {
  return db.selectFrom('prevention_incidents').select(['division_code', 'id']).where('id', '=', id).executeTakeFirst();
}

/** An incident's steps in time order, with who recorded each (null: the system). */
export async function stepsOf(db: Executor, key: IncidentKey) {
  return db
    .selectFrom('prevention_incident_steps')
    .select(['stage', 'at', 'by_account', 'by_name', 'note'])
    .where('division_code', '=', key.division_code)
    .where('incident_id', '=', key.id)
    .orderBy('at')
    .execute();
}

/** An incident's escalations (stage due, level, its deadline and when it was escalated). */
export async function escalationsOf(db: Executor, key: IncidentKey) {
  return db
    .selectFrom('prevention_escalations')
    .select(['stage', 'level', 'deadline_at', 'escalated_at'])
    .where('division_code', '=', key.division_code)
    .where('incident_id', '=', key.id)
    .orderBy('escalated_at')
    .orderBy('level')
    .execute();
}

/**
 * Moves an incident from stage `from` to `to` and records the step, in one statement: the update
 * holds only while the incident is still at `from` (re-checked on the row's latest version after a
 * concurrent writer's commit), and the step is inserted from what it returned. Two officials
 * recording the same stage at once: one row comes back for one of them, none for the other. The
 * note is not kept once the subject is erased (it could name them again; decision 0030).
 * Returns whether this call moved it.
 */
export async function moveStage(
  db: Executor,
  key: IncidentKey,
  from: string,
  to: string,
  step: { at: Date; by_account: number; by_name: string; note: string | null },
): Promise<boolean> {
  const r = await sql<{ stage: string }>`
    with moved as (
      update prevention_incidents set stage = ${to}, stage_at = ${step.at}
       where division_code = ${key.division_code} and id = ${key.id} and stage = ${from}
       returning division_code, id, erased_at
    )
    insert into prevention_incident_steps (division_code, incident_id, stage, at, by_account, by_name, note)
    select division_code, id, ${to}, ${step.at}, ${step.by_account}, ${step.by_name}, case when erased_at is null then ${step.note}::text end from moved
    returning stage`.execute(db);
  return r.rows.length > 0;
}

/** The current stage of an incident (after a refused move: what the 409 names). */
export async function stageOf(db: Executor, key: IncidentKey) {
  return (await db.selectFrom('prevention_incidents').select(['stage']).where('division_code', '=', key.division_code).where('id', '=', key.id).executeTakeFirst())?.stage;
}

// the deadline watcher ------------------------------------------------------------------------

/** A stage that has a deadline: minutes allowed after the stage before it began. */
export type Deadline = { stage: string; after: string; minutes: number };

export type Escalation = {
  division_code: string;
  incident_id: number;
  stage: string;
  level: 'prefecture' | 'province';
  deadline_at: Date;
  escalated_at: Date;
  agency_id: number;
  trigger: string;
  detected_at: Date;
  current_stage: string;
  prefecture_code: string;
  province_code: string;
};

/**
 * Escalates, in one statement, every open incident whose next stage is overdue at `now` by
 * `factor` times its allowance (1: the prefecture's step, 2: the province's): inserts one
 * `prevention_escalations` row per (incident, stage, level) — ON CONFLICT DO NOTHING, so
 * overlapping or repeated runs, and a run long after a downtime, escalate each exactly once —
 * marks those incidents late, and returns only the rows this call inserted (what to notify).
 * Overdue means strictly after the deadline (at exactly the deadline nothing is due). The
 * deadline recorded is the stage's own (stage start + allowance), whatever the level.
 */
export async function escalateOverdue(db: Executor, _scope: SystemScope, now: Date, deadlines: readonly Deadline[], level: 'prefecture' | 'province'): Promise<Escalation[]> {
  if (!deadlines.length) return [];
  const factor = level === 'prefecture' ? 1 : 2;
  const rules = sql.join(deadlines.map((d) => sql`(${d.after}::text, ${d.stage}::text, ${d.minutes}::int)`));
  const r = await sql<Escalation>`
    with rule (after, stage, minutes) as (values ${rules}),
    due as (
      select i.division_code, i.id, rule.stage, i.stage_at + make_interval(mins => rule.minutes) as deadline_at
        from prevention_incidents i
        join rule on rule.after = i.stage
       where i.stage not in ('closed', 'ruled_out')
         and i.stage_at + make_interval(mins => rule.minutes * ${factor}) < ${now}
       -- one order for every run: overlapping runs meet on the same first row and never deadlock
       order by i.division_code, i.id, rule.stage
    ),
    inserted as (
      insert into prevention_escalations (division_code, incident_id, stage, level, deadline_at, escalated_at)
      select division_code, id, stage, ${level}, deadline_at, ${now} from due
      on conflict do nothing
      returning division_code, incident_id, stage, level, deadline_at, escalated_at
    ),
    marked as (
      update prevention_incidents i set late = true
        from inserted e
       where i.division_code = e.division_code and i.id = e.incident_id and not i.late
       returning i.id
    )
    select e.division_code, e.incident_id, e.stage, e.level, e.deadline_at, e.escalated_at,
           i.agency_id, i.trigger, i.detected_at, i.stage as current_stage,
           dv.prefecture_code, dv.province_code
      from inserted e
      join prevention_incidents i on i.division_code = e.division_code and i.id = e.incident_id
      join divisions dv on dv.code = e.division_code
     order by e.division_code, e.incident_id`.execute(db);
  return r.rows;
}

/** The names the watcher's notices carry: agencies by composite key. */
export async function agencyNames(db: Executor, _scope: SystemScope, keys: readonly { division_code: string; id: number }[]) {
  if (!keys.length) return [];
  const pairs = sql.join(keys.map((k) => sql`(${k.division_code}::text, ${k.id}::bigint)`));
  return db
    .selectFrom('agencies')
    .select(['division_code', 'id', 'name', 'responsible_phone'])
    .where(sql<SqlBool>`(division_code, id) in (${pairs})`)
    .execute();
}

// retention -----------------------------------------------------------------------------------

/**
 * What an erasure leaves of the trigger's detail: the venue of a door refusal (where, never who);
 * every other key goes (a visit's id, a risk-area stay's area and days, a check-in's id).
 */
const ERASED_DETAIL = sql`nullif(jsonb_strip_nulls(jsonb_build_object('venueId', detail -> 'venueId', 'venueName', detail -> 'venueName')), '{}'::jsonb)`;

/**
 * Erases the subject of every incident `where` selects that is still named — name, phone, staff
 * link, the trigger's detail but its venue, then the steps' notes — and returns the incidents
 * erased now (a repeat finds none). Two statements in the caller's transaction: the update
 * re-checks `erased_at is null` on a row a concurrent writer just committed, and the notes are
 * cleared by a statement of their own so that its snapshot sees a step recorded (with a note)
 * by a stage move that held the row while the update waited; a move after the erasure stores no
 * note (moveStage).
 */
async function eraseWhere(db: Executor, now: Date, where: RawBuilder<SqlBool>) {
  const gone = await sql<{ division_code: string; id: number }>`
    update prevention_incidents
       set subject_name = null, subject_phone_enc = null, staff_id = null, detail = ${ERASED_DETAIL}, erased_at = ${now}
     where erased_at is null and (${where})
     returning division_code, id`.execute(db);
  const rows = gone.rows.sort((a, b) => (a.division_code === b.division_code ? a.id - b.id : a.division_code < b.division_code ? -1 : 1));
  if (rows.length) {
    await sql`
      update prevention_incident_steps t set note = null
        from unnest(${rows.map((r) => r.division_code)}::text[], ${rows.map((r) => r.id)}::bigint[]) as g(division_code, id)
       where t.division_code = g.division_code and t.incident_id = g.id and t.note is not null`.execute(db);
  }
  return rows;
}

/**
 * The retention rule (decision 0030), applied at `now` with `dayStart` the start of today in
 * Beijing time: an incident that ended (closed or ruled out) at least its trigger record's
 * retention (days) before `now`; and, whatever its stage, a visitor's incident once the visitor
 * retention has passed since the day of the visit that opened it — kept on that day and the
 * `trigger_retention_days` days after it, gone from the day after those (the visitor purge's own
 * cutoff; the visit's day is the Beijing day of `detected_at`, the door check's time). Staff
 * incidents keep their subject while open. Category, stage times, lateness, agency and venue stay.
 */
export async function eraseSubjects(db: Executor, _scope: SystemScope, now: Date, dayStart: Date) {
  return eraseWhere(
    db,
    now,
    sql<SqlBool>`(stage in ('closed', 'ruled_out') and stage_at + make_interval(days => trigger_retention_days) <= ${now})
      or (subject_kind = 'visitor' and detected_at < ${dayStart}::timestamptz - make_interval(days => trigger_retention_days))`,
  );
}

/**
 * The visitor purge's share (in its transaction): the subjects of visitor incidents opened by a
 * visit before `before` (the start of the purge's cutoff day, Beijing time), whatever their stage,
 * so the purge leaves the visitor named nowhere. Returns the incidents erased now.
 */
export async function eraseVisitorSubjects(db: Executor, _scope: SystemScope, now: Date, before: Date) {
  return eraseWhere(db, now, sql<SqlBool>`subject_kind = 'visitor' and detected_at < ${before}::timestamptz`);
}

// the desks' inbox ----------------------------------------------------------------------------

/** Which desk: an agency's (its county and id) or the bureau desks of these six-digit codes. */
export type Desk = { kind: 'agency'; divisionCode: string; agencyId: number } | { kind: 'bureau'; codes: readonly string[] };

function onDesk(desk: Desk): RawBuilder<SqlBool> {
  return desk.kind === 'agency'
    ? sql<SqlBool>`(n.division_code = ${desk.divisionCode} and n.desk = 'agency' and n.agency_id = ${desk.agencyId})`
    : desk.codes.length
      ? sql<SqlBool>`(n.division_code in (${sql.join([...desk.codes])}) and n.desk = 'bureau')`
      : sql<SqlBool>`false`;
}

const inboxColumns = ['n.division_code', 'n.id', 'n.desk', 'n.kind', 'n.incident_division', 'n.incident_id', 'n.payload', 'n.created_at', 'n.read_at'] as const;

/** A desk's notices, newest first, keyset on (id, division_code) descending; `page.limit + 1` rows at most. */
export async function listInbox(db: Executor, desk: Desk, f: { unread?: boolean }, page: { limit: number; after?: [string, number] | undefined }) {
  return db
    .selectFrom('prevention_inbox as n')
    .select(inboxColumns)
    .where(onDesk(desk))
    .$if(f.unread !== undefined, (q) => q.where('n.read_at', f.unread ? 'is' : 'is not', null))
    .$if(page.after !== undefined, (q) => q.where(sql<SqlBool>`(n.id, n.division_code) < (${(page.after as [string, number])[1]}, ${(page.after as [string, number])[0]})`))
    .orderBy('n.id', 'desc')
    .orderBy('n.division_code', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>[number];

/** How many of a desk's notices are unread. */
export async function unreadCount(db: Executor, desk: Desk) {
  const r = await db.selectFrom('prevention_inbox as n').select(sql<number>`count(*)::int`.as('n')).where(onDesk(desk)).where('n.read_at', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

/** One notice on the desk, with its key, or undefined (another desk's notice is as missing). */
export async function findNotice(db: Executor, desk: Desk, id: number) {
  const row = await db.selectFrom('prevention_inbox as n').select(inboxColumns).where(onDesk(desk)).where('n.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('prevention_inbox', row) };
}

/** Marks a notice read, once: a second mark keeps the first time and reader. Returns whether this call marked it. */
export async function markRead(db: Executor, key: InboxKey, at: Date, by: number): Promise<boolean> {
  const r = await db
    .updateTable('prevention_inbox')
    .set({ read_at: at, read_by: by })
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// duty phones ---------------------------------------------------------------------------------

/** A bureau's duty phone (its own six-digit code), if set. */
export async function dutyPhoneOf(db: Executor, code: string) {
  return db.selectFrom('prevention_duty_phones').select(['division_code', 'phone', 'updated_at', 'updated_by']).where('division_code', '=', code).executeTakeFirst();
}

/** Sets a bureau's duty phone (one statement, last write wins). */
export async function setDutyPhone(db: Executor, code: string, phone: string, at: Date, by: number) {
  await db
    .insertInto('prevention_duty_phones')
    .values({ division_code: code, phone, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('division_code').doUpdateSet({ phone, updated_at: at, updated_by: by }))
    .execute();
}

/** Clears a bureau's duty phone; returns whether there was one. */
export async function clearDutyPhone(db: Executor, code: string) {
  const r = await db.deleteFrom('prevention_duty_phones').where('division_code', '=', code).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// personal data -------------------------------------------------------------------------------

/** Incidents whose subject is one of these roster rows and still named (a personal-data request, every division). */
export async function incidentsOfStaff(db: Executor, _scope: SystemScope, staff: readonly { division_code: string; id: number }[]) {
  if (!staff.length) return [];
  const pairs = sql.join(staff.map((s) => sql`(${s.division_code}::text, ${s.id}::bigint)`));
  return incidentBase(db)
    .where(sql<SqlBool>`(i.division_code, i.staff_id) in (${pairs})`)
    .where('i.erased_at', 'is', null)
    .orderBy('i.division_code')
    .orderBy('i.id')
    .execute();
}

/**
 * Visitor incidents whose subject is still named (door refusals: a name and an encrypted phone),
 * in every division, for a personal-data request to decrypt and match by phone. Few by nature
 * (a refusal with a fever, named no longer than the visit's retention), so a scan is cheap and
 * no phone digest is stored beside the ciphertext (decision 0030).
 */
export async function namedVisitorIncidents(db: Executor, _scope: SystemScope) {
  return incidentBase(db)
    .where('i.subject_kind', '=', 'visitor')
    .where('i.erased_at', 'is', null)
    .where('i.subject_phone_enc', 'is not', null)
    .orderBy('i.division_code')
    .orderBy('i.id')
    .execute();
}

/** Erases the subject of the named incidents now (a person's request, PIPL art. 47), as the retention job does; returns how many. */
export async function eraseSubjectsOf(db: Executor, keys: readonly IncidentKey[], now: Date): Promise<number> {
  if (!keys.length) return 0;
  const pairs = sql.join(keys.map((k) => sql`(${k.division_code}::text, ${k.id}::bigint)`));
  return (await eraseWhere(db, now, sql<SqlBool>`(division_code, id) in (${pairs})`)).length;
}
