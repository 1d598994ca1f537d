// What the screening module holds about one person: their declarations as a staff member (found by
// the roster rows of their phone or ID number, in every division). Listed without content; exported
// whole, decrypted (PIPL art. 45); erased by emptying the encrypted content and the follow-up notes
// (art. 47) — the rows stay so an incident a declaration opened keeps its trigger record.
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository.ts';

const SCOPE = systemScope("personal-data request: a person's screening declarations in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const staff = await repo.staffOfPerson(deps.db, SCOPE, person.phones, person.idNumberHashes);
  const rows = await repo.declarationsOfStaff(deps.db, SCOPE, staff);
  return rows.map((r) => ({
    module: 'screening',
    kind: 'declaration',
    divisionCode: r.division_code,
    id: r.id,
    data: { agencyId: r.agency_id, day: r.day, declaredAt: r.declared_at.toISOString(), ...(whole ? { content: JSON.parse(deps.crypto.decrypt(r.content_enc)) as unknown } : {}) },
  }));
}

export const screeningPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const staff = await repo.staffOfPerson(deps.db, SCOPE, person.phones, person.idNumberHashes);
    const rows = await repo.declarationsOfStaff(deps.db, SCOPE, staff);
    if (!rows.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.eraseDeclarations(tx, rows.map((r) => repo.declarationKey(SCOPE, r)), deps.crypto.encrypt(JSON.stringify({ v: 1, erased: true })));
      for (const d of new Set(rows.map((r) => r.division_code))) {
        audit({ action: 'screening.person.erase', divisionCode: d, targetType: 'division', targetId: d, detail: { declarations: rows.filter((r) => r.division_code === d).length } });
      }
      return n;
    });
  },
};
