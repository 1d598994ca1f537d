// Resumption plans (issue 13 M2, decision 0050): plans, their demand lines, their returning
// employees and the destination counties' transport shares. Kysely queries only. Every read goes
// through inScope on the plan (officials by division, an employer its own plan; an origin county's
// bureau the waiting workers of a share it holds a grant on); writes take a key a scoped read returned.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopedKey, type ScopeRef, scopedKey, type SystemScope, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type PlanKey = ScopedKey<'resumption_plans'>;
export type DemandKey = ScopedKey<'resumption_demand'>;
export type ShareKey = ScopedKey<'resumption_transport_shares'>;
/** The employer a plan is saved for (a key registry's scoped read returned). */
export type EmployerRef = { division_code: string; id: number };

/** Officials reach plans by division; an employer its own plan. */
const PLAN_SCOPE: ScopeRef = { division: 'p.division_code', id: 'p.id', table: 'resumption_plans', owner: { employer: 'p.employer_id' } };
/** Shares: officials by the destination's division; an origin county's bureau the one it was granted. */
const SHARE_SCOPE: ScopeRef = { division: 'sh.division_code', id: 'sh.id', table: 'resumption_transport_shares' };

const PLAN_COLUMNS = [
  'p.division_code',
  'p.id',
  'p.employer_id',
  'e.name as employer_name',
  'd.name as division_name',
  sql<string>`p.resume_on::text`.as('resume_on'),
  'p.staff_on_post',
  'p.staff_away',
  'p.staff_isolated',
  'p.contact_name',
  'p.contact_phone',
  'p.note',
  'p.created_at',
  'p.updated_at',
  sql<number>`(select coalesce(sum(l.headcount), 0)::int from resumption_demand l where l.division_code = p.division_code and l.plan_id = p.id)`.as('demand_total'),
  sql<number>`(select count(*)::int from resumption_returnees r where r.division_code = p.division_code and r.plan_id = p.id)`.as('returnees'),
  sql<number>`(select count(*)::int from resumption_returnees r where r.division_code = p.division_code and r.plan_id = p.id and r.needs_transport)`.as('needing_transport'),
] as const;

const plans = (db: Executor, scope: Scope) =>
  db
    .selectFrom('resumption_plans as p')
    .innerJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'p.division_code').onRef('e.id', '=', 'p.employer_id'))
    .innerJoin('divisions as d', 'd.code', 'p.division_code')
    .select(PLAN_COLUMNS)
    .where(inScope(scope, PLAN_SCOPE));

/** One plan in scope by id, with its key; undefined when missing or out of scope alike. */
export async function findPlan(db: Executor, scope: Scope, id: number) {
  const row = await plans(db, scope).where('p.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('resumption_plans', row) };
}

/** The plan of one employer (its own account's), with its key; undefined when it has none yet. */
export async function findPlanOfEmployer(db: Executor, scope: Scope, employer: EmployerRef) {
  const row = await plans(db, scope).where('p.division_code', '=', employer.division_code).where('p.employer_id', '=', employer.id).executeTakeFirst();
  return row && { ...row, key: scopedKey('resumption_plans', row) };
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** One page of plans in scope by (division_code, id); `division` narrows to a subtree. `page.limit + 1` rows at most. */
export async function listPlans(db: Executor, scope: Scope, f: { division?: string | undefined }, page: { limit: number; after?: [string, number] | undefined }) {
  const q = plans(db, scope).$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'p.division_code')));
  return keyset(q, ['p.division_code', 'p.id'], page).execute();
}

export type PlanValues = { resume_on: string; staff_on_post: number; staff_away: number; staff_isolated: number; contact_name: string; contact_phone: string; note: string | null };

/**
 * Creates or updates the employer's one plan (one statement, INSERT … ON CONFLICT on the employer):
 * returns its key and whether it was created.
 */
