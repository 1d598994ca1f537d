// Audit trail tables (migration 0003, decision 0009): entries, their erasable personal part, the
// pending queue and the per-division chain. Queries only; every one filters on division_code.
import { type OperationNodeSource, sql } from 'kysely';
import { UNPLACED_DIVISION } from '../../actor.ts';
import type { Executor } from '../../db/tx.ts';
import { inScope, type Scope, type SystemScope } from '../../db/scope.ts';

export type HashAlg = 'sha256' | 'sm3';

export type EntryInput = {
  division_code: string;
  at: Date;
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  request_id: string | null;
  alg: HashAlg;
  personal_digest: string | null;
};

export type PersonalInput = {
  salt: string;
  actor_username: string | null;
  ip: string | null;
  target_id: string | null;
  detail: Record<string, unknown> | null;
};

/**
 * One statement, one round trip: the entry, its personal row (when there is one) and its pending
 * row. No lock and no read: concurrent writers in one division never wait on each other here.
 */
export async function insertEntry(db: Executor, e: EntryInput, p: PersonalInput | null): Promise<void> {
  const entry = sql`
    insert into audit_entries (division_code, at, actor_id, actor_role, action, target_type, target_id, outcome, request_id, alg, personal_digest)
    values (${e.division_code}, ${e.at}, ${e.actor_id}, ${e.actor_role}, ${e.action}, ${e.target_type}, ${e.target_id}, ${e.outcome}, ${e.request_id}, ${e.alg}, ${e.personal_digest})
    returning division_code, id`;
  const personal = p
    ? sql`, p as (
        insert into audit_personal (division_code, entry_id, salt, actor_username, ip, target_id, detail)
        select division_code, id, ${p.salt}::text, ${p.actor_username}::text, ${p.ip}::text, ${p.target_id}::text,
               ${p.detail === null ? null : JSON.stringify(p.detail)}::jsonb
          from e)`
    : sql``;
  await sql`with e as (${entry})${personal}
    insert into audit_pending (division_code, entry_id) select division_code, id from e`.execute(db);
}

/**
 * A module's `write` (an INSERT … RETURNING division_code, id) and, in the same statement, one
 * entry per row it returned, that row's id as the entry's target_id, with its personal row (when
 * `p`) and its pending row: one round trip, atomic as any single statement. No row, no entry.
 * Returns the rows the write returned.
 */
export async function insertEntryAfter(db: Executor, write: OperationNodeSource, e: Omit<EntryInput, 'target_id'>, p: PersonalInput | null): Promise<{ division_code: string; id: number }[]> {
  const personal = p
    ? sql`, p as (
        insert into audit_personal (division_code, entry_id, salt, actor_username, ip, target_id, detail)
        select division_code, id, ${p.salt}::text, ${p.actor_username}::text, ${p.ip}::text, ${p.target_id}::text,
               ${p.detail === null ? null : JSON.stringify(p.detail)}::jsonb
          from e)`
    : sql``;
  const r = await sql<{ division_code: string; id: number }>`with w as (${write}), e as (
    insert into audit_entries (division_code, at, actor_id, actor_role, action, target_type, target_id, outcome, request_id, alg, personal_digest)
    select ${e.division_code}::text, ${e.at}::timestamptz, ${e.actor_id}::bigint, ${e.actor_role}::text, ${e.action}::text, ${e.target_type}::text, w.id::text,
           ${e.outcome}::text, ${e.request_id}::text, ${e.alg}::text, ${e.personal_digest}::text
      from w
    returning division_code, id)${personal}, q as (
    insert into audit_pending (division_code, entry_id) select division_code, id from e)
    select w.division_code, w.id from w`.execute(db);
  return r.rows;
}

/** Divisions with entries waiting to be chained. */
export async function pendingDivisions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_pending').select('division_code').distinct().orderBy('division_code').execute();
  return rows.map((r) => r.division_code);
}

/**
 * Transaction-scoped and non-blocking: true when this transaction now owns the division's chain
 * until it ends; false when another appender has it (pooler-safe: no session lock).
 */
