// The access predicates of daily check-ins (issue 8, "Bureau side"; decision 0026): who reads which
// check-in rows and who ever reads their health values. Officials never read daily values, nor any
// check that did not become an incident: `checkinReach` gives them only rows with an incident, and
// `healthColumns` never selects the encrypted values for them. Tested in checkins.access.test.ts.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { inScope, type Scope, type ScopeRef } from '../../db/scope.ts';

const CHECKIN_SCOPE: ScopeRef = { division: 'c.division_code', owner: { agency: 'c.agency_id', staff: 'c.staff_id' } };

/**
 * The access predicate of check-ins: a staff member their own, an agency's administrator the
 * agency's, the system every row; officials only the checks that became incidents, in reach.
 */
export function checkinReach(scope: Scope): RawBuilder<SqlBool> {
  if (scope.kind === 'official') return sql<SqlBool>`(${inScope(scope, CHECKIN_SCOPE)} and c.incident_id is not null)`;
  return inScope(scope, CHECKIN_SCOPE);
}

/** Whether a scope may read health values (temperature, symptoms) at all: never an official. */
export const mayReadHealthValues = (scope: Scope): boolean => scope.kind !== 'official';

/** The encrypted value columns for scopes that may read them; nulls for officials. */
export function healthColumns(scope: Scope) {
  return mayReadHealthValues(scope)
    ? [sql<string | null>`c.temperature_enc`.as('temperature_enc'), sql<string | null>`c.symptoms_enc`.as('symptoms_enc')]
    : [sql<string | null>`null`.as('temperature_enc'), sql<string | null>`null`.as('symptoms_enc')];
}