export async function upsertPlan(db: Executor, employer: EmployerRef, v: PlanValues, at: Date, by: number) {
  const r = await db
    .insertInto('resumption_plans')
    .values({ division_code: employer.division_code, employer_id: employer.id, ...v, created_by: by, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['division_code', 'employer_id']).doUpdateSet({ ...v, updated_at: at }))
    .returning(['division_code', 'id', sql<boolean>`(xmax = 0)`.as('created')])
    .executeTakeFirstOrThrow();
  return { key: scopedKey('resumption_plans', r), created: r.created };
}

// demand lines ---------------------------------------------------------------------------------

/** The plan's demand lines, by occupation code, with the occupation's name and the posting made from each. */
export async function demandOf(db: Executor, plan: PlanKey) {
  return db
    .selectFrom('resumption_demand as l')
    .innerJoin('occupations as o', 'o.code', 'l.occupation_code')
    .select(['l.division_code', 'l.id', 'l.occupation_code', 'o.name as occupation_name', 'l.headcount', 'l.posting_id'])
    .where('l.division_code', '=', plan.division_code)
    .where('l.plan_id', '=', plan.id)
    .orderBy('l.occupation_code')
    .execute();
}

export type DemandRow = Awaited<ReturnType<typeof demandOf>>[number];

/**
 * Makes the plan's demand the given lines: one statement upserting by occupation (a line keeps
 * its id and its posting when only the headcount changes), one deleting the lines left out.
 * Returns how many lines were removed.
 */