export async function tryLockChain(db: Executor, divisionCode: string): Promise<boolean> {
  const r = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`audit:${divisionCode}`}, 0)) as got`.execute(db);
  return r.rows[0]?.got === true;
}

export type EntryRow = EntryInput & { id: number };

/**
 * Takes up to `limit` pending rows of the division (oldest entry first, FOR UPDATE SKIP LOCKED) and
 * returns their entries with the division's last chain link, in one round trip. Call it after
 * tryLockChain in the same transaction, so its snapshot sees every link committed before the lock.
 */
export async function takePending(db: Executor, divisionCode: string, limit: number): Promise<{ entries: EntryRow[]; last: { seq: number; hash: string } | null }> {
  const r = await sql<EntryRow & { last_seq: number | null; last_hash: string | null }>`
    with taken as (
      delete from audit_pending
       where division_code = ${divisionCode}
         and entry_id in (select entry_id from audit_pending where division_code = ${divisionCode}
                           order by entry_id limit ${limit} for update skip locked)
      returning division_code, entry_id),
    last as (
      select seq, hash from audit_chain where division_code = ${divisionCode} order by seq desc limit 1)
    select e.division_code, e.id, e.at, e.actor_id, e.actor_role, e.action, e.target_type, e.target_id,
           e.outcome, e.request_id, e.alg, e.personal_digest,
           (select seq from last) as last_seq, (select hash from last) as last_hash
      from taken t join audit_entries e on e.division_code = t.division_code and e.id = t.entry_id
     order by e.id`.execute(db);
  const first = r.rows[0];
  const last = first && first.last_seq !== null && first.last_hash !== null ? { seq: Number(first.last_seq), hash: first.last_hash } : null;
  return { entries: r.rows.map(({ last_seq: _s, last_hash: _h, ...e }) => e), last };
}

export type ChainInput = { division_code: string; seq: number; entry_id: number; linked_at: Date; alg: HashAlg; prev_hash: string; hash: string };

/** Appends chain links (one multi-row INSERT). */
export async function insertLinks(db: Executor, rows: ChainInput[]): Promise<void> {
  if (rows.length) await db.insertInto('audit_chain').values(rows).execute();
}

/** Divisions that have a chain. */
export async function chainDivisions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('audit_chain').select('division_code').distinct().orderBy('division_code').execute();
  return rows.map((r) => r.division_code);
}

/** One division's chain in order with each link's entry and personal row, in pages (constant memory). */
export async function chainPage(db: Executor, divisionCode: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_chain as c')
    .leftJoin('audit_entries as e', (j) => j.onRef('e.division_code', '=', 'c.division_code').onRef('e.id', '=', 'c.entry_id'))
    .leftJoin('audit_personal as p', (j) => j.onRef('p.division_code', '=', 'c.division_code').onRef('p.entry_id', '=', 'c.entry_id'))
    .select([
      'c.division_code',
      'c.seq',
      'c.entry_id',
      'c.linked_at',
      'c.alg as chain_alg',
      'c.prev_hash',
      'c.hash',
      'e.id',
      'e.at',
      'e.actor_id',
      'e.actor_role',
      'e.action',
      'e.target_type',
      'e.target_id',
      'e.outcome',
      'e.request_id',
      'e.alg',
      'e.personal_digest',
      'p.entry_id as personal_entry_id',
      'p.salt',
      'p.actor_username',
      'p.ip',
      'p.target_id as personal_target_id',
      'p.detail',
    ])
    .where('c.division_code', '=', divisionCode)
    .where('c.seq', '>', afterSeq)
    .orderBy('c.seq')
    .limit(limit)
    .execute();
}

/**
 * Entries with no chain link that are either not queued (their pending row is gone: a problem at
 * once) or queued since before `staleBefore` (null: no age check). One statement, so one snapshot: the appender's
 * "delete pending + insert link" commits atomically and can never make an entry look orphaned here.
 */
export async function unchainedEntries(db: Executor, staleBefore: Date | null) {
  return db
    .selectFrom('audit_entries as e')
    .leftJoin('audit_chain as c', (j) => j.onRef('c.division_code', '=', 'e.division_code').onRef('c.entry_id', '=', 'e.id'))
    .leftJoin('audit_pending as q', (j) => j.onRef('q.division_code', '=', 'e.division_code').onRef('q.entry_id', '=', 'e.id'))
    .select(['e.division_code', 'e.id', 'e.at', sql<boolean>`q.entry_id is not null`.as('queued')])
    .where('c.entry_id', 'is', null)
    .where((eb) => (staleBefore ? eb.or([eb('q.entry_id', 'is', null), eb('e.at', '<', staleBefore)]) : eb('q.entry_id', 'is', null)))
    .orderBy('e.division_code')
    .orderBy('e.id')
    .execute();
}

/** Entries in all, entries queued for the appender, entries whose personal row was erased. */
export async function countEntries(db: Executor): Promise<{ entries: number; pending: number; erased: number }> {
  const r = await sql<{ entries: number; pending: number; erased: number }>`
    select (select count(*)::int from audit_entries) as entries,
           (select count(*)::int from audit_pending) as pending,
           (select count(*)::int from audit_entries e
             where e.personal_digest is not null
               and not exists (select 1 from audit_personal p where p.division_code = e.division_code and p.entry_id = e.id)) as erased`.execute(db);
  return r.rows[0] ?? { entries: 0, pending: 0, erased: 0 };
}

export type ErasureFilter =
  | { actorId: number; divisionCode?: string }
  | { targetType: string; targetId: string | number; divisionCode?: string }
  | { actionPrefix: string; before: Date; divisionCode?: string };

/** Deletes the personal rows whose entries match; returns how many went. */
export async function deletePersonal(db: Executor, _scope: SystemScope, f: ErasureFilter): Promise<number> {
  let q = db
    .deleteFrom('audit_personal as p')
    .using('audit_entries as e')
    .whereRef('e.division_code', '=', 'p.division_code')
    .whereRef('e.id', '=', 'p.entry_id');
  if (f.divisionCode !== undefined) q = q.where('p.division_code', '=', f.divisionCode);
  if ('actorId' in f) q = q.where('e.actor_id', '=', f.actorId);
  else if ('targetType' in f) {
    const id = String(f.targetId);
    q = q.where('e.target_type', '=', f.targetType).where((eb) => eb.or([eb('p.target_id', '=', id), eb('e.target_id', '=', id)]));
  } else {
    q = q.where('e.action', 'like', `${f.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`).where('e.at', '<', f.before);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type ListedRow = {
  division_code: string;
  id: number;
  seq: number | null;
  at: Date;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  personal_erased: boolean;
};

/** Newest first, keyset over (at, division_code, id); entries show as soon as their change commits. */
export async function listAuditRows(
  db: Executor,
  scope: Scope,
  opts: { limit: number; before?: { at: Date; division: string; id: number }; action?: string; includeUnplaced?: boolean },
): Promise<ListedRow[]> {
  let q = db
    .selectFrom('audit_entries as e')
    .leftJoin('audit_personal as p', (j) => j.onRef('p.division_code', '=', 'e.division_code').onRef('p.entry_id', '=', 'e.id'))
    .leftJoin('audit_chain as c', (j) => j.onRef('c.division_code', '=', 'e.division_code').onRef('c.entry_id', '=', 'e.id'))
    .select([
      'e.division_code',
      'e.id',
      'c.seq',
      'e.at',
      'p.actor_username',
      'e.actor_role',
      'e.action',
      'e.target_type',
      sql<string | null>`coalesce(e.target_id, p.target_id)`.as('target_id'),
      'e.outcome',
      'e.request_id',
      'p.ip',
      sql<boolean>`(e.personal_digest is not null and p.entry_id is null)`.as('personal_erased'),
    ])
    .where((eb) => (opts.includeUnplaced ? eb.or([inScope(scope, 'e.division_code'), eb('e.division_code', '=', UNPLACED_DIVISION)]) : inScope(scope, 'e.division_code')))
    .orderBy('e.at', 'desc')
    .orderBy('e.division_code', 'desc')
    .orderBy('e.id', 'desc')
    .limit(opts.limit + 1);
  if (opts.action) q = q.where('e.action', '=', opts.action);
  const b = opts.before;
  if (b) q = q.where(sql<boolean>`(e.at, e.division_code, e.id) < (${b.at}, ${b.division}, ${b.id})`);
  return q.execute();
}

/** What the accounts did (oldest first, at most `limit`), with the personal part still present: for personal-data requests. */
export async function entriesByActor(db: Executor, _scope: SystemScope, accountIds: readonly number[], limit: number) {
  if (!accountIds.length) return [];
  return db
    .selectFrom('audit_entries as e')
    .leftJoin('audit_personal as p', (j) => j.onRef('p.division_code', '=', 'e.division_code').onRef('p.entry_id', '=', 'e.id'))
    .select(['e.division_code', 'e.id', 'e.at', 'e.action', 'e.target_type', sql<string | null>`coalesce(e.target_id, p.target_id)`.as('target_id'), 'e.outcome', 'p.ip', 'p.actor_username'])
    .where('e.actor_id', 'in', accountIds)
    .orderBy('e.at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}
