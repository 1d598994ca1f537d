// The text analysis of job search (issue 10, decision 0039): the one way a posting's text becomes
// search lexemes and a query becomes search terms, so that what is stored and what is asked meet.
// PostgreSQL 18 embedded, and Debian's, have no Chinese parser (zhparser, pg_jieba, PGroonga,
// pg_bigm: none installable), so Chinese is segmented here, in Node, with jieba (@node-rs/jieba,
// its default dictionary plus the job jargon of jargon.dict.txt), and PostgreSQL only stores the
// words: `to_tsvector('simple', …)` of lexemes that its parser keeps as they are.
//
// Rules (both sides, so a query's words are always among the words of a posting that says the
// same thing):
//   - text is folded first (normalizeForSearch: NFKC, lower case, invisible characters removed);
//   - runs of Chinese characters go to jieba, HMM off: an unknown word is cut into single
//     characters the same way in every context (a query's phrase of single characters still finds
//     them side by side), where HMM's guesses vary with the neighbouring text;
//   - runs of other letters and digits with their symbols are read by symbols.ts (C++ → cplusplus,
//     C# → csharp, .NET → dotnet, JX-2024-031 → jx2024031, C/C++ → c or cplusplus);
//   - place names of the province are made whole (places.ts) and stand for their division:
//     a posting gets every name of a place its text names (红河州 → also 红河, 红河哈尼族彝族自治州)
//     and the division tokens of its own county and what is above it; a query's place name asks
//     for the name or the division (红河 → 红河 | dv532500);
//   - a posting also gets the dictionary words inside its longer words (jieba's search mode:
//     电焊工 → 电焊, 焊工, 电焊工), so a query for 电焊 finds 电焊工;
//   - a query does not require a lone Chinese character beside other words (在, 的, 招 in
//     在昆明招普工): a particle or a fragment; a query of one character alone still asks for it;
//   - punctuation, symbols and whitespace are never lexemes; every lexeme is letters and digits
//     only, 64 characters at most.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { DivisionInput } from '../ingest/region.ts';
import { normalizeForSearch } from './normalize.ts';
import { buildPlaceIndex, divisionToken, divisionTokens, mergePlaces, type PlaceIndex } from './places.ts';
import { MAX_LEXEME, WORD_RUN, wordRunLexemes } from './symbols.ts';

export { normalizeForSearch } from './normalize.ts';
export { MAX_LEXEME } from './symbols.ts';

/** jieba's HMM for unknown words: off (see the rules above). */
const HMM = false;

/** A run of Chinese characters (letters of the Han script: not 〇, not the radical symbols) or a word run. */
const TEXT_RUN = new RegExp(`([^\\P{L}\\P{sc=Han}]+)|(${WORD_RUN})`, 'gu');

/** One Chinese character. */
const LONE_HAN = /^\p{sc=Han}$/u;

/** The jargon dictionary's entries (`word frequency` lines), comments and blank lines left out. */
export function jargonEntries(): { word: string; frequency: number }[] {
  const text = readFileSync(join(import.meta.dirname, 'jargon.dict.txt'), 'utf8');
  const out: { word: string; frequency: number }[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    const m = /^(\S+) (\d+)$/u.exec(entry);
    if (!m) throw new Error(`jargon.dict.txt: not "word frequency": ${entry}`);
    out.push({ word: m[1] as string, frequency: Number(m[2]) });
  }
  return out;
}

let shared: Jieba | undefined;

/**
 * The process's segmenter: jieba with its default dictionary and the jargon, loaded on first use
 * (about 0.4 s). Read-only once loaded and the same for every app in the process, so kept here
 * like a compiled regular expression, not per app.
 */
export function segmenter(): Jieba {
  if (!shared) {
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(`${jargonEntries().map((e) => `${e.word} ${e.frequency}`).join('\n')}\n`));
    shared = jieba;
  }
  return shared;
}

/** What a posting says, as stored (issue 9's posting reader has cleaned it). */
export type PostingText = {
  title: string;
  /** The employer's name as shown on the posting. */
  company?: string | null;
  /** 技能: skills and certificates as listed. */
  skills?: string | null;
  /** 福利: benefits as listed (包吃住, 五险一金). */
  benefits?: string | null;
  description?: string | null;
  /** The county (or coarser division) of the posting, six digits. */
  divisionCode?: string | null;
};

/**
 * A posting's lexemes by weight, in text order (repeats kept: they count for ts_rank), each
 * letters and digits only, so `to_tsvector('simple', A.join(' '))` has exactly these lexemes:
 * A the title; B the skills, benefits and employer name; C the description; D the division
 * tokens (dv530102, dv530100, dv530000).
 */
export type WeightedTokens = { A: string[]; B: string[]; C: string[]; D: string[] };

/**
 * One thing a query asks for: the lexemes of `phrase` at consecutive positions (a single lexeme
 * when it has one), or any one of `alternatives`. 红河 → { phrase: ['红河'], alternatives:
 * ['dv532500'] }; C/C++ → { phrase: ['c'], alternatives: ['cplusplus'] }; an unknown word cut
 * into characters, 云栈 → { phrase: ['云', '栈'], alternatives: [] }.
 */
export type QueryTerm = { phrase: readonly string[]; alternatives: readonly string[] };

/**
 * How much of a query is read: its first `chars` characters after folding, and its first `terms`
 * distinct terms (the rest is dropped: "普工 " typed 4,000 times is one term). A route may refuse
 * a longer query with 400 instead; the analyzer never fails on one.
 */
export const QUERY_LIMITS = { chars: 256, terms: 16 } as const;

