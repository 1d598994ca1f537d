// The scale-out rules (ARCHITECTURE.md, "Scale-out path"), read from the live catalogue after
// every migration: a place-owned table (schema public, has division_code, not a reference table)
// keeps division_code NOT NULL and first in the primary key and in every unique constraint and
// unique index; its foreign keys to other place-owned tables carry division_code; its id is a
// bigint identity and nothing draws from a serial sequence. Province-wide keyed tables carry no
// division_code. A self-check builds deliberately bad tables in a scratch schema and proves the
// checker flags each one.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerDbUrl } from '../helpers/db.ts';

const REFERENCE_TABLES = ['divisions', 'industries', 'occupations', 'education_levels'];
const PROVINCE_WIDE_TABLES = ['accounts', 'memberships', 'sessions'];

type Rule = { schema: string; reference: string[]; provinceWide: string[] };

/** Every broken rule as one line, `table: what is wrong`; empty when the schema is sound. */
async function keyViolations(db: pg.Client, rule: Rule): Promise<string[]> {
  const out: string[] = [];
  const q = async <R,>(text: string, values: unknown[]) => (await db.query(text, values)).rows as R[];

  const tables = await q<{ oid: number; name: string; dc_attnum: number; dc_notnull: boolean }>(
    `select c.oid::int as oid, c.relname as name, a.attnum::int as dc_attnum, a.attnotnull as dc_notnull
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'division_code' and not a.attisdropped
      where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition
        and c.relname <> all($2::text[])
      order by c.relname`,
    [rule.schema, rule.reference],
  );
  const placeOwned = new Map(tables.map((t) => [t.oid, t]));

  for (const t of tables) {
    if (!t.dc_notnull) out.push(`${t.name}: division_code is nullable`);

    const pk = await q<{ cols: number[] }>(`select conkey::int[] as cols from pg_constraint where conrelid = $1 and contype = 'p'`, [t.oid]);
    if (!pk[0]) out.push(`${t.name}: no primary key`);
    else if (pk[0].cols[0] !== t.dc_attnum) out.push(`${t.name}: primary key does not start with division_code`);

    const uniques = await q<{ name: string; cols: number[] }>(
      `select conname as name, conkey::int[] as cols from pg_constraint where conrelid = $1 and contype = 'u'`,
      [t.oid],
    );
    for (const u of uniques) if (u.cols[0] !== t.dc_attnum) out.push(`${t.name}: unique constraint ${u.name} does not start with division_code`);

    // indkey[0] = 0 means the first key is an expression: not the column either
    const indexes = await q<{ name: string; first: number }>(
      `select ic.relname as name, i.indkey[0]::int as first
         from pg_index i join pg_class ic on ic.oid = i.indexrelid
        where i.indrelid = $1 and i.indisunique`,
      [t.oid],
    );
    for (const i of indexes) if (i.first !== t.dc_attnum) out.push(`${t.name}: unique index ${i.name} does not start with division_code`);

    const fks = await q<{ name: string; target: number; cols: number[]; refcols: number[] }>(
      `select conname as name, confrelid::int as target, conkey::int[] as cols, confkey::int[] as refcols
         from pg_constraint where conrelid = $1 and contype = 'f'`,
      [t.oid],
    );
    for (const fk of fks) {
      const target = placeOwned.get(fk.target);
      if (!target) continue; // to a reference table: fine
      const at = fk.cols.indexOf(t.dc_attnum);
      if (at < 0 || fk.refcols[at] !== target.dc_attnum) {
        out.push(`${t.name}: foreign key ${fk.name} to ${target.name} does not pair division_code with division_code`);
      }
    }

    const columns = await q<{ name: string; type: string; identity: string; def: string | null }>(
      `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attidentity as identity,
              pg_get_expr(d.adbin, d.adrelid) as def
         from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped`,
      [t.oid],
    );
    for (const c of columns) {
      if (c.name === 'id' && c.type !== 'bigint') out.push(`${t.name}: id is ${c.type}, not bigint`);
      if (c.name === 'id' && c.identity === '') out.push(`${t.name}: id is not an identity column`);
      if (c.def && /nextval\(/i.test(c.def)) out.push(`${t.name}: column ${c.name} draws from a sequence (serial), not identity`);
    }
    // a sequence tied to the table other than by identity (deptype 'i'): serial or OWNED BY
    const owned = await q<{ seq: string }>(
      `select s.relname as seq from pg_depend d join pg_class s on s.oid = d.objid and s.relkind = 'S'
        where d.refobjid = $1 and d.refclassid = 'pg_class'::regclass and d.deptype <> 'i'`,
      [t.oid],
    );
    for (const s of owned) out.push(`${t.name}: owns sequence ${s.seq} that is not an identity`);
  }

  const wide = await q<{ name: string }>(
    `select c.relname as name from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'division_code' and not a.attisdropped
      where n.nspname = $1 and c.relname = any($2::text[])`,
    [rule.schema, rule.provinceWide],
  );
  for (const w of wide) out.push(`${w.name}: province-wide table has a division_code column`);
  return out;
}

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client(ownerDbUrl()); // the self-check creates a scratch schema: owner rights
  await db.connect();
});
afterAll(() => db.end());

