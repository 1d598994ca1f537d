// The posting screener (issue 11, decision 0045): decides whether a posting's text refuses people
// for what the law says must not count (origin, ethnicity, sex, religion, disability, carried
// disease, rural origin), charges them, or sets conditions an official should look at (age, local
// household registration, marriage and children); explains each hit with its legal basis and a
// neutral wording. Pure, no database: `yunqiao screen` and the posting form use it as it is; the
// false-information signals that need the platform's postings are added where a posting is
// published (signals.ts).
//
// How (fast where text is innocent, careful where it is not):
//   1. fold the text once (fold.ts): evasions with spaces, invisible characters and full-width
//      digits read as the plain phrase, every folded character remembering its input offset;
//   2. a prefilter (one regular expression of the trigger words, a linear scan) finds the
//      sentences worth reading — most of a posting's sentences have none;
//   3. each such sentence is read by every rule (rules.ts); a match whose key word is not a word
//      of the sentence as jieba cuts it (限男 in 不限男女, 户口 in 用户口碑) is dropped, so jieba
//      runs only on the few sentences a rule matched;
//   4. hits of one category that overlap are one hit; offsets go back to the input's.
import { segmenter } from '../search/analyze.ts';
import { BASIS, type ScreenHit, type Screening, SUGGESTION, verdictOf } from './categories.ts';
import { type Folded, fold, inputSpan } from './fold.ts';
import { LiteralSet } from './literals.ts';
import { RULES, TRIGGER_WORDS } from './rules.ts';

/** The longest text screened, in UTF-16 code units; beyond it the rest is not read (a posting's description is far shorter). */
export const SCREEN_MAX_CHARS = 200_000;
/** Folded characters either side of a sentence that a rule's check may look at (the other sex named in the next clause). */
const AROUND = 30;
/** The longest stretch of folded text the rules read at once, and how much consecutive windows share (longer than any rule's match). */
const SENTENCE_WINDOW = 600;
const WINDOW_OVERLAP = 60;

const TRIGGER = new LiteralSet(TRIGGER_WORDS);
/** Sentence ends in folded text (rules never match across one): a flag per code unit. */
const END = new Uint8Array(0x10000);
for (const c of '。！？!?;；\n\r') END[c.charCodeAt(0)] = 1;

type FoldedHit = Omit<ScreenHit, 'start' | 'end' | 'text'> & { a: number; b: number };

/** Word boundaries of `sentence` as jieba cuts it (HMM off, as search does): a set of offsets. */
function wordBoundaries(sentence: string): Set<number> {
  const out = new Set<number>([0]);
  let at = 0;
  for (const w of segmenter().cut(sentence, false)) {
    at += w.length;
    out.add(at);
  }
  return out;
}

/** The key word [ka, kb) stands as words inside the match [ma, mb): no word of the sentence crosses its ends from outside the match. */
function standsAsWord(bounds: Set<number>, ka: number, kb: number, ma: number, mb: number): boolean {
  const okEdge = (x: number, lo: number, hi: number) => {
    if (bounds.has(x)) return true;
    // x lies inside a word: that word must not reach past the match
    let left = x;
    while (left > 0 && !bounds.has(left)) left--;
    let right = x;
    while (!bounds.has(right)) right++;
    return left >= lo && right <= hi;
  };
  return okEdge(ka, ma, mb) && okEdge(kb, ma, mb);
}

/** Every rule over one folded sentence [s, e) of `f.text`; hits in folded offsets. */
function readSentence(f: Folded, s: number, e: number, out: FoldedHit[]): void {
  const sentence = f.text.slice(s, e);
  const around = f.text.slice(Math.max(0, s - AROUND), Math.min(f.text.length, e + AROUND));
  let bounds: Set<number> | undefined;
  const needed = new Map<LiteralSet, boolean>();
  for (const rule of RULES) {
    let has = needed.get(rule.needs);
    if (has === undefined) {
      has = rule.needs.test(sentence);
      needed.set(rule.needs, has);
    }
    if (!has) continue;
    const re = rule.re;
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
      const idx = m.indices as RegExpIndicesArray;
      const whole = idx[0] as [number, number];
      const span = idx.groups?.h ?? whole;
      const key = idx.groups?.a ?? idx.groups?.a2;
      let ok = span[1] > span[0] && (!rule.check || rule.check(m, sentence, around));
      if (ok && key) {
        bounds ??= wordBoundaries(sentence);
        ok = standsAsWord(bounds, key[0], key[1], whole[0], whole[1]);
      }
      if (ok) out.push({ category: rule.category, verdict: rule.verdict, basis: BASIS[rule.category], suggestion: SUGGESTION[rule.category], rule: rule.id, a: s + span[0], b: s + span[1] });
      // a match refused by its check may hide one that starts inside it
      re.lastIndex = ok ? Math.max(m.index + 1, whole[1]) : m.index + 1;
    }
  }
}