export type SearchAnalyzer = {
  /** A posting's weighted lexemes (see WeightedTokens). Never throws. */
  documentTokens(posting: PostingText): WeightedTokens;
  /** A query's terms, all of which a posting must match (see QueryTerm); [] for a query with no words. Never throws. */
  queryTokens(q: string): QueryTerm[];
  /** The province's place names, built from the divisions rows. */
  readonly places: PlaceIndex;
};

/**
 * The analyzer for the platform's province: `divisions` are the reference module's divisions rows
 * (code, name, level, parent_code, active), `province` the config's six-digit province code.
 * Build it once per process; the jieba segmenter is shared.
 */
export function createSearchAnalyzer(deps: { divisions: readonly DivisionInput[]; province: string }): SearchAnalyzer {
  const places = buildPlaceIndex(deps.divisions, deps.province);
  const jieba = segmenter();
  const inside = new Map<string, readonly string[]>();

  /** The dictionary words inside a longer word (jieba's search mode), memoised. */
  const subwords = (word: string): readonly string[] => {
    let found = inside.get(word);
    if (!found) {
      found = jieba.cutForSearch(word, HMM).filter((w) => w !== word);
      if (inside.size < 100_000) inside.set(word, found);
    }
    return found;
  };

  const fieldTokens = (raw: string | null | undefined, out: string[]) => {
    const text = normalizeForSearch(raw);
    for (const m of text.matchAll(TEXT_RUN)) {
      if (m[1]) {
        for (const { word, place } of mergePlaces(places, jieba.cut(m[1], HMM))) {
          out.push(word);
          if (place) {
            for (const name of place.names) if (name !== word) out.push(name);
          } else if (word.length >= 3) {
            out.push(...subwords(word));
          }
        }
      } else if (m[2]) {
        out.push(...wordRunLexemes(m[2]).document);
      }
    }
    return out;
  };

  return {
    places,
    documentTokens(posting) {
      const B: string[] = [];
      fieldTokens(posting.skills, B);
      fieldTokens(posting.benefits, B);
      fieldTokens(posting.company, B);
      return {
        A: fieldTokens(posting.title, []).filter(short),
        B: B.filter(short),
        C: fieldTokens(posting.description, []).filter(short),
        D: divisionTokens(places, posting.divisionCode),
      };
    },
    queryTokens(q) {
      const full = normalizeForSearch(typeof q === 'string' ? q : '');
      const text = Array.from(full).slice(0, QUERY_LIMITS.chars).join('');
      // a word the cut halves (普工 普工 … 普, C++C++…C) is left out
      const halved = text.length < full.length && full[text.length] !== ' ';
      const terms: QueryTerm[] = [];
      const seen = new Set<string>();
      const add = (phrase: string[], alternatives: string[]) => {
        if (!phrase.length || phrase.some((l) => !short(l))) return;
        const key = `${phrase.join(' ')}|${alternatives.join(' ')}`;
        if (seen.has(key) || terms.length >= QUERY_LIMITS.terms) return;
        seen.add(key);
        terms.push({ phrase, alternatives });
      };
      for (const m of text.matchAll(TEXT_RUN)) {
        if (halved && m.index + m[0].length === text.length) break;
        if (m[1]) {
          // unknown words come out of jieba as single characters: asked for side by side
          let singles: string[] = [];
          const flush = () => {
            add(singles, []);
            singles = [];
          };
          for (const { word, place } of mergePlaces(places, jieba.cut(m[1], HMM))) {
            if (place) {
              flush();
              add([word], [divisionToken(place.code)]);
            } else if (Array.from(word).length === 1) {
              singles.push(word);
            } else {
              flush();
              add([word], []);
            }
          }
          flush();
        } else if (m[2]) {
          const [first, ...rest] = wordRunLexemes(m[2]).query;
          if (first) add([first], rest);
        }
      }
      // a lone Chinese character beside other words is a particle or a fragment (在昆明的普工, 招普工): not required
      const lone = (t: QueryTerm) => t.phrase.length === 1 && !t.alternatives.length && LONE_HAN.test(t.phrase[0] as string);
      return terms.some((t) => !lone(t)) ? terms.filter((t) => !lone(t)) : terms;
    },
  };
}

const short = (lexeme: string) => lexeme.length > 0 && lexeme.length <= MAX_LEXEME;

/**
 * The four texts of a weighted tsvector: `setweight(to_tsvector('simple', $A), 'A') || … 'D'`
 * (each lexeme is letters and digits only, so the parser keeps them exactly and in order).
 */
export function weightedTexts(tokens: WeightedTokens): { A: string; B: string; C: string; D: string } {
  return { A: tokens.A.join(' '), B: tokens.B.join(' '), C: tokens.C.join(' '), D: tokens.D.join(' ') };
}

const quote = (lexeme: string) => `'${lexeme.replace(/'/gu, "''")}'`;

/**
 * A tsquery's text for `to_tsquery('simple', $1)`, built from the terms (never from the user's
 * text): every lexeme quoted, a phrase joined by <->, alternatives by |, terms by & (`all`, the
 * default) or by | (`any`: a fallback that ranks postings matching some of the terms). '' when
 * there are no terms: the caller then applies no text condition (to_tsquery('') matches nothing).
 * `[{phrase:['普工'],alternatives:[]},{phrase:['包吃住'],alternatives:[]}]` → `'普工' & '包吃住'`.
 */
export function tsqueryText(terms: readonly QueryTerm[], mode: 'all' | 'any' = 'all'): string {
  return terms
    .map((t) => {
      const phrase = t.phrase.map(quote).join(' <-> ');
      const options = [t.phrase.length > 1 ? `(${phrase})` : phrase, ...t.alternatives.map(quote)].filter(Boolean);
      return options.length > 1 ? `(${options.join(' | ')})` : (options[0] ?? '');
    })
    .filter(Boolean)
    .join(mode === 'all' ? ' & ' : ' | ');
}
