// Text as the screener reads it (issue 11): one pass that folds what evasions and typing vary —
// spaces and invisible characters put between the characters of a phrase, full-width digits and
// letters, traditional forms of the characters the rules look for, upper case — while remembering,
// for every folded character, where it came from, so that a hit found in the folded text is
// reported at the span of the text as given (UTF-16 code units, JavaScript string indices).
// Pure and allocation-light: it runs over every character of every posting screened.

/** A sentence boundary in folded text: rules never match across one. */
export const SENTENCE_END = /[。！？!?;；\n\r]/u;

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

/**
 * Code unit → folded code unit (0: unchanged). Full-width ASCII (U+FF01–FF5E) to ASCII as NFKC
 * does, upper-case ASCII to lower case, and the traditional forms of the characters the rules'
 * words are made of to the simplified ones (a posting pasted from a traditional-script site).
 */
const MAP = new Uint16Array(0x10000);
for (let c = 0xff01; c <= 0xff5e; c++) MAP[c] = c - 0xfee0;
for (let c = 0x41; c <= 0x5a; c++) MAP[c] = c + 0x20;
for (let c = 0xff21; c <= 0xff3a; c++) MAP[c] = c - 0xfee0 + 0x20;
MAP[0x2014] = 0x2d; // — as a range dash (20—30岁)
MAP[0x2013] = 0x2d; // –
MAP[0x2212] = 0x2d; // −
MAP[0xff5e] = 0x7e;
const TRADITIONAL = '歲岁後后戶户籍籍優优擾扰漢汉預预婚婚無无謝谢絕绝錄录閱阅內内資资費费壓压險险攜携帶带殘残疾疾宗宗肝肝農农村村僅仅隻只須须應应聘聘勿勿區区國国雙双員员與与為为鄉乡們们來来個个這这對对將将歡欢迎迎條条業业門门問问題题實实證证報报紹绍貼贴繳缴納纳訓训練练裝装廠厂產产';
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) {
  const from = TRADITIONAL.charCodeAt(i);
  const to = TRADITIONAL.charCodeAt(i + 1);
  if (from !== to) MAP[from] = to;
}

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

/** The input span of folded span [a, b): [start, end) in UTF-16 code units of the input. */
export function inputSpan(folded: Folded, a: number, b: number): { start: number; end: number } {
  return { start: folded.from[a] as number, end: folded.to[b - 1] as number };
}
