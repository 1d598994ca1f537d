// Reading a roster-like sheet out of an .xlsx, streaming: the parts are opened by name from the
// zip's central directory (yauzl), the workbook, relationships and styles parsed by exceljs's
// xforms, and the cells read here from the SAX events of each worksheet part, so that
//   - only visible sheets count, in the workbook's tab order; the one whose header row (within the
//     first few rows, after a merged title row) carries every expected column is read; two or more
//     such sheets are refused, naming them all;
//   - a formula's cached value is what is read: no cached value is a blank, an error (#N/A) is a
//     problem of that cell, a string result is text;
//   - a numeric or date cell is refused where a long code is expected (Excel keeps 15 digits);
//   - rich text and inline strings are read as their text (phonetic runs left out), never as
//     "[object Object]";
//   - reading stops after the row limit or a long run of blank rows (a sheet formatted "to the
//     bottom" has a million styled empty rows), and the rest of the part is never inflated.
// exceljs's streaming WorkbookReader is not used: it takes the parts in the order they are stored,
// parks every worksheet stored before the shared strings in a temporary file (Excel stores them
// first), and with five or more worksheets stored before the workbook part (as exceljs writes
// them) its walk ended before reaching that part: sheet names and hidden states were lost, and
// a file whose every sheet has the header could even be refused as having none (sheets.test.ts).
// exceljs's own worksheet and shared-string readers are replaced too: they decode each inflated chunk
// separately (a Chinese character split across two chunks becomes two U+FFFD), keep only the last
// run of an inline string, read a formula error as NaN and build a cell object per styled cell.
// Runs in a worker thread (pool.ts); call checkZip first (worker.ts does).
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { isMaskedNumber } from '../../../shared/identifiers.ts';
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

type Rel = { Id: string; Type?: string; Target: string; TargetMode?: string };
type SheetEntry = { id: number; name: string; state?: string; rId: string };
type Styles = { getStyleModel(id: number): { numFmt?: string } | undefined };
type Xform<M> = { model: M; parse(events: AsyncIterable<SaxEvent[]>): Promise<unknown> };
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as new () => Xform<{ sheets?: SheetEntry[]; properties?: { date1904?: boolean } }>;
const RelationshipsXform = require('exceljs/lib/xlsx/xform/core/relationships-xform.js') as new () => Xform<Rel[]>;
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform.js') as new () => Xform<unknown> & Styles & { init(): void };

/** The zip's entries by name, the file left open for reading them in any order (checkZip has vetted it). */
function openZip(data: Uint8Array): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(data.buffer, data.byteOffset, data.length), { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ zip, entries }));
      zip.readEntry();
    });
  });
}

/** One part's inflated bytes as a stream. */
function openPart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream))));
}

/** A part parsed by one of exceljs's xforms (workbook, relationships, styles), decoded across chunks. */
async function parsePart<X extends Xform<unknown>>(zip: yauzl.ZipFile, entry: yauzl.Entry, xform: X): Promise<X> {
  await xform.parse(parseSax(decoded(iterateStream(await openPart(zip, entry)))));
  return xform;
}

/** <si> text: every <t> of the item and its runs, phonetic readings (<rPh>) left out. */
async function readSharedStrings(part: Readable): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inT = false;
  let inPhonetic = 0;
  for await (const events of parseSax(decoded(iterateStream(part)))) {
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
  return strings;
}

/** A part name from a relationship target of the workbook (`worksheets/sheet1.xml`, `/xl/worksheets/sheet1.xml`). */
function partName(target: string, entries: Map<string, yauzl.Entry>): yauzl.Entry | undefined {
  const name = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
  const exact = entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [n, e] of entries) if (n.toLowerCase() === lower) return e;
  return undefined;
}

/** What a worksheet is read with: the shared strings, number formats and the workbook's date system. */
type Book = { shared: string[]; styles: Styles; date1904: boolean };

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
 * (ColumnKind); a U+FFFD anywhere means the text was decoded with the wrong encoding somewhere;
 * a masked number (530102********0203, copied from an export) where a code or phone belongs is
 * `cell_masked`. Problems name the column by its label, else its header.
 */
export function cellFor(cell: Cell | undefined, spec: ColumnSpec, row: number): { text: string; problem?: CellProblem } {
  const problem = (key: string, params?: Record<string, string | number>) => ({ text: '', problem: { row, column: spec.label ?? spec.header, key, ...(params ? { params } : {}) } });
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
  if (spec.kind !== 'text' && isMaskedNumber(raw)) return problem('cell_masked', { value: normaliseText(raw) });
  // normalised as free text only: a code keeps its separators here (2-02 is not 202); the field's
  // parser (platform/fields.ts, the module's schema) normalises it as the code it is
  return { text: normaliseText(raw) };
}

/**
 * The header row's columns: expected key → column index (-1 for an absent optional column), or
 * null when a required column is missing. Headers compare after normaliseHeader (NFKC, no
 * whitespace, no trailing required mark); a column is found by its header, else by its aliases
 * in their order (身份证号码 for 身份证号), and a sheet column serves one expected column only;
 * other columns (序号, 状态) are ignored.
 */
