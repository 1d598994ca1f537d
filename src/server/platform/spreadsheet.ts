// Excel in and out (exceljs): agencies live in Excel. Exports neutralise cells that a spreadsheet
// would run as formulas (= + - @); imports read the first sheet as text cells.
import contentDisposition from 'content-disposition';
import type ExcelJS from 'exceljs';

// exceljs costs ~0.5 s to load: loaded on the first import or export, not at start-up.
let excel: Promise<typeof ExcelJS> | null = null;
const loadExcel = () => (excel ??= import('exceljs').then((m) => m.default));

export type SheetColumn<R> = {
  header: string;
  width?: number;
  /** Text columns (ID and phone numbers): Excel would turn typed digits into a number and round them. */
  text?: boolean;
  value: (row: R) => string | number | boolean | Date | null;
};

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export async function writeSheet<R>(sheetName: string, columns: SheetColumn<R>[], rows: Iterable<R>): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'yunqiao';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow(columns.map((c) => {
      const v = c.value(r);
      return typeof v === 'string' ? neutralise(v) : v;
    }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((p) => p.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return v.result === undefined ? '' : String(v.result).trim();
  return String(v).trim();
}

/** The first sheet as rows of trimmed text; row 1 is the header. Throws on a file that is not .xlsx. */
export async function readSheet(data: Buffer, maxRows: number): Promise<{ header: string[]; rows: { rowNumber: number; cells: string[] }[]; tooMany: boolean }> {
  const wb = new (await loadExcel()).Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { header: [], rows: [], tooMany: false };
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = cellText(cell.value);
  });
  const rows: { rowNumber: number; cells: string[] }[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = header.map((_, i) => cellText(row.getCell(i + 1).value));
    if (cells.every((c) => c === '')) return;
    if (rows.length >= maxRows) {
      tooMany = true;
      return;
    }
    rows.push({ rowNumber, cells });
  });
  return { header, rows, tooMany };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download with a Chinese file name (RFC 5987). */
export function attachment(filename: string): string {
  // RFC 6266 / RFC 5987 by the library: quotes and backslashes escaped, the UTF-8 name whole in
  // filename*, an ASCII fallback for old clients
  return contentDisposition(filename);
}
