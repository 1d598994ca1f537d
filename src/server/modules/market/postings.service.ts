// Postings written by employers (or officials for them): create, edit, publish (after the
// screener, issue 11), close; officials take down with a reason, the owner told through the outbox in the
// same transaction. Public reads list and open published postings of every division. Every write
// goes through command(); every change of a public posting writes its feed row in that transaction.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { labelAt } from '../../platform/labels.ts';
import { addDays, beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { z as zod } from 'zod';
import * as registry from '../registry/service.ts';
import { mayMove, mayTakeDown, mayWriteFor, mayWritePostings, moderatesOutside, type PostingAction, type Screener, type ScreenResult, screenPosting } from './access.ts';
import * as moderationRepo from './repository/moderation.ts';
import type { CommandContext } from '../../platform/command.ts';
import { cleanPostingLine, cleanPostingText, emptyKey } from './ingest/index.ts';
import { acceptsApplications, presentPosting, presentPublic, statusAt } from './presenters.ts';
import * as repo from './repository/postings.ts';
import { type ClosedReason, renderJobPage, renderTakenDownPage } from './jobpage.ts';
import type { JobPostingView } from './jobposting.ts';
import * as reference from '../reference/service.ts';
import { POSTING_CODE_LENGTH, readCode } from '../../../shared/printed-codes.ts';
import * as s from './schemas.ts';
import { analyzerOf, documentTexts } from './search/document.ts';
import { verdictOf } from './screener/categories.ts';
import { POSTING_TEXT_FIELDS, postingTextsOf, screenPostingText } from './screener/screen.ts';
import { employerSignal, SALARY_OUTLIER_SAMPLE, salarySignal } from './screener/signals.ts';

const PUBLIC = systemScope('public postings: published postings of every division (a named cross-division read)');
const cursorShape = zod.tuple([zod.string().regex(/^\d{6}$/), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/** Days a posting stays open when no valid-until date is given (issue 9: imported postings; the same for the form). */
export const DEFAULT_OPEN_DAYS = 30;

/**
 * The last instant a posting is open: a date `YYYY-MM-DD` means until 23:59:59 Asia/Shanghai that
 * day (issue 9), whatever the server's zone; an instant with an offset is taken as given.
 */
export function lastInstant(validUntil: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return new Date(beijingInstant(addDays(validUntil, 1)).getTime() - 1000);
  return new Date(validUntil);
}

/** The default last instant: the end of the Beijing day DEFAULT_OPEN_DAYS after `from`. */
export function defaultLastInstant(from: Date): Date {
  return lastInstant(addDays(beijingDate(from), DEFAULT_OPEN_DAYS));
}

export async function listPostings(deps: Deps, actor: Actor, q: z.infer<typeof s.postingsQuery>) {
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await repo.listPostings(deps.db, actor.scope, q, { limit: q.limit, after }, moderatesOutside(actor, deps.config.province));
  const now = deps.clock.now();
  return toPage(rows, q.limit, (r) => presentPosting(r, now), (r) => [r.division_code, r.id]);
}

/**
 * A posting in the actor's scope, or 404. `moderation`: also the postings the province moderates
 * outside it (reading and taking down; writing stays with the scope alone).
 */
async function postingRow(deps: Deps, actor: Actor, id: number, opts: { moderation?: boolean } = {}) {
  const row = await repo.findPosting(deps.db, actor.scope, id, opts.moderation ? moderatesOutside(actor, deps.config.province) : null);
  if (!row) throw notFound();
  return row;
}

export async function getPosting(deps: Deps, actor: Actor, id: number) {
  return presentPosting(await postingRow(deps, actor, id, { moderation: true }), deps.clock.now());
}

type Fields = z.infer<typeof s.postingUpdate>;

/** A text as stored (decision 0034: one reader for every door): the description keeps its lines (tags and entities out), every other field is one line. */
const cleanColumn = (field: string, text: string) => (field === 'description' ? cleanPostingText(text) : cleanPostingLine(text));

/** Form fields → columns (only those given), texts cleaned; 400 `title` posting_markup_only when the title is HTML tags only. */
function columns(input: Partial<Fields>) {
  const out: Record<string, unknown> = {};
  const map: Array<[keyof Fields, string]> = [
    ['title', 'title'],
    ['occupationCode', 'occupation_code'],
    ['industryCode', 'industry_code'],
    ['address', 'address'],
    ['headcount', 'headcount'],
    ['salaryMin', 'salary_min'],
    ['salaryMax', 'salary_max'],
    ['salaryUnit', 'salary_unit'],
    ['salaryMonths', 'salary_months'],
    ['education', 'education'],
    ['skillGrade', 'skill_grade'],
    ['experience', 'experience'],
    ['description', 'description'],
    ['benefits', 'benefits'],
    ['contact', 'contact'],
    ['employmentType', 'employment_type'],
    ['priorityGroups', 'priority_groups'],
  ];
  for (const [k, col] of map) if (input[k] !== undefined) out[col] = input[k];
  // texts as the posting reader cleans them (decision 0034: one reader for every door): a pasted
  // description loses its tags and entities, single-line fields their line breaks
  for (const col of ['title', 'description', 'address', 'education', 'skill_grade', 'experience', 'benefits', 'contact'] as const) if (typeof out[col] === 'string') out[col] = cleanColumn(col, out[col] as string);
  // the title is required: one of tags alone (<b></b>, <script>…</script>) is empty once cleaned,
  // refused as the import refuses it (the schema saw text; nothing is written)
  if (out.title === '') throw fieldError('title', emptyKey(input.title));
  if (input.validUntil !== undefined) out.valid_through = lastInstant(input.validUntil);
  // 面议: no unit means no salary at all (never 0)
  if (input.salaryUnit === null) Object.assign(out, { salary_min: null, salary_max: null, salary_months: null });
  return out;
}

/**
 * The employer a posting is written for: an employer's own account writes for itself; officials
 * name one in their reach; an agency administrator names one that has authorised it (a live grant;
 * any other employer answers 404, as one out of reach).
 */
async function employerFor(deps: Deps, actor: Actor, employerId: number | undefined) {
  if (!mayWritePostings(actor)) throw forbidden();
  if (actor.role === 'employer') {
    if (employerId !== undefined && employerId !== actor.employerId) throw fieldError('employerId', 'employer_own_only');
    return registry.getEmployer(deps, actor, actor.employerId as number);
  }
  if (employerId === undefined) throw fieldError('employerId', 'employer_needed');
  const employer = await registry.getEmployer(deps, actor, employerId);
  if (!mayWriteFor(actor, employer)) throw notFound();
  return employer;
}

/** A posting the actor may change: in its scope, and (for an agency) of an employer that authorises it now. */
async function writablePosting(deps: Deps, actor: Actor, id: number) {
  if (!mayWritePostings(actor)) throw forbidden();
  const row = await postingRow(deps, actor, id);
  if (row.employer_id === null ? actor.role === 'agency_admin' : !mayWriteFor(actor, { divisionCode: row.division_code, id: row.employer_id })) throw notFound();
  return row;
}

/**
 * The codes a posting names exist in their tables (the occupation table as loaded, GB/T 6565; the
 * industries of GB/T 4754-2017, any level): 400 naming occupationCode / industryCode otherwise,
 * before anything is written (else the foreign key would refuse it as a server error).
 */
async function requireKnownCodes(deps: Deps, set: Record<string, unknown>): Promise<void> {
  const occupation = set.occupation_code;
  if (typeof occupation === 'string' && !(await reference.knownOccupationCodes(deps, [occupation])).has(occupation)) throw fieldError('occupationCode', 'unknown_occupation', { code: occupation });
  const industry = set.industry_code;
  if (typeof industry === 'string' && !(await reference.findIndustry(deps, industry))) throw fieldError('industryCode', 'unknown_industry');
}

/** A posting's search document texts (decision 0041), from its fields as they will be stored. */
async function searchOf(deps: Deps, p: { title: string; employer_name: string; skill_grade?: unknown; benefits?: unknown; description?: unknown; division_code: string }) {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const analyzer = await analyzerOf(deps);
  return documentTexts(analyzer, { title: p.title, company: p.employer_name, skills: str(p.skill_grade), benefits: str(p.benefits), description: str(p.description), divisionCode: p.division_code });
}

/** Creates a draft for an employer (its county is the posting's; decision 0033). Returns the posting. */
export async function createPosting(deps: Deps, actor: Actor, input: z.infer<typeof s.postingCreate>, ctx: RequestContext) {
  const employer = await employerFor(deps, actor, input.employerId);
  const set = columns(input);
  const title = set.title as string;
  await requireKnownCodes(deps, set);
  const now = deps.clock.now();
  const search = await searchOf(deps, { ...set, title, employer_name: employer.name, division_code: employer.divisionCode });
  const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const k = await repo.insertPosting(tx, {
      division_code: employer.divisionCode,
      employer_id: employer.id,
      employer_name: employer.name,
      ...set,
      title,
      epidemic_supplies: employer.epidemicSuppliesProducer,
      status: 'draft',
      created_by: actor.accountId,
      created_at: now,
      updated_at: now,
    } as repo.NewPosting, search);
    audit({ action: 'market.posting.create', divisionCode: k.division_code, targetType: 'posting', targetId: k.id, detail: { title, employerId: employer.id } });
    return k;
  });
  return getPosting(deps, actor, key.id);
}

function refuse(status: string, action: PostingAction): never {
  if (action === 'publish') throw new AppError('posting_not_publishable', { status });
  if (action === 'edit') throw new AppError('posting_not_editable', { status });
  throw new AppError('posting_not_open', { status });
}

/**
 * The screener for the posting form while it is typed (issue 11): the title and description
 * cleaned as they would be stored, and their screening (offsets into those cleaned texts). Text
 * categories only: the false-information signals come when the posting is published. 403 for a
 * role that writes no postings. Stores nothing.
 */
export function screenPostingDraft(actor: Actor, input: z.infer<typeof s.screenInput>) {
  if (!mayWritePostings(actor)) throw forbidden();
  // cleaned as columns() cleans them for storing: the description keeps its lines, the rest are single lines
  const texts = Object.fromEntries(POSTING_TEXT_FIELDS.map(({ field }) => {
    const v = input[field];
    return [field, v ? cleanColumn(field, v) : ''];
  })) as Record<(typeof POSTING_TEXT_FIELDS)[number]['field'], string>;
  const r = screenPostingText(texts);
  return { verdict: r.verdict, ...texts, hits: r.hits };
}

/** The blocking hits of a screening as the refusal lists them: one detail per hit, under its field, saying what, why and what to write instead. */
function blocked(hits: ScreenResult['hits']): AppError {
  // the phrases that block, each a detail; those that would only ask for review show in the form's live check
  const blocking = hits.filter((h) => h.verdict !== 'review');
  return new AppError('posting_blocked', { count: blocking.length }, blocking.map((h) => ({
    field: h.field ?? undefined,
    // publish has no body whose schema names the field: its label from the posting schema
    label: h.field ? labelAt(s.postingUpdate, [h.field]) : undefined,
    key: 'screen_hit',
    params: { text: h.text, basis: h.basis ?? '', suggestion: h.suggestion ?? '' },
  })));
}

/**
 * A posting screened for publishing (issue 11): the screener over its title and description, then
 * the false-information signals that need the platform's postings — its salary against what open
 * postings of its unit, occupation major group and prefecture pay, its employer's name.
 */
async function screenForPublishing(deps: Deps, row: Parameters<typeof postingTextsOf>[0] & { title: string; division_code: string; occupation_code: string | null; salary_min: unknown; salary_max: unknown; salary_unit: string | null }, employerName: string | null, screen: Screener): Promise<ScreenResult> {
  const text = screen(postingTextsOf(row));
  const hits = [...text.hits];
  if (row.salary_unit && row.occupation_code) {
    const q = await repo.salaryQuantiles(deps.db, PUBLIC, { prefix: row.division_code.slice(0, 4), unit: row.salary_unit, group: row.occupation_code.slice(0, 1), sample: SALARY_OUTLIER_SAMPLE }, deps.clock.now());
    const hit = salarySignal({ min: row.salary_min === null ? null : Number(row.salary_min), max: row.salary_max === null ? null : Number(row.salary_max), unit: row.salary_unit }, q);
    if (hit) hits.push(hit);
  }
  const who = employerSignal(employerName);
  if (who) hits.push(who);
  return { verdict: verdictOf(hits as Array<{ verdict: 'block' | 'review' }>), hits };
}

/** Edits a posting still in draft, screened or published (a published one stays published: the stub screener passes it; the feed gets an update). */
export async function updatePosting(deps: Deps, actor: Actor, id: number, input: Fields, ctx: RequestContext, screen: Screener = screenPosting) {
  const row = await writablePosting(deps, actor, id);
  const now = deps.clock.now();
  const status = statusAt(row, now);
  if (!mayMove(status, 'edit')) refuse(status, 'edit');
  // a salary range is checked whole: the stored end that was not sent counts too
  const min = input.salaryMin !== undefined ? input.salaryMin : row.salary_min === null ? null : Number(row.salary_min);
  const max = input.salaryMax !== undefined ? input.salaryMax : row.salary_max === null ? null : Number(row.salary_max);
  if (input.salaryUnit !== null && min !== null && max !== null && min > max) throw fieldError('salaryMin', 'salary_min_over_max');
  if ((input.salaryMin != null || input.salaryMax != null) && input.salaryUnit === undefined && row.salary_unit === null) throw fieldError('salaryUnit', 'salary_unit_needed');
  const set = columns(input);
  await requireKnownCodes(deps, set);
  // the search document from the fields as they will be: the stored ones and those sent
  const search = await searchOf(deps, { ...row, ...set } as Parameters<typeof searchOf>[1]);
  if (status === 'published' && input.validUntil !== undefined && (set.valid_through as Date) < now) throw new AppError('posting_valid_until_past');
  // an edit of a public posting is screened again (issue 11): a block refuses the edit, nothing
  // written; a review puts it in its desk's queue (it stays public until an official takes it
  // down: the owner's edit is not held back)
  // a posting held in the queue is screened too: its open case gets the hits of the text as it is
  // now, so the official releases what is there, not what was
  const screened = status === 'published' || status === 'screened' ? screen(postingTextsOf({ ...row, ...set } as Parameters<typeof postingTextsOf>[0])) : { verdict: 'pass' as const, hits: [] };
  if (screened.verdict === 'block') throw blocked(screened.hits);
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const moved = await repo.updatePosting(tx, row.key, [row.status], { ...set, updated_at: now }, search);
    if (!moved) refuse('changed', 'edit');
    if (moved === 'screened') await moderationRepo.openScreenerCase(tx, row.key, screened.hits, now);
    if (moved === 'published') {
      if (screened.hits.length) {
        const c = await moderationRepo.openScreenerCase(tx, row.key, screened.hits, now);
        audit({ action: 'market.posting.flag', divisionCode: row.division_code, targetType: 'posting', targetId: id, detail: { caseId: c.id, hits: screened.hits.length } });
      }
      await repo.recordChanges(tx, [row.key], { kind: 'updated' }, now);
    }
    audit({ action: 'market.posting.update', divisionCode: row.division_code, targetType: 'posting', targetId: id, detail: { fields: Object.keys(input) } });
  });
  return getPosting(deps, actor, id);
}

