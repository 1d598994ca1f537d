// Where a seeker's profile is when a caller was answered 404 for it (the refusal audit, after the
// reply went out). Never used to answer a request.
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { HiddenTarget } from '../../http/auth.ts';
import { findSeeker } from './repository/seekers.ts';

const WHY = systemScope('refusal audit: where an id answered 404 exists');

/** The profile `id` wherever it is; null when there is none. */
export async function locateSeeker(deps: Deps, id: number): Promise<HiddenTarget | null> {
  const row = await findSeeker(deps.db, WHY, id);
  return row ? { divisionCode: row.division_code, targetType: 'seeker', targetId: row.id } : null;
}
