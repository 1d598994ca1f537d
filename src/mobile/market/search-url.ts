// The phone search page's state lives in its URL (issue 10): /m/jobs?q=普工&division=5301&… uses
// the search API's own parameter names (GET /api/v1/postings/search), so a link shared in a chat
// group opens the same search and the back button steps through earlier ones. Values are passed
// on as written: a link someone edited by hand gets the server's 400, naming the field, rather than
// a search quietly different from the one shared. And the split of a hit's text into plain and
// marked parts from the API's highlight offsets (rendered as text nodes and <mark>, never as HTML).
// Pure: no React, no fetch (search-url.test.ts).
import type { paths } from '../../web/api/schema.d.ts';

export type SearchApiQuery = NonNullable<paths['/api/v1/postings/search']['get']['parameters']['query']>;
export type SalaryUnit = NonNullable<SearchApiQuery['salaryUnit']>;
export type OpenTo = NonNullable<SearchApiQuery['openTo']>;

/** What the page searches for: each value as the URL holds it, '' when unset. */
export type SearchState = {
  q: string;
  /** A prefecture's 4 digits or a county's 6 ('' for the whole province). */
  division: string;
  salaryMin: string;
  salaryMax: string;
  salaryUnit: string;
  education: string;
  /** Days: 3, 7 or 30 from the page (any whole number from a link). */
  postedWithin: string;
  openTo: string;
  /** 'true': producers of epidemic-prevention supplies only. */
  priority: string;
  /** 'relevance' (the default, left out of the URL) or 'newest'. */
  sort: string;
};

/** The URL's parameters, in the order a link writes them. */
export const SEARCH_KEYS = ['q', 'division', 'salaryMin', 'salaryMax', 'salaryUnit', 'education', 'postedWithin', 'openTo', 'priority', 'sort'] as const satisfies readonly (keyof SearchState)[];

export const EMPTY_SEARCH: SearchState = { q: '', division: '', salaryMin: '', salaryMax: '', salaryUnit: '', education: '', postedWithin: '', openTo: '', priority: '', sort: '' };

/** The filters of the 筛选 panel (education, posted within, open to, priority employer). */
export const MORE_KEYS = ['education', 'postedWithin', 'openTo', 'priority'] as const satisfies readonly (keyof SearchState)[];

/** The search a URL's query string holds (other parameters ignored; values trimmed). */
export function readSearch(params: URLSearchParams): SearchState {
  const out = { ...EMPTY_SEARCH };
  for (const k of SEARCH_KEYS) out[k] = (params.get(k) ?? '').trim();
  if (out.sort === 'relevance') out.sort = '';
  return out;
}

/** The query string of a search, without '?': set values only, in SEARCH_KEYS' order, so one search is one URL. */
export function writeSearch(s: SearchState): string {
  const p = new URLSearchParams();
  for (const k of SEARCH_KEYS) {
    const v = s[k].trim();
    if (v && !(k === 'sort' && v === 'relevance')) p.set(k, v);
  }
  return p.toString();
}

/** How many of the 筛选 panel's filters are set. */
export const moreCount = (s: SearchState): number => MORE_KEYS.filter((k) => s[k] !== '').length;

/** True when anything beyond the words and the order narrows the search. */
export const hasFilters = (s: SearchState): boolean => s.division !== '' || s.salaryMin !== '' || s.salaryMax !== '' || s.salaryUnit !== '' || moreCount(s) > 0;

/**
 * The API query of a search (without limit and cursor). Numbers are sent as the URL wrote them
 * (an unreadable one becomes NaN, which the server refuses with the field's name); a salary bound
 * without its unit asks per month, the page's default.
 */
export function apiQuery(s: SearchState): SearchApiQuery {
  const q: SearchApiQuery = {};
  if (s.q) q.q = s.q;
  if (s.division) q.division = s.division;
  if (s.salaryMin) q.salaryMin = Number(s.salaryMin);
  if (s.salaryMax) q.salaryMax = Number(s.salaryMax);
  if (s.salaryUnit) q.salaryUnit = s.salaryUnit as SalaryUnit;
  else if (s.salaryMin || s.salaryMax) q.salaryUnit = 'MONTH';
  if (s.education) q.education = s.education;
  if (s.postedWithin) q.postedWithin = Number(s.postedWithin);
  if (s.openTo) q.openTo = s.openTo as OpenTo;
  if (s.priority) q.priority = s.priority as 'true' | 'false';
  if (s.sort) q.sort = s.sort as 'relevance' | 'newest';
  return q;
}

/** A piece of a hit's title or snippet: marked when it is one of the words searched for. */
export type TextPart = { text: string; mark: boolean };

/**
 * `text` cut at the API's highlight spans ([start, end) in UTF-16 code units): plain and marked
 * parts that join back to `text`. Spans out of order, overlapping, empty or beyond the text are
 * sorted, merged, clamped or dropped, so a bad offset can never lose or repeat a character;
 * plain and marked parts alternate.
 */
export function markParts(text: string, spans: ReadonlyArray<ReadonlyArray<number>>): TextPart[] {
  const clamp = (n: number | undefined) => Math.min(text.length, Math.max(0, Math.trunc(n !== undefined && Number.isFinite(n) ? n : 0)));
  const sorted = spans.map(([a, b]) => [clamp(a), clamp(b)] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const parts: TextPart[] = [];
  let at = 0;
  for (const [a, b] of sorted) {
    const start = Math.max(a, at);
    if (b <= start) continue;
    const last = parts[parts.length - 1];
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    else if (last?.mark) {
      // touching or overlapping the span before: one mark
      last.text += text.slice(start, b);
      at = b;
      continue;
    }
    parts.push({ text: text.slice(start, b), mark: true });
    at = b;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** "4,000–6,000", "4,000+", "≤6,000": a salary range in grouped digits ('' when neither end is known). */
export function salaryRange(min: number | null, max: number | null): string {
  const n = (v: number) => v.toLocaleString('zh-CN');
  if (min !== null && max !== null) return min === max ? n(min) : `${n(min)}–${n(max)}`;
  if (min !== null) return `${n(min)}+`;
  if (max !== null) return `≤${n(max)}`;
  return '';
}
