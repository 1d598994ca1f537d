// Staff rosters (员工花名册): rows of one agency, addressed through the agency's scoped key.
import { keyset } from '../../../db/keyset.ts';
import { type ScopedKey, type SystemScope, scopedKey } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import type { AgencyKey } from './agencies.ts';

export type StaffKey = ScopedKey<'agency_staff'>;

const staffColumns = ['division_code', 'id', 'agency_id', 'name', 'phone', 'id_number_masked', 'position', 'status', 'created_at'] as const;

/** One page of an agency's roster by id; `page.limit + 1` rows at most. */
export async function listStaff(db: Executor, agency: AgencyKey, f: { status?: string }, page: { limit: number; after?: [number] | undefined }) {
  const q = db
    .selectFrom('agency_staff')
    .select(staffColumns)
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .$if(Boolean(f.status), (q) => q.where('status', '=', f.status as string));
  return keyset(q, ['id'], page).execute();
}

export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

/** One staff member of the agency with their key, or undefined. */
export async function findStaff(db: Executor, agency: AgencyKey, staffId: number) {
  const row = await db
    .selectFrom('agency_staff')
    .select(staffColumns)
    .where('division_code', '=', agency.division_code)
    .where('agency_id', '=', agency.id)
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('agency_staff', row) };
}

/** Which of `hashes` (keyed hashes of ID numbers) are already on the agency's roster. */
export async function existingIdHashes(db: Executor, agency: AgencyKey, hashes: string[]): Promise<Set<string>> {
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

/** Inserts roster rows in batches of 1,000; returns their ids in order. */
export async function insertStaff(db: Executor, rows: NewStaffRow[]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await db.insertInto('agency_staff').values(rows.slice(i, i + 1000)).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

/** A roster row's ID number, decrypted by `decrypt` (the field key is the caller's). */
export async function idNumberOf(db: Executor, key: StaffKey, decrypt: (enc: string) => string): Promise<string | null> {
  const r = await db.selectFrom('agency_staff').select('id_number_enc').where('division_code', '=', key.division_code).where('id', '=', key.id).executeTakeFirst();
  return r ? decrypt(r.id_number_enc) : null;
}

export async function updateStaff(db: Executor, key: StaffKey, set: Partial<{ phone: string; position: string; status: string }> & { updated_at: Date }) {
  await db.updateTable('agency_staff').set(set).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

/**
 * Re-points roster rows from a person's old phone to their new one (a county office moved the
 * person: identity's number change), one statement per row; a row whose phone is no longer `from`
 * (its agency changed it since) is left alone. Returns the rows changed.
 */
export async function movePhone(db: Executor, keys: readonly StaffKey[], from: string, to: string, at: Date) {
  const moved: Array<{ division_code: string; id: number }> = [];
  for (const k of keys) {
    const r = await db
      .updateTable('agency_staff')
      .set({ phone: to, updated_at: at })
      .where('division_code', '=', k.division_code)
      .where('id', '=', k.id)
      .where('phone', '=', from)
      .returning(['division_code', 'id'])
      .executeTakeFirst();
    if (r) moved.push(r);
  }
  return moved;
}

/** A person's roster rows in every division, by any of their phones or ID hashes (personal-data requests). */
export async function staffOfPerson(db: Executor, _scope: SystemScope, person: { phones: readonly string[]; idNumberHashes: readonly string[] }) {
  if (!person.phones.length && !person.idNumberHashes.length) return [];
  return db
    .selectFrom('agency_staff')
    .select(['division_code', 'id', 'agency_id', 'name', 'phone', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'position', 'status', 'created_at'])
    .where((eb) => eb.or([...(person.phones.length ? [eb('phone', 'in', person.phones)] : []), ...(person.idNumberHashes.length ? [eb('id_number_hash', 'in', person.idNumberHashes)] : [])]))
    .orderBy('division_code')
    .orderBy('id')
    .execute();
}

/** Anonymises roster rows (PIPL art. 47): name, phone and ID number replaced, the row kept for counts. */
export async function anonymiseStaff(db: Executor, keys: readonly StaffKey[], at: Date) {
  let n = 0;
  for (const k of keys) {
    const r = await db
      .updateTable('agency_staff')
      .set({ name: '（已删除）', phone: '00000000000', id_number_enc: '', id_number_hash: `erased:${k.division_code}:${k.id}`, id_number_masked: '', status: 'left', updated_at: at })
      .where('division_code', '=', k.division_code)
      .where('id', '=', k.id)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}