/**
 * Publishes a draft: the screener (issue 11, screenForPublishing; `screen` lets a test pass
 * another) refuses it with 422 posting_blocked listing the hits when it blocks, else marks it screened, then it is published with the employer's
 * epidemic-supplies flag as it is now; open until its valid-until instant, by default the end of
 * the Beijing day 30 days on. 409 employer_not_approved unless the employer is approved and active
 * (registry.isApprovedEmployer), 409 posting_valid_until_past when the date has passed. The feed
 * gets a creation. A posting the screener flags stays `screened` (not public) and opens a case in
 * its county's moderation queue (decision 0037); releasing it there publishes it.
 */
export async function publishPosting(deps: Deps, actor: Actor, id: number, ctx: RequestContext, screen: Screener = screenPosting) {
  const row = await writablePosting(deps, actor, id);
  if (!mayMove(row.status, 'publish')) refuse(row.status, 'publish');
  // the county approved the employer (its own registration, or a bureau registered it) and it is
  // active: isApprovedEmployer says both; a posting of no employer row is never published here
  if (row.employer_id === null || !(await registry.isApprovedEmployer(deps, row.division_code, row.employer_id))) throw new AppError('employer_not_approved');
  const employer = await registry.getEmployer(deps, actor, row.employer_id);
  const now = deps.clock.now();
  const validThrough = row.valid_through ?? defaultLastInstant(now);
  if (validThrough < now) throw new AppError('posting_valid_until_past');
  const screened = await screenForPublishing(deps, row, employer.name, screen);
  // discrimination or a fee asked of applicants: not published, the hits said (nothing written)
  if (screened.verdict === 'block') throw blocked(screened.hits);
  if (screened.hits.length) {
    await command(deps, { actor, ctx }, async ({ tx, audit }) => {
      const moved = await repo.updatePosting(tx, row.key, ['draft', 'screened'], { status: 'screened', screened_at: now, valid_through: validThrough, updated_at: now });
      if (!moved) refuse('changed', 'publish');
      const c = await moderationRepo.openScreenerCase(tx, row.key, screened.hits, now);
      audit({ action: 'market.posting.flag', divisionCode: row.division_code, targetType: 'posting', targetId: id, detail: { caseId: c.id, hits: screened.hits.length } });
    });
    return getPosting(deps, actor, id);
  }
  // the employer's name as it is now is part of the document
  const search = await searchOf(deps, { ...row, employer_name: employer.name });
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const moved = await repo.updatePosting(tx, row.key, ['draft', 'screened'], {
      status: 'published',
      screened_at: now,
      published_at: now,
      first_published_at: row.first_published_at ?? now,
      valid_through: validThrough,
      epidemic_supplies: employer.epidemicSuppliesProducer,
      employer_name: employer.name,
      updated_at: now,
    }, search);
    if (!moved) refuse('changed', 'publish');
    await repo.recordChanges(tx, [row.key], { kind: 'created' }, now);
    audit({ action: 'market.posting.publish', divisionCode: row.division_code, targetType: 'posting', targetId: id, detail: { screener: 'pass', validThrough: validThrough.toISOString() } });
  });
  return getPosting(deps, actor, id);
}

