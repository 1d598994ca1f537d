// The province moderates postings placed outside it (issue 9; decision 0037): the scope filter of
// the market's repositories, widened by that one named rule. Used by repository/postings.ts and
// repository/moderation.ts; who holds the rule is access.ts moderatesOutside.
import { type SqlBool, sql } from 'kysely';
import { inScope, type Scope, type ScopeRef, underDivision } from '../../db/scope.ts';

/**
 * `inScope(scope, ref)`, or — when `outside` is a province prefix (`53`) — also every row whose
 * division lies outside that province (national codes of imported postings, `000000` unresolved).
 * `outside` null: the scope alone.
 */
export function moderationReach(scope: Scope, outside: string | null, ref: ScopeRef) {
  const own = inScope(scope, ref);
  if (!outside) return own;
  const col = typeof ref === 'string' ? ref : ref.division;
  return sql<SqlBool>`(${own} or not ${underDivision(outside, col)})`;
}
