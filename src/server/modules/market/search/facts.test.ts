// The facts of migration 0029 on real PostgreSQL: what posting_search_facts() makes of a posting's
// columns and what factsQuery makes of a search's filters agree — a posting the filter keeps always
// holds the facts asked for, for any salary range, unit, group and occupation; and the groups,
// the supplies flag and the occupation are exactly their filters (their SQL conditions are gone:
// the facts are the filter), while a salary band may let more through (the exact overlap stays).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { type FactFilter, factsQuery, SALARY_BAND_GRID } from './facts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Posting = { groups: string[]; supplies: boolean; occupation: string | null; unit: string | null; min: number | null; max: number | null };

/** The exact filter (repository/search.ts filters) in JS. */
function keeps(p: Posting, f: FactFilter): boolean {
  if (f.openTo && !p.groups.includes(f.openTo)) return false;
  if (f.priority && !p.supplies) return false;
  if (f.occupation && !(p.occupation === f.occupation || p.occupation?.startsWith(`${f.occupation}-`))) return false;
  if (f.salaryUnit) {
    if (p.unit !== f.salaryUnit) return false;
    const hi = p.max ?? p.min;
    const lo = p.min ?? p.max;
    if (f.salaryMin !== undefined && !(hi !== null && hi >= f.salaryMin)) return false;
    if (f.salaryMax !== undefined && !(lo !== null && lo <= f.salaryMax)) return false;
  }
  return true;
}

async function holds(p: Posting, f: FactFilter): Promise<boolean> {
  const q = factsQuery(f);
  if (!q) return true;
  const r = await sql<{ ok: boolean }>`select posting_search_facts(${p.groups}::text[], ${p.supplies}, ${p.occupation}, ${p.unit}, ${p.min}::numeric, ${p.max}::numeric) @@ to_tsquery('simple', ${q}) as ok`.execute(t.deps.db);
  return r.rows[0]?.ok === true;
}

const units = ['MONTH', 'DAY', 'HOUR', 'YEAR', 'PIECE'] as const;
const amount = fc.oneof(fc.integer({ min: 1, max: 1_200_000 }), fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 400 }));
const posting = fc.record({
  groups: fc.subarray(['graduate', 'migrant']),
  supplies: fc.boolean(),
  occupation: fc.constantFrom(null, '4', '4-02', '4-02-01', '6-01-02-03'),
  unit: fc.constantFrom(null, ...units),
  min: fc.option(amount, { nil: null }),
  max: fc.option(amount, { nil: null }),
}).map((p) => (p.min !== null && p.max !== null && p.min > p.max ? { ...p, min: p.max, max: p.min } : p));
const filter = fc.record(
  {
    openTo: fc.constantFrom('graduate', 'migrant'),
    priority: fc.constant(true),
    occupation: fc.constantFrom('4', '4-02', '4-02-01', '6', '6-01-02-03'),
    salaryUnit: fc.constantFrom(...units),
    salaryMin: amount,
    salaryMax: amount,
  },
  { requiredKeys: [] },
);

describe('search facts (migration 0029)', () => {
  it('a posting the exact filters keep always holds the facts asked for', async () => {
    await fc.assert(
      fc.asyncProperty(posting, filter, async (p, f) => {
        if (f.salaryMin !== undefined && f.salaryMax !== undefined && f.salaryMin > f.salaryMax) return;
        if ((f.salaryMin !== undefined || f.salaryMax !== undefined) && !f.salaryUnit) return;
        const held = await holds(p, f);
        if (keeps(p, f)) expect(held, JSON.stringify({ p, f, q: factsQuery(f) })).toBe(true);
        // without a salary, the facts are the filter: nothing more gets through
        if (!f.salaryUnit) expect(held, JSON.stringify({ p, f, q: factsQuery(f) })).toBe(keeps(p, f));
      }),
      { numRuns: 300 },
    );
  });

  it('facts narrow: another group, occupation or a far salary band is not held', async () => {
    const p: Posting = { groups: ['migrant'], supplies: false, occupation: '4-02-01', unit: 'MONTH', min: 4000, max: 6000 };
    expect(await holds(p, { openTo: 'graduate' })).toBe(false);
    expect(await holds(p, { priority: true })).toBe(false);
    expect(await holds(p, { occupation: '4-02' })).toBe(true);
    expect(await holds(p, { occupation: '4-03' })).toBe(false);
    expect(await holds(p, { salaryUnit: 'MONTH', salaryMin: 9000 })).toBe(false);
    expect(await holds(p, { salaryUnit: 'MONTH', salaryMin: 5500, salaryMax: 20000 })).toBe(true);
    expect(await holds(p, { salaryUnit: 'DAY', salaryMin: 100 })).toBe(false);
    // a band is wider than the asked range: 6,200 shares band 6 with 6,000 (the exact filter then drops it)
    expect(await holds(p, { salaryUnit: 'MONTH', salaryMin: 6200 })).toBe(true);
    expect(SALARY_BAND_GRID.MONTH).toEqual({ width: 1000, cap: 50 });
  });
});
