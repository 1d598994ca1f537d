// Field builders every request schema uses (each module's schemas.ts, bodies, query and path
// parameters) and every sheet column reads through: one normaliser (shared/text.ts) runs first,
// then the typed check (shared/identifiers.ts), so a value typed in a form and the same value in an
// uploaded sheet are stored alike and refused with the same message. Messages are catalogue keys
// (platform/messages.ts) with parameters; http/errors.ts turns every zod issue into our words.
//
//   text(max)            names, addresses, free text: normaliseText (NFC, invisible characters out,
//                        whitespace folded and trimmed), then 1..max characters (code points)
//   docNumber(max)       numbers as printed on a document (licence, filing): NFKC, punctuation kept
//   code(...)            identifiers and codes: normaliseCode (NFKC, separators out), then a pattern
//   phone()              a mainland mobile: +86 / 0086 / 86 and separators accepted, 11 digits stored
//   citizenId()          GB 11643: format, birth date, check character (age and future: the service)
//   creditCode()         GB 32100: authority/type pair, division part, check character
//   smsCode()            digits only after normalising
//   password(max)        untouched (NUL is refused for every field by http/input.ts)
//   temperature()        a body temperature as typed or sent (shared/temperature.ts), °C with one decimal
//   calendarDate()       a day YYYY-MM-DD that exists, in the years 2000–2099
//   instant()            an ISO 8601 date and time with its offset, in 2000–2099 Beijing time
//   dateOrInstant()      either (a posting's valid-until), each refused in its own words
import { z } from 'zod';
import { isMainlandMobile } from '../../shared/checksums.ts';
import {
  citizenIdProblem,
  creditCodeProblem,
  type FieldProblem,
  normaliseCitizenId,
  normaliseCreditCode,
  parsePhone,
} from '../../shared/identifiers.ts';
import { beijingDate } from '../../shared/beijing-day.ts';
import { parseTemperature } from '../../shared/temperature.ts';
import { normaliseCode, normaliseNumber, normaliseText } from '../../shared/text.ts';
import type { MessageKey } from './i18n.ts';

export { citizenIdProblem, creditCodeProblem, parsePhone, type FieldProblem } from '../../shared/identifiers.ts';

type Payload = { value: string; issues: unknown[] };

/**
 * The most characters a code-like field takes as typed, before separators are stripped (a phone
 * as "(+86) 139-1234-0005", an ID number with spaces every four digits): generous, and the bound
 * the OpenAPI document states for those fields.
 */
export const RAW_CODE_MAX = 64;
/** A string of at most RAW_CODE_MAX characters, as every code-like field starts. */
const rawCode = () => z.string().max(RAW_CODE_MAX);

/** Adds a refusal with a catalogue key to a zod check's payload. */
function refuse(p: Payload, key: MessageKey, params?: Record<string, string | number>): void {
  (p.issues as z.core.$ZodRawIssue[]).push({ code: 'custom', message: key, input: p.value, ...(params ? { params } : {}) });
}

/** A problem from shared/identifiers.ts as a zod issue (its keys are catalogue keys). */
function refuseProblem(p: Payload, problem: FieldProblem): void {
  refuse(p, problem.key satisfies MessageKey, problem.params);
}

/** Length in characters as a reader counts them (code points: 𠀀 is one character, not two UTF-16 units). */
const length = (s: string) => [...s].length;

/**
 * U+FFFD in typed text is what is left of characters a client decoded with the wrong encoding:
 * refused like a sheet cell holding it (cell_replacement_char), never stored.
 */
function garbledIssue(p: Payload): void {
  if (p.value.includes('\uFFFD')) refuse(p, 'text_garbled');
}

function lengthIssue(p: Payload, min: number, max: number): void {
  const n = length(p.value);
  if (n < min) (p.issues as z.core.$ZodRawIssue[]).push({ code: 'too_small', origin: 'string', minimum: min, inclusive: true, input: p.value });
  else if (n > max) (p.issues as z.core.$ZodRawIssue[]).push({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: p.value });
}

/**
 * Free text (names, addresses, positions, postings, résumés): normaliseText (NFC; invisible,
 * direction and control characters removed; single-line text has whitespace runs folded to one
 * space; trimmed), then at least one character (`optional: true` allows an empty value) and at
 * most `max` characters, counted as a reader counts them. Punctuation is kept as typed.
 */
export function text(max: number, opts: { multiline?: boolean; optional?: boolean } = {}) {
  const min = opts.optional ? 0 : 1;
  return z
    .string()
    .overwrite((v) => normaliseText(v, { multiline: opts.multiline ?? false }))
    .check(garbledIssue)
    .check((p) => lengthIssue(p, min, max))
    .meta(min ? { minLength: min, maxLength: max } : { maxLength: max });
}

