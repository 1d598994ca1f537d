// Rules of the posting lifecycle beyond role and scope (decision 0014: pure predicates, tested as a table).
//   draft → screened → published → closed / expired / taken_down
// The screener is a stub that flags nothing until the screening issue lands (README).
import { type PostingHit, type PostingTexts, screenPostingText } from './screener/screen.ts';
import type { Verdict } from './screener/categories.ts';
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
 * Who writes postings at all: the employer's own accounts, officials, and agency administrators
 * (for employers that authorised them: `mayWriteFor`).
 */
export function mayWritePostings(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'employer' || actor.role === 'agency_admin' || isOfficial(actor.role);
}

/**
 * Whether `actor` writes postings for this employer: its own account for itself; an official for
 * an employer in reach (the scoped read of the employer decides that, not this predicate); an
 * agency administrator only while it holds the employer's live authorisation (人力资源市场暂行条例
 * 第二十六条: a grant on the employer row, in the session's scope; a revoked one is gone from it).
 */
export function mayWriteFor(actor: Pick<Actor, 'role' | 'scope' | 'employerId'>, employer: { divisionCode: string; id: number }): boolean {
  if (actor.role === 'employer') return actor.employerId === employer.id;
  if (isOfficial(actor.role)) return true;
  if (actor.role !== 'agency_admin' || actor.scope.kind !== 'agency') return false;
  return actor.scope.grants.some((g) => g.table === 'employers' && g.divisionCode === employer.divisionCode && g.id === employer.id);
}

/** Only officials take a posting down (with a reason; the owner is told). */
export function mayTakeDown(actor: Pick<Actor, 'role'>): boolean {
  return isOfficial(actor.role);
}

/**
 * The posting screener (issue 11, decision 0045): screener/screen.ts over the stored title and
 * description. `block` stops publishing (and an edit of a public posting); `review` sends the
 * posting to its desk's moderation queue (decision 0037).
 */
export const screenPosting: Screener = screenPostingText;

// Applications (decision 0036) ---------------------------------------------------------------------
//   applied → shortlisted → interview → offer → hired, or rejected / withdrawn from any live stage

export const APPLICATION_STAGES = ['applied', 'shortlisted', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];
/** The stages an application can be moved to (applied is where it starts). */
export type StageTarget = Exclude<ApplicationStage, 'applied'>;
/** Who moves an application: the posting's employer, or the seeker who applied. */
export type ApplicationSide = 'employer' | 'seeker';

const LIVE: readonly ApplicationStage[] = ['applied', 'shortlisted', 'interview', 'offer'];

/** Each target stage: who may move an application there, and from which stages (every other start is a 409). */
export const STAGE_MOVES: Readonly<Record<StageTarget, { by: ApplicationSide; from: readonly ApplicationStage[] }>> = {
  shortlisted: { by: 'employer', from: ['applied'] },
  interview: { by: 'employer', from: ['shortlisted'] },
  offer: { by: 'employer', from: ['interview'] },
  hired: { by: 'employer', from: ['offer'] },
  rejected: { by: 'employer', from: LIVE },
  withdrawn: { by: 'seeker', from: LIVE },
};

/** Whether `side` may move an application from `stage` to `target`. */
export function mayMoveApplication(side: ApplicationSide, stage: string, target: StageTarget): boolean {
  const move = STAGE_MOVES[target];
  return move.by === side && (move.from as readonly string[]).includes(stage);
}

/**
 * From "shortlisted" on (issue 9) the employer may see the applicant's full phone, one application
 * at a time (a reveal, audited): shortlisted, interview, offer, hired — not before, and not once
 * rejected or withdrawn.
 */
export const PHONE_REVEAL_STAGES: readonly ApplicationStage[] = ['shortlisted', 'interview', 'offer', 'hired'];

export function mayRevealPhone(stage: string): boolean {
  return (PHONE_REVEAL_STAGES as readonly string[]).includes(stage);
}

/**
 * What the employer sees of an applicant's profile beyond name and masked phone (education,
 * experience, skills, résumé): only when the seeker's visibility lets employers see it — "employers
 * they applied to" or "all employers" (decision 0035); "nobody" and "agencies serving them" keep it hidden.
 */
export function employerSeesProfile(visibility: string): boolean {
  return visibility === 'applied' || visibility === 'employers';
}

/** What a screener answers: its verdict and hits (each at least its rule and matched text; the real one gives category, span, basis and suggestion too). */
export type ScreenResult = { verdict: Verdict; hits: ReadonlyArray<{ rule: string; text: string } & Partial<PostingHit>> };
export type Screener = (texts: PostingTexts) => ScreenResult;

/**
 * Beyond its reach, the postings an official moderates (issue 9: "the province moderates postings
 * outside it"): the province's own officials — those whose reach holds the deployment's province
 * prefix (`53`) — see, decide and take down every posting, case and report whose division lies
 * outside the province (an imported national ad keeps its real code, decision 0033; `000000` when
 * its place did not resolve). Returns that province prefix, or null for everyone else (a
 * prefecture or county official, any non-official). A named rule instead of a grant per row: the
 * rows are tens of thousands and arrive by import.
 */
export function moderatesOutside(actor: Pick<Actor, 'role' | 'scope'>, provinceCode: string): string | null {
  if (actor.role !== 'province' || actor.scope.kind !== 'official') return null;
  const prefix = provinceCode.slice(0, 2);
  return actor.scope.prefixes.includes(prefix) ? prefix : null;
}

/** The desk's outcomes per case origin: a flagged posting is released or taken down; a report dismissed or its posting taken down. */
export const OUTCOMES_BY_ORIGIN = {
  screener: ['release', 'take_down'],
  report: ['dismiss', 'take_down'],
} as const satisfies Record<'screener' | 'report', readonly ('release' | 'dismiss' | 'take_down')[]>;

/** Whether `outcome` closes a case of `origin` (a mismatch is a 400 naming `outcome`). */
export function outcomeFits(origin: 'screener' | 'report', outcome: string): boolean {
  return (OUTCOMES_BY_ORIGIN[origin] as readonly string[]).includes(outcome);
}
