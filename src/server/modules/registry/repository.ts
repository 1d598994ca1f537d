// Registry queries: divisions, code tables, agencies, staff, employers. Every query over
// place-owned rows goes through inScope; agency and employer roles are further held to their own row.
import { sql } from 'kysely';
import type { Scope } from '../../db/scope.ts';
import { inScope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

/** A LIKE pattern matching names that contain `text` literally (its % and _ escaped). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

// divisions & code tables --------------------------------------------------------------------

export async function findDivision(db: Executor, code: string) {
  return db.selectFrom('divisions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function childDivisions(db: Executor, parentCode: string) {
  return db.selectFrom('divisions').selectAll().where('parent_code', '=', parentCode).orderBy('code').execute();
}

export async function industriesUnder(db: Executor, parent: string | null) {
  let q = db.selectFrom('industries').select(['code', 'name', 'level', 'parent_code']).orderBy('code');
  q = parent ? q.where('parent_code', '=', parent) : q.where('level', '=', 1);
  return q.execute();
}

export async function findIndustry(db: Executor, code: string) {
  return db.selectFrom('industries').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}

export async function occupationsUnder(db: Executor, parent: string | null) {
  let q = db.selectFrom('occupations').select(['code', 'name', 'level', 'parent_code']).orderBy('code');
  q = parent ? q.where('parent_code', '=', parent) : q.where('level', '=', 1);
  return q.execute();
}

export async function knownOccupationCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('occupations').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

export async function upsertOccupations(db: Executor, rows: { code: string; name: string; level: number; parent_code: string | null }[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('occupations')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), parent_code: eb.ref('excluded.parent_code'), level: eb.ref('excluded.level') })))
      .execute();
  }
}

export async function educationLevels(db: Executor) {
  return db.selectFrom('education_levels').selectAll().orderBy('rank', 'desc').execute();
}

// credit codes: one legal entity per code in the whole province ------------------------------

/**
 * Claims a credit code province-wide. A code already claimed raises PostgreSQL's unique
 * violation (23505), which the services answer as duplicate_credit_code; callers run it in the
 * transaction of the insert so both land or neither.
 */
async function claimCreditCode(db: Executor, claim: { credit_code: string; kind: 'agency' | 'employer'; owner_division: string; owner_id: number; claimed_at: Date }) {
  await db.insertInto('credit_code_claims').values(claim).execute();
}

// agencies -----------------------------------------------------------------------------------

const agencyColumns = [
  'a.division_code',
  'a.id',
  'a.name',
  'a.kind',
  'a.licence_no',
  'a.credit_code',
  'a.address',
  'a.responsible_person',
  'a.responsible_phone',
  'a.status',
  'a.created_at',
  'd.name as division_name',
] as const;

function agencyBase(db: Executor, scope: Scope) {
  return db
    .selectFrom('agencies as a')
    .innerJoin('divisions as d', 'd.code', 'a.division_code')
    .select(agencyColumns)
    .select((eb) =>
      eb
        .selectFrom('agency_staff as s')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('s.division_code', '=', 'a.division_code')
        .whereRef('s.agency_id', '=', 'a.id')
        .where('s.status', '=', 'active')
        .as('staff_count'),
    )
    .where(inScope(scope, 'a.division_code'))
    .$if(scope.agencyId !== undefined, (q) => q.where('a.id', '=', scope.agencyId as number))
    .$if(scope.employerId !== undefined, (q) => q.where(sql<boolean>`false`));
}

export type AgencyFilter = { q?: string; kind?: string; status?: string; division?: string };

export async function listAgencies(db: Executor, scope: Scope, f: AgencyFilter, page: { limit: number; after?: [string, number] }) {
  return agencyBase(db, scope)
    .$if(Boolean(f.division), (q) => q.where(inScope({ prefix: f.division as string }, 'a.division_code')))
    .$if(Boolean(f.q), (q) => q.where('a.name', 'like', containing(f.q as string)))
    .$if(Boolean(f.kind), (q) => q.where('a.kind', '=', f.kind as string))
    .$if(Boolean(f.status), (q) => q.where('a.status', '=', f.status as string))
    .$if(page.after !== undefined, (q) => q.where(sql<boolean>`(a.division_code, a.id) > (${page.after?.[0]}, ${page.after?.[1]})`))
    .orderBy('a.division_code')
    .orderBy('a.id')
    .limit(page.limit + 1)
    .execute();
}

export type AgencyRow = Awaited<ReturnType<typeof listAgencies>>[number];

export async function findAgency(db: Executor, scope: Scope, id: number) {
  return agencyBase(db, scope).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAgency(
  db: Executor,
  row: { division_code: string; name: string; kind: string; licence_no: string; credit_code: string; address: string; responsible_person: string; responsible_phone: string; created_at: Date; updated_at: Date },
) {
  const key = await db.insertInto('agencies').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  await claimCreditCode(db, { credit_code: row.credit_code, kind: 'agency', owner_division: key.division_code, owner_id: key.id, claimed_at: row.created_at });
  return key;
}

export async function updateAgency(
  db: Executor,
  key: { division_code: string; id: number },
  set: Partial<{ status: string; address: string; responsible_person: string; responsible_phone: string }> & { updated_at: Date },
) {
  await db.updateTable('agencies').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

// staff --------------------------------------------------------------------------------------

export async function listStaff(db: Executor, agency: { division_code: string; id: number }, f: { status?: string }, page: { limit: number; after?: number }) {
  return db
    .selectFrom('agency_staff')
    .select(['division_code', 'id', 'agency_id', 'name', 'phone', 'id_number_masked', 'position', 'status', 'created_at'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .$if(Boolean(f.status), (q) => q.where('status', '=', f.status as string))
    .$if(page.after !== undefined, (q) => q.where('id', '>', page.after as number))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

export async function findStaff(db: Executor, agency: { division_code: string; id: number }, staffId: number) {
  return db
    .selectFrom('agency_staff')
    .select(['division_code', 'id', 'agency_id', 'name', 'phone', 'id_number_masked', 'position', 'status', 'created_at'])
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .where('id', '=', staffId)
    .executeTakeFirst();
}

export async function existingIdHashes(db: Executor, agency: { division_code: string; id: number }, hashes: string[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const rows = await db
    .selectFrom('agency_staff')
    .select('id_number_hash')
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .where('id_number_hash', 'in', hashes)
    .execute();
  return new Set(rows.map((r) => r.id_number_hash));
}

export type NewStaffRow = {
  division_code: string;
  agency_id: number;
  name: string;
  phone: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  position: string;
  created_at: Date;
  updated_at: Date;
};

export async function insertStaff(db: Executor, rows: NewStaffRow[]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db.insertInto('agency_staff').values(rows.slice(i, i + 1000)).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

export async function updateStaff(db: Executor, key: { division_code: string; id: number }, set: Partial<{ phone: string; position: string; status: string }> & { updated_at: Date }) {
  await db.updateTable('agency_staff').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

// employers ----------------------------------------------------------------------------------

function employerBase(db: Executor, scope: Scope) {
  return db
    .selectFrom('employers as e')
    .innerJoin('divisions as d', 'd.code', 'e.division_code')
    .innerJoin('industries as i', 'i.code', 'e.industry_code')
    .select([
      'e.division_code',
      'e.id',
      'e.name',
      'e.credit_code',
      'e.industry_code',
      'e.address',
      'e.contact_name',
      'e.contact_phone',
      'e.epidemic_supplies_producer',
      'e.status',
      'e.created_at',
      'd.name as division_name',
      'i.name as industry_name',
    ])
    .where(inScope(scope, 'e.division_code'))
    .$if(scope.employerId !== undefined, (q) => q.where('e.id', '=', scope.employerId as number))
    .$if(scope.agencyId !== undefined, (q) => q.where(sql<boolean>`false`));
}

export type EmployerFilter = { q?: string; division?: string; epidemicSuppliesProducer?: boolean };

export async function listEmployers(db: Executor, scope: Scope, f: EmployerFilter, page: { limit: number; after?: [string, number] }) {
  return employerBase(db, scope)
    .$if(Boolean(f.division), (q) => q.where(inScope({ prefix: f.division as string }, 'e.division_code')))
    .$if(Boolean(f.q), (q) => q.where('e.name', 'like', containing(f.q as string)))
    .$if(f.epidemicSuppliesProducer !== undefined, (q) => q.where('e.epidemic_supplies_producer', '=', f.epidemicSuppliesProducer as boolean))
    .$if(page.after !== undefined, (q) => q.where(sql<boolean>`(e.division_code, e.id) > (${page.after?.[0]}, ${page.after?.[1]})`))
    .orderBy('e.division_code')
    .orderBy('e.id')
    .limit(page.limit + 1)
    .execute();
}

export type EmployerRow = Awaited<ReturnType<typeof listEmployers>>[number];

export async function findEmployer(db: Executor, scope: Scope, id: number) {
  return employerBase(db, scope).where('e.id', '=', id).executeTakeFirst();
}

export async function insertEmployer(
  db: Executor,
  row: { division_code: string; credit_code: string; name: string; industry_code: string; address: string; contact_name: string; contact_phone: string; epidemic_supplies_producer: boolean; created_at: Date; updated_at: Date },
) {
  const key = await db.insertInto('employers').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  await claimCreditCode(db, { credit_code: row.credit_code, kind: 'employer', owner_division: key.division_code, owner_id: key.id, claimed_at: row.created_at });
  return key;
}

export async function updateEmployer(
  db: Executor,
  key: { division_code: string; id: number },
  set: Partial<{ epidemic_supplies_producer: boolean; status: string; contact_name: string; contact_phone: string; address: string }> & { updated_at: Date },
) {
  await db.updateTable('employers').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

// summaries: per county, rolled up by the service (no GROUPING SETS across divisions) ---------

export async function agencyCountsByCounty(db: Executor, scope: Scope) {
  return db
    .selectFrom('agencies')
    .select([
      'division_code',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where status = 'active'))::int`.as('active'),
      sql<number>`(count(*) filter (where status = 'suspended'))::int`.as('suspended'),
      sql<number>`(count(*) filter (where kind = 'public'))::int`.as('public'),
    ])
    .where(inScope(scope))
    .groupBy('division_code')
    .execute();
}

export async function staffCountsByCounty(db: Executor, scope: Scope) {
  return db
    .selectFrom('agency_staff')
    .select(['division_code', sql<number>`count(*)::int`.as('total')])
    .where(inScope(scope))
    .where('status', '=', 'active')
    .groupBy('division_code')
    .execute();
}

export async function employerCountsByCounty(db: Executor, scope: Scope) {
  return db
    .selectFrom('employers')
    .select([
      'division_code',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where epidemic_supplies_producer))::int`.as('producers'),
    ])
    .where(inScope(scope))
    .groupBy('division_code')
    .execute();
}