export function matchHeader(texts: Map<number, string>, columns: readonly ColumnSpec[]): Map<string, number> | null {
  const byHeader = new Map<string, number>();
  for (const [i, text] of texts) {
    const h = normaliseHeader(text);
    if (h && !byHeader.has(h)) byHeader.set(h, i);
  }
  const out = new Map<string, number>();
  const taken = new Set<number>();
  const find = (col: ColumnSpec) => {
    for (const name of [col.header, ...(col.aliases ?? [])]) {
      const i = byHeader.get(normaliseHeader(name));
      if (i !== undefined && !taken.has(i)) return i;
    }
    return undefined;
  };
  // every column's own header first, so that an alias of one column never takes another's header
  for (const col of columns) {
    const i = byHeader.get(normaliseHeader(col.header));
    if (i !== undefined && !taken.has(i)) {
      out.set(col.key, i);
      taken.add(i);
    }
  }
  for (const col of columns) {
    if (out.has(col.key)) continue;
    const i = find(col);
    if (i === undefined && !col.optional) return null;
    if (i !== undefined) taken.add(i);
    out.set(col.key, i ?? -1);
  }
  return new Map(columns.map((c) => [c.key, out.get(c.key) as number]));
}

const cellHeaderText = (c: Cell) => ('text' in c ? c.text : 'number' in c ? String(c.number) : '');

/**
 * Reads the roster sheet of an .xlsx held in `data` (checked by zip-guard.ts checkZip first). The
 * parts are opened by name from the zip's central directory, in the order the reading needs —
 * relationships, workbook, styles, shared strings, then the visible worksheets in the workbook's
 * tab order — whatever order the writing program stored them in (Excel stores the shared strings
 * after the worksheets, exceljs the workbook last); hidden sheets are never inflated, nothing is
 * parked in temporary files. Refusals: import_bad_file, import_bad_header {expected},
 * import_ambiguous_sheets {sheets}, naming every visible sheet that carries the header.
 */
export async function readXlsx(data: Uint8Array, spec: SheetSpec, limits: ReaderLimits): Promise<ReadOutcome> {
  const matched: string[] = [];
  let result: { sheet: string; headerRow: number; rows: SheetRow[]; tooMany: boolean } | null = null;
  let opened: Awaited<ReturnType<typeof openZip>> | null = null;
  try {
    opened = await openZip(data);
    const { zip, entries } = opened;
    const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
    const workbookEntry = entries.get('xl/workbook.xml');
    if (!relsEntry || !workbookEntry) return { ok: false, refused: 'import_bad_file' };
    const rels = (await parsePart(zip, relsEntry, new RelationshipsXform())).model ?? [];
    const workbook = await parsePart(zip, workbookEntry, new WorkbookXform());
    const stylesEntry = entries.get('xl/styles.xml');
    let styles: Styles;
    if (stylesEntry) styles = await parsePart(zip, stylesEntry, new StylesXform());
    else {
      const none = new StylesXform();
      none.init();
      styles = none;
    }
    const sharedEntry = entries.get('xl/sharedStrings.xml');
    const book: Book = {
      shared: sharedEntry ? await readSharedStrings(await openPart(zip, sharedEntry)) : [],
      styles,
      date1904: workbook.model?.properties?.date1904 === true,
    };
    const sheets = workbook.model?.sheets ?? [];
    if (!sheets.length) return { ok: false, refused: 'import_bad_file' };
    for (const sheet of sheets) {
      if (sheet.state && sheet.state !== 'visible') continue; // hidden, veryHidden
      const rel = rels.find((r) => r.Id === sheet.rId && (!r.Type || r.Type.endsWith('/worksheet')));
      const entry = rel && rel.TargetMode !== 'External' ? partName(rel.Target, entries) : undefined;
      if (!entry) continue; // a chart sheet, a dangling reference
      // after the first sheet with the header, the others are read up to their header only (to
      // name every sheet that has one)
      const read = await readSheet(await openPart(zip, entry), book, spec, limits, result === null);
      if (read.header) {
        matched.push(sheet.name);
        if (read.rows) result = { sheet: sheet.name, headerRow: read.header, rows: read.rows, tooMany: read.tooMany };
      }
    }
  } catch {
    return { ok: false, refused: 'import_bad_file' };
  } finally {
    opened?.zip.close();
  }
  if (matched.length > 1) return { ok: false, refused: 'import_ambiguous_sheets', params: { sheets: matched.map((n) => `“${n}”`).join('、') } };
  if (!result) return { ok: false, refused: 'import_bad_header', params: { expected: spec.columns.map((c) => c.header).join('、') } };
  return { ok: true, ...result, problems: [] };
}

/**
 * One worksheet part: finds the header within the first rows; when `takeRows`, reads the data rows
 * below it (until the row limit or a run of blank rows), else stops at the header. The part's
 * stream is destroyed when reading stops: the rest is never inflated.
 */
async function readSheet(part: Readable, book: Book, spec: SheetSpec, limits: ReaderLimits, takeRows: boolean): Promise<{ header: number | null; rows: SheetRow[] | null; tooMany: boolean }> {
  const { shared, date1904 } = book;
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
        const fmt = Number.isNaN(raw.s) ? undefined : book.styles.getStyleModel(raw.s)?.numFmt;
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

  parse: for await (const events of parseSax(decoded(iterateStream(part)))) {
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
  // the rest of the part is never inflated
  part.destroy();
  return { header: headerRow, rows: headerRow !== null && takeRows ? rows : null, tooMany };
}