/** Closes an open posting (the employer filled it); the feed gets a removal. */
export async function closePosting(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const row = await writablePosting(deps, actor, id);
  const now = deps.clock.now();
  const status = statusAt(row, now);
  if (!mayMove(status, 'close')) refuse(status, 'close');
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const moved = await repo.updatePosting(tx, row.key, ['published'], { status: 'closed', ended_at: now, updated_at: now });
    if (!moved) refuse('changed', 'close');
    await repo.recordChanges(tx, [row.key], { kind: 'removed', reason: 'closed' }, now);
    audit({ action: 'market.posting.close', divisionCode: row.division_code, targetType: 'posting', targetId: id });
  });
  return getPosting(deps, actor, id);
}

/**
 * An official takes a posting down with a reason: it leaves every public list and page; a posting
 * that was public gets a feed removal; the owning employer is told (an in-app message, outbox, same
 * transaction); every moderation case still open on it closes as taken down. Imported postings have
 * no account to tell (their source is named in the audit). The province's officials also take down
 * postings placed outside the province (decision 0037).
 */
export async function takeDownPosting(deps: Deps, actor: Actor, id: number, reason: string, ctx: RequestContext) {
  if (!mayTakeDown(actor)) throw forbidden();
  const row = await postingRow(deps, actor, id, { moderation: true });
  if (!mayMove(row.status, 'take_down')) refuse(row.status, 'take_down');
  await command(deps, { actor, ctx }, (c) => takeDownIn(c, deps, actor, row, reason));
  return getPosting(deps, actor, id);
}

