// Audit: every write, every sign-in and every read of someone's health data appends a row.
// Rows chain by hash within their division: changing or removing a row breaks the chain at the
// first row after it, which `yunqiao audit verify` names.
import { createHash } from 'node:crypto';
import type { Actor, RequestContext } from '../../actor.ts';
import { UNPLACED_DIVISION } from '../../actor.ts';
import type { Database } from '../../db/connection.ts';
import type { Executor } from '../../db/tx.ts';
import type { Clock } from '../../platform/clock.ts';
import * as repo from './repository.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  action: string;
  /** The county (or other division) the target belongs to; the actor's when it has none. */
  divisionCode?: string | null;
  targetType?: string;
  targetId?: string | number;
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
};

export type AuditWho = {
  actor: Pick<Actor, 'accountId' | 'username' | 'role' | 'divisionCode'> | null;
  ctx: Pick<RequestContext, 'requestId' | 'ip'> | null;
};

/** JSON with sorted keys, so a value read back from jsonb hashes as it was written. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Hashable = Omit<repo.AuditRowInput, 'hash'>;

export function rowHash(row: Hashable): string {
  const body = canonicalJson([
    row.division_code,
    row.seq,
    row.at.toISOString(),
    row.actor_id,
    row.actor_username,
    row.actor_role,
    row.action,
    row.target_type,
    row.target_id,
    row.outcome,
    row.request_id,
    row.ip,
    row.detail,
  ]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(body).digest('hex');
}

/**
 * The detail as jsonb will give it back: hashing the caller's object as it stands would differ
 * for values JSON turns into something else (a Date becomes its ISO string, undefined members go),
 * and the row would later read as tampered.
 */
function asStoredJson(detail: Record<string, unknown> | undefined): Record<string, unknown> | null {
  return detail === undefined ? null : (JSON.parse(JSON.stringify(detail)) as Record<string, unknown>);
}

/** Appends one audit row inside the caller's transaction (so it commits or rolls back with the change). */
export async function recordAudit(db: Executor, clock: Clock, who: AuditWho, entry: AuditEntry): Promise<void> {
  const division = entry.divisionCode ?? who.actor?.divisionCode ?? UNPLACED_DIVISION;
  await repo.lockChain(db, division);
  const last = await repo.lastLink(db, division);
  const row: Hashable = {
    division_code: division,
    seq: (last?.seq ?? 0) + 1,
    at: clock.now(),
    actor_id: who.actor?.accountId ?? null,
    actor_username: who.actor?.username ?? null,
    actor_role: who.actor?.role ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    outcome: entry.outcome ?? 'ok',
    request_id: who.ctx?.requestId ?? null,
    ip: who.ctx?.ip ?? null,
    detail: asStoredJson(entry.detail),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await repo.insertAuditRow(db, { ...row, hash: rowHash(row) });
}

/** For outcomes whose own transaction rolled back (denials, failed sign-ins): a transaction of its own. */
export async function recordAuditAlone(db: Database, clock: Clock, who: AuditWho, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((tx) => recordAudit(tx, clock, who, entry));
}

export type ChainProblem = { divisionCode: string; seq: number; id: number | null; problem: string };

/** Walks every chain; returns the first problem of each broken chain (empty when all hold). */
export async function verifyAuditChains(db: Database, pageSize = 5_000): Promise<{ rows: number; chains: number; problems: ChainProblem[] }> {
  const divisions = await repo.chainDivisions(db);
  const problems: ChainProblem[] = [];
  let rows = 0;
  for (const division of divisions) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let after = 0;
    let broken = false;
    for (;;) {
      const page = await repo.chainPage(db, division, after, pageSize);
      for (const r of page) {
        rows++;
        if (broken) continue;
        const problem =
          r.seq !== expectedSeq
            ? `row seq ${expectedSeq} is missing (found ${r.seq})`
            : r.prev_hash !== prevHash
              ? 'prev_hash does not match the previous row'
              : rowHash({ ...r, detail: r.detail as Record<string, unknown> | null, outcome: r.outcome as 'ok' }) !== r.hash
                ? 'row content does not match its hash (changed)'
                : null;
        if (problem) {
          problems.push({ divisionCode: division, seq: r.seq, id: r.id, problem });
          broken = true;
        }
        prevHash = r.hash;
        expectedSeq = r.seq + 1;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1]?.seq ?? after;
    }
  }
  return { rows, chains: divisions.length, problems };
}

/**
 * The audit trail of an official's jurisdiction, newest first. The province also sees events with
 * no place of their own (sign-in failures for unknown names, lockouts): the security desk is there.
 */
export async function listAudit(
  db: Database,
  actor: Actor,
  opts: { limit: number; action?: string; before?: { at: Date; division: string; seq: number } },
) {
  return repo.listAuditRows(db, actor.scope, { ...opts, includeUnplaced: actor.role === 'province' });
}
