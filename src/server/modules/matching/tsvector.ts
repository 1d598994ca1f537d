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
