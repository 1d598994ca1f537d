// Writing access grants (migration 0004, decision 0014): a grantee (an agency, `agency:<division>:<id>`)
// reaches one place-owned row, keyed by that row's division, for a recorded reason; ending a grant
// expires it, so the row stays as the record. Modules that let people authorise someone (seekers
// authorising an agency, employers authorising an agency under 人力资源市场暂行条例 art. 26) write
// through these two statements.
import { sql } from 'kysely';
import type { Executor } from './tx.ts';

/** The grantee key of an agency. */
export const agencyGrantee = (divisionCode: string, agencyId: number) => `agency:${divisionCode}:${agencyId}`;

/** The row a grant reaches and why: the target's division and key, and the grant's recorded reason. */
export type GrantTarget = { divisionCode: string; table: string; id: number; reason: string };

/**
 * Grants `grantee` the target unless a live grant for the same grantee and target exists: one
 * statement (a parallel pair may both insert; both are live then, and the list shows both).
 * Returns the new grant's id, or undefined when one was live at `at`.
 */
export async function insertGrantUnlessLive(db: Executor, target: GrantTarget, grantee: string, at: Date): Promise<number | undefined> {
  const r = await sql<{ id: number }>`
    insert into access_grants (division_code, grantee, target_table, target_id, reason, granted_at)
    select ${target.divisionCode}, ${grantee}, ${target.table}, ${target.id}::bigint, ${target.reason}, ${at}::timestamptz
    where not exists (
      select 1 from access_grants g
      where g.division_code = ${target.divisionCode} and g.grantee = ${grantee} and g.target_table = ${target.table}
        and g.target_id = ${target.id}::bigint and (g.expires_at is null or g.expires_at > ${at}::timestamptz))
    returning id`.execute(db);
  return r.rows[0]?.id;
}

/** Ends grant `grantId` of the target (expires it at `at`) if it is live; returns whether it was. */
export async function expireGrant(db: Executor, target: GrantTarget, grantId: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('access_grants')
    .set({ expires_at: at })
    .where('division_code', '=', target.divisionCode)
    .where('id', '=', grantId)
    .where('target_table', '=', target.table)
    .where('target_id', '=', target.id)
    .where('reason', '=', target.reason)
    .where((x) => x.or([x('expires_at', 'is', null), x('expires_at', '>', at)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
