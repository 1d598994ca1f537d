// Reading a CSV the way people save them: UTF-8 (with or without a BOM), or GB18030/GBK as Chinese
// Excel's "CSV (逗号分隔)" writes it. Decoding is strict: a file that is valid UTF-8 is UTF-8; one
// that is not is tried as GB18030 and accepted only if the expected header then appears (bytes
// that happen to decode as GB18030 but are something else are refused, never stored as mojibake);
// otherwise the file is refused. No replacement character (U+FFFD) reaches a row: a cell holding
// one is a problem of that cell.
// Records come from csv-parse (RFC 4180 quoting, fields spanning lines), never from line splitting.
// A record that is broken — a quote left open, which would swallow every record after it — is
// reported at the file line where it starts, and reading resumes on the next line. Rows are
// numbered by the file line where each record starts.
import { parse } from 'csv-parse';
import { type Cell, cellFor, matchHeader } from './xlsx.ts';
import type { CellProblem, FileRefusal, ReaderLimits, ReadOutcome, SheetRow, SheetSpec } from './types.ts';

/** More broken records than this and the file is refused whole (it is not a CSV of this kind). */
const MAX_BROKEN_RECORDS = 50;

/**
 * The file's text: strict UTF-8 (a BOM dropped), else GB18030 when the expected header appears in
 * its first lines; else refused (import_bad_encoding). UTF-16 files (BOM FF FE / FE FF) are refused.
 */
export function decodeCsv(data: Uint8Array, spec: SheetSpec, limits: Pick<ReaderLimits, 'headerScanRows'>): { text: string; encoding: 'utf-8' | 'gb18030' } | FileRefusal {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) return { refused: 'import_bad_encoding' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try the Chinese national encoding below
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(data);
  } catch {
    return { refused: 'import_bad_encoding' };
  }
  // plausibility: one of the first lines, split at commas, carries the expected header
  const lines = text.split(/\r?\n/, limits.headerScanRows);
  const plausible = lines.some((line) => matchHeader(new Map(line.split(',').map((h, i) => [i, h.replace(/^"|"$/g, '')])), spec.columns) !== null);
  return plausible ? { text, encoding: 'gb18030' } : { refused: 'import_bad_encoding' };
}

type Rec = { fields: string[]; line: number };

/** csv-parse over `text`; records with the file line where each starts (`firstLine` is text's first line). */
function parseFrom(text: string, firstLine: number, onRecord: (r: Rec) => 'go' | 'stop'): Promise<{ brokenAfterLine: number | null }> {
  return new Promise((resolve) => {
    let lastEnd = firstLine - 1;
    let done = false;
    const p = parse({ relax_column_count: true, skip_empty_lines: true, info: true, raw: true, relax_quotes: true, bom: false });
    const finish = (r: { brokenAfterLine: number | null }) => {
      if (done) return;
      done = true;
      p.destroy();
      resolve(r);
    };
    p.on('data', (r: { record: string[]; info: { lines: number }; raw: string }) => {
      if (done) return;
      const endLine = firstLine - 1 + r.info.lines;
      const body = r.raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
      const span = (body.match(/\n/g) ?? []).length;
      lastEnd = endLine;
      if (onRecord({ fields: r.record, line: endLine - span }) === 'stop') finish({ brokenAfterLine: null });
    });
    // a quote never closed (CSV_QUOTE_NOT_CLOSED), or closed by a later field's quote and followed
    // by text (CSV_INVALID_CLOSING_QUOTE): the record after the last good one is broken
    p.on('error', () => finish({ brokenAfterLine: lastEnd }));
    p.on('end', () => finish({ brokenAfterLine: null }));
    p.end(text);
  });
}

/**
 * Reads a CSV: decoding as above, the header (compared as for sheets) within the first records,
 * then one row per record, numbered by the line where it starts. Refusals: import_bad_encoding,
 * import_bad_header {expected}, import_bad_file (not a CSV at all).
 */
export async function readCsv(data: Uint8Array, spec: SheetSpec, limits: ReaderLimits): Promise<ReadOutcome> {
  const decoded = decodeCsv(data, spec, limits);
  if ('refused' in decoded) return { ok: false, ...decoded };
  const { text, encoding } = decoded;
  const lineStart = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStart.push(i + 1);

  let header: Map<string, number> | null = null;
  let headerRow = 0;
  let scanned = 0;
  const rows: SheetRow[] = [];
  const problems: CellProblem[] = [];
  let tooMany = false;
  let hopeless = false;
  const broken = (line: number) => {
    problems.push({ row: line, column: '', key: 'csv_unclosed_quote' });
    if (problems.length > MAX_BROKEN_RECORDS) hopeless = true;
  };

  const onRecord = (r: Rec): 'go' | 'stop' => {
    if (!header) {
      header = matchHeader(new Map(r.fields.map((f, i) => [i, f])), spec.columns);
      if (header) headerRow = r.line;
      else if (++scanned >= limits.headerScanRows) return 'stop';
      return 'go';
    }
    const width = Math.max(...header.values()) + 1;
    // a record over several lines that is short of columns is an open quote that closed by chance later on
    if (r.fields.length < width && r.fields.some((f) => f.includes('\n'))) {
      restartAt = r.line;
      return 'stop';
    }
    const out: SheetRow = { row: r.line, cells: {}, problems: [] };
    let blank = true;
    for (const col of spec.columns) {
      const i = header.get(col.key) as number;
      const cell: Cell | undefined = i >= 0 && r.fields[i] !== undefined ? { text: r.fields[i] as string } : undefined;
      const { text: value, problem } = cellFor(cell, col, r.line);
      out.cells[col.key] = value;
      if (problem) out.problems.push(problem);
      if (value !== '' || problem) blank = false;
    }
    if (blank) return 'go';
    if (rows.length >= spec.maxRows) {
      tooMany = true;
      return 'stop';
    }
    rows.push(out);
    return 'go';
  };

  // The platforms' export ends each record with CR LF and breaks lines inside a field with LF
  // alone (case postings-and-search 04): there, a broken record really ends on the first line at
  // or after its start that ends with CR LF, and reading resumes after it (else the rest of a
  // runaway description would be read as a record of its own). Other files resume on the next line.
  const crlfRecords = lineStart.length > 1 && text[(lineStart[1] as number) - 2] === '\r';
  const resumeAfter = (line: number) => {
    let end = line;
    if (crlfRecords) while (end < lineStart.length - 1 && text[(lineStart[end] as number) - 2] !== '\r') end++;
    return end + 1;
  };

  let restartAt: number | null = null;
  let from = 1;
  while (from <= lineStart.length && !hopeless && !tooMany) {
    restartAt = null;
    const r = await parseFrom(text.slice(lineStart[from - 1]), from, onRecord);
    if (restartAt !== null) {
      broken(restartAt);
      from = resumeAfter(restartAt);
      continue;
    }
    if (r.brokenAfterLine === null) break;
    // the record after the last good one opened a quote and never closed it
    let start = r.brokenAfterLine + 1;
    while (start < lineStart.length && text.slice(lineStart[start - 1], lineStart[start]).trim() === '') start++;
    broken(start);
    from = resumeAfter(start);
  }
  if (hopeless) return { ok: false, refused: 'import_bad_file' };
  if (!header) return { ok: false, refused: 'import_bad_header', params: { expected: spec.columns.filter((c) => !c.optional).map((c) => c.header).join('、') } };
  return { ok: true, sheet: '', headerRow, rows, problems, tooMany, encoding };
}
