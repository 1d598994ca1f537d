// An employer's authorisations of agencies to act for it (人力资源市场暂行条例 第二十六条: an agency
// recruiting for an employer holds its authorisation; issue 9). Each is an access_grants row on the
// employer (decision 0014), keyed by the employer's division, with the authorisation document as an
// attachment; revoking expires it (the row stays as the record).
import { sql } from 'kysely';
import type { Executor } from '../../../db/tx.ts';
import type { EmployerKey } from './employers.ts';

export const EMPLOYER_GRANT_REASON = 'employer authorisation';

/** The employer's authorisations, newest first, live and revoked, with their document. */
export async function authorisationsOf(db: Executor, employer: EmployerKey) {
  return db
    .selectFrom('access_grants as g')
    .leftJoin('attachments as a', (j) => j.onRef('a.division_code', '=', 'g.division_code').on('a.owner_table', '=', 'access_grants').onRef('a.owner_id', '=', 'g.id'))
    .select(['g.division_code', 'g.id', 'g.grantee', 'g.granted_at', 'g.expires_at', 'a.id as attachment_id'])
    .where('g.division_code', '=', employer.division_code)
    .where('g.target_table', '=', 'employers')
    .where('g.target_id', '=', employer.id)
    .where('g.reason', '=', EMPLOYER_GRANT_REASON)
    .orderBy('g.id', 'desc')
    .execute();
}

/** Authorises the agency unless a live grant for it exists; returns the new grant's id or undefined. */
export async function insertAuthorisation(db: Executor, employer: EmployerKey, agency: { divisionCode: string; id: number }, at: Date) {
  const grantee = `agency:${agency.divisionCode}:${agency.id}`;
  const r = await sql<{ id: number }>`
    insert into access_grants (division_code, grantee, target_table, target_id, reason, granted_at)
    select ${employer.division_code}, ${grantee}, 'employers', ${employer.id}::bigint, ${EMPLOYER_GRANT_REASON}, ${at}::timestamptz
    where not exists (
      select 1 from access_grants g
      where g.division_code = ${employer.division_code} and g.grantee = ${grantee} and g.target_table = 'employers'
        and g.target_id = ${employer.id}::bigint and (g.expires_at is null or g.expires_at > ${at}::timestamptz))
    returning id`.execute(db);
  return r.rows[0]?.id;
}

/** Revokes one live authorisation of this employer; returns whether one was live. */
export async function revokeAuthorisation(db: Executor, employer: EmployerKey, grantId: number, at: Date) {
  const r = await db
    .updateTable('access_grants')
    .set({ expires_at: at })
    .where('division_code', '=', employer.division_code)
    .where('id', '=', grantId)
    .where('target_table', '=', 'employers')
    .where('target_id', '=', employer.id)
    .where('reason', '=', EMPLOYER_GRANT_REASON)
    .where((x) => x.or([x('expires_at', 'is', null), x('expires_at', '>', at)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
