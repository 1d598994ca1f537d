// A set of literal words found in text by their first character (a table of 65,536 flags) and a
// comparison of the few words that start with it: the screener's prefilter and its per-category
// word checks (issue 11). One pass over the text; a regular expression of hundreds of
// alternatives (the place names) tries every alternative at every position instead.

export class LiteralSet {
  private readonly first = new Uint8Array(0x10000);
  private readonly byFirst = new Map<number, string[]>();

  /** `words`: non-empty strings (duplicates ignored); longer words are tried first. */
  constructor(words: Iterable<string>) {
    for (const w of new Set(words)) {
      if (!w) continue;
      const c = w.charCodeAt(0);
      this.first[c] = 1;
      const list = this.byFirst.get(c);
      if (list) list.push(w);
      else this.byFirst.set(c, [w]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }

  /** The index of the first word of the set in `text[from, to)`, or -1. O(length × words per first character). */
  find(text: string, from = 0, to = text.length): number {
    const first = this.first;
    for (let i = from; i < to; i++) {
      if (first[text.charCodeAt(i)] !== 1) continue;
      for (const w of this.byFirst.get(text.charCodeAt(i)) as string[]) if (i + w.length <= to && text.startsWith(w, i)) return i;
    }
    return -1;
  }

  /** Whether `text[from, to)` holds a word of the set. */
  test(text: string, from = 0, to = text.length): boolean {
    return this.find(text, from, to) >= 0;
  }
}
