// Moderation cases and reports (decision 0037). A case belongs to its posting's division (the
// desk of the posting's place); reads go through the posting scope, widened for the province by
// the postings placed outside it (postingReach). Writes take a key a scoped read returned, or the
// posting's key, and change a case only while it is open, in the statement that changes it.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { type Scope, type ScopedKey, type SystemScope, scopedKey, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import { moderationReach as postingReach } from '../reach.ts';

export type CaseKey = ScopedKey<'moderation_cases'>;
type PostingRef = { division_code: string; id: number };

/** A case reaches an employer only through its own postings; officials by division. */
const CASE_SCOPE = { division: 'c.division_code', owner: {} };

const CASE_COLUMNS = [
  'c.division_code',
  'c.id',
  'c.posting_id',
  'c.origin',
  'c.hits',
  'c.status',
  'c.reason',
  'c.decided_by',
  'c.decided_at',
  'c.report_count',
  'c.opened_at',
  'c.updated_at',
  'p.title as posting_title',
  'p.employer_name as posting_employer_name',
  'p.status as posting_status',
  'p.public_code as posting_code',
  'p.source_platform as posting_source_platform',
  'd.name as division_name',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('moderation_cases as c')
    .innerJoin('postings as p', (j) => j.onRef('p.division_code', '=', 'c.division_code').onRef('p.id', '=', 'c.posting_id'))
    .leftJoin('divisions as d', 'd.code', 'c.division_code')
    .select(CASE_COLUMNS);
}

export type CaseFilter = { origin?: 'screener' | 'report' | undefined; status?: 'open' | 'closed' | undefined; division?: string | undefined };

/** One page of cases at the desks in reach (officials; `outside`: the province's moderation reach), by (division_code, id). */
export async function listCases(db: Executor, scope: Scope, outside: string | null, f: CaseFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = base(db)
    .where(postingReach(scope, outside, CASE_SCOPE))
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'c.division_code')))
    .$if(Boolean(f.origin), (q) => q.where('c.origin', '=', f.origin as string))
    .$if(f.status === 'open', (q) => q.where('c.status', '=', 'open'))
    .$if(f.status === 'closed', (q) => q.where('c.status', '<>', 'open'));
  return keyset(q, ['c.division_code', 'c.id'], page).execute();
}

export type CaseRow = Awaited<ReturnType<typeof listCases>>[number];

/** One case in reach with its key, or undefined (missing or out of reach alike). */
export async function findCase(db: Executor, scope: Scope, outside: string | null, id: number) {
  const row = await base(db).where(postingReach(scope, outside, CASE_SCOPE)).where('c.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('moderation_cases', row) };
}

/** The reports of a case, oldest first (at most 200: the detail shows the latest count apart). */
export async function reportsOf(db: Executor, key: CaseKey) {
  return db
    .selectFrom('posting_reports')
    .select(['division_code', 'id', 'category', 'body', 'contact_phone', 'created_at'])
    .where('division_code', '=', key.division_code)
    .where('case_id', '=', key.id)
    .orderBy('id')
    .limit(200)
    .execute();
}

/**
 * The screener flagged a posting: opens its screener case (or, when one is open, replaces its
 * hits), one statement. Returns the case's key.
 */
export async function openScreenerCase(db: Executor, posting: ScopedKey<'postings'>, hits: unknown, now: Date) {
  const r = await sql<{ division_code: string; id: number }>`
    insert into moderation_cases (division_code, posting_id, origin, hits, opened_at, updated_at)
    values (${posting.division_code}, ${posting.id}, 'screener', ${JSON.stringify(hits)}::jsonb, ${now}::timestamptz, ${now}::timestamptz)
    on conflict (division_code, posting_id, origin) where status = 'open'
    do update set hits = excluded.hits, updated_at = excluded.updated_at
    returning division_code, id`.execute(db);
  return r.rows[0] as { division_code: string; id: number };
}

export type NewReport = { category: string; body: string; contact_phone: string | null };

/**
 * A report on a posting anyone may open (a named cross-division write: the public report form):
 * opens the posting's report case, or joins the open one (its count goes up), and inserts the
 * report, in one statement, so two reports racing on one posting make one case with two reports.
 */
export async function fileReport(db: Executor, _scope: SystemScope, posting: PostingRef, report: NewReport, now: Date) {
  const r = await sql<{ division_code: string; id: number; case_id: number }>`
    with c as (
      insert into moderation_cases (division_code, posting_id, origin, report_count, opened_at, updated_at)
      values (${posting.division_code}, ${posting.id}, 'report', 1, ${now}::timestamptz, ${now}::timestamptz)
      on conflict (division_code, posting_id, origin) where status = 'open'
      do update set report_count = moderation_cases.report_count + 1, updated_at = excluded.updated_at
      returning division_code, id
    )
    insert into posting_reports (division_code, case_id, posting_id, category, body, contact_phone, created_at)
    select c.division_code, c.id, ${posting.id}, ${report.category}, ${report.body}, ${report.contact_phone}, ${now}::timestamptz from c
    returning division_code, id, case_id`.execute(db);
  return r.rows[0] as { division_code: string; id: number; case_id: number };
}

/** Closes an open case with its outcome; returns the new status, or undefined when it was no longer open. */
export async function closeCase(db: Executor, key: CaseKey, set: { status: 'released' | 'dismissed' | 'taken_down'; reason: string | null; decided_by: number; now: Date }) {
  const r = await db
    .updateTable('moderation_cases')
    .set({ status: set.status, reason: set.reason, decided_by: set.decided_by, decided_at: set.now, updated_at: set.now })
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('status', '=', 'open')
    .returning(['status'])
    .executeTakeFirst();
  return r?.status;
}

/**
 * A posting was taken down (by a case or straight from the posting): every case still open on it
 * closes as taken down with that reason, in the take-down's transaction. Returns their ids.
 */
export async function closeCasesOfPosting(db: Executor, posting: ScopedKey<'postings'>, set: { reason: string; decided_by: number | null; now: Date }) {
  const r = await db
    .updateTable('moderation_cases')
    .set({ status: 'taken_down', reason: set.reason, decided_by: set.decided_by, decided_at: set.now, updated_at: set.now })
    .where('division_code', '=', posting.division_code)
    .where('posting_id', '=', posting.id)
    .where('status', '=', 'open')
    .returning(['id'])
    .execute();
  return r.map((x) => x.id);
}
