// Tampering with the audit trail shows. This file works in a scratch database of its own (created,
// migrated, dropped here): changing rows means switching the append-only trigger off as the owner,
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
import { prepareDatabase } from '../../db/open.ts';
import { ManualClock } from '../../platform/clock.ts';
import { recordAuditAlone, rowHash, verifyAuditChains } from './service.ts';

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

/** Runs statements with the append-only trigger off, as an attacker with the owner's password could. */
const tamper = (statement: string) =>
  asOwner(scratchUrl, `BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update; COMMIT;`);

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
  await prepareDatabase(scratchUrl);
  handle = connect(scratchUrl, { max: 3 });
  dataDir = mkdtempSync(join(tmpdir(), 'yq-audit-cli-'));
  const who = { actor: null, ctx: { requestId: 'tamper-test', ip: '10.0.0.1' } };
  for (const division of ['530102', '530103', '530302']) {
    for (let i = 1; i <= 4; i++) {
      await recordAuditAlone(handle.db, clock, who, { action: `test.${i}`, divisionCode: division, targetType: 'thing', targetId: i, detail: { i, when: clock.now() } });
      clock.advance(60_000);
    }
  }
});

afterAll(async () => {
  await handle?.close();
  await asOwner(ownerDbUrl(), `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('audit chain verification', { timeout: 120_000 }, () => {
  it('finds nothing wrong in an untouched trail, and the CLI exits 0', async () => {
    const result = await verifyAuditChains(handle.db, 3);
    expect(result).toEqual({ rows: 12, chains: 3, problems: [] });
    const out = await cli();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/audit trail intact: 12 rows in 3 chains/);
  });

  it('refuses changes while the trigger is on, even to the owner', async () => {
    await expect(asOwner(scratchUrl, `UPDATE audit_log SET action = 'x' WHERE division_code = '530102' AND seq = 1`)).rejects.toThrow(/append-only/);
    await expect(asOwner(scratchUrl, `DELETE FROM audit_log WHERE division_code = '530102'`)).rejects.toThrow(/append-only/);
    await expect(asOwner(scratchUrl, 'TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await verifyAuditChains(handle.db)).rows).toBe(12);
  });

  it('names the changed row', async () => {
    await tamper(`UPDATE audit_log SET outcome = 'denied' WHERE division_code = '530102' AND seq = 3`);
    const { problems } = await verifyAuditChains(handle.db);
    const id = (await handle.db.selectFrom('audit_log').select('id').where('division_code', '=', '530102').where('seq', '=', 3).executeTakeFirstOrThrow()).id;
    expect(problems).toEqual([{ divisionCode: '530102', seq: 3, id, problem: expect.stringMatching(/changed/) }]);
    changedId = id;
  });

  it('names the row after a removed one', async () => {
    await tamper(`DELETE FROM audit_log WHERE division_code = '530103' AND seq = 2`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530103', seq: 3, problem: 'row seq 2 is missing (found 3)' }));
    expect(problems.map((p) => p.divisionCode).sort()).toEqual(['530102', '530103']);
  });

  it('catches a changed row whose hash was recomputed, at the next row', async () => {
    const row = await handle.db.selectFrom('audit_log').selectAll().where('division_code', '=', '530302').where('seq', '=', 2).executeTakeFirstOrThrow();
    const forged = { ...row, target_id: 'someone-else', outcome: row.outcome as 'ok', detail: row.detail as Record<string, unknown> };
    const hash = rowHash(forged);
    await tamper(`UPDATE audit_log SET target_id = 'someone-else', hash = '${hash}' WHERE division_code = '530302' AND seq = 2`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530302', seq: 3, problem: 'prev_hash does not match the previous row' }));
  });

  it('catches a missing first row; the CLI exits 1 naming the first bad row of each chain', async () => {
    await recordAuditAlone(handle.db, clock, { actor: null, ctx: null }, { action: 'test.head', divisionCode: '530402' });
    await recordAuditAlone(handle.db, clock, { actor: null, ctx: null }, { action: 'test.tail', divisionCode: '530402' });
    await tamper(`DELETE FROM audit_log WHERE division_code = '530402' AND seq = 1`);
    const { problems } = await verifyAuditChains(handle.db);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '530402', seq: 2, problem: 'row seq 1 is missing (found 2)' }));
    const out = await cli();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`BROKEN division 530102 seq 3 (id ${changedId}): row content does not match its hash (changed)`);
    for (const d of ['530102', '530103', '530302', '530402']) expect(out.stderr).toContain(`BROKEN division ${d}`);
  });

  it('the trigger is back on after tampering', async () => {
    await expect(handle.db.transaction().execute((tx) => sql`DELETE FROM audit_log WHERE division_code = '530102'`.execute(tx))).rejects.toThrow(/append-only/);
  });
});
