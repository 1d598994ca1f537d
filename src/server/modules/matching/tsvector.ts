// PostgreSQL's text form of a tsvector, read back into weighted token lists (the matcher's BM25
// reads a posting's stored search document rather than segmenting its text again).

/**
 * The lexemes of a tsvector's text output by weight, each repeated once per position:
 * `'叉车':1A,4C 'c':2B` → { A: ['叉车'], B: ['c'], C: ['叉车'], D: [] }. A position with no weight
 * letter is D. A lexeme without positions (a stripped tsvector) counts once as D. Quotes inside a
 * lexeme are doubled in the text form ('it''s'). Never throws: text it cannot read ends the parse.
 */
export function parseTsvector(text: string): { A: string[]; B: string[]; C: string[]; D: string[] } {
  const out = { A: [] as string[], B: [] as string[], C: [] as string[], D: [] as string[] };
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n || text[i] !== "'") break;
    i++;
    let word = '';
    for (;;) {
      const q = text.indexOf("'", i);
      if (q < 0) return out;
      word += text.slice(i, q);
      if (text[q + 1] === "'") {
        word += "'";
        i = q + 2;
        continue;
      }
      i = q + 1;
      break;
    }
    if (text[i] !== ':') {
      out.D.push(word);
      continue;
    }
    i++;
    while (i < n && text[i] !== ' ') {
      const from = i;
      while (i < n && (text[i] as string) >= '0' && (text[i] as string) <= '9') i++;
      const w = text[i];
      if (w === 'A' || w === 'B' || w === 'C' || w === 'D') {
        out[w].push(word);
        i++;
      } else if (i > from) out.D.push(word);
      if (text[i] === ',') i++;
      else if (i < n && text[i] !== ' ') return out; // not a position list: stop reading
    }
  }
  return out;
}

/** What a position of each weight counts for in a posting's words (title A, skills/benefits/employer B, description C; D, the place tokens, not at all): score.ts postingWords. */
export const WEIGHT_COUNTS = { A: 3, B: 1.5, C: 1 } as const;

const NONE: readonly string[] = [];
const byLengthOf = new WeakMap<ReadonlySet<string>, Map<number, string[]>>();
/** A set of words by their lengths, kept while the set lives (one seeker's words are compared with each of their candidates). */
function lengthsOf(words: ReadonlySet<string>): Map<number, string[]> {
  let m = byLengthOf.get(words);
  if (!m) {
    m = new Map();
    for (const w of words) m.set(w.length, [...(m.get(w.length) ?? []), w]);
    byLengthOf.set(words, m);
  }
  return m;
}

/**
 * A posting's words with their weighted counts and their sum (BM25's document length) straight
 * from a tsvector's text form, in one pass without token lists: the same numbers as
 * postingWords(parseTsvector(text)) (counts are multiples of 0.5, so exact in any order), read
 * the same way (a doubled quote is a quote; text it cannot read ends the parse). With `only`, the
 * counts of those words alone — all a seeker's score reads (scoreMatch looks up the seeker's
 * words) — while the length still counts every position. Never throws.
 */
export function weightedWordsOf(text: string, only?: ReadonlySet<string>): { words: Map<string, number>; length: number } {
  const words = new Map<string, number>();
  // the words asked for by length: a lexeme is compared in place (startsWith), not cut out, unless it may be one of them
  const byLength = only ? lengthsOf(only) : undefined;
  let length = 0;
  let word: string | undefined;
  let sum = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n || text.charCodeAt(i) !== 39) break;
    const start = ++i;
    let q = text.indexOf("'", i);
    if (q < 0) break;
    if (text.charCodeAt(q + 1) === 39) {
      // a doubled quote inside the lexeme: cut out and unquoted
      word = text.slice(start, q);
      while (text.charCodeAt(q + 1) === 39) {
        i = q + 2;
        q = text.indexOf("'", i);
        if (q < 0) return { words, length };
        word += `'${text.slice(i, q)}`;
      }
      if (only && !only.has(word)) word = undefined;
    } else if (!only) word = text.slice(start, q);
    else {
      word = undefined;
      for (const w of byLength?.get(q - start) ?? NONE) {
        if (text.startsWith(w, start)) {
          word = w;
          break;
        }
      }
    }
    i = q + 1;
    if (text.charCodeAt(i) !== 58) continue; // no positions: counts as D
    i++;
    let bad = false;
    while (i < n && text.charCodeAt(i) !== 32) {
      const from = i;
      let c = text.charCodeAt(i);
      while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
      if (c === 65) sum += WEIGHT_COUNTS.A;
      else if (c === 66) sum += WEIGHT_COUNTS.B;
      else if (c === 67) sum += WEIGHT_COUNTS.C;
      if (c >= 65 && c <= 68) c = text.charCodeAt(++i);
      if (c === 44) i++;
      else if (i < n && c !== 32) {
        bad = true; // not a position list: stop reading after this lexeme's positions so far
        break;
      }
      if (i === from) break; // nothing read (cannot happen after the checks above; a guard against looping)
    }
    if (sum > 0 && word !== undefined) words.set(word, (words.get(word) ?? 0) + sum);
    length += sum;
    sum = 0;
    if (bad) break;
  }
  return { words, length };
}