/**
 * A number as printed on a document (a licence or filing number such as `(云)人服证字[2020]第0001号`):
 * NFKC (full-width digits, letters and brackets to ASCII), invisible characters removed, whitespace
 * folded and trimmed, punctuation kept; 1..max characters.
 */
export function docNumber(max: number) {
  return z
    .string()
    .overwrite((v) => normaliseText(v.normalize('NFKC')))
    .check(garbledIssue)
    .check((p) => lengthIssue(p, 1, max))
    .meta({ minLength: 1, maxLength: max });
}

/**
 * An identifier or code: normaliseCode (NFKC, invisible characters and separators removed;
 * `keepDashes` keeps hyphens as in 2-02-01; `upper` upper-cases), then `pattern`, refused with
 * the catalogue message `message` (never the pattern itself), or the more precise problem
 * `explain` finds in the value.
 */
export function code(opts: { pattern: RegExp; message: MessageKey; keepDashes?: boolean; upper?: boolean; explain?: (value: string) => { key: MessageKey; params?: Record<string, string | number> } | null }) {
  return rawCode()
    .overwrite((v) => {
      const c = normaliseCode(v, { keepDashes: opts.keepDashes ?? false });
      return opts.upper ? c.toUpperCase() : c;
    })
    .check((p) => {
      if (opts.pattern.test(p.value)) return;
      // a known way of getting it wrong (a code Excel turned into a date) is named as such
      const known = opts.explain?.(p.value);
      if (known) refuse(p, known.key, known.params);
      else refuse(p, opts.message);
    });
}

/**
 * A whole number typed in a query string (a page size): NFKC first, so full-width digits typed with
 * a Chinese input method (５０) count as the number they show; then an integer in [min, max].
 */
export function wholeNumber(min: number, max: number) {
  return z.preprocess((v) => (typeof v === 'string' ? normaliseNumber(v) : v), z.coerce.number().int().min(min).max(max));
}

/**
 * A county-level division code (GB/T 2260, six digits). Whether it exists, or was abolished (and
 * for which successor), is the service's question: reference/service.ts checkDivision (decision 0022).
 */
export const divisionCode = () => code({ pattern: /^\d{6}$/, message: 'invalid_division_code' });

/** A division filter: a province, prefecture or county prefix ('53', '5301', '530102'). */
export const divisionPrefix = () => code({ pattern: /^\d{2}(\d{2}){0,2}$/, message: 'invalid_division_code' });

/**
 * A mainland mobile number: parsePhone (full-width digits, separators and a +86 / 0086 / 86 prefix
 * accepted), stored as its 11 digits; anything else is refused with `invalid_phone`.
 */
export function phone() {
  return rawCode()
    .overwrite((v) => parsePhone(v) ?? v)
    .check((p) => {
      if (!isMainlandMobile(p.value)) refuse(p, 'invalid_phone');
    });
}

/**
 * A citizen ID number (GB 11643-1999): normaliseCitizenId (NFKC, separators and invisible marks
 * removed, x → X), then citizenIdProblem without a date: 18 characters, a birth date that exists,
 * the check character. A birth date after today and a minimum age need the clock: services call
 * citizenIdProblem(id, deps.clock.now(), { minAge }) (staff: registry/staff.service.ts).
 */
export function citizenId() {
  return rawCode()
    .overwrite(normaliseCitizenId)
    .check((p) => {
      const problem = citizenIdProblem(p.value, null);
      if (problem) refuseProblem(p, problem);
    });
}

/**
 * A unified social credit code (GB 32100-2015): normaliseCreditCode (NFKC, separators removed,
 * upper case), then creditCodeProblem: alphabet and length, registration-authority/type pair,
 * division part (100000 or a province's two digits), check character; a citizen ID number in its
 * place is named as such. Inside the deployment's province the division part must also be in the
 * division table: the services check that (registry/agencies.service.ts requireKnownCreditCodeDivision).
 */
export function creditCode() {
  return rawCode()
    .overwrite(normaliseCreditCode)
    .check((p) => {
      const problem = creditCodeProblem(p.value);
      if (problem) refuseProblem(p, problem);
    });
}

/** A one-time SMS code: `length` digits after normaliseCode (full-width digits and spaces accepted); the message says "6 位数字". */
export function smsCode(digits = 6) {
  return rawCode()
    .overwrite((v) => normaliseCode(v))
    .check((p) => {
      if (!new RegExp(`^\\d{${digits}}$`).test(p.value)) refuse(p, 'sms_code_format', { length: digits });
    });
}

/**
 * A password: never normalised or trimmed (what was typed is what is hashed); 1..max UTF-16 units.
 * NUL is refused for every field before validation (http/input.ts).
 */
