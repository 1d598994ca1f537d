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

/** Reading cursors: [order, walk, mode, rank?, published, id] — order r|n, walk the query's fingerprint, mode a (all terms) | o (any term). */
/** The largest PostgreSQL real (float4): a cursor's rank beyond it is no rank the query printed. */
const REAL_MAX = 3.4028234e38;
const relevanceCursor = zod.tuple([zod.literal('r'), zod.string().max(32), zod.enum(['a', 'o']), zod.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/).refine((v) => Math.abs(Number(v)) <= REAL_MAX), zod.string().datetime({ offset: true }), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);
const newestCursor = zod.tuple([zod.literal('n'), zod.string().max(32), zod.enum(['a', 'o']), zod.string().datetime({ offset: true }), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

type Query = z.infer<typeof s.searchQuery>;

/** What a walk is: its words as terms and its filters; a cursor is only good for the walk it came from. */
function fingerprint(tsquery: string, q: Query): string {
  const { cursor: _c, limit: _l, q: _words, ...rest } = q;
  return createHash('sha256').update(JSON.stringify([tsquery, Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))])).digest('base64url').slice(0, 16);
}

const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * One page of search hits: `{ items, next }`. Terms all required; on a first page that finds fewer
 * than `limit` postings with all of them, a query of several terms is asked again with any of them
 * (ranked: postings with more of the words first), and its cursors carry that mode.
 * 400 `cursor` for a malformed cursor, or one of another order, query or filters.
 */
export async function searchPostings(deps: Deps, q: Query) {
  const analyzer = await analyzerOf(deps);
  const terms = analyzer.queryTokens(q.q ?? '');
  const all = tsqueryText(terms, 'all');
  const walk = fingerprint(all, q);
  const filter: repo.SearchFilter = {
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
  let mode: 'a' | 'o' = 'a';
  let after: repo.SearchAfter | undefined;
  if (q.cursor) {
    if (q.sort === 'relevance') {
      const c = decodeCursor(q.cursor, relevanceCursor);
      if (!c) throw fieldError('cursor', 'invalid_cursor');
      if (c[1] !== walk) throw fieldError('cursor', 'invalid_cursor');
      mode = c[2];
      after = { rank: c[3], publishedAt: c[4], id: c[5] };
    } else {
      const c = decodeCursor(q.cursor, newestCursor);
      if (!c) throw fieldError('cursor', 'invalid_cursor');
      if (c[1] !== walk) throw fieldError('cursor', 'invalid_cursor');
      mode = c[2];
      after = { publishedAt: c[3], id: c[4] };
    }
  }
  const now = deps.clock.now();
  const run = (m: 'a' | 'o') => repo.searchOpenPostings(deps.db, PUBLIC, m === 'a' ? all : tsqueryText(terms, 'any'), filter, now, { sort: q.sort, limit: q.limit, after });
  let rows = await run(mode);
  if (!q.cursor && rows.length < q.limit && terms.length > 1) {
    mode = 'o';
    rows = await run(mode);
  }
  const more = rows.length > q.limit;
  const kept = more ? rows.slice(0, q.limit) : rows;
  const last = kept[kept.length - 1];
  const words = highlightWords(q.q ?? '', terms);
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
    next:
      more && last
        ? encodeCursor(q.sort === 'relevance' ? ['r', walk, mode, last.rank, last.published_key, Number(last.id)] : ['n', walk, mode, last.published_key, Number(last.id)])
        : null,
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
