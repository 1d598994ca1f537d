// The returning employees as an Excel sheet (decision 0050): the template, the exports (the plan's
// list, the destination's transport list) and the import's first check — the shared sheet reader
// off the main thread (platform/sheets, decision 0021), each row through the field parsers (ID
// number GB 11643, mobile phone, division code, calendar day). The import is all-or-nothing
// (platform/import-rules.ts `returning_employees`): what needs the database or the clock is
// checked by the service before anything is written.
import { z } from 'zod';
import { AppError, zodIssueDetail } from '../../http/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { calendarDate, citizenId, divisionCode, phone, text } from '../../platform/fields.ts';
import type { RowProblem } from '../../platform/import-rules.ts';
import { HEADER_ALIASES } from '../../platform/sheets/headers.ts';
import { readUploadOffThread } from '../../platform/sheets/pool.ts';
import type { SheetSpec } from '../../platform/sheets/types.ts';
import { type SheetColumn, writeSheet } from '../../platform/spreadsheet.ts';

export const RETURNEE_COLUMNS = [
  { header: '姓名', field: 'name', kind: 'text' },
  { header: '身份证号', field: 'idNumber', kind: 'code' },
  { header: '手机号', field: 'phone', kind: 'phone' },
  // a county code is six digits: a numeric cell keeps them (the text kind reads a number as its digits)
  { header: '始发县代码', field: 'originDivision', kind: 'text' },
  { header: '出行日期', field: 'travelOn', kind: 'text' },
  { header: '需要点对点运输', field: 'needsTransport', kind: 'text' },
] as const;

export type ReturneeColumn = (typeof RETURNEE_COLUMNS)[number]['header'];

/** The most rows one import takes (a plan's whole list). */
export const MAX_RETURNEES = 5_000;

export const RETURNEES_SPEC: SheetSpec = {
  columns: RETURNEE_COLUMNS.map((c) => ({ key: c.field, header: c.header, aliases: (HEADER_ALIASES as Record<string, readonly string[] | undefined>)[c.header] ?? [], kind: c.kind })),
  maxRows: MAX_RETURNEES,
};

const YES = new Set(['是', 'Y', 'YES', '需要', '1', 'TRUE']);
const NO = new Set(['否', 'N', 'NO', '不需要', '0', 'FALSE', '']);

/** One row as the parsers read it: the whole-row schema of the sheet. */
const returneeRow = z.object({
  name: text(50),
  idNumber: citizenId(),
  phone: phone(),
  originDivision: divisionCode(),
  travelOn: calendarDate(),
  needsTransport: z.string().refine((v) => YES.has(v.toUpperCase()) || NO.has(v.toUpperCase()), { message: 'resumption_transport_yes_no' }).transform((v) => YES.has(v.toUpperCase())),
});

export type ReturneeInput = z.infer<typeof returneeRow>;

/**
 * Reads the sheet (`data`, an .xlsx) and parses each row; returns the rows that parsed and every
 * problem found, by sheet row and column (a cell the reader refused is reported as that). A second
 * row with the same ID number is `duplicate_in_file`. Throws import_too_many_rows / import_empty.
 */
export async function readReturnees(data: Buffer, locale: Locale): Promise<{ rows: { row: number; value: ReturneeInput }[]; problems: RowProblem[] }> {
  const sheet = await readUploadOffThread({ format: 'xlsx', data, spec: RETURNEES_SPEC });
  if (sheet.tooMany) throw new AppError('import_too_many_rows', { max: MAX_RETURNEES });
  if (!sheet.rows.length) throw new AppError('import_empty');
  const problems: RowProblem[] = [];
  const rows: { row: number; value: ReturneeInput }[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells, problems: cellProblems } of sheet.rows) {
    const found: RowProblem[] = [...cellProblems];
    const refused = new Set(cellProblems.map((p) => p.column));
    const parsed = returneeRow.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = RETURNEE_COLUMNS.find((c) => c.field === String(issue.path[0]))?.header ?? String(issue.path[0]);
        if (refused.has(column)) continue;
        const d = zodIssueDetail(locale, issue);
        found.push({ row, column, key: d.key, ...(d.params ? { params: d.params } : {}) });
      }
    }
    if (found.length || !parsed.success) {
      problems.push(...found);
      continue;
    }
    const first = seen.get(parsed.data.idNumber);
    if (first !== undefined) {
      problems.push({ row, column: '身份证号', key: 'duplicate_in_file', params: { row: first } });
      continue;
    }
    seen.set(parsed.data.idNumber, row);
    rows.push({ row, value: parsed.data });
  }
  return { rows, problems };
}

/** The empty template: ID, phone and county columns formatted as text (18 digits are not rounded). */
export function returneesTemplate(): Promise<Buffer> {
  return writeSheet('返岗员工', RETURNEE_COLUMNS.map((c) => ({ header: c.header, width: 20, text: c.kind !== 'text' || c.field === 'originDivision', value: () => '' })), []);
}

/** A returning employee as the exports show them (ID number and phone already masked). */
export type ReturneeOut = { name: string; idNumber: string; phone: string; originDivision: string; originName: string; travelOn: string; needsTransport: boolean };

const returneeColumns: SheetColumn<ReturneeOut>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '身份证号', width: 22, text: true, value: (r) => r.idNumber },
  { header: '手机号', width: 14, text: true, value: (r) => r.phone },
  { header: '始发县代码', text: true, value: (r) => r.originDivision },
  { header: '始发县', width: 16, value: (r) => r.originName },
  { header: '出行日期', width: 12, value: (r) => r.travelOn },
  { header: '需要点对点运输', value: (r) => (r.needsTransport ? '是' : '否') },
];

/** A plan's returning employees (masked). */
export function returneesExport(rows: ReturneeOut[]): Promise<Buffer> {
  return writeSheet('返岗员工', returneeColumns, rows);
}

/** Workers waiting for transport, with their destination and employer (masked): the transport list. */
export type WaitingOut = ReturneeOut & { divisionName: string; employerName: string; contactName: string; contactPhone: string };

/** The transport list (点对点运输名单): by origin and day, each worker's destination county, employer and its contact. */
export function transportListExport(rows: WaitingOut[]): Promise<Buffer> {
  return writeSheet('点对点运输名单', [
    ...returneeColumns.filter((c) => c.header !== '需要点对点运输'),
    { header: '目的地县', width: 14, value: (r) => r.divisionName },
    { header: '用人单位', width: 24, value: (r) => r.employerName },
    { header: '单位联系人', value: (r) => r.contactName },
    { header: '单位联系电话', width: 14, text: true, value: (r) => r.contactPhone },
  ], rows);
}
