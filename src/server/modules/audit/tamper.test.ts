// Tampering with the audit trail shows. This file works in a scratch database of its own (created,
// migrated, dropped here): changing rows means switching the append-only triggers off as the owner,
// which must never happen to the database the other test files share.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerDbUrl } from '../../../../test/helpers/db.ts';
import { connect, type DatabaseHandle } from '../../db/connection.ts';
import { parseConfig } from '../../config.ts';
import { prepareDatabase } from '../../db/open.ts';
import { prepareHooks } from '../index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { appendAuditChains, chainHash, eraseAuditPersonal, recordAuditAlone, verifyAuditChains } from './service.ts';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '../../../..');
const dbName = `yq_audit_${randomBytes(6).toString('hex')}`;
let scratchUrl: string;
let handle: DatabaseHandle;
let dataDir: string;
let changedId = 0;
const clock = new ManualClock('2020-02-07T01:00:00Z');

async function asOwner(url: string, text: string): Promise<void> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** Runs statements with the audit tables' triggers off, as an attacker with the owner's password could. */
const TABLES = ['audit_entries', 'audit_personal', 'audit_pending', 'audit_chain'];
const tamper = (statement: string) =>
  asOwner(
    scratchUrl,
    `BEGIN; ${TABLES.map((x) => `ALTER TABLE ${x} DISABLE TRIGGER USER;`).join(' ')} ${statement}; ${TABLES.map((x) => `ALTER TABLE ${x} ENABLE TRIGGER USER;`).join(' ')} COMMIT;`,
  );

const linkOf = (division: string, seq: number) =>
  handle.db.selectFrom('audit_chain').selectAll().where('division_code', '=', division).where('seq', '=', seq).executeTakeFirstOrThrow();

