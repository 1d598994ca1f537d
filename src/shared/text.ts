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
 * embeddings, overrides and isolates (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069).
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: single code points on purpose (joiners, variation selectors), each removed on its own
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/gu;
/** C0 and C1 control characters except tab and line breaks (kept for multi-line text, then folded for single lines). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Separators people put inside numbers and codes: any whitespace, hyphens and dashes, dots, slashes, brackets. */
const CODE_SEPARATORS = /[\s\-‐‑‒–—―−_.·・/\\()[\]{}（）【】]/gu;

/** Removes invisible and control characters (keeps tab and line breaks). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '').replace(CONTROL, '');
}

/**
 * Free text as typed: NFC, invisible/direction/control characters removed, trimmed. Single-line
 * text (the default) also has line breaks and tabs folded to one space and runs of spaces
 * collapsed; `multiline` keeps line breaks (postings, résumés), normalising CR LF to LF.
 * Full-width punctuation (，。：) is kept as typed.
 */
export function normaliseText(s: string, opts: { multiline?: boolean } = {}): string {
  const clean = stripInvisible(s.normalize('NFC'));
  if (opts.multiline) {
    return clean
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.replace(/[\t\u00A0\u3000 ]+$/g, ''))
      .join('\n')
      .trim();
  }
  return clean.replace(/[\t\r\n]+/g, ' ').trim();
}

/**
 * An identifier, code or number as its canonical characters: NFKC (full-width digits and letters
 * to ASCII, the ideographic space to a space), invisible characters removed, every separator
 * stripped. Case is kept; callers that compare case-insensitively upper-case the result.
 * `'５３０１０２ １９９０-０１'` → `'53010219900​1'`-style digits only.
 */
export function normaliseCode(s: string): string {
  return stripInvisible(s.normalize('NFKC')).replace(CODE_SEPARATORS, '');
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
