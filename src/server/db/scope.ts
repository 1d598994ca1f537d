// The jurisdiction scope: one helper that every repository query over place-owned rows uses.
// A scope is a division-code prefix ('53', '5301', '530102'). Rows outside it are invisible:
// lists skip them and an id lookup finds nothing (the route answers 404, as for a missing id).
import { type RawBuilder, sql } from 'kysely';

export type Scope = {
  /** Division-code prefix the actor may see. */
  prefix: string;
  /** Agency roles: only their own agency's rows. */
  agencyId?: number;
  /** Employer role: only their own enterprise's rows. */
  employerId?: number;
};

/**
 * Condition limiting `column` (a division_code) to the scope's subtree. A range on the
 * "C"-collated column, so the primary-key index serves it, and a plain filter on the
 * distribution column when sharded.
 */
export function inScope(scope: Scope, column = 'division_code'): RawBuilder<boolean> {
  const ref = sql.ref(column);
  return sql<boolean>`(${ref} >= ${scope.prefix} and ${ref} < ${`${scope.prefix}~`})`;
}
