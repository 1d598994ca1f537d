// LiteralSet finds what indexOf over each word would find, first occurrence, longest word first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralSet } from './literals.ts';

describe('LiteralSet', () => {
  it('finds the first occurrence of any word, as the smallest indexOf would (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('男', '女', '限', '性', 'a', '+') }), { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 40, unit: fc.constantFrom('男', '女', '限', '性', 'a', '+', '。', 'b') }), (words, text) => {
        const at = words.map((w) => text.indexOf(w)).filter((i) => i >= 0);
        expect(new LiteralSet(words).find(text)).toBe(at.length ? Math.min(...at) : -1);
      }),
      { numRuns: 500 },
    );
  });
  it('searches only inside [from, to)', () => {
    const set = new LiteralSet(['限男', '户口']);
    expect(set.find('限男性，户口', 1)).toBe(4);
    expect(set.test('限男性，户口', 0, 1)).toBe(false);
    expect(set.test('', 0)).toBe(false);
  });
});
