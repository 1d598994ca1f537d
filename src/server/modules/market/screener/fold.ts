// Text as the screener reads it (issue 11): one pass that folds what evasions and typing vary —
// spaces and invisible characters put between the characters of a phrase, full-width digits and
// letters, traditional forms of the characters the rules look for, upper case — while remembering,
// for every folded character, where it came from, so that a hit found in the folded text is
// reported at the span of the text as given (UTF-16 code units, JavaScript string indices).
// Pure and allocation-light: it runs over every character of every posting screened.
import OpenCC from 'opencc-js';

/**
 * Code units removed: whitespace of every kind but line breaks (they end sentences), and the
 * invisible, direction and format characters of src/shared/text.ts's list (zero-width spaces and
 * joiners, word joiner, BOM, soft hyphen, …), plus decorative separators people type between the
 * characters of a phrase to get past a word list (限·男·性, 限*男*性). Surrogates of characters
 * outside the BMP (emoji) are kept as they are.
 */
const DROP = new Uint8Array(0x10000);
for (const c of [0x09, 0x0b, 0x0c, 0x20, 0x85, 0xa0, 0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x1680, 0x3000, 0x3164, 0xfeff, 0xffa0]) DROP[c] = 1;
for (let c = 0x180b; c <= 0x180f; c++) DROP[c] = 1;
for (let c = 0x2000; c <= 0x200f; c++) DROP[c] = 1;
for (let c = 0x2028; c <= 0x202f; c++) DROP[c] = 1;
for (let c = 0x205f; c <= 0x206f; c++) DROP[c] = 1;
for (let c = 0xfe00; c <= 0xfe0f; c++) DROP[c] = 1;
for (let c = 0xfff9; c <= 0xfffb; c++) DROP[c] = 1;
// separators of a spelled-out phrase: · • ‧ ∙ ・ * ＊ _ ＿ ` ^ | ｜ (not ~: 20~30岁 is a range)
for (const c of [0xb7, 0x2022, 0x2027, 0x2219, 0x30fb, 0xff65, 0x2a, 0xff0a, 0x5f, 0xff3f, 0x60, 0x5e, 0x7c, 0xff5c]) DROP[c] = 1;
// quotation marks around a word or a number (身份证以“42”开头): not part of what is said
for (const c of [0x22, 0x27, 0x201c, 0x201d, 0x2018, 0x2019, 0x300c, 0x300d, 0x300e, 0x300f, 0xff02, 0xff07]) DROP[c] = 1;

/**
 * Code unit → folded code unit (0: unchanged). Full-width ASCII (U+FF01–FF5E) to ASCII as NFKC
 * does, upper-case ASCII to lower case, and every traditional character to its simplified form
 * (OpenCC's character table, opencc-js: a posting pasted from a traditional-script site).
 */
const MAP = new Uint16Array(0x10000);
for (let c = 0xff01; c <= 0xff5e; c++) MAP[c] = c - 0xfee0;
for (let c = 0x41; c <= 0x5a; c++) MAP[c] = c + 0x20;
for (let c = 0xff21; c <= 0xff3a; c++) MAP[c] = c - 0xfee0 + 0x20;
MAP[0x2014] = 0x2d; // — as a range dash (20—30岁)
MAP[0x2013] = 0x2d; // –
MAP[0x2212] = 0x2d; // −
MAP[0xff5e] = 0x7e;
// OpenCC's traditional → simplified dictionaries ("a b|c d", phrases and characters): the
// one-character pairs of the Basic Multilingual Plane
for (const dict of OpenCC.Locale.to.cn?.[0] ?? []) {
  const pairs = typeof dict === 'string' ? dict.split('|').map((p) => p.split(' ')) : dict;
  for (const [from, to] of pairs) {
    if (from?.length === 1 && to?.length === 1 && from !== to) MAP[from.charCodeAt(0)] = to.charCodeAt(0);
  }
}

/** Marks a spelled-out phrase may put between its characters (外/地/人, 已.婚, 乙-肝): dropped only between two Chinese characters. */
const BETWEEN_HAN = new Uint8Array(0x10000);
for (const c of [0x2e, 0x2f, 0x2d, 0x5c, 0x2b, 0x3d, 0x23, 0x40, 0x26, 0xff0e, 0xff0f, 0xff0d, 0xff3c, 0xff0b, 0xff1d, 0xff03, 0xff20, 0xff06, 0x2014, 0x2013, 0x2212, 0x2764, 0x2665, 0x2606, 0x2605, 0x25cf, 0x25cb]) BETWEEN_HAN[c] = 1;
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);

/** Folded text and, per folded code unit, the span [from[i], to[i]) of the input it came from. */
export type Folded = { readonly text: string; readonly from: Uint32Array; readonly to: Uint32Array };

/**
 * Folds `input[start, end)` (whole input by default). O(n), one pass; never throws. Offsets in
 * `from` / `to` are into `input` itself, so a span [a, b) of `text` is `[from[a], to[b - 1])` there.
 */
export function fold(input: string, start = 0, end = input.length): Folded {
  const n = end - start;
  const codes = new Uint16Array(n);
  const from = new Uint32Array(n);
  const to = new Uint32Array(n);
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = input.charCodeAt(i);
    if (DROP[c] === 1) continue;
    // an emoji (a surrogate pair of the symbol planes) between characters: dropped with its pair
    if (c >= 0xd83c && c <= 0xd83e && i + 1 < end) {
      i++;
      continue;
    }
    if (BETWEEN_HAN[c] === 1 && k > 0 && isHan(codes[k - 1] as number) && nextIsHan(input, i + 1, end)) continue;
    const m = MAP[c] as number;
    codes[k] = m === 0 ? c : m;
    from[k] = i;
    to[k] = i + 1;
    k++;
  }
  let text = '';
  // String.fromCharCode takes arguments: chunks keep under the engine's argument limit
  for (let i = 0; i < k; i += 8192) text += String.fromCharCode.apply(null, codes.subarray(i, Math.min(k, i + 8192)) as unknown as number[]);
  return { text, from: from.subarray(0, k), to: to.subarray(0, k) };
}

/** Whether the next character from `i` that fold keeps is a Chinese character (a mark between two is dropped). */
function nextIsHan(input: string, i: number, end: number): boolean {
  for (let j = i; j < end; j++) {
    const c = input.charCodeAt(j);
    if (DROP[c] === 1 || BETWEEN_HAN[c] === 1) continue;
    return isHan(MAP[c] || c);
  }
  return false;
}

/** The input span of folded span [a, b): [start, end) in UTF-16 code units of the input. */
export function inputSpan(folded: Folded, a: number, b: number): { start: number; end: number } {
  return { start: folded.from[a] as number, end: folded.to[b - 1] as number };
}
