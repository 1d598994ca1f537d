// Moving a place-owned table's rows from one division code to another (decision 0022) without
// updating the distribution column: copy every row of `from` under `to` with the same id (INSERT …
// SELECT, identity values kept), later delete exactly the rows that were copied. Column lists and
// keys are read from the catalogue, so a table added later needs no code here, only a line in its
// module's recode hook.
import { sql } from 'kysely';
import type { Tx } from './tx.ts';

/** The division column of every place-owned table (docs/decisions/0002). */
const DIVISION = 'division_code';

async function columnsOf(tx: Tx, table: string): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select a.attname as name from pg_attribute a
     where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by a.attnum`.execute(tx);
  return r.rows.map((c) => c.name);
}

async function keyOf(tx: Tx, table: string): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select a.attname as name from pg_index i
      join lateral unnest(i.indkey) with ordinality as k(attnum, n) on true
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
     where i.indrelid = ${table}::regclass and i.indisprimary
     order by k.n`.execute(tx);
  const key = r.rows.map((c) => c.name);
  if (key[0] !== DIVISION) throw new Error(`${table}: not a place-owned table (its primary key does not start with ${DIVISION})`);
  return key;
}

/**
 * Copies every row of `table` under `from` to `to`, all other columns (ids included) unchanged,
 * after locking them (FOR UPDATE) for the rest of the transaction; returns how many. Throws what the database throws (a key already taken under `to`).
 */
export async function copyRows(tx: Tx, table: string, from: string, to: string): Promise<number> {
  await keyOf(tx, table);
  const cols = await columnsOf(tx, table);
  // writers of these rows wait for the move, then find them gone, instead of changing a row already copied
  await sql`select 1 from ${sql.table(table)} where ${sql.ref(DIVISION)} = ${from} for update`.execute(tx);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  const values = sql.join(cols.map((c) => (c === DIVISION ? sql`${to}::text` : sql.ref(c))));
  const r = await sql`insert into ${sql.table(table)} (${list}) overriding system value
    select ${values} from ${sql.table(table)} where ${sql.ref(DIVISION)} = ${from}`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Deletes the rows of `table` under `from` that have a copy under `to` (same key otherwise), so a
 * row written under `from` after the copy stays rather than vanishing; returns how many.
 */
export async function releaseRows(tx: Tx, table: string, from: string, to: string): Promise<number> {
  const rest = (await keyOf(tx, table)).slice(1);
  const same = rest.length ? sql.join(rest.map((c) => sql`n.${sql.ref(c)} = o.${sql.ref(c)}`), sql` and `) : sql`true`;
  const r = await sql`delete from ${sql.table(table)} as o where o.${sql.ref(DIVISION)} = ${from}
    and exists (select 1 from ${sql.table(table)} as n where n.${sql.ref(DIVISION)} = ${to} and ${same})`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}
