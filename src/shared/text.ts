// The one place text typed or uploaded by people is normalised, before any validation, for every
// form field and every sheet or CSV cell (hardening issue §1). Two kinds of text:
//   - identifiers, codes, numbers and phones: Unicode NFKC (full-width １３９ → 139, Ａ → A) and
//     every separator stripped (spaces of any width, hyphens, dots, brackets), so what was typed
//     with a Chinese input method or pasted from a web page compares equal to what it means;
//   - other text (names, addresses, postings, résumés): NFC, invisible / direction / control
//     characters removed, whitespace trimmed, punctuation kept as typed.
// Passwords are never normalised (NUL is refused by the HTTP input guard, http/input.ts).
// Standards: Unicode UAX #15 (normalisation forms), UAX #9 (bidirectional marks), UTS #39 §3.1
// (default-ignorable code points used to spoof text).

/**
 * Invisible code points that change nothing a reader sees but break comparison and validation:
 * zero-width space/joiners (U+200B–U+200D), word joiner and invisible operators (U+2060–U+2064),
 * BOM / zero-width no-break space (U+FEFF), soft hyphen (U+00AD), Mongolian vowel separator
 * (U+180E), combining grapheme joiner (U+034F), Hangul fillers, and the bidirectional marks,
 * embeddings, overrides and isolates (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069),
 * Mongolian free variation selectors (U+180B–U+180F), shorthand format controls (U+1BCA0–U+1BCA3)
 * and the tag characters (U+E0000–U+E007F, invisible text that can smuggle instructions).
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: combining and variation marks listed on purpose, to remove them
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{1BCA0}-\u{1BCA3}\u{E0000}-\u{E007F}]/gu;
/** A surrogate half without its partner (malformed UTF-16 from a broken client): PostgreSQL cannot store it. */
const LONE_SURROGATE = /\p{Surrogate}/gu;
/** C0 and C1 control characters except tab and line breaks (kept for multi-line text, then folded for single lines). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Separators people put inside numbers and codes: any whitespace, hyphens and dashes, dots, slashes, brackets. */
const CODE_SEPARATORS = /[\s\-‐‑‒–—―−_.·・/\\()[\]{}（）【】]/gu;
/** The same without the hyphens and dashes, for codes whose hyphens are part of them (occupation codes 2-02-01). */
const SEPARATORS_BUT_DASHES = /[\s_.·・/\\()[\]{}（）【】]/gu;
const DASHES = /[‐‑‒–—―−]/gu;
/** Line breaks other than LF that single-line text folds and multi-line text turns into LF. */
const OTHER_BREAKS = /\r\n?|[\u2028\u2029]/g;

/** Removes invisible and control characters and lone surrogate halves (keeps tab and line breaks). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '').replace(CONTROL, '').replace(LONE_SURROGATE, '');
}

/**
 * Free text as typed: NFC, invisible/direction/control characters removed, trimmed. Single-line
 * text (the default) also has every run of whitespace (line breaks, tabs, U+2028, the ideographic
 * space) folded to one space; `multiline` keeps line breaks (postings, résumés), normalising CR LF to LF.
 * Full-width punctuation (，。：) is kept as typed.
 */
export function normaliseText(s: string, opts: { multiline?: boolean } = {}): string {
  const clean = stripInvisible(s.normalize('NFC'));
  if (opts.multiline) {
    return clean
      .replace(OTHER_BREAKS, '\n')
      .split('\n')
      .map((line) => line.replace(/[\t\u00A0\u3000 ]+$/g, ''))
      .join('\n')
      .trim();
  }
  return clean.replace(/\s+/gu, ' ').trim();
}

/**
 * An identifier, code or number as its canonical characters: NFKC (full-width digits and letters
 * to ASCII, the ideographic space to a space), invisible characters removed, every separator
 * stripped. Case is kept; callers that compare case-insensitively upper-case the result.
 * `'５３０１０２ １９９０-０１'` → `'5301021990' + '01'`. With `keepDashes`, hyphens and dashes
 * stay, as one ASCII hyphen each (`'２－０２'` → `'2-02'`).
 */
export function normaliseCode(s: string, opts: { keepDashes?: boolean } = {}): string {
  const clean = stripInvisible(s.normalize('NFKC'));
  return opts.keepDashes ? clean.replace(SEPARATORS_BUT_DASHES, '').replace(DASHES, '-') : clean.replace(CODE_SEPARATORS, '');
}

/**
 * A number as typed, for parsing: NFKC (full-width digits, `．` and `－` to ASCII), invisible
 * characters and whitespace removed, every dash or minus sign (`−`, `–`, …) as an ASCII `-`; the
 * sign and the decimal point are **kept** (a code's separators are not a number's: `-1` is minus
 * one, not 1, and `1.5` is one and a half, not 15). `' －１ '` → `'-1'`, `'１．５'` → `'1.5'`.
 */
export function normaliseNumber(s: string): string {
  return stripInvisible(s.normalize('NFKC')).replace(/\s+/gu, '').replace(DASHES, '-');
}

/**
 * A column header as compared with the expected one: NFKC, invisible characters and all
 * whitespace removed, and a trailing required-field mark (`*`, `＊`, `(必填)`, `（必填）`) dropped:
 * `'姓　名'` → `'姓名'`, `'手机号*'` → `'手机号'`.
 */
export function normaliseHeader(s: string): string {
  return stripInvisible(s.normalize('NFKC'))
    .replace(/\s+/gu, '')
    .replace(/(\*|\(必填\)|必填)+$/u, '');
}
