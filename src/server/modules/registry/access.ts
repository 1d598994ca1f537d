// Registry rules beyond role and scope, as pure predicates (tested as a table in access.test.ts).
import type { Actor } from '../../actor.ts';
import { isOfficial } from '../../../shared/roles.ts';

type Who = Pick<Actor, 'role' | 'agencyId'>;

/** A roster is kept by its agency's own administrator: not by officials, staff or other agencies. */
export function mayManageRoster(actor: Who, agencyId: number): boolean {
  return actor.role === 'agency_admin' && actor.agencyId === agencyId;
}

/**
 * Only a bureau designates an epidemic-prevention supplies producer (防疫物资生产企业, notice of
 * 7 Feb 2020 §3): a value an employer sends for itself is ignored.
 */
export function maySetEpidemicSuppliesFlag(actor: Pick<Actor, 'role'>): boolean {
  return isOfficial(actor.role);
}

/** A detail page shows contact numbers whole to whoever may open it; lists and exports mask them. */
export function seesContactNumbers(view: 'detail' | 'list' | 'export'): boolean {
  return view === 'detail';
}
