// Reading a roster-like sheet out of an .xlsx, streaming: exceljs's WorkbookReader walks the zip
// (workbook, relationships, styles), and the cells are read here from the SAX events of each
// worksheet part, so that
//   - only visible sheets count; the one whose header row (within the first few rows, after a
//     merged title row) carries every expected column is read; two such sheets are refused;
//   - a formula's cached value is what is read: no cached value is a blank, an error (#N/A) is a
//     problem of that cell, a string result is text;
//   - a numeric or date cell is refused where a long code is expected (Excel keeps 15 digits);
//   - rich text and inline strings are read as their text (phonetic runs left out), never as
//     "[object Object]";
//   - reading stops after the row limit or a long run of blank rows (a sheet formatted "to the
//     bottom" has a million styled empty rows), and the rest of the part is drained unparsed.
// exceljs's own worksheet and shared-string readers are replaced: they decode each inflated chunk
// separately (a Chinese character split across two chunks becomes two U+FFFD), keep only the last
// run of an inline string, read a formula error as NaN and build a cell object per styled cell.
// Runs in a worker thread (pool.ts); call checkZip first (worker.ts does).
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { normaliseHeader, normaliseText } from '../../../shared/text.ts';
import type { CellProblem, ColumnSpec, ReaderLimits, ReadOutcome, SheetRow, SheetSpec } from './types.ts';

