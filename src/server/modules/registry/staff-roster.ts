// The staff roster as an Excel sheet: the template, the export, and the import check that
// rejects a file with bad rows whole, listing `row N, column X: what is wrong`.
import type { Locale } from '../../platform/i18n.ts';
import { AppError, type RawDetail, zodIssueDetail } from '../../http/errors.ts';
import { readSheet, writeSheet } from '../../platform/spreadsheet.ts';
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

/** Parses and checks every row; throws one AppError listing every problem, or returns all rows. */
export async function parseRoster(data: Buffer, locale: Locale): Promise<{ rowNumber: number; input: StaffInput }[]> {
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(data, MAX_IMPORT_ROWS);
  } catch {
    throw new AppError('import_bad_file', {}, [{ field: 'file', key: 'import_bad_file' }]);
  }
  const expected = ROSTER_COLUMNS.map((c) => c.header);
  const header = sheet.header.slice(0, expected.length);
  if (expected.some((h, i) => header[i] !== h)) {
    const params = { expected: expected.join('、') };
    throw new AppError('import_bad_header', params, [{ field: 'file', key: 'import_bad_header', params }]);
  }
  // a refusal of the whole file names the file as its field (every 400 names what is wrong)
  if (sheet.tooMany) throw new AppError('import_too_many_rows', { max: MAX_IMPORT_ROWS }, [{ field: 'file', key: 'import_too_many_rows', params: { max: MAX_IMPORT_ROWS } }]);
  if (!sheet.rows.length) throw new AppError('import_empty', {}, [{ field: 'file', key: 'import_empty' }]);

  const errors: RawDetail[] = [];
  const out: { rowNumber: number; input: StaffInput }[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    const raw = Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c.field, cells[i] ?? '']));
    const parsed = staffCreate.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? field;
        const d = zodIssueDetail(locale, issue);
        errors.push({ row: rowNumber, column, key: d.key, ...(d.params ? { params: d.params } : {}) });
      }
      continue;
    }
    const first = seen.get(parsed.data.idNumber);
    if (first !== undefined) {
      errors.push({ row: rowNumber, column: '身份证号', key: 'duplicate_in_file', params: { row: first } });
      continue;
    }
    seen.set(parsed.data.idNumber, rowNumber);
    out.push({ rowNumber, input: parsed.data });
  }
  if (errors.length) throw new AppError('import_failed', { count: errors.length }, errors);
  return out;
}
