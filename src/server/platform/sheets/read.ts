// The one entry to the readers: what a file is decides how it is read. Runs in a worker thread
// for uploads (pool.ts) and in-process for the CLI (a command line has no other users to keep
// waiting).
import { UPLOAD_INFLATED_LIMIT, UPLOAD_MAX_ENTRIES, UPLOAD_PART_LIMIT, SHEET_BLANK_RUN_STOP, SHEET_HEADER_SCAN_ROWS } from '../../http/limits.ts';
import { readCsv } from './csv.ts';
import type { ReaderLimits, ReadOutcome, SheetRow, SheetSpec } from './types.ts';
import { readXlsx } from './xlsx.ts';
import { checkZip, sniff } from './zip-guard.ts';

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  inflatedTotal: UPLOAD_INFLATED_LIMIT,
  inflatedPart: UPLOAD_PART_LIMIT,
  entries: UPLOAD_MAX_ENTRIES,
  headerScanRows: SHEET_HEADER_SCAN_ROWS,
  blankRunStop: SHEET_BLANK_RUN_STOP,
};

export type ReadTask = { format: 'xlsx' | 'csv'; data: Uint8Array; spec: SheetSpec; limits?: Partial<ReaderLimits> };

/**
 * Reads an uploaded file as `format`. An .xlsx is sniffed (an .xls or a text file named .xlsx is
 * refused saying what it is), its zip checked against the inflate limits while inflating, then
 * read (xlsx.ts). A CSV is decoded and read (csv.ts). A file in which every row carries a masked
 * number (an export of this platform, re-uploaded) is refused whole as `import_masked_export`,
 * not row by row. Never throws for a bad file: refusals come back as `{ ok: false, refused,
 * params }` (codes of the sheets catalogue).
 */
export async function readUpload(task: ReadTask): Promise<ReadOutcome> {
  return maskedExport(await readFile(task));
}

async function readFile(task: ReadTask): Promise<ReadOutcome> {
  const limits = { ...DEFAULT_READER_LIMITS, ...task.limits };
  const data = task.data;
  if (task.format === 'csv') return readCsv(data, task.spec, limits);
  const kind = sniff(data);
  if (kind === 'xls') return { ok: false, refused: 'import_legacy_xls' };
  if (kind === 'text') return { ok: false, refused: 'import_csv_as_xlsx' };
  if (kind !== 'zip') return { ok: false, refused: 'import_bad_file' };
  const facts = await checkZip(data, limits);
  if ('refused' in facts) return { ok: false, ...facts };
  return readXlsx(data, task.spec, limits);
}

/**
 * Every data row has a masked number (cell_masked, xlsx.ts cellFor): the file is an export whose
 * ID numbers and phones were masked (this platform's exports mask them, PIPL art. 51), and one
 * refusal saying so helps more than a "masked" complaint on every row. The example is the longest
 * masked value of the first row (an ID number rather than a phone). A file with some masked rows
 * among full ones keeps its per-cell problems.
 */
function maskedExport(read: ReadOutcome): ReadOutcome {
  if (!read.ok || !read.rows.length) return read;
  const masked = (r: SheetRow) => r.problems.filter((p) => p.key === 'cell_masked');
  if (!read.rows.every((r) => masked(r).length > 0)) return read;
  const example = masked(read.rows[0] as SheetRow)
    .map((p) => String(p.params?.value ?? ''))
    .sort((a, b) => b.length - a.length)[0] as string;
  return { ok: false, refused: 'import_masked_export', params: { example } };
}
