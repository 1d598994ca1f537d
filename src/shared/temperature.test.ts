// parseTemperature, table-driven (case 05-temperature-as-typed and the forms people type).
import { describe, expect, it } from 'vitest';
import { isFever, parseTemperature } from './temperature.ts';

const accepted: Array<[string | number, number]> = [
  [36.5, 36.5],
  ['36.5', 36.5],
  ['36,5', 36.5],
  ['３６．５', 36.5],
  ['36.5℃', 36.5],
  [' 36.5 °C ', 36.5],
  ['36。5', 36.5],
  ['36，5', 36.5],
  ['36.5度', 36.5],
  ['37,3', 37.3],
  [37.2, 37.2],
  [35.2, 35.2],
  ['36.50', 36.5],
  [34, 34],
  ['42.0', 42],
  ['\u200b36.6', 36.6],
];
const refused: Array<[string | number, string]> = [
  [37.25, 'temperature_out_of_range'],
  ['37.25', 'temperature_out_of_range'],
  [365, 'temperature_missing_decimal'],
  ['365', 'temperature_missing_decimal'],
  ['3650', 'temperature_missing_decimal'],
  [98.6, 'temperature_fahrenheit'],
  ['98.6°F', 'temperature_fahrenheit'],
  ['98.6℉', 'temperature_fahrenheit'],
  [45, 'temperature_out_of_range'],
  [-36.5, 'temperature_out_of_range'],
  [33.9, 'temperature_out_of_range'],
  [42.1, 'temperature_out_of_range'],
  ['36.5.5', 'temperature_not_a_number'],
  ['正常', 'temperature_not_a_number'],
  ['', 'temperature_not_a_number'],
  ['NaN', 'temperature_not_a_number'],
  ['Infinity', 'temperature_not_a_number'],
  ['1e400', 'temperature_not_a_number'],
  [Number.POSITIVE_INFINITY, 'temperature_not_a_number'],
  [Number.NaN, 'temperature_not_a_number'],
];

describe('parseTemperature', () => {
  it.each(accepted)('accepts %j as %s °C', (raw, celsius) => {
    expect(parseTemperature(raw)).toEqual({ ok: true, celsius });
  });
  it.each(refused)('refuses %j with %s', (raw, key) => {
    expect(parseTemperature(raw)).toEqual({ ok: false, key });
  });
  it('calls 37.3 and above a fever, 37.2 not', () => {
    expect(isFever(37.3)).toBe(true);
    expect(isFever(37.2)).toBe(false);
  });
});
