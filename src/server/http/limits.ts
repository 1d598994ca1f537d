// How much a request may carry. Uploads (.xlsx) get the large limit; JSON bodies a small one and a
// nesting limit, so a 9 MB nested body cannot stall the server.

/** The largest upload (.xlsx roster) accepted, in bytes. */
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024;
/** A JSON body larger than this is refused (413), in bytes. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
/** JSON nested deeper than this (objects and arrays) is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/**
 * What an uploaded workbook may inflate to, counted while inflating and before any XML is parsed
 * (platform/sheets/zip-guard.ts): every part together, any part other than a worksheet (shared
 * strings, styles), and the number of parts. A sheet "formatted to the bottom" (1,048,576 styled
 * rows, ~65 MB of XML) fits; a 300 MB shared string does not.
 */
export const UPLOAD_INFLATED_LIMIT = 160 * 1024 * 1024;
export const UPLOAD_PART_LIMIT = 32 * 1024 * 1024;
export const UPLOAD_MAX_ENTRIES = 1_000;
/** Rows at the top of a sheet searched for the header (a merged title row or two above it). */
export const SHEET_HEADER_SCAN_ROWS = 10;
/** Consecutive blank rows after which a sheet is taken to have ended. */
export const SHEET_BLANK_RUN_STOP = 1_000;
