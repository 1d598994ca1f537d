// What an importer declares and what the sheet and CSV readers return. Plain data only: results
// cross the worker-thread boundary (structured clone), so refusals are codes, not AppError objects.

/**
 * How a column's cells are read:
 *   text   names, positions: any cell as text (a number as its digits, a date as YYYY-MM-DD);
 *   code   ID numbers, credit codes, occupation codes: a numeric or date cell is refused, since
 *          Excel keeps 15 significant digits and turns 2-02 into a date (the typed value is lost);
 *   phone  11-digit mobile numbers: a whole number fits exactly in a double, so a numeric cell is
 *          read as its digits.
 */
export type ColumnKind = 'text' | 'code' | 'phone';

/** A column as messages name it: the header as it stands (a roster's 身份证号), or a label per language (the occupation CSV's `code` is 职业代码 / occupation code). */
export type ColumnName = string | { readonly zh: string; readonly en: string };

/**
 * One expected column: `key` names it in rows, `header` is what the template's header cell says;
 * `aliases` are other headers real files use for the same column (身份证号码, 联系电话), tried after
 * `header` in their order. Problems name the column by `label` when given, else by `header`.
 */
export type ColumnSpec = {
  key: string;
  header: string;
  aliases?: readonly string[];
  label?: { readonly zh: string; readonly en: string };
  kind: ColumnKind;
  /** The header may be absent (its cells read as ''). */
  optional?: boolean;
};

export type SheetSpec = {
  columns: readonly ColumnSpec[];
  /** More data rows than this stops reading and answers `tooMany`. */
  maxRows: number;
};

/** A problem with one cell: `row` is the sheet row (xlsx) or the file line where the record starts (CSV). */
export type CellProblem = { row: number; column: ColumnName; key: string; params?: Record<string, string | number> };

export type SheetRow = {
  /** Sheet row number (1-based, as Excel shows it), or the file line where a CSV record starts. */
  row: number;
  /** Cell text by column key, trimmed; '' for a blank or refused cell. */
  cells: Record<string, string>;
  problems: CellProblem[];
};

export type SheetRead = {
  /** The sheet the rows came from ('' for CSV). */
  sheet: string;
  /** Row number (xlsx) or line (CSV) of the header. */
  headerRow: number;
  rows: SheetRow[];
  /** Problems that belong to no row's cell (a broken CSV record), already numbered by line. */
  problems: CellProblem[];
  tooMany: boolean;
  /** The CSV's encoding as detected ('utf-8' | 'gb18030'); undefined for xlsx. */
  encoding?: string;
};

/** A refusal of the whole file, as an error code of the sheets catalogue and its parameters. */
export type FileRefusal = { refused: string; params?: Record<string, string | number> };

export type ReadOutcome = ({ ok: true } & SheetRead) | ({ ok: false } & FileRefusal);

/** Sizes the readers enforce (http/limits.ts holds the defaults). */
export type ReaderLimits = {
  /** Sum of every zip entry's inflated bytes, counted while inflating. */
  inflatedTotal: number;
  /** Inflated bytes of any one part other than a worksheet (shared strings, styles …). */
  inflatedPart: number;
  /** Entries in the zip. */
  entries: number;
  /** Rows in which the header row is looked for (a title row or two above it). */
  headerScanRows: number;
  /** This many blank rows in a row end the sheet (a sheet formatted "to the bottom"). */
  blankRunStop: number;
};
