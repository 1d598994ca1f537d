// Credit codes: one legal entity per code in the whole province (decision 0007).
import type { Executor } from '../../../db/tx.ts';

/**
 * Claims a credit code province-wide. A code already claimed raises PostgreSQL's unique
 * violation (23505), which the services answer as duplicate_credit_code; callers run it in the
 * transaction of the insert so both land or neither.
 */
/** A re-coding (decision 0022): claims owned by rows of `from` follow them to `to` (same ids); returns how many. */
export async function relinkClaims(db: Executor, from: string, to: string) {
  const r = await db.updateTable('credit_code_claims').set({ owner_division: to }).where('owner_division', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function claimCreditCode(db: Executor, claim: { credit_code: string; kind: 'agency' | 'employer'; owner_division: string; owner_id: number; claimed_at: Date }) {
  await db.insertInto('credit_code_claims').values(claim).execute();
}
