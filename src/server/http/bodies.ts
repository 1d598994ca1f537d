// Shapes every write body shares. Bodies are strict objects (z.strictObject): a field the route
// does not know is refused with a 400 naming it, never silently dropped (a PATCH moving an agency
// to another county must not answer 200 with nothing changed). test/contracts/messages.test.ts
// checks that every route's body is strict.
import type { z } from 'zod';

/** A partial update that must change something: an empty body is a 400 naming the body. */
export function somethingToChange<T extends z.ZodObject>(schema: T): T {
  return schema.refine((o) => Object.keys(o as object).length > 0, { message: 'nothing_to_change' }) as T;
}
