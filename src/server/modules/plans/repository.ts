// Prevention plans (P1): the plan of an agency, its protective stock and its staff education log.
// Kysely queries only. Every read goes through inScope on the agency (officials by division, an
// agency's people their own agency); writes take the agency key a scoped read returned.
import { sql } from 'kysely';
import { inScope, type Scope, type ScopedKey, type ScopeRef, scopedKey, underDivision } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

export type AgencyKey = ScopedKey<'agencies'>;
export type StockKey = ScopedKey<'prevention_stock_items'>;
export type SessionKey = ScopedKey<'prevention_education_sessions'>;

/** Officials reach agencies by division; an agency's administrator and staff their own agency. */
const AGENCY_SCOPE: ScopeRef = { division: 'a.division_code', id: 'a.id', table: 'agencies', owner: { agency: 'a.id' } };

/** One agency in scope (name, responsible person on its licence record), with its key; undefined when missing or out of scope. */
export async function findAgency(db: Executor, scope: Scope, agencyId: number) {
  const row = await db
    .selectFrom('agencies as a')
    .innerJoin('divisions as d', 'd.code', 'a.division_code')
    .select(['a.division_code', 'a.id', 'a.name', 'd.name as division_name'])
    .where(inScope(scope, AGENCY_SCOPE))
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('agencies', row) };
}

