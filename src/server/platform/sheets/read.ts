// The one entry to the readers: what a file is decides how it is read. Runs in a worker thread
// for uploads (pool.ts) and in-process for the CLI (a command line has no other users to keep
// waiting).
import { UPLOAD_INFLATED_LIMIT, UPLOAD_MAX_ENTRIES, UPLOAD_PART_LIMIT, SHEET_BLANK_RUN_STOP, SHEET_HEADER_SCAN_ROWS } from '../../http/limits.ts';
import { readCsv } from './csv.ts';
import type { ReaderLimits, ReadOutcome, SheetSpec } from './types.ts';
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
 * read (xlsx.ts). A CSV is decoded and read (csv.ts). Never throws for a bad file: refusals come
 * back as `{ ok: false, refused, params }` (codes of the sheets catalogue).
 */
export async function readUpload(task: ReadTask): Promise<ReadOutcome> {
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