export async function replaceDemand(db: Executor, plan: PlanKey, lines: readonly { occupation_code: string; headcount: number }[], at: Date): Promise<number> {
  if (lines.length) {
    await db
      .insertInto('resumption_demand')
      .values(lines.map((l) => ({ division_code: plan.division_code, plan_id: plan.id, occupation_code: l.occupation_code, headcount: l.headcount, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['division_code', 'plan_id', 'occupation_code']).doUpdateSet({ headcount: (eb) => eb.ref('excluded.headcount'), updated_at: at }))
      .execute();
  }
  const r = await db
    .deleteFrom('resumption_demand')
    .where('division_code', '=', plan.division_code)
    .where('plan_id', '=', plan.id)
    .$if(lines.length > 0, (q) => q.where('occupation_code', 'not in', lines.map((l) => l.occupation_code)))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** One demand line of the plan, with its key; undefined when it is not the plan's. */
export async function findDemandLine(db: Executor, plan: PlanKey, id: number) {
  const row = await db
    .selectFrom('resumption_demand as l')
    .innerJoin('occupations as o', 'o.code', 'l.occupation_code')
    .select(['l.division_code', 'l.id', 'l.occupation_code', 'o.name as occupation_name', 'l.headcount', 'l.posting_id'])
    .where('l.division_code', '=', plan.division_code)
    .where('l.plan_id', '=', plan.id)
    .where('l.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('resumption_demand', row) };
}

/**
 * Claims a line for its posting: touches it only while it has none (UPDATE … WHERE posting_id IS
 * NULL), which locks it to the end of the transaction, so a second claim waits and then finds the
 * posting set. Returns whether this call claimed it.
 */
export async function claimDemandLine(db: Executor, line: DemandKey, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('resumption_demand')
    .set({ updated_at: at })
    .where('division_code', '=', line.division_code)
    .where('id', '=', line.id)
    .where('posting_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records the posting made from a claimed line. */
export async function setDemandPosting(db: Executor, line: DemandKey, postingId: number): Promise<void> {
  await db.updateTable('resumption_demand').set({ posting_id: postingId }).where('division_code', '=', line.division_code).where('id', '=', line.id).execute();
}

// returning employees --------------------------------------------------------------------------

export type NewReturnee = {
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  phone: string;
  origin_division: string;
  travel_on: string;
  needs_transport: boolean;
};

/** Replaces the plan's returning employees with `rows` (a re-import is the new list): one delete, one insert. Returns how many were removed. */
export async function replaceReturnees(db: Executor, plan: PlanKey, rows: readonly NewReturnee[], at: Date): Promise<number> {
  const gone = await db.deleteFrom('resumption_returnees').where('division_code', '=', plan.division_code).where('plan_id', '=', plan.id).executeTakeFirst();
  if (rows.length) await db.insertInto('resumption_returnees').values(rows.map((r) => ({ ...r, division_code: plan.division_code, plan_id: plan.id, created_at: at }))).execute();
  return Number(gone.numDeletedRows);
}

const RETURNEE_COLUMNS = [
  'r.division_code',
  'r.id',
  'r.plan_id',
  'r.name',
  'r.id_number_masked',
  'r.phone',
  'r.origin_division',
  'od.name as origin_name',
  'od.province_code as origin_province',
  sql<string>`r.travel_on::text`.as('travel_on'),
  'r.needs_transport',
] as const;

/** The plan's returning employees, by origin, travel day and id (ID numbers masked; phones whole: presenters mask them). */
export async function returneesOf(db: Executor, plan: PlanKey) {
  return db
    .selectFrom('resumption_returnees as r')
    .innerJoin('divisions as od', 'od.code', 'r.origin_division')
    .select(RETURNEE_COLUMNS)
    .where('r.division_code', '=', plan.division_code)
    .where('r.plan_id', '=', plan.id)
    .orderBy('r.origin_division')
    .orderBy('r.travel_on')
    .orderBy('r.id')
    .execute();
}

export type ReturneeRow = Awaited<ReturnType<typeof returneesOf>>[number];

// bureau views ---------------------------------------------------------------------------------

/** Demand headcount per (county, occupation) over the plans in scope (`division` a subtree), with how many plans ask. */
export async function demandByOccupation(db: Executor, scope: Scope, f: { division?: string | undefined }) {
  return db
    .selectFrom('resumption_plans as p')
    .innerJoin('resumption_demand as l', (j) => j.onRef('l.division_code', '=', 'p.division_code').onRef('l.plan_id', '=', 'p.id'))
    .innerJoin('occupations as o', 'o.code', 'l.occupation_code')
    .innerJoin('divisions as d', 'd.code', 'p.division_code')
    .select(['p.division_code', 'd.name as division_name', 'l.occupation_code', 'o.name as occupation_name'])
    .select(sql<number>`sum(l.headcount)::int`.as('demand'))
    .select(sql<number>`count(distinct p.id)::int`.as('plans'))
    .where(inScope(scope, PLAN_SCOPE))
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'p.division_code')))
    .groupBy(['p.division_code', 'd.name', 'l.occupation_code', 'o.name'])
    .orderBy('p.division_code')
    .orderBy('l.occupation_code')
    .execute();
}

/**
 * The destination's transport board: workers needing transport per (destination county, origin
 * county, travel day) over the plans in scope, with the origin's name and province and the share
 * of that origin (its id, and whether a grant on it is live at `at`).
 */
export async function transportBoard(db: Executor, scope: Scope, f: { division?: string | undefined }, at: Date) {
  return db
    .selectFrom('resumption_plans as p')
    .innerJoin('resumption_returnees as r', (j) => j.onRef('r.division_code', '=', 'p.division_code').onRef('r.plan_id', '=', 'p.id'))
    .innerJoin('divisions as d', 'd.code', 'p.division_code')
    .innerJoin('divisions as od', 'od.code', 'r.origin_division')
    .leftJoin('resumption_transport_shares as sh', (j) => j.onRef('sh.division_code', '=', 'p.division_code').onRef('sh.origin_division', '=', 'r.origin_division'))
    .select(['p.division_code', 'd.name as division_name', 'r.origin_division', 'od.name as origin_name', 'od.province_code as origin_province', sql<string>`r.travel_on::text`.as('travel_on'), 'sh.id as share_id'])
    .select(sql<number>`count(*)::int`.as('workers'))
    .select(sql<number>`count(distinct p.id)::int`.as('plans'))
    .select(
      sql<boolean>`coalesce(bool_or(exists (select 1 from access_grants g where g.division_code = sh.division_code and g.target_table = 'resumption_transport_shares'
        and g.target_id = sh.id and g.grantee = 'division:' || sh.origin_division and (g.expires_at is null or g.expires_at > ${at}))), false)`.as('shared'),
    )
    .where(inScope(scope, PLAN_SCOPE))
    .where('r.needs_transport', '=', true)
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'p.division_code')))
    .groupBy(['p.division_code', 'd.name', 'r.origin_division', 'od.name', 'od.province_code', 'r.travel_on', 'sh.id'])
    .orderBy('p.division_code')
    .orderBy('r.origin_division')
    .orderBy('r.travel_on')
    .execute();
}

