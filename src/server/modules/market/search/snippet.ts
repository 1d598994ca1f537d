// Highlighted snippets of search hits (issue 10, decision 0041): plain text and the spans of the
// words asked for, found after the same folding search uses (full-width and half-width alike,
// letter case ignored). Never HTML: the client renders text and marks the spans. Pure.
import type { QueryTerm } from './analyze.ts';
import { normalizeForSearch } from './normalize.ts';

/** A span [start, end) in UTF-16 code units. */
export type Span = [number, number];

/** Characters of a snippet at most (before the ellipses). */
export const SNIPPET_LENGTH = 100;

/**
 * The surface forms to mark for a query: each term's Chinese phrase as written (its lexemes side by
 * side) and the query's runs of letters, digits and symbols as typed (C++, .net, s7-1200), folded.
 */
export function highlightWords(q: string, terms: readonly QueryTerm[]): string[] {
  const words = new Set<string>();
  for (const t of terms) if (t.phrase.every((l) => /^\p{sc=Han}+$/u.test(l))) words.add(t.phrase.join(''));
  for (const run of normalizeForSearch(q).split(/[\s\p{sc=Han}]+/u)) {
    const w = run.replace(/^[^\p{L}\p{N}.]+|[^\p{L}\p{N}+#]+$/gu, '');
    if (w) words.add(w);
  }
  // a lone letter or digit would mark every one in the text
  return [...words].filter((w) => (w.length > 1 || /\p{sc=Han}/u.test(w)) && w.length <= 64);
}

/** `text` folded per character (NFKC, lower case), with the index in `text` of each folded unit. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(i);
  return { folded, origin };
}

/** The spans of `words` in `text` (folded comparison), sorted, overlaps merged. */
export function findSpans(text: string, words: readonly string[]): Span[] {
  const { folded, origin } = fold(text);
  const spans: Span[] = [];
  for (const w of words) {
    for (let at = folded.indexOf(w); at !== -1 && spans.length < 200; at = folded.indexOf(w, at + w.length)) {
      spans.push([origin[at] as number, origin[at + w.length] as number]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/**
 * A window of the description around its first marked word (or its start), whitespace shown as
 * single spaces, '…' where it was cut, and the spans inside it. '' for an empty description.
 */
export function snippetOf(description: string, words: readonly string[]): { snippet: string; highlights: Span[] } {
  if (!description) return { snippet: '', highlights: [] };
  const spans = findSpans(description, words);
  const first = spans[0]?.[0] ?? 0;
  let start = Math.max(0, first - 30);
  // never cut a surrogate pair
  if (start > 0 && /[\udc00-\udfff]/u.test(description[start] ?? '')) start--;
  let end = Math.min(description.length, start + SNIPPET_LENGTH);
  if (end < description.length && /[\udc00-\udfff]/u.test(description[end] ?? '')) end++;
  const lead = start > 0 ? '…' : '';
  const body = description.slice(start, end).replace(/\s/gu, ' ');
  const snippet = `${lead}${body}${end < description.length ? '…' : ''}`;
  const highlights: Span[] = spans
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]) => [a - start + lead.length, b - start + lead.length]);
  return { snippet, highlights };
}
