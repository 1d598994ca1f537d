import { describe, expect, it } from 'vitest';
import { SLOW_FIRST, slowRank } from './sequencer.ts';

describe('slow kinds of file first on a run without timings', () => {
  it('ranks the slow directories in order and everything else after them', () => {
    expect(slowRank('test/authz/matrix.test.ts')).toBe(0);
    expect(slowRank('test/fuzz/market.fuzz.test.ts')).toBe(1);
    expect(slowRank('test/cases/postings-real-ads.test.ts')).toBe(2);
    expect(slowRank('test/cli/exit-codes.test.ts')).toBe(3);
    expect(slowRank('src/server/modules/market/search.test.ts')).toBe(SLOW_FIRST.length);
    expect(slowRank('src/test/fuzz/x.test.ts')).toBe(SLOW_FIRST.length); // a prefix, not a substring
  });
});
