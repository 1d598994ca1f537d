// Job search (issue 10, decision 0041): GET /postings/search, public. A person's words become the
// analyzer's terms (decision 0039) and then tsquery text; open postings only; relevance or newest;
// a keyset cursor that names its order, its query and its filters, so a cursor of another walk
// is a 400 and never a silently restarted one. And the reindex step that fills the documents of
// postings written before the analyzer (or by an older one).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { z as zod } from 'zod';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { fieldError } from '../../http/errors.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { beijingIso } from './presenters.ts';
import * as repo from './repository/search.ts';
import { UNRESOLVED_DIVISION } from './repository/postings.ts';
import { tsqueryText } from './search/analyze.ts';
import { analyzerOf, documentTexts } from './search/document.ts';
import { findSpans, highlightWords, snippetOf } from './search/snippet.ts';
import type * as s from './schemas.ts';

const PUBLIC = systemScope('job search: open postings of every division (a named cross-division read)');
const REINDEX = systemScope('search reindex: every posting whose stored document is missing or stale');

/**
 * Reading cursors: relevance [r, walk, mode, plan, rank | tier, published, id], newest [n, walk,
 * mode, published, id] — walk the query's fingerprint, mode a (all terms) | o (any term), plan x
 * (every match ranked: rank) | t (tiers walked newest first: the tier's index).
 */
/** The largest PostgreSQL real (float4): a cursor's rank beyond it is no rank the query printed. */
const REAL_MAX = 3.4028234e38;
/** A publication instant as printed (JSON text): within 1970–2199, as PostgreSQL reads it back. */
const posted = zod
  .string()
  .datetime({ offset: true })
  .refine((v) => {
    const t = Date.parse(v);
    return t >= Date.UTC(1970, 0, 1) && t < Date.UTC(2200, 0, 1);
  });
/** The smallest normal PostgreSQL real: a rank nearer 0 than this (but not 0) is none the query printed (it would not read back). */
const REAL_MIN = 1.175494e-38;
const rowId = zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rankedCursor = zod.tuple([zod.literal('r'), zod.string().max(32), zod.enum(['a', 'o']), zod.literal('x'), zod.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/).refine((v) => Math.abs(Number(v)) <= REAL_MAX && (Number(v) === 0 || Math.abs(Number(v)) >= REAL_MIN)), posted, rowId]);
const tierCursor = zod.tuple([zod.literal('r'), zod.string().max(32), zod.enum(['a', 'o']), zod.literal('t'), zod.number().int().min(0).max(7), posted, rowId]);
const newestCursor = zod.tuple([zod.literal('n'), zod.string().max(32), zod.enum(['a', 'o']), posted, rowId]);

type Query = z.infer<typeof s.searchQuery>;

/** What a walk is: its words as terms and its filters; a cursor is only good for the walk it came from. */
function fingerprint(tsquery: string, q: Query): string {
  const { cursor: _c, limit: _l, q: _words, ...rest } = q;
  return createHash('sha256').update(JSON.stringify([tsquery, Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))])).digest('base64url').slice(0, 16);
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** A search query's filters, as the repository takes them (the search and its facets read the same). */
export function searchFilterOf(q: Query): repo.SearchFilter {
  return {
    division: q.division,
    occupation: q.occupation,
    salaryMin: q.salaryMin,
    salaryMax: q.salaryMax,
    salaryUnit: q.salaryUnit,
    education: q.education,
    postedWithin: q.postedWithin,
    priority: q.priority,
    openTo: q.openTo,
  };
}

/**
 * The tiers of a relevance walk over many matches (decision 0042), best first: postings with
 * every word in the head (title, skills, benefits, employer), then with every word anywhere;
 * for any-term mode then with some word in the head, then anywhere; no words: every posting.
 * With `boost`, each tier's priority postings (M3) come before its others.
 */
export function relevanceTiers(all: string, any: string, mode: 'a' | 'o', boost: boolean): repo.SearchTier[] {
  const base: Array<{ field: 'head' | 'document'; tsquery: string }> =
    all === '' ? [{ field: 'document', tsquery: '' }] : mode === 'a' ? [{ field: 'head', tsquery: all }, { field: 'document', tsquery: all }] : [{ field: 'head', tsquery: all }, { field: 'document', tsquery: all }, { field: 'head', tsquery: any }, { field: 'document', tsquery: any }];
  return base.flatMap((t, i) => {
    const tier = { ...t, not: base.slice(0, i) };
    return boost ? [{ ...tier, priority: true }, { ...tier, priority: false }] : [tier];
  });
}

type Hit = repo.SearchRow & { tier?: number };

