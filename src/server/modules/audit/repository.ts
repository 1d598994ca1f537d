// Audit rows: append-only, one hash chain per division. Queries only.
import { sql } from 'kysely';
import { UNPLACED_DIVISION } from '../../actor.ts';
import type { Executor } from '../../db/tx.ts';
import { inScope, type Scope } from '../../db/scope.ts';

export type AuditRowInput = {
  division_code: string;
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  request_id: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
};

/** Serialises appends to one division's chain until the transaction ends (pooler-safe lock). */
export async function lockChain(db: Executor, divisionCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${divisionCode}`}, 0))`.execute(db);
}

export async function lastLink(db: Executor, divisionCode: string) {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('division_code', '=', divisionCode)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertAuditRow(db: Executor, row: AuditRowInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...row, detail: row.detail === null ? null : JSON.stringify(row.detail) })
    .execute();
}

export async function chainDivisions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('division_code').distinct().orderBy('division_code').execute();
  return rows.map((r) => r.division_code);
}

/** One division's chain in order, in pages, so a long chain streams in constant memory. */
export async function chainPage(db: Executor, divisionCode: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('division_code', '=', divisionCode)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function listAuditRows(
  db: Executor,
  scope: Scope,
  opts: { limit: number; before?: { at: Date; division: string; seq: number }; action?: string; includeUnplaced?: boolean },
) {
  let q = db
    .selectFrom('audit_log')
    .select(['division_code', 'seq', 'at', 'actor_username', 'actor_role', 'action', 'target_type', 'target_id', 'outcome', 'request_id', 'ip'])
    .where((eb) => (opts.includeUnplaced ? eb.or([inScope(scope), eb('division_code', '=', UNPLACED_DIVISION)]) : inScope(scope)))
    .orderBy('at', 'desc')
    .orderBy('division_code', 'desc')
    .orderBy('seq', 'desc')
    .limit(opts.limit + 1);
  if (opts.action) q = q.where('action', '=', opts.action);
  const b = opts.before;
  if (b) q = q.where(sql<boolean>`(at, division_code, seq) < (${b.at}, ${b.division}, ${b.seq})`);
  return q.execute();
}
