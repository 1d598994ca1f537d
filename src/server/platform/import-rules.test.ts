// The one rule for bad rows: all-or-nothing kinds throw with every problem listed by row; postings
// keep the good rows and list the bad ones by file line.
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { applyImportRule, cliLocale, describeProblem, IMPORT_RULES } from './import-rules.ts';

const rows = [
  { row: 2, value: 'a' },
  { row: 5, value: 'c' },
];
const problems = [
  { row: 4, column: 'code', key: 'required' },
  { row: 3, column: '', key: 'csv_unclosed_quote' },
];

describe('import rules', () => {
  it('rosters, risk areas, reference tables, returning employees and insurance rows are all-or-nothing', () => {
    expect(Object.entries(IMPORT_RULES).filter(([, r]) => r === 'all_or_nothing').map(([k]) => k)).toEqual(['roster', 'risk_areas', 'reference', 'returning_employees', 'insurance']);
    for (const kind of ['roster', 'risk_areas', 'reference', 'returning_employees', 'insurance'] as const) {
      const err = (() => {
        try {
          applyImportRule(kind, rows, problems);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'import_failed', params: { count: 2 }, details: [problems[1], problems[0]] });
      expect(applyImportRule(kind, rows, [])).toEqual({ accepted: rows, rejected: [] });
    }
  });

  it('postings load the good rows and list the bad ones by file line', () => {
    expect(applyImportRule('postings', [...rows, { row: 4, value: 'b' }], problems)).toEqual({ accepted: rows, rejected: [problems[1], problems[0]] });
  });

  it('an import with no rows at all is import_empty', () => {
    expect(() => applyImportRule('postings', [], [])).toThrow(expect.objectContaining({ code: 'import_empty' }));
  });

  it('problems read as a clerk reads them, in both languages; the CLI picks its language from the environment', () => {
    expect(describeProblem('zh-CN', { row: 3, column: '', key: 'csv_unclosed_quote' })).toBe('第 3 行：这一行开始的记录引号没有闭合，无法读取（其后的行照常检查）');
    expect(describeProblem('en', { row: 4, column: 'code', key: 'required' })).toBe('row 4, code: required');
    expect([cliLocale({}), cliLocale({ LANG: 'en_US.UTF-8' }), cliLocale({ LANG: 'en_US.UTF-8', YUNQIAO_LOCALE: 'zh-CN' }), cliLocale({ YUNQIAO_LOCALE: 'en' })]).toEqual(['zh-CN', 'en', 'zh-CN', 'en']);
  });
});
