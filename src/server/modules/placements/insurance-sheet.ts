// The human-resources bureau's monthly social-insurance file (参保明细, issue 13 M6, decision 0051):
// one row per worker, employer, month and insurance type, columns 身份证号, 单位统一社会信用代码,
// 参保年月, 险种. Read off the main thread through the shared sheet reader (decision 0021); ID
// numbers through the GB 11643 parser, credit codes through the GB 32100 parser; all-or-nothing
// (platform/import-rules.ts 'insurance'): a file with any bad row writes nothing and every problem is
// named by row and column. The template (and the dev simulation) write the same columns.
import { AppError } from '../../http/errors.ts';
import { applyImportRule, type RowProblem } from '../../platform/import-rules.ts';
import { HEADER_ALIASES } from '../../platform/sheets/headers.ts';
import { readUploadOffThread } from '../../platform/sheets/pool.ts';
import type { SheetSpec } from '../../platform/sheets/types.ts';
import { writeSheet } from '../../platform/spreadsheet.ts';
import { chinaDate, citizenIdProblem, creditCodeProblem, normaliseCitizenId, normaliseCreditCode } from '../../../shared/identifiers.ts';

export const MAX_INSURANCE_ROWS = 50_000;

/**
 * 险种 as the national social-insurance system codes them (AAE140): 110 企业职工基本养老保险,
 * 210 失业保险, 310 职工基本医疗保险, 410 工伤保险, 510 生育保险. A cell may hold the code or a name
 * naming exactly one of them (养老, 养老保险, 基本养老保险 …).
 */
export const INSURANCE_TYPES = [
  { code: '110', word: '养老', en: 'pension' },
  { code: '310', word: '医疗', en: 'medical' },
  { code: '210', word: '失业', en: 'unemployment' },
  { code: '410', word: '工伤', en: 'work injury' },
  { code: '510', word: '生育', en: 'maternity' },
] as const;
export type InsuranceCode = (typeof INSURANCE_TYPES)[number]['code'];

export const INSURANCE_COLUMNS = [
  { key: 'idNumber', header: '身份证号', aliases: HEADER_ALIASES.身份证号, kind: 'code' },
  { key: 'creditCode', header: '单位统一社会信用代码', aliases: ['统一社会信用代码', '单位社会信用代码', '社会信用代码'], kind: 'code' },
  { key: 'month', header: '参保年月', aliases: ['缴费年月', '费款所属期', '参保月份'], kind: 'text' },
  { key: 'insuranceType', header: '险种', aliases: ['险种类型', '险种名称'], kind: 'text' },
] as const;

export const INSURANCE_SPEC: SheetSpec = { columns: INSURANCE_COLUMNS, maxRows: MAX_INSURANCE_ROWS };

/** One good row: the worker's ID number and the employer's credit code (normalised), the month YYYY-MM, the type's code, and its sheet row. */
export type InsuranceRow = { row: number; idNumber: string; creditCode: string; month: string; insuranceType: InsuranceCode };

/**
 * 参保年月 as YYYY-MM: YYYYMM (a numeric cell reads as its digits), YYYY-MM, YYYY/MM, YYYY.MM,
 * YYYY年M月, or a date cell Excel made of a typed month (its first day, YYYY-MM-01); null for
 * anything else or a month that does not exist.
 */