async function cli(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: scratchUrl, YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_OWNER_URL;
  try {
    const r = await run(process.execPath, ['bin/yunqiao.mjs', 'audit', 'verify'], { cwd: REPO, env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  const owner = ownerDbUrl();
  await asOwner(owner, `CREATE DATABASE ${dbName}`);
  const u = new URL(owner);
  u.pathname = `/${dbName}`;
  scratchUrl = u.toString();
  await prepareDatabase(scratchUrl, parseConfig({ DATABASE_URL: scratchUrl, LOG_LEVEL: 'silent' }), prepareHooks());
  handle = connect(scratchUrl, { max: 3 });
  dataDir = mkdtempSync(join(tmpdir(), 'yq-audit-cli-'));
  const who = { actor: null, ctx: { requestId: 'tamper-test', ip: '10.0.0.1' } };
  for (const division of ['530102', '530103', '530302']) {
    for (let i = 1; i <= 4; i++) {
      await recordAuditAlone(handle.db, clock, who, { action: `test.${i}`, divisionCode: division, targetType: 'thing', targetId: i, detail: { i, when: clock.now() } });
      clock.advance(60_000);
    }
  }
  await appendAuditChains({ db: handle.db, clock });
});

afterAll(async () => {
  await handle?.close();
  await asOwner(ownerDbUrl(), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('audit chain verification', { timeout: 120_000 }, () => {
  it('finds nothing wrong in an untouched trail, and the CLI exits 0', async () => {
    const result = await verifyAuditChains(handle.db, 3);
    expect(result).toEqual({ rows: 12, chains: 3, entries: 12, pending: 0, erased: 0, problems: [] });
    const out = await cli();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/audit trail intact: 12 rows in 3 chains/);
  });

  it('still verifies after personal fields are erased, and counts them', async () => {
    const { erased } = await eraseAuditPersonal(handle.db, { targetType: 'thing', targetId: 4, divisionCode: '530302' });
    expect(erased).toBe(1);
    const result = await verifyAuditChains(handle.db);
    expect(result).toMatchObject({ rows: 12, erased: 1, problems: [] });
    const out = await cli();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/12 rows in 3 chains; personal fields erased from 1 entries/);
  });

  it('refuses changes while the triggers are on, even to the owner', async () => {
    await expect(asOwner(scratchUrl, `UPDATE audit_entries SET action = 'x' WHERE division_code = '530102'`)).rejects.toThrow(/append-only/);
    await expect(asOwner(scratchUrl, `DELETE FROM audit_chain WHERE division_code = '530102'`)).rejects.toThrow(/append-only/);
    await expect(asOwner(scratchUrl, 'TRUNCATE audit_chain')).rejects.toThrow(/append-only/);
    await expect(asOwner(scratchUrl, `UPDATE audit_personal SET ip = 'x' WHERE division_code = '530102'`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChains(handle.db)).rows).toBe(12);
  });

  it('names the row whose entry was changed', async () => {
    const link = await linkOf('530102', 3);
    await tamper(`UPDATE audit_entries SET outcome = 'denied' WHERE division_code = '530102' AND id = ${link.entry_id}`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toEqual([{ divisionCode: '530102', seq: 3, id: link.entry_id, problem: expect.stringMatching(/changed/) }]);
    changedId = link.entry_id;
  });

  it('names the row after a removed one', async () => {
    await tamper(`DELETE FROM audit_chain WHERE division_code = '530103' AND seq = 2`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530103', seq: 3, problem: 'row seq 2 is missing (found 3)' }));
    // its entry, no longer chained nor queued, is named too
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530103', seq: null, problem: 'entry is neither chained nor queued (its pending row was removed)' }));
    expect([...new Set(problems.map((p) => p.divisionCode))].sort()).toEqual(['530102', '530103']);
  });

  it('catches a changed entry whose link hash was recomputed, at the next row', async () => {
    const link = await linkOf('530302', 2);
    const entry = await handle.db.selectFrom('audit_entries').selectAll().where('division_code', '=', '530302').where('id', '=', link.entry_id).executeTakeFirstOrThrow();
    const forged = { ...entry, target_id: 'someone-else', outcome: entry.outcome as 'ok', alg: entry.alg as 'sha256' };
    const hash = chainHash({ division_code: link.division_code, seq: link.seq, entry_id: link.entry_id, linked_at: link.linked_at, chain_alg: link.alg as 'sha256', prev_hash: link.prev_hash, entry: forged });
    await tamper(`UPDATE audit_entries SET target_id = 'someone-else' WHERE division_code = '530302' AND id = ${link.entry_id}; UPDATE audit_chain SET hash = '${hash}' WHERE division_code = '530302' AND seq = 2`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530302', seq: 3, problem: 'prev_hash does not match the previous row' }));
  });

  it('names the entry whose personal fields were changed', async () => {
    for (let i = 1; i <= 2; i++) await recordAuditAlone(handle.db, clock, { actor: null, ctx: { requestId: 'p', ip: '10.0.0.2' } }, { action: `test.personal.${i}`, divisionCode: '530111', targetType: 'login', targetId: `someone-${i}` });
    await appendAuditChains({ db: handle.db, clock }, { divisions: ['530111'] });
    const link = await linkOf('530111', 2);
    await tamper(`UPDATE audit_personal SET target_id = 'someone-else' WHERE division_code = '530111' AND entry_id = ${link.entry_id}`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual({ divisionCode: '530111', seq: 2, id: link.entry_id, problem: "personal fields do not match the entry's digest (changed)" });
  });

  it('names an entry whose pending row was removed before it was chained, and one left unchained too long', async () => {
    await recordAuditAlone(handle.db, clock, { actor: null, ctx: null }, { action: 'test.dropped', divisionCode: '530112' });
    const dropped = await handle.db.selectFrom('audit_entries').select('id').where('division_code', '=', '530112').executeTakeFirstOrThrow();
    // the application role could do this (it may DELETE pending rows): it shows at once
    await asOwner(scratchUrl, `DELETE FROM audit_pending WHERE division_code = '530112'`);
    await recordAuditAlone(handle.db, clock, { actor: null, ctx: null }, { action: 'test.waiting', divisionCode: '530113' });
    const waiting = await handle.db.selectFrom('audit_entries').select('id').where('division_code', '=', '530113').executeTakeFirstOrThrow();
    const soon = await verifyAuditChains(handle.db, 5_000, { now: new Date(clock.now().getTime() + 60_000) });
    expect(soon.problems).toContainEqual({ divisionCode: '530112', seq: null, id: dropped.id, problem: 'entry is neither chained nor queued (its pending row was removed)' });
    expect(soon.problems.map((p) => p.divisionCode)).not.toContain('530113'); // a minute in the queue is normal
    expect(soon.pending).toBe(1);
    const late = await verifyAuditChains(handle.db, 5_000, { now: new Date(clock.now().getTime() + 10 * 60_000) });
    expect(late.problems).toContainEqual({ divisionCode: '530113', seq: null, id: waiting.id, problem: expect.stringMatching(/still unchained 600 s after it was written/) });
    await appendAuditChains({ db: handle.db, clock }, { divisions: ['530113'] });
  });

  it('catches a missing first row; the CLI exits 1 naming the first bad row of each chain', async () => {
    await recordAuditAlone(handle.db, clock, { actor: null, ctx: null }, { action: 'test.head', divisionCode: '530402' });
    await recordAuditAlone(handle.db, clock, { actor: null, ctx: null }, { action: 'test.tail', divisionCode: '530402' });
    await appendAuditChains({ db: handle.db, clock }, { divisions: ['530402'] });
    await tamper(`DELETE FROM audit_chain WHERE division_code = '530402' AND seq = 1`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530402', seq: 2, problem: 'row seq 1 is missing (found 2)' }));
    const out = await cli();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`BROKEN division 530102 seq 3 (id ${changedId}): row content does not match its hash (changed)`);
    expect(out.stderr).toContain('BROKEN division 530112 unchained');
    for (const d of ['530102', '530103', '530111', '530302', '530402']) expect(out.stderr).toContain(`BROKEN division ${d} seq`);
  });

  it('the triggers are back on after tampering', async () => {
    await expect(handle.db.transaction().execute((tx) => sql`DELETE FROM audit_chain WHERE division_code = '530102'`.execute(tx))).rejects.toThrow(/append-only/);
    await expect(handle.db.transaction().execute((tx) => sql`DELETE FROM audit_entries WHERE division_code = '530102'`.execute(tx))).rejects.toThrow(/append-only/);
  });
});
