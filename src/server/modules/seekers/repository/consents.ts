// Job seekers' consents to the notice (seeker_consents; decision 0040). A consent belongs to the
// person's account — given at sign-up, before any profile or county exists — so these rows are
// province-wide, keyed by account like memberships, and read only by the account they belong to
// (or by a named cross-account read for personal-data requests). At most one consent per account
// and subject is in force (the partial unique index seeker_consents_open): giving and withdrawing
// are single statements that race safely.
import type { SystemScope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

/** notice: the sign-up notice as a whole; id_number: the separate consent to the ID number (sensitive). */
export type ConsentSubject = 'notice' | 'id_number';

/** Records a consent of the account unless one of the subject is in force; returns its id, or undefined when one was. */
export async function insertConsent(db: Executor, accountId: number, subject: ConsentSubject, noticeVersion: string, at: Date): Promise<number | undefined> {
  const r = await db
    .insertInto('seeker_consents')
    .values({ account_id: accountId, subject, notice_version: noticeVersion, given_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'subject']).where('withdrawn_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** The account's consents in force (one per subject at most). */
export async function consentsInForce(db: Executor, accountId: number) {
  return db
    .selectFrom('seeker_consents as c')
    .select(['c.id', 'c.subject', 'c.notice_version', 'c.given_at'])
    .where('c.account_id', '=', accountId)
    .where('c.withdrawn_at', 'is', null)
    .orderBy('c.id')
    .execute();
}

/** Closes the account's consents in force of these subjects at `at`; returns the ids closed with their subject and version. */
export async function withdrawConsents(db: Executor, accountId: number, subjects: readonly ConsentSubject[], at: Date) {
  if (!subjects.length) return [];
  return db
    .updateTable('seeker_consents')
    .set({ withdrawn_at: at })
    .where('account_id', '=', accountId)
    .where('subject', 'in', [...subjects])
    .where('withdrawn_at', 'is', null)
    .returning(['id', 'subject', 'notice_version'])
    .execute();
}

/** Every consent of these accounts, given and withdrawn, oldest first (personal-data requests). */
export async function consentsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db
    .selectFrom('seeker_consents as c')
    .select(['c.id', 'c.account_id', 'c.subject', 'c.notice_version', 'c.given_at', 'c.withdrawn_at'])
    .where('c.account_id', 'in', [...accountIds])
    .orderBy('c.id')
    .execute();
}

/** Deletes every consent of these accounts (personal-data erasure); returns how many. */
export async function deleteConsents(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return 0;
  const r = await db.deleteFrom('seeker_consents').where('account_id', 'in', [...accountIds]).executeTakeFirst();
  return Number(r.numDeletedRows);
}
