// Reference tables: divisions (GB/T 2260), industries (GB/T 4754-2017), occupations (职业分类大典),
// education levels. Shared, not place-owned: no scope applies. Queries only.
import { sql } from 'kysely';
import type { Executor } from '../../db/tx.ts';

export async function findDivision(db: Executor, code: string) {
  // abolished_on as text: a date read into a JS Date is local midnight (a day early in ISO form east of UTC)
  return db.selectFrom('divisions').selectAll().select(sql<string | null>`abolished_on::text`.as('abolished_on')).where('code', '=', code).executeTakeFirst();
}

/** The active divisions directly below a code (abolished ones stay in the table, out of pickers). */
export async function childDivisions(db: Executor, parentCode: string) {
  return db.selectFrom('divisions').selectAll().where('parent_code', '=', parentCode).where('active', '=', true).orderBy('code').execute();
}

/** Every abolished division that has a successor (a handful: the change file's lines). */
export async function divisionsWithSuccessors(db: Executor) {
  return db.selectFrom('divisions').select(['code', 'name', 'successor_code', 'abolished_on']).where('successor_code', 'is not', null).orderBy('code').execute();
}

/** The edition of each reference table now loaded. */
export async function loadedEditions(db: Executor) {
  return db.selectFrom('reference_editions').select(['table_name', 'edition', 'edition_date', 'checksum', 'source', 'loaded_at', 'detail']).orderBy('table_name').execute();
}

export type DivisionRow = NonNullable<Awaited<ReturnType<typeof findDivision>>>;

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