/**
 * The one take-down path (the posting's route and a moderation case's decision both come here),
 * inside the caller's command: moves the posting, writes the feed removal, tells the owner through
 * the outbox, closes the posting's open cases, audits. 409 when the posting had moved on.
 * Returns the ids of the cases it closed.
 */
export async function takeDownIn(c: CommandContext, deps: Deps, actor: Actor, row: repo.PostingRow & { key: repo.PostingKey }, reason: string): Promise<number[]> {
  const { tx, audit, send } = c;
  const now = deps.clock.now();
  const id = row.id;
  // a draft never given a valid-until date ends now (an ended posting has its last instant: the table's CHECK)
  const moved = await repo.updatePosting(tx, row.key, [row.status], { status: 'taken_down', takedown_reason: reason, ended_at: now, updated_at: now, ...(row.valid_through === null ? { valid_through: now } : {}) });
  if (!moved) refuse('changed', 'take_down');
  // a posting still public until now leaves the feed; one already closed or expired has left it
  if (row.status === 'published') await repo.recordChanges(tx, [row.key], { kind: 'removed', reason: 'taken_down' }, now);
  if (row.employer_id !== null) {
    await send({
      divisionCode: row.division_code,
      channel: 'inapp',
      recipient: `employer:${row.division_code}:${row.employer_id}`,
      template: 'market_posting_taken_down',
      payload: { postingId: id, title: row.title, reason, at: now.toISOString() },
      idempotency_key: `market.posting.take-down:${row.division_code}:${id}`,
    });
  }
  const closed = await moderationRepo.closeCasesOfPosting(tx, row.key, { reason, decided_by: actor.accountId, now });
  audit({ action: 'market.posting.take_down', divisionCode: row.division_code, targetType: 'posting', targetId: id, detail: { reason, source: row.source_platform ? `${row.source_platform}:${row.source_id}` : null, cases: closed } });
  return closed;
}

