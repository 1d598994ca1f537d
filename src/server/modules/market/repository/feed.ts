// The change feed of public postings (decision 0033). Writers append posting_changes rows in their
// own transactions (postings.ts); the sequencer hands out positions after commit, one sequencer at
// a time (a transaction-scoped advisory lock), so positions become visible in increasing order and
// a reader's cursor — the last position it was given — never skips a row that committed late.
import { sql } from 'kysely';
import type { SystemScope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

/** The advisory lock key of the feed sequencer ('market.feed-sequencer'). */
const SEQUENCER_LOCK = 7_304_113_001;

/**
 * Gives positions to committed changes that have none, in the order they were written (which
 * keeps one posting's changes in order: its writers queue on its row lock), continuing after the
 * highest position given. Runs in `tx` under a transaction-scoped advisory lock; when another
 * sequencer holds it, does nothing (that one's positions appear when it commits). At most `max`
 * rows per call. Call it in a transaction (the lock lasts until it ends). Returns how many got a position.
 */
export async function sequenceChanges(tx: Executor, _scope: SystemScope, max = 10_000): Promise<number> {
  const got = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as locked`.execute(tx);
  if (!got.rows[0]?.locked) return 0;
  const r = await sql`
    update posting_changes c set pos = n.pos
      from (select division_code, id,
                   (select coalesce(max(pos), 0) from posting_changes where pos is not null) + row_number() over (order by id) as pos
              from posting_changes where pos is null order by id limit ${max}) n
     where c.division_code = n.division_code and c.id = n.id`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Up to `limit + 1` changes after position `after`, by position, each with its posting's public
 * page code (a named cross-division read: the public feed).
 */
export async function changesAfter(db: Executor, _scope: SystemScope, after: number, limit: number) {
  return db
    .selectFrom('posting_changes as c')
    .leftJoin('postings as p', (j) => j.onRef('p.division_code', '=', 'c.division_code').onRef('p.id', '=', 'c.posting_id'))
    .select(['c.pos', 'c.division_code', 'c.posting_id', 'c.kind', 'c.reason', 'c.body', 'c.at', 'p.public_code'])
    .where('c.pos', '>', after)
    .orderBy('c.pos')
    .limit(limit + 1)
    .execute();
}

/** The highest position handed out (0 when none): a cursor beyond it was never given. */
export async function headPosition(db: Executor, _scope: SystemScope): Promise<number> {
  const r = await db.selectFrom('posting_changes').select((eb) => eb.fn.max('pos').as('head')).where('pos', 'is not', null).executeTakeFirst();
  return Number(r?.head ?? 0);
}

/**
 * Feed compaction (decision 0033): deletes positioned changes written before `before` that a later
 * positioned change of the same posting supersedes, in one statement. A consumer replaying from any
 * cursor still ends on each posting's latest change (that row is kept); only an old cursor's pages
 * get shorter. Returns how many rows went.
 */
export async function compactChanges(db: Executor, _scope: SystemScope, before: Date): Promise<number> {
  const r = await sql`
    delete from posting_changes c
     where c.pos is not null and c.at < ${before}::timestamptz
       and exists (select 1 from posting_changes n
                    where n.division_code = c.division_code and n.posting_id = c.posting_id and n.pos > c.pos)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
