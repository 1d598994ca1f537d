// Employers' own registrations (issue 9; decision 0035): pending until the county bureau of their
// place decides. A pending or refused registration claims no credit code (credit_code_claims stays
// the one truth, decision 0007); approval inserts the employer, which claims it.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, type SystemScope, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type RegistrationKey = ScopedKey<'employer_registrations'>;

/** Officials reach registrations of their divisions; an applicant their own (by account, wherever they are). */
const REGISTRATION_SCOPE: ScopeRef = { division: 'r.division_code', id: 'r.id', table: 'employer_registrations', owner: { account: 'r.account_id' } };

const COLUMNS = [
  'r.division_code',
  'r.id',
  'r.account_id',
  'r.credit_code',
  'r.name',
  'r.industry_code',
  'r.ownership_type',
  'r.address',
  'r.contact_name',
  'r.contact_phone',
  'r.licence_attachment_id',
  'r.status',
  'r.reason',
  'r.decided_at',
  'r.employer_id',
  'r.created_at',
] as const;

export type RegistrationFilter = { status?: string; creditCode?: string; division?: string };

/** One page of registrations in scope, by (division_code, id); `page.limit + 1` rows at most. */
export async function listRegistrations(db: Executor, scope: Scope, f: RegistrationFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = db
    .selectFrom('employer_registrations as r')
    .select(COLUMNS)
    .where(inScope(scope, REGISTRATION_SCOPE))
    .$if(Boolean(f.status), (q) => q.where('r.status', '=', f.status as string))
    .$if(Boolean(f.creditCode), (q) => q.where('r.credit_code', '=', f.creditCode as string))
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'r.division_code')));
  return keyset(q, ['r.division_code', 'r.id'], page).execute();
}

export type RegistrationRow = Awaited<ReturnType<typeof listRegistrations>>[number];

/** One registration in scope with its key, or undefined. */
export async function findRegistration(db: Executor, scope: Scope, id: number) {
  const row = await db.selectFrom('employer_registrations as r').select(COLUMNS).where(inScope(scope, REGISTRATION_SCOPE)).where('r.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('employer_registrations', row) };
}

/**
 * Every registration naming `creditCode`, in every division: the named cross-division read a
 * reviewing county gets (the same legal entity applying in two counties, or again after a refusal).
 */
export async function registrationsOfCode(db: Executor, _why: SystemScope, creditCode: string) {
  return db.selectFrom('employer_registrations as r').select(['r.division_code', 'r.id', 'r.name', 'r.status', 'r.created_at']).where('r.credit_code', '=', creditCode).orderBy('r.id').execute();
}

export type NewRegistration = {
  division_code: string;
  account_id: number;
  credit_code: string;
  name: string;
  industry_code: string;
  ownership_type: string;
  address: string;
  contact_name: string;
  contact_phone: string;
  licence_attachment_id: number;
  created_at: Date;
};

export async function insertRegistration(db: Executor, row: NewRegistration) {
  const r = await db.insertInto('employer_registrations').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  return scopedKey('employer_registrations', r);
}

/** Decides a pending registration in one statement (a second decision finds it decided); returns whether it was pending. */
export async function decideRegistration(db: Executor, key: RegistrationKey, d: { status: 'approved' | 'refused'; reason: string | null; decided_by: number; decided_at: Date; employer_id: number | null }) {
  const r = await db
    .updateTable('employer_registrations')
    .set(d)
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether a credit code is claimed province-wide as an employer (decision 0007). */
export async function employerCodeClaimed(db: Executor, creditCode: string) {
  const r = await db.selectFrom('credit_code_claims').select(sql<number>`1`.as('x')).where('credit_code', '=', creditCode).where('kind', '=', 'employer').executeTakeFirst();
  return r !== undefined;
}

/** Registrations an account applied with, or naming a contact phone, in every division (personal-data requests). */
export async function registrationsOfPerson(db: Executor, _why: SystemScope, person: { accountIds: readonly number[]; phones: readonly string[] }) {
  if (!person.accountIds.length && !person.phones.length) return [];
  return db
    .selectFrom('employer_registrations as r')
    .select(COLUMNS)
    .where((eb) =>
      eb.or([
        ...(person.accountIds.length ? [eb('r.account_id', 'in', [...person.accountIds])] : []),
        ...(person.phones.length ? [eb('r.contact_phone', 'in', [...person.phones])] : []),
      ]),
    )
    .orderBy('r.id')
    .execute();
}

/** Erasure: the contact person's name and phone on these registrations are blanked (the registration, a public business's, stays). */
export async function anonymiseRegistrationContacts(db: Executor, keys: readonly RegistrationKey[]) {
  let n = 0;
  for (const k of keys) {
    const r = await db.updateTable('employer_registrations').set({ contact_name: '（已删除）', contact_phone: '00000000000' }).where('division_code', '=', k.division_code).where('id', '=', k.id).executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}
