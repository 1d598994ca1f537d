// How PostgreSQL says what went wrong, read the same way everywhere (SQLSTATE codes: PostgreSQL
// documentation, Appendix A "PostgreSQL Error Codes").

/**
 * Whether `e` is PostgreSQL's unique_violation (SQLSTATE 23505), optionally of one constraint: a
 * race-safe single INSERT or UPDATE lost to a row that holds the key (a credit code, a user name,
 * a booking). Anything else, thrown values that are not errors included, is false.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: unknown; constraint?: unknown };
  return err.code === '23505' && (constraint === undefined || err.constraint === constraint);
}
