// Agencies (人力资源服务机构). Every read goes through inScope; writes take a key a scoped read returned.
import { sql } from 'kysely';
import { containing, keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import { claimCreditCode } from './credit-codes.ts';

export type AgencyKey = ScopedKey<'agencies'>;

/** Officials reach agencies by division; an agency's own people their agency only; employers none. */
const AGENCY_SCOPE: ScopeRef = { division: 'a.division_code', id: 'a.id', table: 'agencies', owner: { agency: 'a.id' } };

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
    .where(inScope(scope, AGENCY_SCOPE));
}

export type AgencyFilter = { q?: string; kind?: string; status?: string; division?: string };

/** One page of agencies in scope, by (division_code, id); `page.limit + 1` rows at most. */
export async function listAgencies(db: Executor, scope: Scope, f: AgencyFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = agencyBase(db, scope)
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'a.division_code')))
    .$if(Boolean(f.q), (q) => q.where('a.name', 'like', containing(f.q as string)))
    .$if(Boolean(f.kind), (q) => q.where('a.kind', '=', f.kind as string))
    .$if(Boolean(f.status), (q) => q.where('a.status', '=', f.status as string));
  return keyset(q, ['a.division_code', 'a.id'], page).execute();
}

export type AgencyRow = Awaited<ReturnType<typeof listAgencies>>[number];

/** One agency in scope with its key, or undefined (missing or out of scope alike). */
export async function findAgency(db: Executor, scope: Scope, id: number) {
  const row = await agencyBase(db, scope).where('a.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('agencies', row) };
}

export type NewAgencyRow = {
  division_code: string;
  name: string;
  kind: string;
  licence_no: string;
  credit_code: string;
  address: string;
  responsible_person: string;
  responsible_phone: string;
  created_at: Date;
  updated_at: Date;
};

/** Inserts an agency and claims its credit code province-wide (23505 when taken). */
export async function insertAgency(db: Executor, row: NewAgencyRow) {
  const key = await db.insertInto('agencies').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  await claimCreditCode(db, { credit_code: row.credit_code, kind: 'agency', owner_division: key.division_code, owner_id: key.id, claimed_at: row.created_at });
  return key;
}

export async function updateAgency(
  db: Executor,
  key: AgencyKey,
  set: Partial<{ status: string; address: string; responsible_person: string; responsible_phone: string }> & { updated_at: Date },
) {
  await db.updateTable('agencies').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}