const WAITING_COLUMNS = [
  ...RETURNEE_COLUMNS,
  'd.name as division_name',
  'e.name as employer_name',
  'p.contact_name',
  'p.contact_phone',
] as const;

/** Workers needing transport in the plans in scope (the destination's list), optionally from one origin county and on one day; by origin, day, employer. */
export async function waitingWorkers(db: Executor, scope: Scope, f: { division?: string | undefined; origin?: string | undefined; travelOn?: string | undefined }) {
  return db
    .selectFrom('resumption_plans as p')
    .innerJoin('resumption_returnees as r', (j) => j.onRef('r.division_code', '=', 'p.division_code').onRef('r.plan_id', '=', 'p.id'))
    .innerJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'p.division_code').onRef('e.id', '=', 'p.employer_id'))
    .innerJoin('divisions as d', 'd.code', 'p.division_code')
    .innerJoin('divisions as od', 'od.code', 'r.origin_division')
    .select(WAITING_COLUMNS)
    .where(inScope(scope, PLAN_SCOPE))
    .where('r.needs_transport', '=', true)
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'p.division_code')))
    .$if(Boolean(f.origin), (q) => q.where('r.origin_division', '=', f.origin as string))
    .$if(Boolean(f.travelOn), (q) => q.where(sql<boolean>`r.travel_on = ${f.travelOn as string}::date`))
    .orderBy('r.origin_division')
    .orderBy('r.travel_on')
    .orderBy('p.division_code')
    .orderBy('e.name')
    .orderBy('r.id')
    .execute();
}

export type WaitingRow = Awaited<ReturnType<typeof waitingWorkers>>[number];

/**
 * The origin's view: workers needing transport whose origin county is under one of `origins`
 * (the origin bureau's own reach), in destination counties whose share with that origin is in the
 * scope (a live grant, or the destination inside the official's own reach); by destination, day.
 */
export async function departures(db: Executor, scope: Scope, origins: readonly string[]) {
  if (!origins.length) return [];
  return db
    .selectFrom('resumption_transport_shares as sh')
    .innerJoin('resumption_returnees as r', (j) => j.onRef('r.division_code', '=', 'sh.division_code').onRef('r.origin_division', '=', 'sh.origin_division'))
    .innerJoin('resumption_plans as p', (j) => j.onRef('p.division_code', '=', 'r.division_code').onRef('p.id', '=', 'r.plan_id'))
    .innerJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'p.division_code').onRef('e.id', '=', 'p.employer_id'))
    .innerJoin('divisions as d', 'd.code', 'p.division_code')
    .innerJoin('divisions as od', 'od.code', 'r.origin_division')
    .select(WAITING_COLUMNS)
    .where(inScope(scope, SHARE_SCOPE))
    .where('r.needs_transport', '=', true)
    .where((eb) => eb.or(origins.map((o) => underDivision(o, 'sh.origin_division'))))
    .orderBy('p.division_code')
    .orderBy('r.travel_on')
    .orderBy('r.origin_division')
    .orderBy('e.name')
    .orderBy('r.id')
    .execute();
}