/** Walks `tiers` from tier `from` (after `after` within it) until `want` rows are read or the tiers end. */
async function walkTiers(deps: Deps, tiers: repo.SearchTier[], filter: repo.SearchFilter, now: Date, want: number, from = 0, after?: { publishedAt: string; id: number }, sorted = false): Promise<Hit[]> {
  const out: Hit[] = [];
  for (let i = from; i < tiers.length && out.length < want; i++) {
    const rows = await repo.searchTier(deps.db, PUBLIC, tiers[i] as repo.SearchTier, filter, now, { limit: want - out.length, after: i === from ? after : undefined, sorted });
    for (const r of rows) out.push({ ...r, tier: i });
  }
  return out;
}

/**
 * One page of search hits: `{ items, next }`. Terms all required; on a first page that finds fewer
 * than `limit` postings with all of them, a query of several terms is asked again with any of them
 * (postings with more of the words first), and its cursors carry that mode.
 *
 * Relevance has two plans, chosen on the first page by the planner's estimate of the postings
 * with the words and the indexed facts (what ranking must read, whatever education and
 * posted-within then drop; and the words alone at most 20 times that), and carried by the
 * cursor (decision 0042): up to config.search.rankAllMax (YUNQIAO_SEARCH_RANK_ALL_MAX), every match
 * ranked by ts_rank_cd (title 1.0, skills/benefits/employer 0.4, description 0.2, place 0.1;
 * priority postings × 1.5 when `boost`); above it, the relevance tiers (relevanceTiers), each
 * newest first. `newest` is one ordered walk either way.
 * 400 `cursor` for a malformed cursor, or one of another order, query or filters. (A cursor
 * edited to name another plan or mode walks that plan from its key: every posting is public, so it
 * only reorders what the person may see anyway.)
 * Words that leave no search term (only symbols, `%`, `_`, emoji) find nothing: they match only
 * themselves, and no posting's lexemes hold them (case 05).
 */
