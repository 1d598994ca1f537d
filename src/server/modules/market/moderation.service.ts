// Moderation of postings (issue 9, "Moderation, reports"; decision 0037). A case sits at the desk
// of its posting's place: the county's officials (and the prefecture and province above them, whose
// reach holds it), and for a posting placed outside the province the province's officials
// (access.ts moderatesOutside). A case is opened by the screener's hits (publishPosting) or by a
// report from anyone; an official closes it — release (a flagged posting is published) or dismiss
// (a report) or take the posting down with a reason, through the posting's one take-down path
// (takeDownIn: feed removal, the owner told through the outbox, every open case of it closed).
// Every write through command(), audited.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { POSTING_CODE_LENGTH, readCode } from '../../../shared/printed-codes.ts';
import { z as zod } from 'zod';
import { mayTakeDown, moderatesOutside, outcomeFits } from './access.ts';
import { moderatedPosting, takeDownIn } from './postings.service.ts';
import { presentCase, presentReport, statusAt } from './presenters.ts';
import * as repo from './repository/moderation.ts';
import * as postingsRepo from './repository/postings.ts';
import type * as s from './schemas.ts';

const REPORTS = systemScope('public reports: anyone may report a published posting of any division (a named cross-division write)');
const cursorShape = zod.tuple([zod.string().regex(/^\d{6}$/), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

function reachOf(deps: Deps, actor: Actor) {
  if (!mayTakeDown(actor)) throw forbidden();
  return moderatesOutside(actor, deps.config.province);
}

/** The cases at the desks in the official's reach (the province: also those of postings outside it), by (division, id). */
export async function listCases(deps: Deps, actor: Actor, q: z.infer<typeof s.casesQuery>) {
  const outside = reachOf(deps, actor);
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await repo.listCases(deps.db, actor.scope, outside, q, { limit: q.limit, after });
  return toPage(rows, q.limit, presentCase, (r) => [r.division_code, r.id]);
}

async function caseRow(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findCase(deps.db, actor.scope, reachOf(deps, actor), id);
  if (!row) throw notFound();
  return row;
}

/** One case with its reports (phones masked). 404 out of reach, as for a missing id. */
export async function getCase(deps: Deps, actor: Actor, id: number): Promise<z.infer<typeof s.caseDetail>> {
  const row = await caseRow(deps, actor, id);
  const reports = await repo.reportsOf(deps.db, row.key);
  return { ...presentCase(row), reports: reports.map(presentReport) };
}

const CLOSED_AS = { release: 'released', dismiss: 'dismissed', take_down: 'taken_down' } as const;

/**
 * Closes an open case. `release` (a screener case): the posting, held back as `screened`, is
 * published (the feed gets a creation; 409 when its valid-until has passed); a posting that stayed
 * public while flagged stays so. `dismiss` (a report case): nothing else changes. `take_down`
 * (either, with a reason): the posting's take-down path, which closes this case and every other
 * open case of the posting. An outcome that does not fit the case's origin: 400 naming `outcome`.
 * A case already closed: 409 `moderation_case_decided`. Audited; nothing half-done.
 */
export async function decideCase(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.caseDecision>, ctx: RequestContext) {
  const row = await caseRow(deps, actor, id);
  const origin = row.origin as 'screener' | 'report';
  if (!outcomeFits(origin, input.outcome)) throw fieldError('outcome', 'moderation_outcome_mismatch');
  if (row.status !== 'open') throw new AppError('moderation_case_decided', { status: row.status });
  const posting = input.outcome === 'take_down' || input.outcome === 'release' ? await moderatedPosting(deps, actor, row.posting_id) : null;
  const now = deps.clock.now();
  if (input.outcome === 'release' && posting?.status === 'screened' && posting.valid_through && posting.valid_through < now) throw new AppError('posting_valid_until_past');
  await command(deps, { actor, ctx }, async (c) => {
    const reason = input.reason ?? null;
    if (input.outcome === 'take_down' && posting) {
      const p = posting;
      if (p.status === 'taken_down') {
        // taken down already (straight from the posting, racing this case): the case records it
        if (!(await repo.closeCase(c.tx, row.key, { status: 'taken_down', reason: reason ?? p.takedown_reason, decided_by: actor.accountId, now }))) throw new AppError('moderation_case_decided', { status: 'changed' });
      } else {
        const closed = await takeDownIn(c, deps, actor, p, reason as string);
        if (!closed.includes(row.id)) throw new AppError('moderation_case_decided', { status: 'changed' });
      }
    } else {
      if (!(await repo.closeCase(c.tx, row.key, { status: CLOSED_AS[input.outcome], reason, decided_by: actor.accountId, now }))) throw new AppError('moderation_case_decided', { status: 'changed' });
      if (input.outcome === 'release' && posting?.status === 'screened') {
        const moved = await postingsRepo.updatePosting(c.tx, posting.key, ['screened'], {
          status: 'published',
          published_at: now,
          first_published_at: posting.first_published_at ?? now,
          updated_at: now,
        });
        if (moved) await postingsRepo.recordChanges(c.tx, [posting.key], { kind: 'created' }, now);
      }
    }
    c.audit({ action: 'market.moderation.decide', divisionCode: row.division_code, targetType: 'moderation_case', targetId: row.id, detail: { outcome: input.outcome, origin, postingId: row.posting_id, reason } });
  });
  return getCase(deps, actor, id);
}

/**
 * A report from anyone (no sign-in; rate-limited as an anonymous write): the posting named by its
 * page code must be open (published, not past its date), else 404 naming nothing. Opens the
 * posting's report case at its desk, or joins the open one. Audited with the category and the
 * case, never the text or the phone. Returns a reference the reporter may quote.
 */
export async function fileReport(deps: Deps, input: z.infer<typeof s.reportCreate>, ctx: RequestContext) {
  const code = readCode(input.code, POSTING_CODE_LENGTH);
  if (!code) throw fieldError('code', 'report_code_invalid');
  const posting = await postingsRepo.findPostingByCode(deps.db, REPORTS, code);
  const now = deps.clock.now();
  if (!posting || statusAt(posting, now) !== 'published') throw notFound();
  const r = await command(deps, { actor: null, ctx }, async ({ tx, audit }) => {
    const filed = await repo.fileReport(tx, REPORTS, posting, { category: input.category, body: input.text, contact_phone: input.contactPhone ?? null }, now);
    audit({ action: 'market.posting.report', divisionCode: posting.division_code, targetType: 'posting', targetId: posting.id, detail: { category: input.category, caseId: filed.case_id, reportId: filed.id, contact: input.contactPhone ? 'given' : 'none' } });
    return filed;
  });
  return { received: true as const, reference: r.id };
}

/**
 * What the report form under a job page shows: the open posting its code names (title, page path),
 * or null (not open, unknown, malformed: the phone shell answers, as for any /m/ path).
 */
export async function reportFormOf(deps: Deps, rawCode: string): Promise<{ title: string; code: string; jobPath: string } | null> {
  const code = readCode(rawCode, POSTING_CODE_LENGTH);
  const posting = code ? await postingsRepo.findPostingByCode(deps.db, REPORTS, code) : undefined;
  if (!posting || statusAt(posting, deps.clock.now()) !== 'published') return null;
  return { title: posting.title, code: posting.public_code, jobPath: `/m/jobs/${posting.public_code}` };
}
