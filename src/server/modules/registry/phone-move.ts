// A person moved to a new phone by a county office (identity's number change, issue 7 §1; decision
// 0025): the roster rows their staff memberships stand on still carry the old number. The registry
// re-points them in the same transaction, so a later save of the row by its agency (which hands the
// row's phone to identity.admitRosterRows) keeps the membership with the person instead of moving it
// to whoever holds the old number next. Identity never writes registry tables; it calls this through
// deps.hooks.phoneMoved (the composition root), as the registry imports identity and not the reverse.
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { type Caller, command } from '../../platform/command.ts';
import type { PhoneMove } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as staff from './repository/staff.ts';

const SCOPE = systemScope("a person's number change: the roster rows of their staff memberships, in any county");

/**
 * Re-points the person's roster rows (`move.rosterRows`) still on `move.from` to `move.to`; each
 * row changed is audited (registry.staff.phone_moved, numbers masked) under its county. Runs in the
 * caller's transaction. Returns how many rows changed.
 */
export async function movePhoneOfRoster(deps: Deps, move: PhoneMove, caller: Caller): Promise<number> {
  const from = move.from;
  if (from === null || !move.rosterRows.length) return 0;
  return command(deps, caller, async ({ tx, audit }) => {
    const keys = move.rosterRows.map((r) => systemKey(SCOPE, 'agency_staff', r.divisionCode, r.staffId));
    const moved = await staff.movePhone(tx, keys, from, move.to, deps.clock.now());
    for (const r of moved) {
      audit({ action: 'registry.staff.phone_moved', divisionCode: r.division_code, targetType: 'agency_staff', targetId: r.id, detail: { from: maskPhone(from), to: maskPhone(move.to), accountId: move.accountId } });
    }
    return moved.length;
  });
}
