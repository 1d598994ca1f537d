// Search facets (issue 10, decision 0043): GET /postings/search/facets, public. Counts of the
// open postings a search finds — by prefecture, major occupation group and salary band — for the
// same words (the search analyzer's terms, the same tsquery text) and filters, so a phone page can
// say "玉溪市 (12)" beside the list. Exact while the planner expects few matches; above
// FACET_EXACT_MAX counted over a fixed sample and scaled, and said to be approximate.
import type { z } from 'zod';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import * as repo from './repository/search.ts';
import { searchFilterOf } from './search.service.ts';
import { tsqueryText } from './search/analyze.ts';
import { analyzerOf } from './search/document.ts';
import type * as s from './schemas.ts';

const PUBLIC = systemScope('search facets: open postings of every division (a named cross-division read)');

/**
 * Above this many matches (the planner's estimate, repository estimateOpenMatches) facets are
 * counted over a sample of postings' blocks chosen to read about this many rows, and scaled.
 */
export const FACET_EXACT_MAX = 20_000;

/** The sample's REPEATABLE seed: fixed, so repeated calls read the same blocks and agree. (7 February 2020, the notice's date.) */
export const FACET_SAMPLE_SEED = 20200207;

export { SALARY_BANDS } from './repository/search.ts';

type Query = z.infer<typeof s.searchFacetsQuery>;
type Facets = z.infer<typeof s.searchFacets>;
type Unit = z.infer<typeof s.salaryUnit>;

/** Tests only: `samplePercent` counts over a sample of that percent of blocks whatever the estimate (the sampled branch on a small database). */
export type FacetOptions = { samplePercent?: number | undefined };

const UNIT_ORDER: ReadonlyArray<Unit | null> = ['MONTH', 'DAY', 'HOUR', 'YEAR', 'PIECE', null];


type Counted = { rows: repo.FacetRow[]; matches: number; percent?: number | undefined };

/** The sample's percent of blocks that reads about FACET_EXACT_MAX rows of a table of `rows`; undefined when that is the whole table. */
function percentFor(rows: number): number | undefined {
  if (!(rows > FACET_EXACT_MAX)) return undefined;
  return Number(((100 * FACET_EXACT_MAX) / rows).toPrecision(4));
}

/** One matching set's facet rows, exact or over a sample; `matches` the postings counted (in the sample when sampled, unscaled). */
async function countSet(deps: Deps, tsquery: string, filter: repo.SearchFilter, now: Date, opts: FacetOptions): Promise<Counted> {
  let percent = opts.samplePercent;
  if (percent === undefined && (await repo.estimateOpenMatches(deps.db, PUBLIC, tsquery, filter, now)) > FACET_EXACT_MAX) {
    percent = percentFor(await repo.estimatePostingsRows(deps.db, PUBLIC));
  }
  const rows = await repo.openFacetCounts(deps.db, PUBLIC, tsquery, filter, now, percent === undefined ? undefined : { percent, seed: FACET_SAMPLE_SEED });
  // every posting counted is in exactly one salary bucket (面议 included)
  const matches = rows.filter((r) => r.facet === 'salary').reduce((a, r) => a + r.count, 0);
  return { rows, matches, percent };
}

const byCount = (a: { code: string | null; count: number }, b: { code: string | null; count: number }) =>
  a.code === null ? 1 : b.code === null ? -1 : b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Band number `k` of `unit` as [min, max) in yuan (null ends open). */
function bandOf(unit: Unit, k: number): { min: number | null; max: number | null } {
  const t: readonly number[] = repo.SALARY_BANDS[unit];
  return { min: k > 0 ? (t[k - 1] ?? null) : null, max: k < t.length ? (t[k] ?? null) : null };
}

/**
 * The facets of a search (schemas.ts searchFacets): the postings search's first page walks from —
 * all the words, or any of them when several words find fewer than `limit` postings all together
 * (search.service.ts searchPostings falls back the same way). Exact when the planner estimates at
 * most FACET_EXACT_MAX matches; otherwise over TABLESAMPLE SYSTEM of about FACET_EXACT_MAX rows,
 * each count scaled by 100 / percent and rounded. Errors: the query schema's 400s only.
 */
export async function searchFacets(deps: Deps, q: Query, opts: FacetOptions = {}): Promise<Facets> {
  const analyzer = await analyzerOf(deps);
  const terms = analyzer.queryTokens(q.q ?? '');
  // words that leave no search term find nothing (search.service.ts searchPostings)
  if (!terms.length && q.q?.trim()) return { total: 0, approximate: false, match: 'all', prefectures: [], occupations: [], salaryBands: [] };
  const filter = searchFilterOf(q);
  const now = deps.clock.now();
  const all = tsqueryText(terms, 'all');
  let counted = await countSet(deps, all, filter, now, opts);
  let match: 'all' | 'any' = 'all';
  if (terms.length > 1 && counted.matches < q.limit) {
    // a sample's count below the page says nothing: count the first page as search reads it
    const fewer = counted.percent === undefined || (await repo.countOpenMatches(deps.db, PUBLIC, all, filter, now, q.limit)) < q.limit;
    if (fewer) {
      match = 'any';
      counted = await countSet(deps, tsqueryText(terms, 'any'), filter, now, opts);
    }
  }
  const { rows, percent } = counted;
  const scale = (n: number) => (percent === undefined ? n : Math.round((n * 100) / percent));
  const named = (facet: 'prefecture' | 'occupation') =>
    rows
      .filter((r) => r.facet === facet)
      .map((r) => ({ code: r.code, name: r.name, count: scale(r.count) }))
      .sort(byCount);
  const salaryBands = rows
    .filter((r) => r.facet === 'salary')
    .map((r) => {
      const unit = r.unit as Unit | null;
      const k = r.code === null ? null : Number(r.code);
      return { unit, k, band: unit === null || k === null ? null : bandOf(unit, k), count: scale(r.count) };
    })
    .sort((a, b) => UNIT_ORDER.indexOf(a.unit) - UNIT_ORDER.indexOf(b.unit) || (a.k ?? Number.MAX_SAFE_INTEGER) - (b.k ?? Number.MAX_SAFE_INTEGER))
    .map(({ unit, band, count }) => ({ unit, band, count }));
  return {
    total: scale(counted.matches),
    approximate: percent !== undefined,
    ...(percent === undefined ? {} : { sampleSize: counted.matches, samplePercent: percent }),
    match,
    prefectures: named('prefecture'),
    occupations: named('occupation'),
    salaryBands,
  };
}
