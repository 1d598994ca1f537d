// The facts of a posting that search's filters ask about, as lexemes (issue 10, decision 0042):
// posting_search_facts() in SQL (migration 0029) makes a posting's from its columns (the stored
// column search_facts), and factsQuery here
// makes a search's from its filters; the GIN indexes are (document, facts) and (head, facts). Pure.

/** The filters facts serve (the repository's SearchFilter has these and more). */
export type FactFilter = {
  occupation?: string | undefined;
  salaryMin?: number | undefined;
  salaryMax?: number | undefined;
  salaryUnit?: string | undefined;
  priority?: boolean | undefined;
  openTo?: string | undefined;
};

/**
 * The salary bands of posting_search_facts() (migration 0029): band k of a unit covers
 * [k·width, (k+1)·width) yuan, the last (cap) everything above; PIECE has none.
 */
export const SALARY_BAND_GRID: Readonly<Record<string, { width: number; cap: number }>> = { MONTH: { width: 1000, cap: 50 }, DAY: { width: 50, cap: 40 }, HOUR: { width: 5, cap: 40 }, YEAR: { width: 20000, cap: 50 } };

/**
 * The lexemes of search_facts (migration 0029) a posting must hold to pass the filters, as
 * tsquery text ('' for none): each group it must be open to (exactly the filter), a producer of
 * epidemic-prevention supplies (exactly), the occupation (fo + its code without dashes: exactly
 * the code or below it) and any salary band the asked range overlaps (wider than the range: the
 * exact overlap stays in the query). The place is not a fact: an equality the place indexes
 * serve in publication order.
 */
export function factsQuery(f: FactFilter): string {
  const out: string[] = [];
  if (f.openTo) out.push(`fg${f.openTo}`);
  if (f.priority) out.push('fsupplies');
  if (f.occupation) out.push(`fo${f.occupation.replaceAll('-', '')}`);
  const grid = f.salaryUnit ? SALARY_BAND_GRID[f.salaryUnit] : undefined;
  if (grid && f.salaryUnit && (f.salaryMin !== undefined || f.salaryMax !== undefined)) {
    const band = (v: number) => Math.min(Math.floor(v / grid.width), grid.cap);
    const from = band(f.salaryMin ?? 0);
    const to = f.salaryMax === undefined ? grid.cap : band(f.salaryMax);
    const unit = f.salaryUnit.slice(0, 1).toLowerCase();
    const bands = Array.from({ length: to - from + 1 }, (_, i) => `fs${unit}${from + i}`);
    out.push(bands.length > 1 ? `(${bands.join(' | ')})` : (bands[0] as string));
  }
  return out.join(' & ');
}

