// The screener's hits on the posting form (issue 11): the sentence a hit sits in, for showing it,
// and the edit its suggestion makes. Offsets are UTF-16 code units of the cleaned text the screen
// endpoint returned, so both work on that text, never on what the field held before.

/** A wording suggestion replaces the phrase; one in full-width brackets is advice: the phrase goes. */
export const isAdvice = (suggestion: string) => suggestion.startsWith('（');

const SENTENCE_END = /[。！？!?；;\n]/;
const SEPARATOR = /[，、；,;]/;
const CONTEXT = 40;

/** The text around [start, end): back to the previous sentence end, on to the next one (inclusive), at most CONTEXT characters each way. */
export function sentenceAround(text: string, start: number, end: number): { before: string; match: string; after: string; cutBefore: boolean; cutAfter: boolean } {
  let from = start;
  while (from > 0 && start - from < CONTEXT && !SENTENCE_END.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && to - end < CONTEXT && !SENTENCE_END.test(text[to - 1] ?? '')) to++;
  // the sentence end closing the match itself stays with it
  if (to > end && SENTENCE_END.test(text[to - 1] ?? '') && text[to - 1] === '\n') to--;
  return {
    before: text.slice(from, start),
    match: text.slice(start, end),
    after: text.slice(end, to),
    cutBefore: from > 0 && !SENTENCE_END.test(text[from - 1] ?? ''),
    cutAfter: to < text.length && !SENTENCE_END.test(text[to - 1] ?? ''),
  };
}

/**
 * `text` with [start, end) replaced by `suggestion`, or, for advice, removed — with the separator
 * the removal leaves doubled (「要求，已婚已育，能吃苦」 → 「要求，能吃苦」) or leading a sentence dropped.
 */
export function applySuggestion(text: string, start: number, end: number, suggestion: string): string {
  if (!isAdvice(suggestion)) return text.slice(0, start) + suggestion + text.slice(end);
  const before = text.slice(0, start);
  let after = text.slice(end);
  const prev = before.at(-1);
  if (SEPARATOR.test(after[0] ?? '') && (prev === undefined || SEPARATOR.test(prev) || SENTENCE_END.test(prev))) after = after.slice(1);
  else if (SEPARATOR.test(prev ?? '') && (after === '' || SENTENCE_END.test(after[0] ?? ''))) return before.slice(0, -1) + after;
  return before + after;
}
