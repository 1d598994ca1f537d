// Rules of the posting lifecycle beyond role and scope (decision 0014: pure predicates, tested as a table).
//   draft → screened → published → closed / expired / taken_down
// The screener is a stub that flags nothing until the screening issue lands (README).
import type { Actor } from '../../actor.ts';
import { isOfficial } from '../../../shared/roles.ts';

export type PostingStatus = 'draft' | 'screened' | 'published' | 'closed' | 'expired' | 'taken_down';
export type PostingAction = 'edit' | 'publish' | 'close' | 'take_down';

/** The statuses each action starts from; every other status refuses it (409). */
export const ALLOWED_FROM: Readonly<Record<PostingAction, readonly PostingStatus[]>> = {
  edit: ['draft', 'screened', 'published'],
  publish: ['draft', 'screened'],
  close: ['published'],
  take_down: ['draft', 'screened', 'published', 'closed', 'expired'],
};

/** Whether `action` may start from `status`. */
export function mayMove(status: string, action: PostingAction): boolean {
  return (ALLOWED_FROM[action] as readonly string[]).includes(status);
}

/**
 * Who writes a posting: the employer's own accounts for itself, and officials for an employer in
 * their reach. Agencies acting for an employer need the employer's authorisation as a grant (人力
 * 资源市场暂行条例 art. 26), which does not exist yet: until then agencies write none.
 */
export function mayWritePostings(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'employer' || isOfficial(actor.role);
}

/** Only officials take a posting down (with a reason; the owner is told). */
export function mayTakeDown(actor: Pick<Actor, 'role'>): boolean {
  return isOfficial(actor.role);
}

/**
 * The stub screener (issue 9): passes every posting with no hits. The posting screener issue
 * replaces it; until then the README says so.
 */
export function screenPosting(_text: { title: string; description: string }): { pass: true; hits: [] } {
  return { pass: true, hits: [] };
}