/** A posting for the moderation desk (the actor's scope and the province's reach outside it), or 404. */
export function moderatedPosting(deps: Deps, actor: Actor, id: number) {
  return postingRow(deps, actor, id, { moderation: true });
}

/** The public list: open postings only (published and not past their last instant at the clock's now), simple filters. */
export async function listPublicPostings(deps: Deps, q: z.infer<typeof s.publicPostingsQuery>) {
  const after = decodeCursor(q.cursor, cursorShape);
  const now = deps.clock.now();
  const rows = await repo.listOpenPostings(deps.db, PUBLIC, q, now, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentPublic(r, now), (r) => [r.division_code, r.id]);
}

/** The public page: a posting that is or was published (an ended one says so: status, open = false); others 404. */
/** Years of experience from what the form or file said ('3', '1 年', '2年以上'); null when it says something else. */
function experienceYears(text: string): number | null {
  const m = /^(\d{1,2})\s*(?:年(?:以上)?)?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/**
 * A posting's public page as HTML (renderJobPage) with its status, by the code printed in its
 * address (/m/jobs/{code}, docs/urls.md; read leniently: lower case, O for 0, separators). Every
 * posting that was ever public keeps its page: open, or saying it closed or expired (200, with no
 * markup and no application), or saying it was taken down — 410 and nothing of the posting
 * (renderTakenDownPage), as the public API's 404. A draft's code, an unknown or a malformed one:
 * null (the route hands the path to the phone shell, as every /m/ path it does not know).
 * Place names from the division tree (the county; its province for addressRegion). Canonical URL
 * from YUNQIAO_PUBLIC_BASE_URL when set. directApply is true while a seeker can apply on the
 * platform (open, written by a registered employer: acceptsApplications, decision 0036); an
 * imported posting is applied to at its source.
 */
export async function renderPublicPostingPage(deps: Deps, rawCode: string): Promise<{ status: 200 | 410; html: string } | null> {
  const code = readCode(rawCode, POSTING_CODE_LENGTH);
  const row = code ? await repo.findPostingByCode(deps.db, PUBLIC, code) : undefined;
  if (!row) return null;
  const now = deps.clock.now();
  const status = statusAt(row, now);
  const path = `/m/jobs/${row.public_code}`;
  const base = deps.config.publicBaseUrl?.replace(/\/$/, '') ?? '';
  // taken down: the notice alone, as the public API answers 404 (nothing of the posting is served)
  if (status === 'taken_down') return { status: 410, html: renderTakenDownPage({ platformName: '云桥', url: `${base}${path}` }) };
  const isProvince = /^\d{2}0000$/.test(row.division_code);
  const known = row.division_code !== repo.UNRESOLVED_DIVISION && row.division_name !== null;
  let provinceName: string | null = null;
  if (known && isProvince) provinceName = row.division_name ?? null;
  else if (known) {
    const p = await reference.checkDivision(deps, `${row.division_code.slice(0, 2)}0000`);
    provinceName = 'division' in p && p.division ? p.division.name : null;
  }
  const html = renderJobPage(
    {
      id: row.id,
      title: row.title,
      description: row.description,
      employer: { legalName: row.employer_name, shortName: null },
      place: { localityName: known && !isProvince ? (row.division_name ?? null) : null, provinceName },
      address: row.address || null,
      headcount: row.headcount,
      salaryMin: row.salary_min === null ? null : Number(row.salary_min),
      salaryMax: row.salary_max === null ? null : Number(row.salary_max),
      salaryUnit: row.salary_unit as JobPostingView['salaryUnit'],
      monthsPaid: row.salary_months,
      benefits: row.benefits.split(/[、,，;；\n]+/).map((b) => b.trim()).filter(Boolean),
      employmentType: row.employment_type,
      experienceYears: experienceYears(row.experience),
      publishedAt: row.first_published_at ?? row.published_at ?? now,
      validThrough: row.valid_through,
      open: status === 'published',
      directApply: acceptsApplications(row, now),
    },
    { platformName: '云桥', url: `${base}${path}`, applyUrl: `${base}/m/apply/${row.id}`, reportUrl: `${path}/report`, closed: status === 'published' ? undefined : (status as ClosedReason) },
  );
  return { status: 200, html };
}

export async function getPublicPosting(deps: Deps, id: number) {
  const row = await repo.findPublicPosting(deps.db, PUBLIC, id);
  if (!row) throw notFound();
  return presentPublic(row, deps.clock.now());
}