const require = createRequire(import.meta.url);
type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: { name: string; attributes: Record<string, string> } & string };
const parseSax = require('exceljs/lib/utils/parse-sax.js') as (it: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
const iterateStream = require('exceljs/lib/utils/iterate-stream.js') as (s: unknown) => AsyncIterable<Buffer | string>;
const excelUtils = require('exceljs/lib/utils/utils.js') as { isDateFmt: (fmt: string | undefined) => boolean; excelToDate: (v: number, date1904?: boolean) => Date };

/** Inflated chunks as text, decoding UTF-8 across chunk boundaries. */
async function* decoded(chunks: AsyncIterable<Buffer | string>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

type SheetHandle = { sheetNo: string; name: string; state: string; iterator: AsyncIterable<Buffer | string> };
type Rel = { Id: string; Target: string };
type Styles = { getStyleModel(id: number): { numFmt?: string } | undefined };

const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => object;

/** exceljs's WorkbookReader with the shared-string and worksheet parts read by this module. */
class Reader extends WorkbookReaderBase {
  declare sharedStrings?: string[];
  declare workbookRels?: Rel[];
  declare model?: { sheets?: { id: number; name: string; state?: string; rId: string }[] };
  declare properties?: { date1904?: boolean };
  declare styles: Styles;

  /** <si> text: every <t> of the item and its runs, phonetic readings (<rPh>) left out. */
  // biome-ignore lint/correctness/useYield: exceljs delegates to it with yield*; the strings are cached, not emitted
  async *_parseSharedStrings(entry: unknown): AsyncGenerator<never> {
    const strings: string[] = [];
    this.sharedStrings = strings;
    let text = '';
    let inT = false;
    let inPhonetic = 0;
    for await (const events of parseSax(decoded(iterateStream(entry)))) {
      for (const e of events) {
        if (e.eventType === 'opentag') {
          if (e.value.name === 'si') text = '';
          else if (e.value.name === 'rPh') inPhonetic++;
          else if (e.value.name === 't') inT = true;
        } else if (e.eventType === 'text') {
          if (inT && !inPhonetic) text += e.value;
        } else if (e.value.name === 't') inT = false;
        else if (e.value.name === 'rPh') inPhonetic--;
        else if (e.value.name === 'si') strings.push(text);
      }
    }
  }

  *_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: 'worksheet'; value: SheetHandle }> {
    const rel = (this.workbookRels ?? []).find((r) => r.Target.replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${sheetNo}.xml`);
    const sheet = rel && (this.model?.sheets ?? []).find((s) => s.rId === rel.Id);
    yield { eventType: 'worksheet', value: { sheetNo, name: sheet?.name ?? `sheet${sheetNo}`, state: sheet?.state ?? 'visible', iterator } };
  }
}

type RawCell = { t: string | undefined; s: number; v: string | null; inline: string | null; formula: boolean };
/** A cell's content; `uncomputed`: a formula saved without its value (a file written by a program that does not calculate). */
export type Cell = { text: string } | { number: number } | { date: string } | { error: string } | { uncomputed: true };

const colIndex = (ref: string | undefined): number | null => {
  const letters = ref ? /^[A-Z]+/i.exec(ref)?.[0] : undefined;
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/i;

/**
 * One cell as the importer's column kind wants it: its text, or a problem. Rules in types.ts
 * (ColumnKind); a U+FFFD anywhere means the text was decoded with the wrong encoding somewhere.
 */
export function cellFor(cell: Cell | undefined, spec: ColumnSpec, row: number): { text: string; problem?: CellProblem } {
  const problem = (key: string, params?: Record<string, string | number>) => ({ text: '', problem: { row, column: spec.header, key, ...(params ? { params } : {}) } });
  if (!cell) return { text: '' };
  if ('error' in cell) return problem('cell_formula_error', { error: cell.error });
  if ('uncomputed' in cell) return problem('cell_formula_uncomputed');
  if ('number' in cell) {
    if (spec.kind === 'code') return problem('cell_stored_as_number', { value: String(cell.number) });
    return { text: String(cell.number) };
  }
  if ('date' in cell) {
    if (spec.kind === 'code') return problem('cell_stored_as_date', { value: cell.date });
    return { text: cell.date };
  }
  const raw = cell.text;
  if (raw.includes('\uFFFD')) return problem('cell_replacement_char');
  if (spec.kind === 'code' && SCIENTIFIC.test(raw.trim())) return problem('cell_stored_as_number', { value: raw.trim() });
  // normalised as free text only: a code keeps its separators here (2-02 is not 202); the field's
  // parser (platform/fields.ts, the module's schema) normalises it as the code it is
  return { text: normaliseText(raw) };
}

/**
 * The header row's columns: expected key → column index (-1 for an absent optional column), or
 * null when a required column is missing. Headers compare after normaliseHeader (NFKC, no
 * whitespace, no trailing required mark); other columns (序号, 状态) are ignored.
 */
export function matchHeader(texts: Map<number, string>, columns: readonly ColumnSpec[]): Map<string, number> | null {
  const byHeader = new Map<string, number>();
  for (const [i, text] of texts) {
    const h = normaliseHeader(text);
    if (h && !byHeader.has(h)) byHeader.set(h, i);
  }
  const out = new Map<string, number>();
  for (const col of columns) {
    const i = byHeader.get(normaliseHeader(col.header));
    if (i === undefined && !col.optional) return null;
    out.set(col.key, i ?? -1);
  }
  return out;
}

const cellHeaderText = (c: Cell) => ('text' in c ? c.text : 'number' in c ? String(c.number) : '');

/**
 * Reads the roster sheet of an .xlsx held in `data`. `hasSharedStrings` says whether the zip has an
 * xl/sharedStrings.xml part (without one exceljs would park every worksheet in a temporary file).
 * Refusals: import_bad_file, import_bad_header {expected}, import_ambiguous_sheets {sheets}.
 */
export async function readXlsx(data: Uint8Array, spec: SheetSpec, limits: ReaderLimits, hasSharedStrings: boolean): Promise<ReadOutcome> {
  const input = Readable.from([Buffer.from(data.buffer, data.byteOffset, data.length)]);
  const reader = new Reader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  if (!hasSharedStrings) reader.sharedStrings = [];
  const matched: string[] = [];
  let result: { sheet: string; headerRow: number; rows: SheetRow[]; tooMany: boolean } | null = null;
  let sawSheet = false;
  try {
    for await (const handle of reader as unknown as AsyncIterable<SheetHandle>) {
      sawSheet = true;
      if (handle.state !== 'visible' || matched.length > 1) {
        for await (const _ of handle.iterator); // drain unparsed
        continue;
      }
      const read = await readSheet(reader, handle, spec, limits, result === null);
      if (read.header) {
        matched.push(handle.name);
        if (read.rows) result = { sheet: handle.name, headerRow: read.header, rows: read.rows, tooMany: read.tooMany };
      }
    }
  } catch {
    return { ok: false, refused: 'import_bad_file' };
  } finally {
    input.destroy();
  }
  if (!sawSheet) return { ok: false, refused: 'import_bad_file' };
  if (matched.length > 1) return { ok: false, refused: 'import_ambiguous_sheets', params: { sheets: matched.map((n) => `“${n}”`).join('、') } };
  if (!result) return { ok: false, refused: 'import_bad_header', params: { expected: spec.columns.map((c) => c.header).join('、') } };
  return { ok: true, ...result, problems: [] };
}

/**
 * One worksheet part: finds the header within the first rows; when `takeRows`, reads the data rows
 * below it (until the row limit or a run of blank rows), else stops at the header. Always drains
 * the part, so the zip walk can go on to the next sheet.
 */
async function readSheet(reader: Reader, handle: SheetHandle, spec: SheetSpec, limits: ReaderLimits, takeRows: boolean): Promise<{ header: number | null; rows: SheetRow[] | null; tooMany: boolean }> {
  const shared = reader.sharedStrings ?? [];
  const date1904 = reader.properties?.date1904 === true;
  const rows: SheetRow[] = [];
  let header: Map<string, number> | null = null;
  let headerRow: number | null = null;
  let tooMany = false;
  let stop = false;
  let lastWithData = 0;

  let rowNo = 0;
  let cells = new Map<number, Cell>();
  let c: (RawCell & { col: number }) | null = null;
  let capture: 'v' | 't' | null = null;
  let inPhonetic = 0;
  let lastCol = -1;

  const toCell = (raw: RawCell): Cell | null => {
    // a formula with no cached value at all (not an empty one: that is a blank) was never calculated
    if (raw.formula && raw.v === null && raw.inline === null) return { uncomputed: true };
    switch (raw.t) {
      case 'inlineStr':
        return { text: raw.inline ?? '' };
      case 's':
        return { text: shared[Number(raw.v)] ?? '' };
      case 'str':
        return { text: raw.v ?? '' };
      case 'e':
        return { error: raw.v ?? '#ERROR' };
      case 'b':
        return { text: raw.v === '1' ? 'TRUE' : 'FALSE' };
      case 'd':
        return raw.v ? { date: raw.v.slice(0, 10) } : null;
      default: {
        if (raw.v === null || raw.v.trim() === '') return null; // a formula without a cached value, or a styled empty cell
        const n = Number(raw.v);
        if (!Number.isFinite(n)) return { text: raw.v };
        const fmt = Number.isNaN(raw.s) ? undefined : reader.styles.getStyleModel(raw.s)?.numFmt;
        if (fmt && excelUtils.isDateFmt(fmt)) return { date: excelUtils.excelToDate(n, date1904).toISOString().slice(0, 10) };
        return { number: n };
      }
    }
  };

  const endRow = () => {
    if (!header) {
      header = matchHeader(new Map([...cells].map(([i, cell]) => [i, cellHeaderText(cell)])), spec.columns);
      if (header) {
        headerRow = rowNo;
        lastWithData = rowNo;
        if (!takeRows) stop = true;
      } else if (rowNo >= limits.headerScanRows) stop = true;
      return;
    }
    const out: SheetRow = { row: rowNo, cells: {}, problems: [] };
    let blank = true;
    for (const col of spec.columns) {
      const { text, problem } = cellFor(cells.get(header.get(col.key) as number), col, rowNo);
      out.cells[col.key] = text;
      if (problem) out.problems.push(problem);
      if (text !== '' || problem) blank = false;
    }
    if (blank) {
      if (rowNo - lastWithData >= limits.blankRunStop) stop = true;
      return;
    }
    if (rowNo - lastWithData > limits.blankRunStop) {
      stop = true;
      return;
    }
    lastWithData = rowNo;
    if (rows.length >= spec.maxRows) {
      tooMany = true;
      stop = true;
      return;
    }
    rows.push(out);
  };

  const iterator = handle.iterator[Symbol.asyncIterator]();
  // no return(): leaving the parse loop early must not close the part, which is drained below
  const chunks: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => ({ next: () => iterator.next() }) };
  parse: for await (const events of parseSax(decoded(chunks))) {
    for (const e of events) {
      if (e.eventType === 'opentag') {
        const a = e.value.attributes;
        switch (e.value.name) {
          case 'row':
            rowNo = a.r ? Number(a.r) : rowNo + 1;
            cells = new Map();
            lastCol = -1;
            break;
          case 'c': {
            const col = colIndex(a.r) ?? lastCol + 1;
            lastCol = col;
            c = { col, t: a.t, s: Number(a.s), v: null, inline: null, formula: false };
            break;
          }
          case 'v':
            if (c) {
              c.v = '';
              capture = 'v';
            }
            break;
          case 'f':
            if (c) c.formula = true;
            break;
          case 'rPh':
            inPhonetic++;
            break;
          case 't':
            if (c && !inPhonetic) {
              c.inline ??= '';
              capture = 't';
            }
            break;
        }
      } else if (e.eventType === 'text') {
        if (c && capture === 'v') c.v += e.value;
        else if (c && capture === 't') c.inline += e.value;
      } else {
        switch (e.value.name) {
          case 'v':
          case 't':
            capture = null;
            break;
          case 'rPh':
            inPhonetic--;
            break;
          case 'c':
            if (c) {
              const cell = toCell(c);
              if (cell) cells.set(c.col, cell);
            }
            c = null;
            break;
          case 'row':
            endRow();
            if (stop) break parse;
            break;
        }
      }
    }
  }
  // the rest of the part, inflated but not parsed
  for (;;) if ((await iterator.next()).done) break;
  return { header: headerRow, rows: headerRow !== null && takeRows ? rows : null, tooMany };
}
