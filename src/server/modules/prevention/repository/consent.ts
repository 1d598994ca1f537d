// Consent to health-data processing (PIPL art. 28–30) and the roster rows it belongs to. Every
// read is scoped: a staff member reaches their own roster row and consents, an agency's
// administrator the agency's; writes take a key a scoped read returned. At most one consent per
// staff member is open (the partial unique index prevention_consents_open), so giving and
// withdrawing are single statements that race safely.
import { sql } from 'kysely';
import { inScope, type Scope, type ScopeRef, type ScopedKey, type SystemScope, scopedKey } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type StaffKey = ScopedKey<'agency_staff'>;
export type ConsentKey = ScopedKey<'prevention_consents'>;

/** A staff member sees their own row; an agency's administrator its agency's; officials by division. */
export const STAFF_SCOPE: ScopeRef = { division: 's.division_code', owner: { agency: 's.agency_id', staff: 's.id' } };
export const CONSENT_SCOPE: ScopeRef = { division: 'k.division_code', owner: { agency: 'k.agency_id', staff: 'k.staff_id' } };

/** One roster row in the caller's scope (any status), with its key; undefined when missing or out of reach. */
export async function findStaff(db: Executor, scope: Scope, staffId: number) {
  const row = await db
    .selectFrom('agency_staff as s')
    .select(['s.division_code', 's.id', 's.agency_id', 's.name', 's.phone', 's.status', 's.position'])
    .where(inScope(scope, STAFF_SCOPE))
    .where('s.id', '=', staffId)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('agency_staff', row) };
}

/** A staff member's consents, oldest first (the history: each given and, when closed, withdrawn). */
export async function consentHistory(db: Executor, staff: StaffKey) {
  return db
    .selectFrom('prevention_consents as k')
    .select(['k.division_code', 'k.id', 'k.method', 'k.text_version', 'k.given_at', 'k.given_by', 'k.paper_signed_on', 'k.paper_reference', 'k.withdrawn_at', 'k.withdrawn_by'])
    .select(sql<string | null>`k.paper_signed_on::text`.as('paper_signed_on_text'))
    .where('k.division_code', '=', staff.division_code)
    .where('k.staff_id', '=', staff.id)
    .orderBy('k.given_at')
    .orderBy('k.id')
    .execute();
}

/** The consent in force for a staff member in the caller's scope, with its key; undefined when none. */
export async function openConsent(db: Executor, scope: Scope, staff: StaffKey) {
  const row = await db
    .selectFrom('prevention_consents as k')
    .select(['k.division_code', 'k.id', 'k.method', 'k.given_at', 'k.text_version'])
    .where(inScope(scope, CONSENT_SCOPE))
    .where('k.division_code', '=', staff.division_code)
    .where('k.staff_id', '=', staff.id)
    .where('k.withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('prevention_consents', row) };
}

/** The latest withdrawal of a staff member with no consent in force (for the 409's date); undefined when never withdrawn. */
export async function lastWithdrawal(db: Executor, staff: StaffKey) {
  return db
    .selectFrom('prevention_consents as k')
    .select(['k.withdrawn_at'])
    .where('k.division_code', '=', staff.division_code)
    .where('k.staff_id', '=', staff.id)
    .where('k.withdrawn_at', 'is not', null)
    .orderBy('k.withdrawn_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export type NewConsent = {
  agency_id: number;
  text_version: string;
  given_at: Date;
  given_by: number;
  method: 'self' | 'paper';
  paper_signed_on: string | null;
  paper_reference: string | null;
};

/**
 * Gives consent for a staff member unless one is in force (one statement on the partial unique
 * index: two racing requests give one). Returns the new row's id, or undefined when one was open.
 */
export async function insertConsent(db: Executor, staff: StaffKey, row: NewConsent) {
  return db
    .insertInto('prevention_consents')
    .values({ division_code: staff.division_code, staff_id: staff.id, ...row })
    .onConflict((oc) => oc.columns(['division_code', 'staff_id']).where('withdrawn_at', 'is', null).doNothing())
    .returning(['division_code', 'id'])
    .executeTakeFirst();
}

/**
 * Records a paper consent for a staff member unless one is in force or the person has ever
 * consented on their own phone (case 06: nobody consents for someone else — a person who decided
 * on their phone, and may have withdrawn there, decides again there). One statement: a
 * self-consent or withdrawal racing it cannot slip between a check and the insert. Returns the new
 * row's id, or undefined when refused (the caller reads why).
 */
export async function insertPaperConsent(db: Executor, staff: StaffKey, row: Omit<NewConsent, 'method'>) {
  const r = await sql<{ division_code: string; id: number }>`
    insert into prevention_consents (division_code, staff_id, agency_id, text_version, given_at, given_by, method, paper_signed_on, paper_reference)
    select ${staff.division_code}::text, ${staff.id}::bigint, ${row.agency_id}::bigint, ${row.text_version}::text, ${row.given_at}::timestamptz,
           ${row.given_by}::bigint, 'paper', ${row.paper_signed_on}::date, ${row.paper_reference}::text
     where not exists (select 1 from prevention_consents s
                        where s.division_code = ${staff.division_code} and s.staff_id = ${staff.id} and s.method = 'self')
    on conflict (division_code, staff_id) where withdrawn_at is null do nothing
    returning division_code, id`.execute(db);
  return r.rows[0];
}

/** Whether the staff member has ever given consent on their own phone. */
export async function hasSelfConsent(db: Executor, staff: StaffKey): Promise<boolean> {
  const r = await db
    .selectFrom('prevention_consents')
    .select('id')
    .where('division_code', '=', staff.division_code)
    .where('staff_id', '=', staff.id)
    .where('method', '=', 'self')
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Withdraws an open consent (once: a second call finds it closed and changes nothing). Returns whether it was open. */
export async function withdrawConsent(db: Executor, consent: ConsentKey, at: Date, by: number): Promise<boolean> {
  const r = await db
    .updateTable('prevention_consents')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('division_code', '=', consent.division_code)
    .where('id', '=', consent.id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The consents of a person's roster rows (system scope: a personal-data request across divisions). */
export async function consentsOfStaff(db: Executor, _scope: SystemScope, staff: readonly { division_code: string; id: number }[]) {
  if (!staff.length) return [];
  const pairs = staff.map((s) => sql`(${s.division_code}, ${s.id}::bigint)`);
  const r = await sql<{ division_code: string; id: number; staff_id: number; method: string; text_version: string; given_at: Date; paper_signed_on: string | null; paper_reference: string | null; withdrawn_at: Date | null }>`
    select division_code, id, staff_id, method, text_version, given_at, paper_signed_on::text as paper_signed_on, paper_reference, withdrawn_at
      from prevention_consents where (division_code, staff_id) in (${sql.join(pairs)}) order by division_code, id`.execute(db);
  return r.rows;
}
