// The audit trail on the shared test database: writers only insert (and do not wait on each other
// in one division), the appender chains per division exactly once and gap-free even when several
// run at once, personal fields can be erased without breaking anything, the application role may
// only append (and erase personal rows), and the triggers refuse changes even to the owner. Every
// statement that would change a row runs in a transaction that is rolled back. Divisions of the
// tests' own (9xxxxx) keep other test files out of the chains checked here.
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { connect, type DatabaseHandle } from '../../db/connection.ts';
import { ManualClock } from '../../platform/clock.ts';
import {
  appendAuditChains,
  auditHashAlgorithm,
  canonicalJson,
  chainHash,
  configureAudit,
  eraseAuditPersonal,
  GENESIS_HASH,
  personalDigest,
  recordAudit,
  recordAuditAlone,
  startAuditAppender,
  verifyAuditChains,
} from './service.ts';
import { ownerDbUrl } from '../../../../test/helpers/db.ts';

let t: TestApp;
let pool: DatabaseHandle;
let appPool: DatabaseHandle;
const clock = new ManualClock(new Date());
const ctx = { requestId: 'audit-test', ip: '127.0.0.1' };
const actor = { accountId: 1, username: 'audit-tester', role: 'county' as const, divisionCode: '530102' };

const usedDivisions = new Set<string>();
function freshDivision(): string {
  for (;;) {
    const d = `9${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    if (!usedDivisions.has(d)) {
      usedDivisions.add(d);
      return d;
    }
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  pool = connect(ownerDbUrl(), { max: 12 });
  // the same database as the application role sees it (production connects as yunqiao_app)
  appPool = connect(ownerDbUrl(), { max: 3 });
  appPool.pool.on('connect', (c) => void c.query('set role yunqiao_app'));
});
afterAll(async () => {
  await appPool.close();
  await pool.close();
  await t.close();
});

const deps = () => ({ db: t.deps.db, clock });
const append = (...divisions: string[]) => appendAuditChains(deps(), { divisions });
const entriesOf = (division: string) => t.deps.db.selectFrom('audit_entries').selectAll().where('division_code', '=', division).orderBy('id').execute();
const pendingOf = (division: string) => t.deps.db.selectFrom('audit_pending').selectAll().where('division_code', '=', division).orderBy('entry_id').execute();
const chainOf = (division: string) => t.deps.db.selectFrom('audit_chain').selectAll().where('division_code', '=', division).orderBy('seq').execute();
const logOf = (division: string) => t.deps.db.selectFrom('audit_log').selectAll().where('division_code', '=', division).orderBy('id').execute();

/** Links run 1, 2, 3 …, each prev_hash the hash before, each hash recomputed from its entry. */
async function expectIntactChain(division: string) {
  const links = await chainOf(division);
  const entries = new Map((await entriesOf(division)).map((e) => [e.id, e]));
  let prev = GENESIS_HASH;
  links.forEach((l, i) => {
    expect(l.seq).toBe(i + 1);
    expect(l.prev_hash).toBe(prev);
    const e = entries.get(l.entry_id);
    expect(e).toBeDefined();
    if (!e) return;
    const entry = { id: e.id, at: e.at, actor_id: e.actor_id, actor_role: e.actor_role, action: e.action, target_type: e.target_type, target_id: e.target_id, outcome: e.outcome as 'ok', request_id: e.request_id, alg: e.alg as 'sha256', personal_digest: e.personal_digest };
    expect(chainHash({ division_code: l.division_code, seq: l.seq, entry_id: l.entry_id, linked_at: l.linked_at, chain_alg: l.alg as 'sha256', prev_hash: l.prev_hash, entry })).toBe(l.hash);
    prev = l.hash;
  });
  return links;
}

describe('recordAudit', () => {
  it('only inserts: the entry is readable at once, the appender chains it per division (seq 1, 2, 3)', async () => {
    const d = freshDivision();
    for (const action of ['a.one', 'a.two', 'a.three']) {
      await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action, divisionCode: d, targetType: 'thing', targetId: 7, detail: { n: action } });
      clock.advance(1_000);
    }
    const entries = await entriesOf(d);
    expect(entries.map((e) => e.action)).toEqual(['a.one', 'a.two', 'a.three']);
    expect(entries[0]).toMatchObject({ actor_id: 1, actor_role: 'county', target_type: 'thing', target_id: '7', outcome: 'ok', request_id: 'audit-test', alg: 'sha256' });
    expect((await pendingOf(d)).map((p) => p.entry_id)).toEqual(entries.map((e) => e.id));
    expect(await chainOf(d)).toEqual([]);
    const before = await logOf(d);
    expect(before.map((r) => [r.action, r.chained, r.seq, r.actor_username, r.ip])).toEqual([
      ['a.one', false, null, 'audit-tester', '127.0.0.1'],
      ['a.two', false, null, 'audit-tester', '127.0.0.1'],
      ['a.three', false, null, 'audit-tester', '127.0.0.1'],
    ]);

    expect(await append(d)).toEqual({ linked: 3 });
    expect(await pendingOf(d)).toEqual([]);
    const links = await expectIntactChain(d);
    expect(links.map((l) => [l.seq, l.entry_id])).toEqual(entries.map((e, i) => [i + 1, e.id]));
    expect(links[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(await append(d)).toEqual({ linked: 0 }); // exactly once
    // later entries continue the chain; another division starts its own
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'a.four', divisionCode: d });
    const other = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'b.one', divisionCode: other });
    expect(await append(d, other)).toEqual({ linked: 2 });
    expect((await expectIntactChain(d)).map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect((await chainOf(other)).map((l) => [l.seq, l.prev_hash])).toEqual([[1, GENESIS_HASH]]);
  });

  it('keeps personal fields apart, salted and digested; a person as target is personal, a thing is not', async () => {
    const d = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx }, { action: 'auth.login', divisionCode: d, outcome: 'failed', targetType: 'login', targetId: '王小明', detail: { failures: 2 } });
    await recordAuditAlone(t.deps.db, clock, { actor, ctx: null }, { action: 'registry.agency.update', divisionCode: d, targetType: 'agency', targetId: 42 });
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx: null }, { action: 'sys.tick', divisionCode: d });
    const [login, agency, tick] = await entriesOf(d);
    expect(login).toMatchObject({ target_type: 'login', target_id: null });
    expect(agency).toMatchObject({ target_type: 'agency', target_id: '42' });
    expect(tick?.personal_digest).toBeNull(); // nothing personal: no personal row at all
    const personal = await t.deps.db.selectFrom('audit_personal').selectAll().where('division_code', '=', d).orderBy('entry_id').execute();
    expect(personal.map((p) => [p.entry_id, p.actor_username, p.ip, p.target_id, p.detail])).toEqual([
      [login?.id, null, '127.0.0.1', '王小明', { failures: 2 }],
      [agency?.id, 'audit-tester', null, null, null],
    ]);
    expect(personal[0]?.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(personal[0]?.salt).not.toBe(personal[1]?.salt);
    for (const [e, p] of [[login, personal[0]], [agency, personal[1]]] as const) {
      expect(personalDigest('sha256', p?.salt as string, { actor_username: p?.actor_username ?? null, ip: p?.ip ?? null, target_id: p?.target_id ?? null, detail: (p?.detail ?? null) as Record<string, unknown> | null })).toBe(e?.personal_digest);
    }
    // the view puts them back together
    expect((await logOf(d)).map((r) => [r.target_id, r.personal_erased])).toEqual([['王小明', false], ['42', false], [null, false]]);
  });

  it("files an entry without a division under the actor's, or 000000 without an actor", async () => {
    const action = `test.division.${randomInt(1e9)}`;
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: `${action}.actor` });
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx: null }, { action: `${action}.none` });
    const rows = await t.deps.db.selectFrom('audit_entries').select(['action', 'division_code', 'actor_id', 'request_id']).where('action', 'like', `${action}.%`).orderBy('id').execute();
    expect(rows).toEqual([
      { action: `${action}.actor`, division_code: '530102', actor_id: 1, request_id: 'audit-test' },
      { action: `${action}.none`, division_code: '000000', actor_id: null, request_id: null },
    ]);
  });

  it('rolls back with its transaction: no entry, no personal row, nothing pending, no gap', async () => {
    const d = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'kept.1', divisionCode: d });
    await expect(
      t.deps.db.transaction().execute(async (tx) => {
        await recordAudit(tx, clock, { actor, ctx }, { action: 'lost', divisionCode: d, detail: { x: 1 } });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'kept.2', divisionCode: d });
    expect((await entriesOf(d)).map((e) => e.action)).toEqual(['kept.1', 'kept.2']);
    expect(await t.deps.db.selectFrom('audit_personal').select('entry_id').where('division_code', '=', d).execute()).toHaveLength(2);
    expect(await append(d)).toEqual({ linked: 2 });
    expect((await expectIntactChain(d)).map((l) => l.seq)).toEqual([1, 2]);
  });

  it('does not make writers in one division wait for each other', async () => {
    const d = freshDivision();
    const n = 10;
    const holdMs = 300;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        pool.db.transaction().execute(async (tx) => {
          await recordAudit(tx, clock, { actor, ctx }, { action: `parallel.${i}`, divisionCode: d, detail: { i } });
          await sql`select pg_sleep(${holdMs / 1000})`.execute(tx); // the rest of the command, after its audit entry
        }),
      ),
    );
    const ms = performance.now() - t0;
    // serialised on a per-division lock these would take n × holdMs = 3 s
    expect(ms).toBeLessThan(n * holdMs * 0.5);
    expect(await entriesOf(d)).toHaveLength(n);
    expect(await append(d)).toEqual({ linked: n });
    await expectIntactChain(d);
  });

  it('hashes detail exactly as jsonb gives it back (key order, dates, nesting)', async () => {
    const d = freshDivision();
    const when = new Date('2020-02-07T09:30:00.123Z');
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, {
      action: 'detail.shapes',
      divisionCode: d,
      detail: { z: 1, a: { y: [1, 'two', null, { b: true, a: false }], x: '中文' }, when, skipped: undefined, big: 12345678901, f: 0.1 },
    });
    await append(d);
    const [row] = await logOf(d);
    expect(row?.detail).toEqual({ z: 1, a: { y: [1, 'two', null, { b: true, a: false }], x: '中文' }, when: '2020-02-07T09:30:00.123Z', big: 12345678901, f: 0.1 });
    const p = await t.deps.db.selectFrom('audit_personal').selectAll().where('division_code', '=', d).executeTakeFirstOrThrow();
    expect(personalDigest('sha256', p.salt, { actor_username: p.actor_username, ip: p.ip, target_id: p.target_id, detail: p.detail as Record<string, unknown> })).toBe(row?.personal_digest);
    await expectIntactChain(d);
  });

  it('uses SM3 when configured; each row keeps and is checked with its own algorithm', async () => {
    const d = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'alg.sha256', divisionCode: d });
    await append(d);
    configureAudit({ hash: 'sm3' });
    try {
      expect(auditHashAlgorithm()).toBe('sm3');
      await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'alg.sm3', divisionCode: d, detail: { 国密: true } });
    } finally {
      configureAudit({ hash: 'sha256' });
    }
    await appendAuditChains(deps(), { divisions: [d], alg: 'sm3' });
    const entries = await entriesOf(d);
    const links = await expectIntactChain(d);
    expect(entries.map((e) => e.alg)).toEqual(['sha256', 'sm3']);
    expect(links.map((l) => l.alg)).toEqual(['sha256', 'sm3']);
    const p = await t.deps.db.selectFrom('audit_personal').selectAll().where('entry_id', '=', entries[1]?.id as number).where('division_code', '=', d).executeTakeFirstOrThrow();
    const fields = { actor_username: p.actor_username, ip: p.ip, target_id: p.target_id, detail: p.detail as Record<string, unknown> };
    expect(personalDigest('sm3', p.salt, fields)).toBe(entries[1]?.personal_digest);
    expect(personalDigest('sha256', p.salt, fields)).not.toBe(entries[1]?.personal_digest);
  });
});

describe('the appender', () => {
  it('links every entry exactly once and gap-free while several appenders run at once', async () => {
    const divisions = [freshDivision(), freshDivision(), freshDivision()];
    const n = 60;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        recordAuditAlone(pool.db, clock, { actor, ctx }, { action: `many.${i}`, divisionCode: divisions[i % 3] as string, detail: { i } }),
      ),
    );
    const results = await Promise.all(Array.from({ length: 4 }, () => appendAuditChains({ db: pool.db, clock }, { divisions, batchSize: 7 })));
    const linked = results.reduce((a, r) => a + r.linked, 0);
    // an appender that found a division taken skips it; whatever is left goes in a later pass
    const rest = await appendAuditChains({ db: pool.db, clock }, { divisions });
    expect(linked + rest.linked).toBe(n);
    for (const d of divisions) {
      const links = await expectIntactChain(d);
      expect(links).toHaveLength(n / 3);
      expect(new Set(links.map((l) => l.entry_id)).size).toBe(n / 3);
      expect(await pendingOf(d)).toEqual([]);
    }
  });

  it('runs as a loop until stopped, chaining entries shortly after they commit', async () => {
    const d = freshDivision();
    const appender = startAuditAppender({ db: t.deps.db, clock }, { intervalMs: 20 });
    try {
      await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'loop.1', divisionCode: d });
      await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'loop.2', divisionCode: d });
      await expect.poll(async () => (await chainOf(d)).length, { timeout: 5_000, interval: 20 }).toBe(2);
    } finally {
      await appender.stop();
    }
    await expectIntactChain(d);
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'after-stop', divisionCode: d });
    await new Promise((r) => setTimeout(r, 100));
    expect(await pendingOf(d)).toHaveLength(1); // stopped means stopped
    await append(d);
  });

  it('works as the application role (it takes pending rows, appends links)', async () => {
    const d = freshDivision();
    await recordAuditAlone(appPool.db, clock, { actor, ctx }, { action: 'as.app', divisionCode: d });
    expect(await appendAuditChains({ db: appPool.db, clock }, { divisions: [d] })).toEqual({ linked: 1 });
    await expectIntactChain(d);
  });
});

describe('erasure (PIPL art. 47)', () => {
  it('removes the personal fields by actor, by target or by action and age; the trail still verifies', async () => {
    const d = freshDivision();
    const someone = { ...actor, accountId: 900_000_000 + randomInt(1e8), username: '张三' };
    const visitorAction = `visitor.${randomInt(1e9)}`;
    await recordAuditAlone(t.deps.db, clock, { actor: someone, ctx: { requestId: 'r1', ip: '10.1.1.1' } }, { action: 'registry.agency.update', divisionCode: d, targetType: 'agency', targetId: 5, detail: { phone: '13800001111' } });
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'registry.staff.update', divisionCode: d, targetType: 'agency_staff', targetId: 77, detail: { name: '李四' } });
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx: { requestId: 'r3', ip: '10.3.3.3' } }, { action: `${visitorAction}.register`, divisionCode: d, targetType: 'visitor', targetId: '王五', detail: { phone: '13900002222' } });
    clock.advance(29 * 24 * 3_600_000);
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx: { requestId: 'r4', ip: '10.4.4.4' } }, { action: `${visitorAction}.register`, divisionCode: d, targetType: 'visitor', targetId: '赵六' });
    await append(d);

    // the application role may erase (and only erase) personal rows
    expect(await eraseAuditPersonal(appPool.db, { actorId: someone.accountId })).toEqual({ erased: 1 });
    expect(await eraseAuditPersonal(t.deps.db, { targetType: 'agency_staff', targetId: 77, divisionCode: d })).toEqual({ erased: 1 });
    const cutoff = new Date(clock.now().getTime() - 28 * 24 * 3_600_000);
    expect(await eraseAuditPersonal(t.deps.db, { actionPrefix: visitorAction, before: cutoff, divisionCode: d }, { clock, who: { actor, ctx } })).toEqual({ erased: 1 });

    const rows = await logOf(d);
    expect(rows.map((r) => [r.action, r.actor_username, r.ip, r.target_id, r.detail, r.personal_erased, r.chained])).toEqual([
      ['registry.agency.update', null, null, '5', null, true, true],
      ['registry.staff.update', null, null, null, null, true, true],
      [`${visitorAction}.register`, null, null, null, null, true, true],
      [`${visitorAction}.register`, null, '10.4.4.4', '赵六', null, false, true],
      ['audit.personal.erase', 'audit-tester', '127.0.0.1', null, { kind: 'action', erased: 1, filter: { actionPrefix: visitorAction, before: cutoff.toISOString(), divisionCode: d } }, false, false],
    ]);
    // nothing of the erased values is left anywhere in the trail
    const dump = JSON.stringify(await sql`select e.*, c.* from audit_entries e left join audit_chain c on c.division_code = e.division_code and c.entry_id = e.id where e.division_code = ${d}`.execute(t.deps.db));
    for (const gone of ['张三', '10.1.1.1', '13800001111', '李四', '王五', '13900002222', '10.3.3.3']) expect(dump).not.toContain(gone);
    await append(d);
    await expectIntactChain(d);

    const result = await verifyAuditChains(t.deps.db, 1000, { staleAfterMs: Number.POSITIVE_INFINITY });
    expect(result.problems.filter((p) => p.divisionCode === d)).toEqual([]);
    expect(result.erased).toBeGreaterThanOrEqual(3);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('文')).toBe('"文"');
  });
});

describe('append-only audit tables', () => {
  let d: string;
  let entryId: number;
  beforeAll(async () => {
    d = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'guarded', divisionCode: d, detail: { x: 1 } });
    entryId = (await entriesOf(d))[0]?.id as number;
    await appendAuditChains(deps(), { divisions: [d] });
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'guarded.pending', divisionCode: d }); // stays pending
  });
  const inTx = (role: 'owner' | 'app', statement: ReturnType<typeof sql>) =>
    pool.db.transaction().execute(async (tx) => {
      if (role === 'app') await sql`set local role yunqiao_app`.execute(tx);
      await statement.execute(tx);
      throw new Error('rolled back');
    });

  it('the application role may append but not change or remove entries and links', async () => {
    for (const table of ['audit_entries', 'audit_chain']) {
      const key = table === 'audit_entries' ? sql`id = ${entryId}` : sql`entry_id = ${entryId}`;
      await expect(inTx('app', sql`update ${sql.table(table)} set division_code = division_code where division_code = ${d} and ${key}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      await expect(inTx('app', sql`delete from ${sql.table(table)} where division_code = ${d} and ${key}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      await expect(inTx('app', sql`truncate ${sql.table(table)}`)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
    }
    await expect(inTx('app', sql`update audit_personal set ip = 'x' where division_code = ${d}`)).rejects.toThrow(/permission denied for table audit_personal/);
    await expect(inTx('app', sql`truncate audit_personal`)).rejects.toThrow(/permission denied for table audit_personal/);
    await expect(inTx('app', sql`update audit_pending set entry_id = entry_id where division_code = ${d}`)).rejects.toThrow(/append-only/);
    await expect(inTx('app', sql`truncate audit_pending`)).rejects.toThrow(/permission denied for table audit_pending/);
    // the grants, as the catalogue has them (UPDATE on audit_pending only for FOR UPDATE SKIP LOCKED; its trigger refuses real updates)
    const privileges = await sql<{ t: string; p: string }>`
      select t, string_agg(p, ',' order by p) as p
        from unnest(array['audit_entries', 'audit_personal', 'audit_pending', 'audit_chain', 'audit_log']) t,
             unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
       where has_table_privilege('yunqiao_app', t, p) group by t order by t`.execute(t.deps.db);
    expect(Object.fromEntries(privileges.rows.map((r) => [r.t, r.p]))).toEqual({
      audit_chain: 'INSERT,SELECT',
      audit_entries: 'INSERT,SELECT',
      audit_log: 'SELECT',
      audit_pending: 'DELETE,INSERT,SELECT,UPDATE',
      audit_personal: 'DELETE,INSERT,SELECT',
    });
    // what it may do: append, erase a personal row, take a pending row
    await expect(inTx('app', sql`delete from audit_personal where division_code = ${d}`)).rejects.toThrow('rolled back');
    await expect(inTx('app', sql`delete from audit_pending where division_code = ${d}`)).rejects.toThrow('rolled back');
    await expect(
      pool.db.transaction().execute(async (tx) => {
        await sql`set local role yunqiao_app`.execute(tx);
        await recordAudit(tx, clock, { actor, ctx }, { action: 'as.app', divisionCode: d });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await entriesOf(d)).toHaveLength(2);
  });

  it('the triggers refuse changes even to the owner', async () => {
    for (const statement of [
      sql`update audit_entries set action = 'x' where division_code = ${d}`,
      sql`delete from audit_entries where division_code = ${d}`,
      sql`truncate audit_entries cascade`,
      sql`update audit_chain set hash = 'x' where division_code = ${d}`,
      sql`delete from audit_chain where division_code = ${d}`,
      sql`truncate audit_chain`,
      sql`update audit_personal set ip = 'x' where division_code = ${d}`,
      sql`truncate audit_personal`,
      sql`update audit_pending set entry_id = entry_id where division_code = ${d}`,
      sql`truncate audit_pending`,
    ]) {
      await expect(inTx('owner', statement)).rejects.toThrow(/append-only/);
    }
    await expectIntactChain(d);
  });
});

describe('verifyAuditChains on the shared database', () => {
  it('finds no problem in the chains the platform and the tests wrote', async () => {
    await appendAuditChains({ db: t.deps.db, clock });
    // other test files keep writing with clocks of their own: no age check here, only the links
    const result = await verifyAuditChains(t.deps.db, 7, { staleAfterMs: Number.POSITIVE_INFINITY }); // small pages exercise the paging
    expect(result.problems).toEqual([]);
    expect(result.rows).toBeGreaterThan(10);
    expect(result.chains).toBeGreaterThan(3);
  });
});