/**
 * Screens `text` (a posting's title or description, or any text): `{ verdict, hits }`, the hits
 * in text order, each `{ category, verdict, start, end, text, basis, suggestion, rule }` with
 * `start`/`end` UTF-16 offsets into `text` as given (`text.slice(start, end) === hit.text`).
 * Verdict: `block` if any hit blocks (discrimination by origin, ethnicity, sex, religion,
 * disability, carried disease, rural origin; fees charged to applicants — 就业促进法 art. 3,
 * 26–31, 41; 人力资源市场暂行条例 art. 24; 妇女权益保障法 art. 43; 国办发〔2020〕6号), else
 * `review` if any hit asks for it (age, local household registration, marriage or children),
 * else `pass`. Text beyond SCREEN_MAX_CHARS is not read. Never throws.
 */
export function screenText(text: string): Screening {
  const input = text.length > SCREEN_MAX_CHARS ? text.slice(0, SCREEN_MAX_CHARS) : text;
  const f = fold(input);
  const found: FoldedHit[] = [];
  const t = f.text;
  for (let at = TRIGGER.find(t); at >= 0; ) {
    let s = at;
    while (s > 0 && END[t.charCodeAt(s - 1)] !== 1) s--;
    let e = at + 1;
    while (e < t.length && END[t.charCodeAt(e)] !== 1) e++;
    // a run-on "sentence" (a description with no full stops) is read in overlapping windows
    for (let w = s; w < e; w += SENTENCE_WINDOW - WINDOW_OVERLAP) {
      readSentence(f, w, Math.min(e, w + SENTENCE_WINDOW), found);
      if (w + SENTENCE_WINDOW >= e) break;
    }
    at = e + 1 < t.length ? TRIGGER.find(t, e + 1) : -1;
  }
  // one hit per phrase: hits of one category that overlap merge (the stronger verdict, the first rule)
  found.sort((x, y) => x.a - y.a || y.b - x.b);
  const merged: FoldedHit[] = [];
  const last = new Map<string, FoldedHit>(); // per category, the hit merged last (found is in start order)
  for (const h of found) {
    const prev = last.get(h.category);
    const same = prev && h.a < prev.b ? prev : undefined;
    if (!same) {
      const copy = { ...h };
      merged.push(copy);
      last.set(h.category, copy);
    }
    else {
      same.a = Math.min(same.a, h.a);
      same.b = Math.max(same.b, h.b);
      if (h.verdict === 'block') same.verdict = 'block';
    }
  }
  const hits: ScreenHit[] = merged.map(({ a, b, ...h }) => {
    const { start, end } = inputSpan(f, a, b);
    return { category: h.category, verdict: h.verdict, start, end, text: input.slice(start, end), basis: h.basis, suggestion: h.suggestion, rule: h.rule };
  });
  return { verdict: verdictOf(hits), hits };
}

/**
 * A posting's text fields, each screened (issue 11: every posting is screened, whatever field the
 * words are put in): the API's names and the stored columns (their names in words are the posting
 * schema's labels, market/schemas.ts).
 */
export const POSTING_TEXT_FIELDS = [
  { field: 'title', column: 'title' },
  { field: 'description', column: 'description' },
  { field: 'address', column: 'address' },
  { field: 'education', column: 'education' },
  { field: 'skillGrade', column: 'skill_grade' },
  { field: 'experience', column: 'experience' },
  { field: 'benefits', column: 'benefits' },
  { field: 'contact', column: 'contact' },
] as const;
export type PostingTextField = (typeof POSTING_TEXT_FIELDS)[number]['field'];
/** A posting's texts by API field name (absent or null: empty). */
export type PostingTexts = Partial<Record<PostingTextField, string | null>>;

/** The texts of a stored posting row (column names) by API field name. */
export function postingTextsOf(row: Partial<Record<(typeof POSTING_TEXT_FIELDS)[number]['column'], string | null | undefined>>): PostingTexts {
  const out: PostingTexts = {};
  for (const f of POSTING_TEXT_FIELDS) out[f.field] = row[f.column] ?? null;
  return out;
}

/** A posting's hit: which field it is in (null for a signal about the posting as a whole). */
export type PostingHit = ScreenHit & { field: PostingTextField | null };
/** A posting's screening: the strongest verdict and the hits, field by field in POSTING_TEXT_FIELDS order. */
export type PostingScreening = { verdict: Screening['verdict']; hits: PostingHit[] };

/**
 * Screens every text field of a posting as stored (the caller passes the cleaned texts, so offsets
 * point into what is stored): `{ verdict, hits }`, each hit with its `field`. Never throws.
 */
export function screenPostingText(texts: PostingTexts): PostingScreening {
  const hits: PostingHit[] = [];
  for (const { field } of POSTING_TEXT_FIELDS) {
    const text = texts[field];
    if (text) for (const h of screenText(text).hits) hits.push({ ...h, field });
  }
  return { verdict: verdictOf(hits), hits };
}