export function password(max = 200) {
  return z.string().min(1).max(max);
}

/** A sign-in name: NFKC and invisible characters removed and trimmed (a name pasted with a zero-width space still signs in), 1..max. */
export function loginName(max = 64) {
  return z
    .string()
    .overwrite((v) => normaliseText(v.normalize('NFKC')))
    .check(garbledIssue)
    .check((p) => lengthIssue(p, 1, max))
    .meta({ minLength: 1, maxLength: max });
}

/**
 * A body temperature (°C) as a JSON number or as typed (`36,5`, `３６．５`, `36.5℃`, `36。5`):
 * shared/temperature.ts parseTemperature, the one parser of the check-in, the door check and every
 * form; yields the number with one decimal (34.0–42.0). Refused with the parser's key
 * (`temperature_missing_decimal` for 365, `temperature_fahrenheit` for 98.6, …); an empty value is
 * `required`; a number JSON cannot hold (1e400) or any other type is `temperature_not_a_number`.
 */
export function temperature() {
  return z
    .union([z.number(), z.string().max(RAW_CODE_MAX)], { error: (iss) => (iss.input === undefined || iss.input === null ? undefined : 'temperature_not_a_number') })
    .transform((v, ctx) => {
      if (typeof v === 'string' && normaliseText(v) === '') {
        ctx.issues.push({ code: 'custom', message: 'required' satisfies MessageKey, input: v });
        return z.NEVER;
      }
      const r = parseTemperature(v);
      if (!r.ok) {
        ctx.issues.push({ code: 'custom', message: r.key satisfies MessageKey, input: v });
        return z.NEVER;
      }
      return r.celsius;
    });
}

/**
 * The years a date or instant sent to the platform may fall in, read in Beijing time
 * (Asia/Shanghai): records of this platform are of this century, and a year like 0001 or 9999 is a
 * slip of the keyboard or a client's placeholder, refused rather than stored (or compared with).
 */
export const YEARS = { min: 2000, max: 2099 } as const;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A zod issue that lets a union report it (continue: true) when this option was the one that fit the shape. */
function refuseInShape(p: Payload, key: MessageKey, params?: Record<string, string | number>): void {
  (p.issues as z.core.$ZodRawIssue[]).push({ code: 'custom', message: key, input: p.value, continue: true, ...(params ? { params } : {}) });
}

function yearIssue(p: Payload, year: number): void {
  if (year < YEARS.min || year > YEARS.max) refuseInShape(p, 'year_out_of_range', { min: YEARS.min, max: YEARS.max });
}

/**
 * A calendar day `YYYY-MM-DD` (separators and full-width digits read as normaliseCode reads them):
 * a day that exists (2025-02-30 is `invalid_date`), in the years YEARS (else `year_out_of_range`
 * {min, max}). Anything not shaped like a day is `invalid_date`.
 */
export function calendarDate() {
  return code({ pattern: DATE_SHAPE, message: 'invalid_date', keepDashes: true }).check((p) => {
    if (!DATE_SHAPE.test(p.value)) return;
    const d = new Date(`${p.value}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== p.value) refuseInShape(p, 'invalid_date');
    else yearIssue(p, Number(p.value.slice(0, 4)));
  }).meta({ format: 'date', description: `YYYY-MM-DD, a day of the years ${YEARS.min}–${YEARS.max}` });
}

/**
 * An instant: ISO 8601 date and time with its offset or Z (`2025-03-31T12:00:00+08:00`; else
 * `invalid_datetime`), whose Beijing-time year is in YEARS (else `year_out_of_range` {min, max}:
 * 2099-12-31T20:00:00-05:00 is already 2100 in Beijing). `anyYear`: no year bound, for a clock the
 * server only takes differences of (a phone's clock, which may read 1970 after a reset).
 */
export function instant(opts: { anyYear?: boolean } = {}) {
  const field = z.iso.datetime({ offset: true, error: 'invalid_datetime', abort: true });
  if (opts.anyYear) return field;
  return field
    .check((p) => yearIssue(p, Number(beijingDate(new Date(p.value)).slice(0, 4))))
    .meta({ description: `ISO 8601 date and time with its offset (2025-03-31T12:00:00+08:00), in the years ${YEARS.min}–${YEARS.max} Beijing time` });
}

/**
 * A calendar day (calendarDate) or an instant (instant), e.g. a posting's valid-until: a value
 * shaped like a day is refused as a day, one shaped like an instant as an instant (the year named
 * either way), anything else `invalid_date_or_datetime`.
 */
export function dateOrInstant() {
  // each option gives up at once on the other's shape (an aborted issue), so the union reports
  // the words of the option whose shape the value has
  return z.union([calendarDate(), instant()], { error: 'invalid_date_or_datetime' });
}
