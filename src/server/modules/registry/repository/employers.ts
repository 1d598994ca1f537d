// Employers (用人单位). Every read goes through inScope; writes take a key a scoped read returned.
import { containing, keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import { claimCreditCode } from './credit-codes.ts';

export type EmployerKey = ScopedKey<'employers'>;

/** Whether an active employer exists at (division, id): every employer row is approved (a self-registered one exists only after its county's approval). */
export async function employerActive(db: Executor, divisionCode: string, id: number) {
  const r = await db.selectFrom('employers').select('status').where('division_code', '=', divisionCode).where('id', '=', id).executeTakeFirst();
  return r?.status === 'active';
}

/** Officials reach employers by division; an employer itself only; agencies none. */
const EMPLOYER_SCOPE: ScopeRef = { division: 'e.division_code', id: 'e.id', table: 'employers', owner: { employer: 'e.id' } };

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
    .where(inScope(scope, EMPLOYER_SCOPE));
}

export type EmployerFilter = { q?: string; division?: string; epidemicSuppliesProducer?: boolean };

/** One page of employers in scope, by (division_code, id); `page.limit + 1` rows at most. */
export async function listEmployers(db: Executor, scope: Scope, f: EmployerFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = employerBase(db, scope)
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'e.division_code')))
    .$if(Boolean(f.q), (q) => q.where('e.name', 'like', containing(f.q as string)))
    .$if(f.epidemicSuppliesProducer !== undefined, (q) => q.where('e.epidemic_supplies_producer', '=', f.epidemicSuppliesProducer as boolean));
  return keyset(q, ['e.division_code', 'e.id'], page).execute();
}

export type EmployerRow = Awaited<ReturnType<typeof listEmployers>>[number];

/** One employer in scope with its key, or undefined (missing or out of scope alike). */
export async function findEmployer(db: Executor, scope: Scope, id: number) {
  const row = await employerBase(db, scope).where('e.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('employers', row) };
}

export type NewEmployerRow = {
  division_code: string;
  credit_code: string;
  name: string;
  industry_code: string;
  address: string;
  contact_name: string;
  contact_phone: string;
  epidemic_supplies_producer: boolean;
  /** as the MOHRSS quarterly report groups employers (migration 0021); absent for bureau-registered ones until set */
  ownership_type?: string | null;
  created_at: Date;
  updated_at: Date;
};

/** Inserts an employer and claims its credit code province-wide (23505 when taken). */
export async function insertEmployer(db: Executor, row: NewEmployerRow) {
  const key = await db.insertInto('employers').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  await claimCreditCode(db, { credit_code: row.credit_code, kind: 'employer', owner_division: key.division_code, owner_id: key.id, claimed_at: row.created_at });
  return key;
}

export async function updateEmployer(
  db: Executor,
  key: EmployerKey,
  set: Partial<{ epidemic_supplies_producer: boolean; status: string; contact_name: string; contact_phone: string; address: string }> & { updated_at: Date },
) {
  await db.updateTable('employers').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}
