// Where a row is when a caller was answered 404 for it: looked up past every scope, after the
// reply went out (http/auth.ts, the refusal audit), so that reaching for another county's row is
// audited without the lookup's time showing in the answer. Never used to answer a request.
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { HiddenTarget } from '../../http/auth.ts';
import { findAgency } from './repository/agencies.ts';
import { findEmployer } from './repository/employers.ts';

const WHY = systemScope('refusal audit: where an id answered 404 exists');

/** The agency `id` wherever it is, as the refusal audit names it; null when there is none. */
export async function locateAgency(deps: Deps, id: number): Promise<HiddenTarget | null> {
  const row = await findAgency(deps.db, WHY, id);
  return row ? { divisionCode: row.division_code, targetType: 'agency', targetId: row.id } : null;
}

/** The employer `id` wherever it is; null when there is none. */
export async function locateEmployer(deps: Deps, id: number): Promise<HiddenTarget | null> {
  const row = await findEmployer(deps.db, WHY, id);
  return row ? { divisionCode: row.division_code, targetType: 'employer', targetId: row.id } : null;
}
