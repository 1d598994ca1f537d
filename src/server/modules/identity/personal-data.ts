// What identity holds about one person: their accounts (username, phone, name) and memberships (role, place). Erasure
// removes the phone, password and name and disables the account (PIPL art. 47); the account row
// stays so the audit trail keeps pointing at something.
import type { Executor } from '../../db/tx.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as repo from './repository.ts';

/** Where an account's records are filed: its first membership's place (null: none, or a job seeker). */
const placeOf = (r: { memberships: Array<{ official_division: string | null; org_division: string | null }> | null }) =>
  r.memberships?.map((m) => m.official_division ?? m.org_division).find((c) => c !== null) ?? null;

async function records(db: Executor, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.accountsOfPerson(db, person);
  return rows.map((r) => ({
    module: 'identity',
    kind: 'account',
    divisionCode: placeOf(r),
    id: r.id,
    data: {
      username: r.username,
      phone: whole || r.phone === null ? r.phone : maskPhone(r.phone),
      memberships: (r.memberships ?? []).map((m) => ({ id: m.id, role: m.role, divisionCode: m.official_division ?? m.org_division, status: m.status })),
      displayName: r.display_name,
      status: r.status,
      createdAt: r.created_at.toISOString(),
    },
  }));
}

export const identityPersonalData: PersonalDataHook = {
  async link(deps, person) {
    const rows = await repo.accountsOfPerson(deps.db, person);
    return { accountIds: rows.map((r) => r.id), phones: rows.flatMap((r) => (r.phone ? [r.phone] : [])) };
  },
  find: (deps, person) => records(deps.db, person, false),
  export: (deps, person) => records(deps.db, person, true),
  async erase(deps, person, caller) {
    const rows = await repo.accountsOfPerson(deps.db, person);
    if (!rows.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      let n = 0;
      for (const r of rows) {
        n += await repo.eraseAccount(tx, r.id);
        audit({ action: 'identity.account.erase', divisionCode: placeOf(r), targetType: 'account', targetId: r.id });
      }
      return n;
    });
  },
};