export async function searchPostings(deps: Deps, q: Query) {
  const analyzer = await analyzerOf(deps);
  const terms = analyzer.queryTokens(q.q ?? '');
  if (!terms.length && q.q?.trim()) {
    if (q.cursor) throw fieldError('cursor', 'invalid_cursor');
    return { items: [], next: null };
  }
  const all = tsqueryText(terms, 'all');
  const any = tsqueryText(terms, 'any');
  const walk = fingerprint(all, q);
  const boost = q.boost === true;
  const filter = searchFilterOf(q);
  const want = q.limit + 1;
  const now = deps.clock.now();
  const rankAllMax = deps.config.search.rankAllMax;
  const tsq = (m: 'a' | 'o') => (m === 'a' ? all : any);
  let mode: 'a' | 'o' = 'a';
  let rows: Hit[];
  let plan: 'x' | 't' | 'n' = q.sort === 'relevance' ? 'x' : 'n';

  const { education: _e, postedWithin: _p, ...indexed } = filter;
  /**
   * Several words all required, estimated at most 20 × the bound together: their matches are
   * read from the index and sorted rather than found by walking the publication order, where the
   * planner (multiplying the words' frequencies as if independent) can expect a pair far denser
   * than it is (司机 五险一金: 4,200 expected, 1,370 there; the walk read 14,000 rows).
   */
  let estimateOfAll: Promise<number> | undefined;
  /** The planner's estimate of the open postings with all the words and the indexed filters (one EXPLAIN a request). */
  const estimate = (m: 'a' | 'o'): Promise<number> => {
    if (m === 'o') return repo.estimateOpenMatches(deps.db, PUBLIC, any, indexed, now);
    estimateOfAll ??= repo.estimateOpenMatches(deps.db, PUBLIC, all, indexed, now);
    return estimateOfAll;
  };
  const sorted = terms.length > 1 && (await estimate('a')) <= 20 * rankAllMax;
  const ranked = (m: 'a' | 'o', after?: repo.SearchAfter) => repo.searchOpenPostings(deps.db, PUBLIC, tsq(m), filter, now, { sort: q.sort, limit: q.limit, after, boost, sorted: m === 'a' && sorted });
  /** The first page's plan in mode m: tiers when there is no word or the estimate is above the bound. */
  const firstPage = async (m: 'a' | 'o'): Promise<Hit[]> => {
    if (q.sort === 'newest') return ranked(m);
    // what ranking reads is every posting with the words and the facts (the filters the index
    // serves, migration 0029); education and posted-within drop rows only after they were read
    // and the words' own lists, which the index walks before it intersects them with the facts and
    // the place: a common word in one county is few matches but a long list (bounded at 20 times)
    const many =
      all === '' ||
      (await estimate(m)) > rankAllMax ||
      (Object.values(indexed).some((v) => v !== undefined) && (await repo.estimateOpenMatches(deps.db, PUBLIC, tsq(m), {}, now)) > 20 * rankAllMax);
    plan = many ? 't' : 'x';
    return many ? walkTiers(deps, relevanceTiers(all, any, m, boost), filter, now, want, 0, undefined, m === 'a' && sorted) : ranked(m);
  };

  if (q.cursor) {
    if (q.sort === 'relevance') {
      const c = decodeCursor(q.cursor, zod.union([rankedCursor, tierCursor]));
      if (!c || c[1] !== walk) throw fieldError('cursor', 'invalid_cursor');
      mode = c[2];
      if (c[3] === 'x') {
        plan = 'x';
        rows = await ranked(mode, { rank: c[4] as string, publishedAt: c[5], id: c[6] });
      } else {
        const tiers = relevanceTiers(all, any, mode, boost);
        if ((c[4] as number) >= tiers.length) throw fieldError('cursor', 'invalid_cursor');
        plan = 't';
        rows = await walkTiers(deps, tiers, filter, now, want, c[4] as number, { publishedAt: c[5], id: c[6] }, mode === 'a' && sorted);
      }
    } else {
      const c = decodeCursor(q.cursor, newestCursor);
      if (!c || c[1] !== walk) throw fieldError('cursor', 'invalid_cursor');
      mode = c[2];
      rows = await ranked(mode, { publishedAt: c[3], id: c[4] });
    }
  } else {
    rows = await firstPage(mode);
    if (rows.length < q.limit && terms.length > 1) {
      mode = 'o';
      rows = await firstPage(mode);
    }
  }
  const more = rows.length > q.limit;
  const kept = more ? rows.slice(0, q.limit) : rows;
  const last = kept[kept.length - 1];
  const words = highlightWords(q.q ?? '', terms);
  const cursorOf = (r: Hit): Array<string | number> =>
    plan === 'n' ? ['n', walk, mode, r.published_key, Number(r.id)] : plan === 'x' ? ['r', walk, mode, 'x', r.rank, r.published_key, Number(r.id)] : ['r', walk, mode, 't', r.tier ?? 0, r.published_key, Number(r.id)];
  return {
    items: kept.map((r) => {
      const { snippet, highlights } = snippetOf(r.description, words);
      return {
        id: Number(r.id),
        code: r.public_code,
        title: r.title,
        company: r.employer_name,
        divisionCode: r.division_code === UNRESOLVED_DIVISION ? null : r.division_code,
        divisionName: r.division_name ?? null,
        salaryMin: r.salary_unit ? num(r.salary_min) : null,
        salaryMax: r.salary_unit ? num(r.salary_max) : null,
        salaryUnit: (r.salary_unit ?? null) as z.infer<typeof s.salaryUnit> | null,
        publishedAt: r.first_published_at ? beijingIso(r.first_published_at) : null,
        validThrough: r.valid_through ? beijingIso(r.valid_through) : null,
        epidemicSupplies: r.epidemic_supplies,
        priorityGroups: r.priority_groups as Array<'graduate' | 'migrant'>,
        snippet,
        highlights,
        titleHighlights: findSpans(r.title, words),
      };
    }),
    next: more && last ? encodeCursor(cursorOf(last)) : null,
  };
}

/** Postings the reindex step reads and writes at a time. */
export const REINDEX_BATCH = 500;

/**
 * Writes the search document of every posting whose document is missing or of an older analyzer
 * version (search/stored.ts SEARCH_VERSION), `batch` at a time, one statement per batch, until
 * none is left; idempotent, and one index probe when nothing is stale. Run at start-up (after the
 * migrations) and by `yunqiao search reindex`. Returns how many documents it wrote.
 */
export async function reindexSearch(deps: Deps, opts: { batch?: number } = {}): Promise<number> {
  const size = opts.batch ?? REINDEX_BATCH;
  let written = 0;
  let analyzer: Awaited<ReturnType<typeof analyzerOf>> | undefined;
  for (;;) {
    const rows = await repo.staleSearchRows(deps.db, REINDEX, size);
    if (!rows.length) return written;
    analyzer ??= await analyzerOf(deps);
    const a = analyzer;
    const n = await repo.writeSearchDocuments(
      deps.db,
      REINDEX,
      rows.map((r) => ({
        division_code: r.division_code,
        id: Number(r.id),
        texts: documentTexts(a, { title: r.title, company: r.employer_name, skills: r.skill_grade, benefits: r.benefits, description: r.description, divisionCode: r.division_code }),
      })),
    );
    written += n;
    // rows another writer made current in between are not stale any more: the next read skips them
    if (n === 0 && rows.length < size) return written;
  }
}
