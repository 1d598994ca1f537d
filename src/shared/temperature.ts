// Body temperatures as people type them (issue 8 P3/P6, case 05-temperature-as-typed): the ONE
// parser for every way a temperature comes in — the daily check-in (API and phone page), the door
// check at a venue, the agency's paper records. Pure: no clock, no database; the server's field
// (server/platform/fields.ts temperature()) and the web forms call it alike, so a value typed on a
// phone and the same value sent straight to the API are stored alike or refused with the same
// message (catalogue keys in server/platform/messages.ts).
//
// Accepted: 34.0–42.0 °C with at most one decimal (a thermometer shows one; 37.25 is not rounded
// across the 37.3 fever threshold), typed with a decimal comma (36,5), full-width digits (３６．５),
// a Chinese full stop (36。5), a unit (36.5℃, 36.5 °C, 36.5度) and spaces. Refused with a hint:
// a lost decimal point (365, 3650 → 36.5?), a Fahrenheit reading (98.6, 98.6°F → enter °C),
// anything else out of range (45, -36.5), and text that is no number (正常, '', NaN, Infinity, 1e400).
import { stripInvisible } from './text.ts';

/** The lowest and highest body temperature accepted, °C (inclusive). */
export const TEMPERATURE_MIN_CELSIUS = 34.0;
export const TEMPERATURE_MAX_CELSIUS = 42.0;
/** A fever: this temperature and above (°C), per the issue (P4: ≥ 37.3 °C opens an incident). */
export const FEVER_CELSIUS = 37.3;

export type TemperatureProblemKey = 'temperature_missing_decimal' | 'temperature_fahrenheit' | 'temperature_out_of_range' | 'temperature_not_a_number';
export type TemperatureResult = { ok: true; celsius: number } | { ok: false; key: TemperatureProblemKey };

/** Units written after the number that mean °C (removed), and those that mean °F (refused). */
const CELSIUS_UNIT = /(?:°\s*c|℃|摄氏度|度|c)$/iu;
const FAHRENHEIT_UNIT = /(?:°\s*f|℉|华氏度|f)$/iu;
/** Decimal marks people type: point, comma, Chinese full stop (full-width ones are NFKC-folded first). */
const DECIMAL_MARKS = /[,，。､、]/gu;
const NUMBER = /^[+-]?(\d+)(?:\.(\d+))?$/;

const inRange = (c: number) => c >= TEMPERATURE_MIN_CELSIUS && c <= TEMPERATURE_MAX_CELSIUS;
/** °F readings of a body between 34.0 and 42.0 °C (93.2–107.6 °F). */
const looksFahrenheit = (v: number) => v >= 93.2 && v <= 107.6;

/** Why a finite value out of range was refused: a lost decimal point, °F, or simply out of range. */
function outOfRange(v: number, integer: boolean): TemperatureResult {
  if (integer && (inRange(v / 10) || inRange(v / 100))) return { ok: false, key: 'temperature_missing_decimal' };
  if (looksFahrenheit(v)) return { ok: false, key: 'temperature_fahrenheit' };
  return { ok: false, key: 'temperature_out_of_range' };
}

/** One decimal at most: 36.5 and 36.50 yes, 37.25 no (compared in tenths, so 36.6 in binary is fine). */
const oneDecimal = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;

/**
 * Parses a body temperature as typed or sent: a JSON number, or a string in any of the forms above.
 * Returns `{ ok: true, celsius }` (°C, one decimal, 34.0–42.0) or `{ ok: false, key }` where `key`
 * is a message catalogue key: `temperature_missing_decimal` (365 → 36.5?), `temperature_fahrenheit`
 * (98.6, or a °F unit), `temperature_out_of_range` (45, -36.5, or more than one decimal, which the
 * message asks to read again from the thermometer), `temperature_not_a_number` ('', 正常, NaN,
 * Infinity, 36.5.5). A fever is `celsius >= FEVER_CELSIUS` (isFever).
 */
export function parseTemperature(raw: string | number): TemperatureResult {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, key: 'temperature_not_a_number' };
    if (!inRange(raw)) return outOfRange(raw, Number.isInteger(raw));
    if (!oneDecimal(raw)) return { ok: false, key: 'temperature_out_of_range' };
    return { ok: true, celsius: Math.round(raw * 10) / 10 };
  }
  if (typeof raw !== 'string') return { ok: false, key: 'temperature_not_a_number' };
  let s = stripInvisible(raw.normalize('NFKC')).replace(/\s+/gu, '').toLowerCase();
  if (FAHRENHEIT_UNIT.test(s) && /\d/.test(s)) {
    const v = Number(s.replace(FAHRENHEIT_UNIT, '').replace(DECIMAL_MARKS, '.'));
    // an explicit °F: never stored as the number it shows
    return Number.isFinite(v) ? { ok: false, key: 'temperature_fahrenheit' } : { ok: false, key: 'temperature_not_a_number' };
  }
  s = s.replace(CELSIUS_UNIT, '').replace(DECIMAL_MARKS, '.');
  const m = NUMBER.exec(s);
  if (!m) return { ok: false, key: 'temperature_not_a_number' };
  const v = Number(s);
  if (!Number.isFinite(v)) return { ok: false, key: 'temperature_not_a_number' };
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (!inRange(v)) return outOfRange(v, m[2] === undefined);
  if (decimals.length > 1) return { ok: false, key: 'temperature_out_of_range' };
  return { ok: true, celsius: Math.round(v * 10) / 10 };
}

/** Whether a parsed temperature (°C) is a fever: 37.3 and above. */
export function isFever(celsius: number): boolean {
  return celsius >= FEVER_CELSIUS;
}
