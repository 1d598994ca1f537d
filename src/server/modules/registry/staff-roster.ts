// The staff roster as an Excel sheet: the template, the export, and the import check that
// rejects a file with bad rows whole (the roster rule, platform/import-rules.ts), listing
// `row N, column X: what is wrong`.
import type { Locale } from '../../platform/i18n.ts';
import { AppError, zodIssueDetail } from '../../http/errors.ts';
import { applyImportRule, type RowProblem } from '../../platform/import-rules.ts';
import { HEADER_ALIASES } from '../../platform/sheets/headers.ts';
import { readUploadOffThread } from '../../platform/sheets/pool.ts';
import type { SheetSpec } from '../../platform/sheets/types.ts';
import { writeSheet } from '../../platform/spreadsheet.ts';
import type { StaffInput } from './staff.service.ts';
import { staffCreate } from './schemas.ts';

export const ROSTER_COLUMNS = [
  { header: '姓名', field: 'name', text: false },
  { header: '手机号', field: 'phone', text: true },
  { header: '身份证号', field: 'idNumber', text: true },
  { header: '岗位', field: 'position', text: false },
] as const;

export const MAX_IMPORT_ROWS = 5_000;

export function rosterTemplate(): Promise<Buffer> {
  // ID and phone columns formatted as text, so 18 typed digits are not rounded to 5.30102E+17
  return writeSheet('花名册', ROSTER_COLUMNS.map((c) => ({ header: c.header, width: 22, text: c.text, value: () => '' })), []);
}

export function rosterExport(rows: { name: string; phone: string; idNumber: string; position: string; status: string }[]): Promise<Buffer> {
  return writeSheet(
    '花名册',
    [
      { header: '姓名', value: (r) => r.name },
      { header: '手机号', text: true, value: (r) => r.phone },
      { header: '身份证号', width: 24, text: true, value: (r) => r.idNumber },
      { header: '岗位', value: (r) => r.position },
      { header: '状态', value: (r) => (r.status === 'active' ? '在岗' : '离职') },
    ],
    rows,
  );
}

/**
 * The roster's columns as the sheet reader reads them: ID numbers are long codes (never a numeric
 * cell); each column also found under the headers real rosters use (身份证号码, 联系电话: sheets/headers.ts).
 */
export const ROSTER_SPEC: SheetSpec = {
  columns: ROSTER_COLUMNS.map((c) => ({ key: c.field, header: c.header, aliases: HEADER_ALIASES[c.header], kind: c.field === 'idNumber' ? 'code' : c.field === 'phone' ? 'phone' : 'text' })),
  maxRows: MAX_IMPORT_ROWS,
};

/**
 * Reads the roster sheet off the main thread (platform/sheets) and checks every row with the staff
 * schema; the roster import is all-or-nothing (platform/import-rules.ts): throws one AppError
 * listing every problem as row and column, or returns every row. A cell the reader refused (stored
 * as a number, a formula error) is reported as that, not as the schema's complaint about its blank.
 */
export async function parseRoster(data: Buffer, locale: Locale): Promise<{ rowNumber: number; input: StaffInput }[]> {
  const sheet = await readUploadOffThread({ format: 'xlsx', data, spec: ROSTER_SPEC });
  if (sheet.tooMany) throw new AppError('import_too_many_rows', { max: MAX_IMPORT_ROWS });
  if (!sheet.rows.length) throw new AppError('import_empty');

  const problems: RowProblem[] = [];
  const good: { row: number; value: StaffInput }[] = [];
  const seen = new Map<string, number>();
  const order = (column: RowProblem['column']) => ROSTER_COLUMNS.findIndex((c) => c.header === column);
  for (const { row, cells, problems: cellProblems } of sheet.rows) {
    const found: RowProblem[] = [...cellProblems];
    const refused = new Set(cellProblems.map((p) => p.column));
    const parsed = staffCreate.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? field;
        if (refused.has(column)) continue;
        const d = zodIssueDetail(locale, issue);
        found.push({ row, column, key: d.key, ...(d.params ? { params: d.params } : {}) });
      }
    }
    if (found.length || !parsed.success) {
      problems.push(...found.sort((a, b) => order(a.column) - order(b.column)));
      continue;
    }
    const first = seen.get(parsed.data.idNumber);
    if (first !== undefined) {
      problems.push({ row, column: '身份证号', key: 'duplicate_in_file', params: { row: first } });
      continue;
    }
    seen.set(parsed.data.idNumber, row);
    good.push({ row, value: parsed.data });
  }
  return applyImportRule('roster', good, problems).accepted.map((r) => ({ rowNumber: r.row, input: r.value }));
}
