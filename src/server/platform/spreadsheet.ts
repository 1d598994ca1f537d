// Excel out (exceljs): agencies live in Excel. Exports neutralise cells that a spreadsheet would run
// as formulas (= + - @). Imports are read by platform/sheets (streaming, off the main thread).
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
  return writeWorkbook([sheet(sheetName, columns, rows)]);
}

/** One worksheet of a workbook: its name, columns and rows (the row type checked per sheet). */
export type WorksheetOut = { name: string; columns: SheetColumn<never>[]; rows: Iterable<unknown> };

/** A worksheet for `writeWorkbook`, typed by its rows. */
export function sheet<R>(name: string, columns: SheetColumn<R>[], rows: Iterable<R>): WorksheetOut {
  return { name, columns: columns as SheetColumn<never>[], rows };
}

/** A workbook of several worksheets, in order, each with a bold header row; formula-like text neutralised. */
export async function writeWorkbook(sheets: readonly WorksheetOut[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'yunqiao';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 18, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      ws.addRow(s.columns.map((c) => {
        const v = (c.value as (row: unknown) => ReturnType<typeof c.value>)(r);
        return typeof v === 'string' ? neutralise(v) : v;
      }));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download with a Chinese file name (RFC 5987). */
export function attachment(filename: string): string {
  // RFC 6266 / RFC 5987 by the library: quotes and backslashes escaped, the UTF-8 name whole in
  // filename*, an ASCII fallback for old clients
  return contentDisposition(filename);
}
