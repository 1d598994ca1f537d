// What an import does with bad rows, written once for every importer (hardening issue §1):
//   all_or_nothing  rosters, risk areas, reference tables, returning employees: a file with any bad
//                   row writes nothing, and every problem is listed with its row and column — a
//                   half-loaded roster or code table is worse than none (the next upload would
//                   duplicate the loaded half);
//   good_rows       postings: the good rows load, the bad ones are listed by the file line where
//                   each record starts (an employer's 300 postings should not wait on one typo);
//                   the CLI exits 1 when any row was left out.
import type { RawDetail } from '../http/errors.ts';
import { AppError, columnName } from '../http/errors.ts';
import { type Locale, t } from './i18n.ts';

export const IMPORT_RULES = {
  roster: 'all_or_nothing',
  risk_areas: 'all_or_nothing',
  reference: 'all_or_nothing',
  returning_employees: 'all_or_nothing',
  insurance: 'all_or_nothing',
  postings: 'good_rows',
} as const;
export type ImportKind = keyof typeof IMPORT_RULES;

/** A problem of one row (sheet row, or the file line where a CSV record starts); `column` '' for the whole record. */
export type RowProblem = RawDetail & { row: number };

export type RuleOutcome<T> = { accepted: { row: number; value: T }[]; rejected: RowProblem[] };

/**
 * Applies `kind`'s rule to checked rows: `rows` are the rows that passed every check (by row
 * number), `problems` every problem found (a row with a problem must not be in `rows`).
 * all_or_nothing: any problem throws AppError('import_failed', {count}, problems ordered by row),
 * so the caller writes nothing; else every row is accepted. good_rows: the rows without a problem
 * are accepted and the problems returned as `rejected`, ordered by row.
 * Throws import_empty when there was no row at all.
 */
export function applyImportRule<T>(kind: ImportKind, rows: { row: number; value: T }[], problems: RowProblem[]): RuleOutcome<T> {
  if (!rows.length && !problems.length) throw new AppError('import_empty');
  const ordered = [...problems].sort((a, b) => a.row - b.row);
  if (IMPORT_RULES[kind] === 'all_or_nothing') {
    if (ordered.length) throw new AppError('import_failed', { count: ordered.length }, ordered);
    return { accepted: rows, rejected: [] };
  }
  const bad = new Set(ordered.map((p) => p.row));
  return { accepted: rows.filter((r) => !bad.has(r.row)), rejected: ordered };
}

/** One problem as a clerk reads it: `第 3 行，身份证号：…` / `row 3, 身份证号: …` (a whole record: `第 3 行：…`). */
export function describeProblem(locale: Locale, p: RawDetail): string {
  const text = t(locale, p.key, p.params);
  if (p.row === undefined) return text;
  const column = columnName(locale, p.column);
  return column ? t(locale, 'import_row_error', { row: p.row, column, message: text }) : t(locale, 'import_line_error', { row: p.row, message: text });
}

/** The CLI's language: YUNQIAO_LOCALE, else LC_ALL / LANG; English when it starts with `en`, else zh-CN. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const v = (env.YUNQIAO_LOCALE || env.LC_ALL || env.LANG || '').toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh-CN';
}