// transport shares -----------------------------------------------------------------------------

/** The destination county's share with an origin county: one statement, created once, reused after a grant ends. */
export async function upsertShare(db: Executor, destination: string, origin: string, at: Date, by: number) {
  const r = await db
    .insertInto('resumption_transport_shares')
    .values({ division_code: destination, origin_division: origin, created_by: by, created_at: at })
    .onConflict((oc) => oc.columns(['division_code', 'origin_division']).doUpdateSet({ origin_division: (eb) => eb.ref('excluded.origin_division') }))
    .returning(['division_code', 'id', 'origin_division'])
    .executeTakeFirstOrThrow();
  return { ...r, key: scopedKey('resumption_transport_shares', r) };
}

/** One share whose destination is in the scope's own reach (not one it was granted), with its key; undefined otherwise. */
export async function findOwnShare(db: Executor, scope: Scope, id: number) {
  const row = await db
    .selectFrom('resumption_transport_shares as sh')
    .select(['sh.division_code', 'sh.id', 'sh.origin_division'])
    .where(inScope({ ...scope, grants: [] } as Scope, SHARE_SCOPE))
    .where('sh.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('resumption_transport_shares', row) };
}

// personal data and re-coding ------------------------------------------------------------------

/** A person's returning-employee rows in every division, by phone or ID-number hash, with the plan's employer. */
export async function returneesOfPerson(db: Executor, _why: SystemScope, person: { phones: readonly string[]; idNumberHashes: readonly string[] }) {
  if (!person.phones.length && !person.idNumberHashes.length) return [];
  return db
    .selectFrom('resumption_returnees as r')
    .innerJoin('resumption_plans as p', (j) => j.onRef('p.division_code', '=', 'r.division_code').onRef('p.id', '=', 'r.plan_id'))
    .innerJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'p.division_code').onRef('e.id', '=', 'p.employer_id'))
    .innerJoin('divisions as od', 'od.code', 'r.origin_division')
    .select([...RETURNEE_COLUMNS, 'r.id_number_enc', 'e.name as employer_name'])
    .where((eb) =>
      eb.or([
        ...(person.phones.length ? [eb('r.phone', 'in', person.phones)] : []),
        ...(person.idNumberHashes.length ? [eb('r.id_number_hash', 'in', person.idNumberHashes)] : []),
      ]),
    )
    .orderBy('r.division_code')
    .orderBy('r.id')
    .execute();
}

/** Deletes returning-employee rows by key (an erasure); returns the keys deleted. */
export async function deleteReturnees(db: Executor, _why: SystemScope, keys: readonly { division_code: string; id: number }[]) {
  if (!keys.length) return [];
  return db
    .deleteFrom('resumption_returnees')
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('division_code', '=', k.division_code), eb('id', '=', k.id)]))))
    .returning(['division_code', 'id'])
    .execute();
}

/** A re-coding: origin counties naming `from` name `to` (returnees; shares unless the destination already shares with `to`). */
export async function relinkOrigins(db: Executor, from: string, to: string) {
  const r = await db.updateTable('resumption_returnees').set({ origin_division: to }).where('origin_division', '=', from).executeTakeFirst();
  const s = await sql`update resumption_transport_shares o set origin_division = ${to} where o.origin_division = ${from}
    and not exists (select 1 from resumption_transport_shares n where n.division_code = o.division_code and n.origin_division = ${to})`.execute(db);
  return { returnees: Number(r.numUpdatedRows), shares: Number(s.numAffectedRows ?? 0) };
}

/** The ids of the live grants on a share (access_grants, decision 0014): what ending it expires. */
export async function liveShareGrants(db: Executor, share: ShareKey, at: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('access_grants')
    .select('id')
    .where('division_code', '=', share.division_code)
    .where('target_table', '=', 'resumption_transport_shares')
    .where('target_id', '=', share.id)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .execute();
  return rows.map((r) => r.id);
}