/** The agency's plan, or undefined when it has none yet. */
export async function planOf(db: Executor, agency: AgencyKey) {
  return db
    .selectFrom('prevention_plans')
    .select(['measures', 'measures_text', 'responsible_name', 'responsible_position', 'responsible_staff_id', 'created_at', 'updated_at', 'updated_by'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .executeTakeFirst();
}

export type PlanValues = { measures: string[]; measures_text: string; responsible_name: string; responsible_position: string; responsible_staff_id: number | null };

/** Creates or replaces the agency's plan (one statement); returns whether it existed before. */
export async function upsertPlan(db: Executor, agency: AgencyKey, v: PlanValues, at: Date, by: number | null): Promise<{ created: boolean }> {
  const r = await db
    .insertInto('prevention_plans')
    .values({ division_code: agency.division_code, agency_id: agency.id, ...v, created_at: at, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['division_code', 'agency_id']).doUpdateSet({
        measures: v.measures,
        measures_text: v.measures_text,
        responsible_name: v.responsible_name,
        responsible_position: v.responsible_position,
        responsible_staff_id: v.responsible_staff_id,
        updated_at: at,
        updated_by: by,
      }),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return { created: r.created };
}

// stock --------------------------------------------------------------------------------------

/** The agency's protective stock, by kind and name; `low` when the quantity is below the minimum. */
export async function stockOf(db: Executor, agency: AgencyKey) {
  return db
    .selectFrom('prevention_stock_items')
    .select(['id', 'kind', 'name', 'unit', 'quantity', 'minimum', 'low', 'updated_at'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .orderBy('kind')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export type StockRow = Awaited<ReturnType<typeof stockOf>>[number];

/** One stock item of the agency, with its key; undefined when it is not the agency's. */
export async function findStockItem(db: Executor, agency: AgencyKey, id: number) {
  const row = await db
    .selectFrom('prevention_stock_items')
    .select(['division_code', 'id', 'kind', 'name', 'unit', 'quantity', 'minimum', 'low', 'updated_at'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('prevention_stock_items', row) };
}

export type NewStockItem = { kind: string; name: string; unit: string; quantity: number; minimum: number };

/** Adds an item (23505 when the agency already has one of that name). */
export async function insertStockItem(db: Executor, agency: AgencyKey, v: NewStockItem, at: Date, by: number | null) {
  return db
    .insertInto('prevention_stock_items')
    .values({ division_code: agency.division_code, agency_id: agency.id, ...v, updated_at: at, updated_by: by })
    .returning(['division_code', 'id', 'low'])
    .executeTakeFirstOrThrow();
}

/** Changes an item; returns whether it is low afterwards (23505 on a name the agency already uses). */
export async function updateStockItem(db: Executor, item: StockKey, v: Partial<NewStockItem>, at: Date, by: number | null) {
  return db
    .updateTable('prevention_stock_items')
    .set({ ...v, updated_at: at, updated_by: by })
    .where('division_code', '=', item.division_code)
    .where('id', '=', item.id)
    .returning(['low'])
    .executeTakeFirstOrThrow();
}

export async function deleteStockItem(db: Executor, item: StockKey) {
  await db.deleteFrom('prevention_stock_items').where('division_code', '=', item.division_code).where('id', '=', item.id).execute();
}

// education log ------------------------------------------------------------------------------

/** The agency's education sessions, newest first, each with its attendees (roster id and name). */
export async function sessionsOf(db: Executor, agency: AgencyKey, limit: number) {
  return db
    .selectFrom('prevention_education_sessions as s')
    .select([
      's.id',
      sql<string>`s.held_on::text`.as('held_on'),
      's.topic',
      's.note',
      's.created_at',
      (eb) =>
        eb
          .selectFrom('prevention_education_attendees as x')
          .innerJoin('agency_staff as st', (j) => j.onRef('st.division_code', '=', 'x.division_code').onRef('st.id', '=', 'x.staff_id'))
          .select(sql<{ staffId: number; name: string }[]>`coalesce(jsonb_agg(jsonb_build_object('staffId', st.id, 'name', st.name) order by st.name, st.id), '[]'::jsonb)`.as('a'))
          .whereRef('x.division_code', '=', 's.division_code')
          .whereRef('x.session_id', '=', 's.id')
          .as('attendees'),
    ])
    .where('s.division_code', '=', agency.division_code)
    .where('s.agency_id', '=', agency.id)
    .orderBy('s.held_on', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}

export type SessionRow = Awaited<ReturnType<typeof sessionsOf>>[number];

/** One session of the agency, with its key; undefined when it is not the agency's. */
export async function findSession(db: Executor, agency: AgencyKey, id: number) {
  const row = await db
    .selectFrom('prevention_education_sessions')
    .select(['division_code', 'id', sql<string>`held_on::text`.as('held_on'), 'topic'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('prevention_education_sessions', row) };
}

/** Records a session and its attendees (roster ids the caller checked with `activeRosterIds`). */
export async function insertSession(db: Executor, agency: AgencyKey, v: { held_on: string; topic: string; note: string }, attendees: readonly number[], at: Date, by: number | null) {
  const s = await db
    .insertInto('prevention_education_sessions')
    .values({ division_code: agency.division_code, agency_id: agency.id, held_on: sql<Date>`${v.held_on}::date`, topic: v.topic, note: v.note, created_at: at, created_by: by })
    .returning(['division_code', 'id'])
    .executeTakeFirstOrThrow();
  if (attendees.length) {
    await db
      .insertInto('prevention_education_attendees')
      .values(attendees.map((staff_id) => ({ division_code: s.division_code, session_id: s.id, staff_id })))
      .execute();
  }
  return s;
}

/** Deletes a session (its attendee rows go with it). */
export async function deleteSession(db: Executor, session: SessionKey) {
  await db.deleteFrom('prevention_education_sessions').where('division_code', '=', session.division_code).where('id', '=', session.id).execute();
}

/** Which of `ids` are active roster rows of the agency. */
export async function activeRosterIds(db: Executor, agency: AgencyKey, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('agency_staff')
    .select('id')
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .where('status', '=', 'active')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

// the bureau desk's figures ------------------------------------------------------------------

/**
 * Per-agency plan figures in the scope (the bureau desk, R1 and the prevention third of G4): every
 * active agency the scope reaches, optionally under `division` (a prefix: '5301', '530102'), in
 * (division_code, id) order. One row per agency:
 *   division_code, agency_id, agency_name;
 *   has_plan: boolean; responsible_name, responsible_position: string | null (null without a plan);
 *   plan_updated_at: Date | null;
 *   stock_items: number (items recorded); low_stock_items: number (quantity < minimum);
 *   low_stock: { name, kind, quantity, minimum, unit }[] (the low items, by name);
 *   education_sessions: number; last_education_on: 'YYYY-MM-DD' | null.
 */
export async function planFiguresByAgency(db: Executor, scope: Scope, f: { division?: string } = {}) {
  return db
    .selectFrom('agencies as a')
    .leftJoin('prevention_plans as p', (j) => j.onRef('p.division_code', '=', 'a.division_code').onRef('p.agency_id', '=', 'a.id'))
    .select([
      'a.division_code',
      'a.id as agency_id',
      'a.name as agency_name',
      sql<boolean>`(p.agency_id is not null)`.as('has_plan'),
      'p.responsible_name',
      'p.responsible_position',
      'p.updated_at as plan_updated_at',
      (eb) =>
        eb
          .selectFrom('prevention_stock_items as i')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('i.division_code', '=', 'a.division_code')
          .whereRef('i.agency_id', '=', 'a.id')
          .as('stock_items'),
      (eb) =>
        eb
          .selectFrom('prevention_stock_items as i')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('i.division_code', '=', 'a.division_code')
          .whereRef('i.agency_id', '=', 'a.id')
          .where('i.low', '=', true)
          .as('low_stock_items'),
      (eb) =>
        eb
          .selectFrom('prevention_stock_items as i')
          .select(
            sql<{ name: string; kind: string; quantity: number; minimum: number; unit: string }[]>`coalesce(jsonb_agg(jsonb_build_object('name', i.name, 'kind', i.kind, 'quantity', i.quantity, 'minimum', i.minimum, 'unit', i.unit) order by i.name), '[]'::jsonb)`.as(
              'l',
            ),
          )
          .whereRef('i.division_code', '=', 'a.division_code')
          .whereRef('i.agency_id', '=', 'a.id')
          .where('i.low', '=', true)
          .as('low_stock'),
      (eb) =>
        eb
          .selectFrom('prevention_education_sessions as s')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('s.division_code', '=', 'a.division_code')
          .whereRef('s.agency_id', '=', 'a.id')
          .as('education_sessions'),
      (eb) =>
        eb
          .selectFrom('prevention_education_sessions as s')
          .select(sql<string | null>`max(s.held_on)::text`.as('d'))
          .whereRef('s.division_code', '=', 'a.division_code')
          .whereRef('s.agency_id', '=', 'a.id')
          .as('last_education_on'),
    ])
    .where(inScope(scope, AGENCY_SCOPE))
    .where('a.status', '=', 'active')
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'a.division_code')))
    .orderBy('a.division_code')
    .orderBy('a.id')
    .execute();
}

export type PlanFigures = Awaited<ReturnType<typeof planFiguresByAgency>>[number];
