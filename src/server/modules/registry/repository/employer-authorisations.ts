// An employer's authorisations of agencies to act for it (人力资源市场暂行条例 第二十六条: an agency
// recruiting for an employer holds its authorisation; issue 9). Each is an access_grants row on the
// employer (decision 0014), keyed by the employer's division, with the authorisation document as an
// attachment; revoking expires it (the row stays as the record).
import { agencyGrantee, expireGrant, type GrantTarget, insertGrantUnlessLive } from '../../../db/grants.ts';
import type { Executor } from '../../../db/tx.ts';
import type { EmployerKey } from './employers.ts';

export const EMPLOYER_GRANT_REASON = 'employer authorisation';

const target = (e: EmployerKey): GrantTarget => ({ divisionCode: e.division_code, table: 'employers', id: e.id, reason: EMPLOYER_GRANT_REASON });

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
  return insertGrantUnlessLive(db, target(employer), agencyGrantee(agency.divisionCode, agency.id), at);
}

/** Revokes one live authorisation of this employer; returns whether one was live. */
export async function revokeAuthorisation(db: Executor, employer: EmployerKey, grantId: number, at: Date) {
  return expireGrant(db, target(employer), grantId, at);
}
