// The application role's privileges, read from the catalogue as that role: the app under test runs
// as yunqiao_app (as in production), and every table it may need — the domain tables and each of
// pg-boss's, including queue tables pg-boss creates after the migration's grant — is open to it,
// except the audit trail (entries and chain append-only, personal rows erasable, never updated;
// decision 0009) and the migration bookkeeping.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOSS_SCHEMA } from '../../src/server/db/migrate.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Row = { name: string; sel: boolean; ins: boolean; upd: boolean; del: boolean; trunc: boolean };

const tables = async () =>
  (
    await sql<Row>`
      select n.nspname || '.' || c.relname as name,
             has_table_privilege(c.oid, 'SELECT') as sel, has_table_privilege(c.oid, 'INSERT') as ins,
             has_table_privilege(c.oid, 'UPDATE') as upd, has_table_privilege(c.oid, 'DELETE') as del,
             has_table_privilege(c.oid, 'TRUNCATE') as trunc
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', ${BOSS_SCHEMA}) and c.relkind in ('r', 'p')
       order by 1`.execute(t.deps.db)
  ).rows;

describe('the application role', () => {
  it('is what the app under test connects as', async () => {
    const r = await sql<{ user: string }>`select current_user as user`.execute(t.deps.db);
    expect(r.rows[0]?.user).toBe('yunqiao_app');
  });

  it('reads and writes every domain and pg-boss table; only appends to the audit trail; only reads the migration tables', async () => {
    const rows = await tables();
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['public.accounts', 'public.audit_entries', `${BOSS_SCHEMA}.job`, `${BOSS_SCHEMA}.archive`]));
    const audit: Record<string, Omit<Row, 'name'>> = {
      'public.audit_entries': { sel: true, ins: true, upd: false, del: false, trunc: false },
      'public.audit_chain': { sel: true, ins: true, upd: false, del: false, trunc: false },
      'public.audit_personal': { sel: true, ins: true, upd: false, del: true, trunc: false },
      // UPDATE only so that FOR UPDATE SKIP LOCKED may lock a pending row; a trigger refuses real updates
      'public.audit_pending': { sel: true, ins: true, upd: true, del: true, trunc: false },
    };
    const expected = (name: string) => {
      if (audit[name]) return audit[name];
      if (name.startsWith('public.kysely_migration')) return { sel: true, ins: false, upd: false, del: false, trunc: false };
      return { sel: true, ins: true, upd: true, del: true, trunc: false };
    };
    expect(rows).toEqual(rows.map((r) => ({ name: r.name, ...expected(r.name) })));
  });
});