export function parseInsuranceMonth(raw: string): string | null {
  // NFKC first (full-width digits), then 年 and the usual separators as one hyphen, 月 dropped
  const v = raw.normalize('NFKC').trim().replace(/月$/, '').replace(/[年/.\-－]/g, '-');
  const m = /^(\d{4})(\d{2})$/.exec(v) ?? /^(\d{4})-(\d{1,2})(?:-0?1)?$/.exec(v);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** 险种 as its code: the code itself, or a name containing exactly one type's word; null otherwise. */
export function parseInsuranceType(raw: string): InsuranceCode | null {
  const v = raw.replace(/\s/g, '');
  const byCode = INSURANCE_TYPES.find((t) => t.code === v);
  if (byCode) return byCode.code;
  if (v.length > 20) return null;
  const hits = INSURANCE_TYPES.filter((t) => v.includes(t.word));
  return hits.length === 1 ? (hits[0] as (typeof INSURANCE_TYPES)[number]).code : null;
}

/**
 * Reads the file off the main thread and checks every row; throws AppError import_failed listing
 * every problem (row, column, what is wrong) when any row is bad, import_empty / import_too_many_rows
 * for the file as a whole; else returns every row. `now` bounds the month (not after this month,
 * China time; not before 2000). The same (ID, credit code, month, type) twice in the file is kept
 * once (the store is idempotent on it anyway).
 */
export async function parseInsuranceFile(data: Buffer, now: Date): Promise<InsuranceRow[]> {
  const sheet = await readUploadOffThread({ format: 'xlsx', data, spec: INSURANCE_SPEC });
  if (sheet.tooMany) throw new AppError('import_too_many_rows', { max: MAX_INSURANCE_ROWS });
  if (!sheet.rows.length) throw new AppError('import_empty');
  const thisMonth = chinaDate(now).slice(0, 7);
  const problems: RowProblem[] = [];
  const good: { row: number; value: InsuranceRow }[] = [];
  for (const { row, cells, problems: cellProblems } of sheet.rows) {
    const found: RowProblem[] = [...cellProblems];
    const refused = new Set(cellProblems.map((p) => p.column));
    const check = (header: string, key: RowProblem['key'] | null, params?: Record<string, string | number>) => {
      if (key && !refused.has(header)) found.push({ row, column: header, key, ...(params ? { params } : {}) });
    };
    const idNumber = normaliseCitizenId(cells.idNumber ?? '');
    const creditCode = normaliseCreditCode(cells.creditCode ?? '');
    const idProblem = idNumber ? citizenIdProblem(idNumber, now) : { key: 'required' as const, params: undefined };
    check('身份证号', idProblem?.key ?? null, idProblem?.params);
    const ccProblem = creditCode ? creditCodeProblem(creditCode) : { key: 'required' as const, params: undefined };
    check('单位统一社会信用代码', ccProblem?.key ?? null, ccProblem?.params);
    const month = cells.month ? parseInsuranceMonth(cells.month) : null;
    if (!cells.month) check('参保年月', 'required');
    else if (!month || month < '2000-01') check('参保年月', 'insurance_month_invalid');
    else if (month > thisMonth) check('参保年月', 'insurance_month_future');
    const insuranceType = cells.insuranceType ? parseInsuranceType(cells.insuranceType) : null;
    if (!cells.insuranceType) check('险种', 'required');
    else if (!insuranceType) check('险种', 'insurance_type_unknown');
    if (found.length || !month || !insuranceType) {
      problems.push(...found);
      continue;
    }
    good.push({ row, value: { row, idNumber, creditCode, month, insuranceType } });
  }
  return applyImportRule('insurance', good, problems).accepted.map((r) => r.value);
}

/** The file's columns as the template and the dev simulation write them (ID and code columns as text, so Excel keeps every digit). */
export function insuranceSheet(rows: ReadonlyArray<{ idNumber: string; creditCode: string; month: string; insuranceType: InsuranceCode }>): Promise<Buffer> {
  const word = (code: InsuranceCode) => INSURANCE_TYPES.find((t) => t.code === code)?.word ?? code;
  return writeSheet(
    '参保明细',
    [
      { header: '身份证号', width: 24, text: true, value: (r) => r.idNumber },
      { header: '单位统一社会信用代码', width: 26, text: true, value: (r) => r.creditCode },
      { header: '参保年月', text: true, value: (r) => r.month.replace('-', '') },
      { header: '险种', value: (r) => word(r.insuranceType) },
    ],
    rows,
  );
}
