// Posting text and dates as exports write them (issue 9; case postings-and-search 04): HTML line
// breaks and entities in descriptions, ';;' used as a line break, zero-width and no-break spaces,
// and publication dates as ISO instants, zone-less Beijing times or Excel day numbers. Pure; the
// text then goes through the shared normaliser (src/shared/text.ts, decision 0018) like every
// other text of the platform.
import { Parser } from 'htmlparser2';
import { normaliseText } from '../../../../shared/text.ts';

/** Tags that end a line as a reader sees the page (<br>, paragraphs, list items, table rows, headings). */
const LINE_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'dd', 'dt', 'hr']);
/** Tags whose content is never text (scripts, styles and the like). */
const DROP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'head', 'title']);
/** Whether a text carries HTML: a tag of the kinds exports use, or a character reference (&amp; &nbsp; &#39;). */
const LOOKS_HTML = /<\/?(?:br|p|div|span|li|ul|ol|b|strong|em|i|u|font|h[1-6]|table|tbody|tr|td|th|a|img|section|article|script|style|hr|pre|blockquote|dd|dt|dl|sup|sub|center|small|big|code)\b[^>]*>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/iu;

/** HTML to text: tags removed (script and style with their content), entities decoded once, line tags as line breaks. */
function htmlToText(html: string): string {
  let out = '';
  let dropping = 0;
  const newline = () => {
    // a <br /> after a line break already written (the export's "\n<br />") gives one break, not two
    if (!/\n[ \t\u00A0]*$/u.test(out) && out !== '') out += '\n';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROP_TAGS.has(name)) dropping++;
        else if (LINE_TAGS.has(name)) newline();
      },
      onclosetag(name, implied) {
        if (DROP_TAGS.has(name)) dropping = Math.max(0, dropping - 1);
        else if (LINE_TAGS.has(name) && name !== 'br' && !implied) newline();
      },
      ontext(text) {
        if (!dropping) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/**
 * A posting's multi-line text (description, benefits) as stored, searched and shown: HTML line
 * tags (<br />, <p>, <li> …) become line breaks and other tags go (a well-kept parser, htmlparser2,
 * not a regular expression: `<script>` content is dropped, a `<` that opens no tag stays);
 * character references are decoded once (&amp; → &, &nbsp; → a space; an ampersand escaped
 * several times, &amp;amp;amp;, is one &); ';;' — one export's line
 * break — is a line break; then the shared normaliser (NFC, zero-width, direction and control
 * characters removed, CR LF → LF); U+00A0 and tabs are spaces; each line is trimmed, runs of
 * spaces folded, runs of blank lines kept as one. Plain text without HTML is not parsed as HTML
 * ("27\"", "C++ & Java", "<5年" stay as written). '' for blank input. Never throws.
 */
export function cleanPostingText(raw: string | null | undefined): string {
  if (!raw) return '';
  let s = raw.replace(/\r\n?/gu, '\n');
  // an ampersand escaped more than once by the exporting site (real ads: "零食&amp;amp;amp;物资")
  // is one ampersand; other references are decoded once ("&amp;lt;" stays "&lt;")
  if (LOOKS_HTML.test(s)) s = htmlToText(s).replace(/&(?:amp;?)+/gu, '&');
  s = s.replace(/;;/gu, '\n');
  return normaliseText(s, { multiline: true })
    .split('\n')
    .map((line) => line.replace(/[\t\u00A0 ]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/**
 * A single-line posting field (title, employer, address, contact): as cleanPostingText when it
 * carries HTML or entities, then folded to one line by the shared normaliser (every run of
 * whitespace one space). Quotes are kept as written (`"急招"普工`, `27"显示器`).
 */
export function cleanPostingLine(raw: string | null | undefined): string {
  if (!raw) return '';
  return normaliseText(LOOKS_HTML.test(raw) ? htmlToText(raw) : raw);
}

const OFFSET_MS = 8 * 3_600_000;
/** Excel's day 0 for the 1900 date system as the file stores it (serial 1 = 1900-01-01, with Lotus's 1900-02-29: day 0 is 1899-12-30 for every date after February 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Excel day numbers read as dates: 1982-01-01 (29952) to 2099-12-31 (73415); other numbers are no publication dates. */
const EXCEL_RANGE = [29_952, 73_415] as const;

const ISO_ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/u;
const LOCAL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]?(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.(\d{1,9}))?)?秒?)?$/u;

export type DateProblem = { key: 'posting_date_invalid'; params: { value: string } };
export type DateResult = { ok: true; at: Date | null } | { ok: false; problem: DateProblem };

/**
 * A date or instant as exports and forms write it → the instant (`at`), null for a blank value.
 * Read: an ISO 8601 instant with its zone ("2025-03-01T09:30:00+08:00", "…Z"); a zone-less date
 * and time ("2025-03-01 09:30:00", "2025/3/1 9:30", "2025年3月1日") as Beijing time (Asia/Shanghai,
 * UTC+8, no daylight saving since 1991), a date alone as 00:00 Beijing time; an Excel day number
 * ("45717.395833333336": days since 1899-12-30 in Beijing wall time, rounded to the second —
 * 2025-03-01T09:30:00+08:00) within 1982–2099. Full-width digits are read (NFKC).
 * Error: anything else, or an impossible date (2025-02-30, 24:00) → posting_date_invalid {value}.
 */
export function parsePostingDate(raw: string | null | undefined): DateResult {
  const value = (raw ?? '').trim();
  const bad = (): DateResult => ({ ok: false, problem: { key: 'posting_date_invalid', params: { value } } });
  if (!value) return { ok: true, at: null };
  const s = normaliseText(value.normalize('NFKC'));
  if (/^\d+(?:\.\d+)?$/u.test(s)) {
    const days = Number(s);
    if (days < EXCEL_RANGE[0] || days > EXCEL_RANGE[1]) return bad();
    const wall = EXCEL_EPOCH_MS + Math.round(days * 86_400) * 1000;
    return { ok: true, at: new Date(wall - OFFSET_MS) };
  }
  const zoned = ISO_ZONED.exec(s);
  if (zoned) {
    const [, y, mo, d, h, mi, se = '0', frac = '0', zone] = zoned as unknown as string[];
    const wall = wallTime(+(y as string), +(mo as string), +(d as string), +(h as string), +(mi as string), +se, Number(`0.${frac}`) * 1000);
    if (wall === null) return bad();
    return { ok: true, at: new Date(wall - zoneOffsetMs(zone as string)) };
  }
  const m = LOCAL.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0', frac = '0'] = m as unknown as string[];
    const wall = wallTime(+(y as string), +(mo as string), +(d as string), +h, +mi, +se, Number(`0.${frac}`) * 1000);
    if (wall === null) return bad();
    return { ok: true, at: new Date(wall - OFFSET_MS) };
  }
  return bad();
}

/** Milliseconds of a wall-clock time read as UTC; null when a part is out of range (2025-02-30, 25:00). */
function wallTime(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, Math.round(ms));
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

/** "+08:00", "+0800", "+08", "Z" → the zone's offset east of UTC in milliseconds. */
function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
}

/** An instant in ISO 8601 at Beijing time, as pages, JSON-LD and the feed show it: "2025-03-01T09:30:00+08:00". */
export function beijingIso(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