describe('sharding-ready keys (catalogue)', () => {
  it('finds the place-owned tables the rules are about', async () => {
    const rows = await db.query(
      `select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'division_code' order by table_name`,
    );
    const names = rows.rows.map((r: { table_name: string }) => r.table_name);
    for (const t of ['agencies', 'employers', 'agency_staff', 'audit_entries', 'audit_personal', 'audit_pending', 'audit_chain', 'outbox']) expect(names).toContain(t);
  });

  it('every place-owned table in public keeps the rules', async () => {
    const violations = await keyViolations(db, { schema: 'public', reference: REFERENCE_TABLES, provinceWide: PROVINCE_WIDE_TABLES });
    expect(violations).toEqual([]);
  });

  it('province-wide keyed tables exist and carry no division_code', async () => {
    const rows = await db.query(
      `select table_name, bool_or(column_name = 'division_code') as has_dc from information_schema.columns
        where table_schema = 'public' and table_name = any($1::text[]) group by table_name order by table_name`,
      [PROVINCE_WIDE_TABLES],
    );
    expect(rows.rows).toEqual(PROVINCE_WIDE_TABLES.map((t) => ({ table_name: t, has_dc: false })));
  });

  it('self-check: flags each deliberately broken table in a scratch schema, and passes a good one', async () => {
    const schema = `keys_selfcheck_${process.pid}_${Date.now()}`;
    await db.query(`create schema ${schema}`);
    try {
      await db.query(`
        create table ${schema}.nullable_dc (division_code text, id bigint generated always as identity primary key);
        create table ${schema}.parent (division_code text not null, id bigint generated always as identity,
          code text not null, name text not null,
          primary key (division_code, id), unique (code), unique (id));
        create unique index parent_lower_name on ${schema}.parent (lower(name));
        create unique index parent_code_first on ${schema}.parent (code, division_code);
        create table ${schema}.serial_ids (division_code text not null, id serial, primary key (division_code, id));
        create table ${schema}.int_identity (division_code text not null, id integer generated always as identity,
          primary key (division_code, id));
        create table ${schema}.loose_fk (division_code text not null, id bigint generated always as identity,
          parent_id bigint references ${schema}.parent (id), primary key (division_code, id));
        create table ${schema}.crossed_fk (division_code text not null, id bigint generated always as identity,
          parent_division text not null, parent_id bigint, primary key (division_code, id),
          foreign key (parent_division, parent_id) references ${schema}.parent (division_code, id));
        create table ${schema}.good (division_code text not null, id bigint generated always as identity,
          parent_id bigint, code text not null, primary key (division_code, id), unique (division_code, code),
          foreign key (division_code, parent_id) references ${schema}.parent (division_code, id));
        create unique index good_code_lower on ${schema}.good (division_code, lower(code));
        create table ${schema}.accounts (id bigint generated always as identity primary key, division_code text);
        create table ${schema}.divisions (code text primary key, division_code text);
      `);
      const v = await keyViolations(db, { schema, reference: ['divisions'], provinceWide: ['accounts', 'sessions'] });
      const expected = [
        'nullable_dc: division_code is nullable',
        'nullable_dc: primary key does not start with division_code',
        'parent: unique constraint parent_code_key does not start with division_code',
        'parent: unique constraint parent_id_key does not start with division_code',
        'parent: unique index parent_lower_name does not start with division_code',
        'parent: unique index parent_code_first does not start with division_code',
        'serial_ids: id is integer, not bigint',
        'serial_ids: id is not an identity column',
        'serial_ids: column id draws from a sequence (serial), not identity',
        'int_identity: id is integer, not bigint',
        'loose_fk: foreign key loose_fk_parent_id_fkey to parent does not pair division_code with division_code',
        'crossed_fk: foreign key crossed_fk_parent_division_parent_id_fkey to parent does not pair division_code with division_code',
        'accounts: province-wide table has a division_code column',
      ];
      for (const e of expected) expect(v).toContain(e);
      expect(v.some((x) => x.startsWith('serial_ids: owns sequence'))).toBe(true);
      // the good table and the reference table raise nothing
      expect(v.filter((x) => x.startsWith('good:') || x.startsWith('divisions:'))).toEqual([]);
    } finally {
      await db.query(`drop schema ${schema} cascade`);
    }
  });
});
