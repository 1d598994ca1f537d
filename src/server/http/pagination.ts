// Every list in the API answers { items, next }: `next` is an opaque cursor for the following
// page, or null. Keyset pagination (no OFFSET), so deep pages cost what the first one does.
import { z } from 'zod';
import { wholeNumber } from '../platform/fields.ts';
import { label } from '../platform/labels.ts';
import { fieldError } from './errors.ts';

export const pageQuery = {
  limit: label(wholeNumber(1, 200), '每页条数', 'page size').default(50),
  cursor: label(z.string().max(200), '分页游标', 'cursor').optional(),
};

/** Cursor parts, checked as strictly as the columns they stand for (a malformed cursor is a 400, never a 500). */
export const cursorPart = {
  divisionCode: z.string().regex(/^\d{6}$/),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  timestamp: z.string().datetime({ offset: true }),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable() });
}

export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends Array<string | number>>(cursor: string | undefined, shape: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw fieldError('cursor', 'invalid_cursor');
  }
}

/** Cuts the extra row a query fetched (limit + 1) and builds the next cursor from the last kept row. */
export function toPage<R, I>(rows: R[], limit: number, present: (r: R) => I, cursorOf: (r: R) => Array<string | number>) {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(present), next: more && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

/**
 * Every row of a keyset-paged query, fetched `pageSize` at a time (exports): `fetch` gets the key of
 * the last row seen and returns up to pageSize + 1 rows, as list queries here do.
 */
export async function fetchAllPages<R, K>(fetch: (after: K | undefined, limit: number) => Promise<R[]>, keyOf: (r: R) => K, pageSize = 1000): Promise<R[]> {
  const out: R[] = [];
  let after: K | undefined;
  for (;;) {
    const rows = await fetch(after, pageSize);
    const kept = rows.slice(0, pageSize);
    out.push(...kept);
    const last = kept[kept.length - 1];
    if (rows.length <= pageSize || last === undefined) return out;
    after = keyOf(last);
  }
}
