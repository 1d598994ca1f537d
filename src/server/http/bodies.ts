// Shapes every write body shares. Bodies are strict objects (z.strictObject): a field the route
// does not know is refused with a 400 naming it, never silently dropped (a PATCH moving an agency
// to another county must not answer 200 with nothing changed). test/contracts/messages.test.ts
// checks that every route's body is strict.
import { z } from 'zod';

/**
 * The body of a write that takes no fields (sign-out, unlock, disable): absent or `{}`; a field
 * sent anyway is a 400 naming it, as on every other route (test/contracts/messages.test.ts: every
 * write declares its body).
 */
export const noBody = z.preprocess((v) => (v === null ? undefined : v), z.strictObject({}).optional());

/** A partial update that must change something: an empty body is a 400 naming the body. */
export function somethingToChange<T extends z.ZodObject>(schema: T): T {
  return schema.refine((o) => Object.keys(o as object).length > 0, { message: 'nothing_to_change' }) as T;
}

/**
 * A row id in a path: plain positive decimal digits only (no `0x10`, `1e3`, ` 1`, `+1`, `01`), at
 * most 2^53 − 1 (decision 0010); anything else is a 400 naming the parameter, never a lookup of
 * some other row.
 */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, { message: 'invalid_id' })
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER, { message: 'invalid_id' }));
