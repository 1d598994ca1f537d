// Every place-owned table (schema public, division_code first in its primary key, not a reference
// table) is declared by exactly one module's recode hook (platform/module.ts RecodeHook): in
// `moves` (its rows follow a re-coded division) or in `stays` (with the reason). A module that
// adds such a table and forgets it fails here, before a re-coding leaves its rows behind
// (decision 0022).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../src/server/modules/index.ts';
import { ownerDbUrl } from '../helpers/db.ts';

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client(ownerDbUrl());
  await db.connect();
});
afterAll(() => db.end());

async function placeOwnedTables(): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `select c.relname as name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_index i on i.indrelid = c.oid and i.indisprimary
       join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attname = 'division_code'
      order by c.relname`,
  );
  return r.rows.map((x) => x.name);
}

describe('recode hooks cover every place-owned table', () => {
  const declared = MODULES.flatMap((m) => [
    ...(m.recode?.moves ?? []).map((table) => ({ module: m.name, table, how: 'moves' })),
    ...Object.keys(m.recode?.stays ?? {}).map((table) => ({ module: m.name, table, how: 'stays' })),
  ]);

  it('each place-owned table is declared once, and each declared table is place-owned', async () => {
    const tables = await placeOwnedTables();
    expect(tables).toEqual(expect.arrayContaining(['agencies', 'agency_staff', 'employers', 'audit_entries', 'outbox', 'access_grants']));
    const names = declared.map((d) => d.table);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(tables.filter((t) => !names.includes(t))).toEqual([]);
    expect(names.filter((n) => !tables.includes(n))).toEqual([]);
  });

  it('the registry moves agencies before their rosters; staying tables give a reason', () => {
    const registry = MODULES.find((m) => m.name === 'registry')?.recode?.moves ?? [];
    expect(registry.indexOf('agencies')).toBeLessThan(registry.indexOf('agency_staff'));
    for (const m of MODULES) for (const [table, why] of Object.entries(m.recode?.stays ?? {})) expect(why.length, `${m.name}.${table}`).toBeGreaterThan(10);
  });
});
