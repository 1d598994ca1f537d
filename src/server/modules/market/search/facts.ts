// The facts of a posting that search's filters ask about, as lexemes (issue 10, decision 0042):
// search_facts() in SQL (migration 0029) makes a posting's from its columns, and factsQuery here
// makes a search's from its filters; the GIN indexes cover document || facts. Pure.

/** The filters facts serve (the repository's SearchFilter has these and more). */
export type FactFilter = {
  division?: string | undefined;
  occupation?: string | undefined;
  salaryMin?: number | undefined;
  salaryMax?: number | undefined;
  salaryUnit?: string | undefined;
  priority?: boolean | undefined;
  openTo?: string | undefined;
};

/**
 * The salary bands of search_facts() (migration 0029): band k of a unit covers
 * [k·width, (k+1)·width) yuan, the last (cap) everything above; PIECE has none.
 */
export const SALARY_BAND_GRID: Readonly<Record<string, { width: number; cap: number }>> = { MONTH: { width: 1000, cap: 50 }, DAY: { width: 50, cap: 40 }, HOUR: { width: 5, cap: 40 }, YEAR: { width: 20000, cap: 50 } };

/**
 * The lexemes of search_facts() (migration 0029) a posting must hold to pass the filters, as
 * tsquery text ('' for none): the division prefix (fd + six digits), each group it must be open
 * to, a producer of epidemic-prevention supplies, the occupation (fo + its code without dashes) and
 * any salary band the asked range overlaps. A narrowing the GIN index serves; the exact conditions
 * stay in the query.
 */
export function factsQuery(f: FactFilter): string {
  const out: string[] = [];
  if (f.division) out.push(`fd${f.division.padEnd(6, '0')}`);
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

