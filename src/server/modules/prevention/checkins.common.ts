// What the consent and check-in services share: the roster row acted on and the agency's cut-off.
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import * as repo from './repository/checkins.ts';
import * as consentRepo from './repository/consent.ts';

export type StaffRow = NonNullable<Awaited<ReturnType<typeof consentRepo.findStaff>>>;

/** A roster row in the caller's scope (a staff member: their own), 404 `staff_not_found` otherwise; 409 `not_on_roster` when the row left the roster. */
export async function staffRow(deps: Deps, actor: Actor, staffId: number | undefined): Promise<StaffRow> {
  const row = staffId === undefined ? undefined : await consentRepo.findStaff(deps.db, actor.scope, staffId);
  if (!row) throw new AppError('staff_not_found');
  if (row.status !== 'active') throw new AppError('not_on_roster');
  return row;
}

/** An agency's cut-off (minutes after midnight, Beijing): its setting, else the configured default (config.prevention.checkinCutoffMinutes). */
export async function cutoffOf(deps: Deps, actor: Actor, divisionCode: string, agencyId: number): Promise<number> {
  const agency = await repo.findAgency(deps.db, actor.scope, divisionCode, agencyId);
  const set = agency ? await repo.findSettings(deps.db, agency.key) : undefined;
  return set?.cutoff_minutes ?? deps.config.prevention.checkinCutoffMinutes;
}
