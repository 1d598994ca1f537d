// The audit chain on this worker's test database: rows chain per division, concurrent appends stay
// gap-free, the application role may only append, and the trigger refuses changes even to the
// owner. Every statement that would change a row runs in a transaction that is rolled back.
// `pool` is an owner connection (it switches to the application role, and plays the owner).
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { connect, type DatabaseHandle } from '../../db/connection.ts';
import { ManualClock } from '../../platform/clock.ts';
import { canonicalJson, GENESIS_HASH, recordAudit, recordAuditAlone, rowHash, verifyAuditChains } from './service.ts';
import { ownerDbUrl } from '../../../../test/helpers/db.ts';

let t: TestApp;
let pool: DatabaseHandle;
const clock = new ManualClock(new Date());
const ctx = { requestId: 'audit-test', ip: '127.0.0.1' };
const actor = { accountId: 1, username: 'audit-tester', role: 'county' as const, divisionCode: '530102' };

// Divisions of our own (the code check is only six digits), so no other test writes to them.
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
});
afterAll(async () => {
  await pool.close();
  await t.close();
});

const chainOf = (division: string) => t.deps.db.selectFrom('audit_log').selectAll().where('division_code', '=', division).orderBy('seq').execute();

function expectIntactChain(rows: Awaited<ReturnType<typeof chainOf>>) {
  let prev = GENESIS_HASH;
  rows.forEach((r, i) => {
    expect(r.seq).toBe(i + 1);
    expect(r.prev_hash).toBe(prev);
    expect(rowHash({ ...r, outcome: r.outcome as 'ok', detail: r.detail as Record<string, unknown> | null })).toBe(r.hash);
    prev = r.hash;
  });
}

describe('recordAudit', () => {
  it('chains rows per division: seq 1, 2, 3 and each prev_hash the hash before it', async () => {
    const d = freshDivision();
    for (const action of ['a.one', 'a.two', 'a.three']) {
      await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action, divisionCode: d, targetType: 'thing', targetId: 7, detail: { n: action } });
      clock.advance(1_000);
    }
    const rows = await chainOf(d);
    expect(rows.map((r) => [r.seq, r.action])).toEqual([[1, 'a.one'], [2, 'a.two'], [3, 'a.three']]);
    expect(rows[0]).toMatchObject({ actor_id: 1, actor_username: 'audit-tester', actor_role: 'county', target_type: 'thing', target_id: '7', outcome: 'ok', request_id: 'audit-test', ip: '127.0.0.1' });
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
    expectIntactChain(rows);
    // another division starts its own chain
    const other = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'b.one', divisionCode: other });
    expect((await chainOf(other)).map((r) => [r.seq, r.prev_hash])).toEqual([[1, GENESIS_HASH]]);
  });

  it("files an entry without a division under the actor's, or 000000 without an actor", async () => {
    const before = await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'test.actor-division' });
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx: null }, { action: 'test.no-division' });
    const rows = await t.deps.db.selectFrom('audit_log').select(['action', 'division_code', 'actor_id', 'request_id']).where('id', '>', Number(before.id)).where('action', 'like', 'test.%').execute();
    expect(rows).toContainEqual({ action: 'test.actor-division', division_code: '530102', actor_id: 1, request_id: 'audit-test' });
    expect(rows).toContainEqual({ action: 'test.no-division', division_code: '000000', actor_id: null, request_id: null });
  });

  it('rolls back with its transaction, leaving no gap', async () => {
    const d = freshDivision();
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'kept.1', divisionCode: d });
    await expect(
      t.deps.db.transaction().execute(async (tx) => {
        await recordAudit(tx, clock, { actor, ctx }, { action: 'lost', divisionCode: d });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, { action: 'kept.2', divisionCode: d });
    const rows = await chainOf(d);
    expect(rows.map((r) => r.action)).toEqual(['kept.1', 'kept.2']);
    expectIntactChain(rows);
  });

  it('keeps the chain gap-free under concurrent appends from parallel transactions', async () => {
    const d = freshDivision();
    const n = 30;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        pool.db.transaction().execute(async (tx) => {
          await sql`select pg_sleep(${(i % 5) / 1000})`.execute(tx);
          await recordAudit(tx, clock, { actor, ctx }, { action: `parallel.${i}`, divisionCode: d, detail: { i } });
          await sql`select pg_sleep(0.005)`.execute(tx); // hold the transaction open a little
        }),
      ),
    );
    const rows = await chainOf(d);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.action)).size).toBe(n);
    expectIntactChain(rows);
  });

  it('hashes detail exactly as jsonb gives it back (key order, dates, nesting)', async () => {
    const d = freshDivision();
    const when = new Date('2020-02-07T09:30:00.123Z');
    await recordAuditAlone(t.deps.db, clock, { actor, ctx }, {
      action: 'detail.shapes',
      divisionCode: d,
      detail: { z: 1, a: { y: [1, 'two', null, { b: true, a: false }], x: '中文' }, when, skipped: undefined, big: 12345678901, f: 0.1 },
    });
    const rows = await chainOf(d);
    expect(rows[0]?.detail).toEqual({ z: 1, a: { y: [1, 'two', null, { b: true, a: false }], x: '中文' }, when: '2020-02-07T09:30:00.123Z', big: 12345678901, f: 0.1 });
    expectIntactChain(rows);
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

describe('append-only audit_log', () => {
  const anyRow = async () => {
    const r = await t.deps.db.selectFrom('audit_log').select(['division_code', 'seq']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    return r;
  };

  it('the application role may append but not UPDATE or DELETE', async () => {
    const row = await anyRow();
    const asApp = (statement: ReturnType<typeof sql>) =>
      pool.db.transaction().execute(async (tx) => {
        await sql`set local role yunqiao_app`.execute(tx);
        await statement.execute(tx);
      });
    await expect(asApp(sql`update audit_log set action = 'x' where division_code = ${row.division_code} and seq = ${row.seq}`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(asApp(sql`delete from audit_log where division_code = ${row.division_code} and seq = ${row.seq}`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(asApp(sql`truncate audit_log`)).rejects.toThrow(/permission denied for table audit_log/);
    // appending works as that role (then rolls back)
    const d = freshDivision();
    await expect(
      pool.db.transaction().execute(async (tx) => {
        await sql`set local role yunqiao_app`.execute(tx);
        await recordAudit(tx, clock, { actor, ctx }, { action: 'as.app', divisionCode: d });
        const r = await tx.selectFrom('audit_log').select('seq').where('division_code', '=', d).execute();
        expect(r).toEqual([{ seq: 1 }]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await chainOf(d)).toEqual([]);
  });

  it('the trigger refuses UPDATE and DELETE even to the owner', async () => {
    const row = await anyRow();
    const before = await chainOf(row.division_code);
    const asOwner = (statement: ReturnType<typeof sql>) => pool.db.transaction().execute(async (tx) => void (await statement.execute(tx)));
    await expect(asOwner(sql`update audit_log set action = 'x' where division_code = ${row.division_code} and seq = ${row.seq}`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`delete from audit_log where division_code = ${row.division_code} and seq = ${row.seq}`)).rejects.toThrow(/append-only/);
    const after = await chainOf(row.division_code);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});

describe('verifyAuditChains on the shared database', () => {
  it('finds no problem in the chains the platform and the tests wrote', async () => {
    const result = await verifyAuditChains(t.deps.db, 7); // small pages exercise the paging
    expect(result.problems).toEqual([]);
    expect(result.rows).toBeGreaterThan(10);
    expect(result.chains).toBeGreaterThan(3);
  });
});
