// How much a request may carry. Uploads (.xlsx) get the large limit; JSON bodies a small one and a
// nesting limit, so a 9 MB nested body cannot stall the server.

/** The largest upload (.xlsx roster) accepted, in bytes. */
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024;
/** A JSON body larger than this is refused (413), in bytes. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
/** JSON nested deeper than this (objects and arrays) is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;
