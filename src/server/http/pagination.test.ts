// The page size as typed in a query string: full-width digits count, a sign or a decimal point is
// never a separator to strip (`limit=-1` was read as 1, `1.5` as 15).
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pageQuery } from './pagination.ts';

const q = z.object(pageQuery);

describe('pageQuery.limit', () => {
  it.each([
    ['50', 50],
    ['５０', 50],
    [' 20 ', 20],
  ])('%j is %d', (raw, want) => expect(q.parse({ limit: raw }).limit).toBe(want));

  it.each(['-1', '－１', '1.5', '0', '201', 'abc', '1e2x'])('%j is refused, naming limit', (raw) => {
    const r = q.safeParse({ limit: raw });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['limit']);
  });
});
