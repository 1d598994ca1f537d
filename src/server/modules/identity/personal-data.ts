// What identity holds about one person: their accounts (username, phone, name, role). Erasure
// removes the phone, password and name and disables the account (PIPL art. 47); the account row
// stays so the audit trail keeps pointing at something.
import type { Executor } from '../../db/tx.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as repo from './repository.ts';

async function records(db: Executor, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.accountsOfPerson(db, person);
  return rows.map((r) => ({
    module: 'identity',
    kind: 'account',
    divisionCode: r.official_division ?? r.org_division,
    id: r.id,
    data: {
      username: r.username,
      phone: whole || r.phone === null ? r.phone : maskPhone(r.phone),
      role: r.role,
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
        audit({ action: 'identity.account.erase', divisionCode: r.official_division ?? r.org_division, targetType: 'account', targetId: r.id });
      }
      return n;
    });
  },
};
