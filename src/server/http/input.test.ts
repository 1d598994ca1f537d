// The JSON depth pre-scan: strings and escapes are skipped, the limit is exact.
import { describe, expect, it } from 'vitest';
import { findNul, jsonDepthExceeds, nulField } from './input.ts';

describe('jsonDepthExceeds', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":{"b":[1]}}', 3, false],
    ['{"a":{"b":[1]}}', 2, true],
    ['{"a":"[[[[[[[["}', 1, false],
    ['{"a":"\\\\\\"[[[["}', 1, false],
    ['[[[]],[[]]]', 3, false],
    ['[[[[]]]]', 3, true],
  ])('%s with limit %i → %s', (text, limit, expected) => {
    expect(jsonDepthExceeds(text, limit)).toBe(expected);
  });
});

describe('findNul', () => {
  it('names the path of the first NUL, in keys too', () => {
    expect(findNul({ a: 'x', b: { c: ['ok', 'n\u0000'] } })).toEqual(['b', 'c', '1']);
    expect(findNul({ 'k\u0000': 1 })).toEqual(['k\u0000']);
    expect(findNul({ a: 'clean' })).toBeNull();
  });
});

describe('nulField', () => {
  it.each([
    [['b', 'c', '1'], 'body', 'b.c.1'],
    [[], 'body', 'body'],
    [[''], 'body', 'body'], // {"": "\u0000"}: the fuzzer found a 400 naming the field ''
    [['name'], 'query', 'name'],
  ] as const)('%j in %s → %s', (path, part, field) => {
    expect(nulField(path, part)).toBe(field);
  });
});
