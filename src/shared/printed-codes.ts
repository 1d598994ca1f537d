// Codes printed on posters and typed back in (docs/urls.md): Crockford base32, `0-9 A-Z` without
// I L O U. Venue codes have 12 symbols (60 random bits), job pages 10. Read leniently: NFKC,
// separators stripped (normaliseCode), upper-cased, O → 0 and I/L → 1 as Crockford decoding
// prescribes. Drawing a code needs a CSPRNG: the server does it (venues/service), not this file.
import { normaliseCode } from './text.ts';

/** The 32 symbols, in value order. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Symbols in a venue code. */
export const VENUE_CODE_LENGTH = 12;
/** Symbols in a public job page's code (drawn by the database: draw_posting_code, migration 0020). */
export const POSTING_CODE_LENGTH = 10;

/**
 * A code as typed or scanned, read the Crockford way: `k7q2-m9xp-t4ca` → `K7Q2M9XPT4CA`,
 * `O` → `0`, `I`/`L` → `1`. Returns null when anything but the 32 symbols remains or the length is
 * not `length`.
 */
export function readCode(raw: string, length = VENUE_CODE_LENGTH): string | null {
  const code = normaliseCode(raw)
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== length) return null;
  for (const ch of code) if (!CROCKFORD.includes(ch)) return null;
  return code;
}

/** A code in groups of four for print (`K7Q2-M9XP-T4CA`). */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The phone shell's page a venue's QR code opens (`{base}/m/v/{code}`), base without its last slash. */
export function venueUrl(base: string, code: string): string {
  return `${base.replace(/\/$/, '')}/m/v/${code}`;
}
