// Keyset paging for every list: rows strictly after the last key seen, in key order, one row more
// than the page so the caller knows whether there is a next page (http/pagination.ts toPage).
// No OFFSET: a deep page costs what the first one does, served by the index on the key columns.
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';

export type KeysetPage<K extends readonly (string | number)[]> = { limit: number; after?: K | undefined };

/**
 * `q` ordered by `columns` (ascending), limited to `page.limit + 1` rows after `page.after` (a row
 * value comparison: `(a, b) > ($1, $2)`). `columns` and the key's values pair up in order.
 */
export function keyset<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, columns: readonly string[], page: KeysetPage<readonly (string | number)[]>): SelectQueryBuilder<DB, TB, O> {
  let out = q;
  const after = page.after;
  if (after) {
    if (after.length !== columns.length) throw new Error(`keyset: ${columns.length} columns, ${after.length} values`);
    out = out.where(sql<SqlBool>`(${sql.join(columns.map((c) => sql.ref(c)))}) > (${sql.join(after.map((v) => sql`${v}`))})`);
  }
  for (const c of columns) out = out.orderBy(sql.ref(c));
  return out.limit(page.limit + 1);
}

/** A LIKE pattern matching text that contains `text` literally (its %, _ and \ escaped). */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
