// A seeker's authorisations of agencies (issue 9: an agency serves a seeker only with the seeker's
// authorisation, recorded and revocable). Each is a row of access_grants (decision 0014) on the
// seeker's profile, keyed by the profile's division; revoking ends it (expires_at = the moment of
// revocation), so the record stays and the grant stops being loaded with the agency's sessions.
import type { SeekerKey } from './seekers.ts';
import type { Executor } from '../../../db/tx.ts';
import { agencyGrantee, expireGrant, type GrantTarget, insertGrantUnlessLive } from '../../../db/grants.ts';

export const SEEKER_GRANT_REASON = 'seeker authorisation';

const target = (s: SeekerKey): GrantTarget => ({ divisionCode: s.division_code, table: 'seekers', id: s.id, reason: SEEKER_GRANT_REASON });

/** The seeker's authorisations, newest first: live and revoked (a revoked one has `expires_at`). */
export async function authorisationsOf(db: Executor, seeker: SeekerKey) {
  return db
    .selectFrom('access_grants')
    .select(['division_code', 'id', 'grantee', 'granted_at', 'expires_at'])
    .where('division_code', '=', seeker.division_code)
    .where('target_table', '=', 'seekers')
    .where('target_id', '=', seeker.id)
    .where('reason', '=', SEEKER_GRANT_REASON)
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Authorises the agency: one statement that inserts the grant unless a live one for the same agency
 * exists (a parallel pair may both insert; both are then live and one revocation ends one of them —
 * harmless, the list shows both). Returns the new grant's id, or undefined when one was live.
 */
export async function insertAuthorisation(db: Executor, seeker: SeekerKey, agency: { divisionCode: string; id: number }, at: Date) {
  return insertGrantUnlessLive(db, target(seeker), agencyGrantee(agency.divisionCode, agency.id), at);
}

/** Revokes one live authorisation of this seeker (expires it at `at`); returns whether one was live. */
export async function revokeAuthorisation(db: Executor, seeker: SeekerKey, grantId: number, at: Date) {
  return expireGrant(db, target(seeker), grantId, at);
}

/** A profile moved to another division (its county changed): its grants follow it; returns how many. */
export async function moveAuthorisations(db: Executor, from: SeekerKey, toDivision: string) {
  const r = await db
    .updateTable('access_grants')
    .set({ division_code: toDivision })
    .where('division_code', '=', from.division_code)
    .where('target_table', '=', 'seekers')
    .where('target_id', '=', from.id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
