// What the resumption module holds about one person: the returning-employee rows an employer
// imported with their name, masked ID number, phone, origin county, travel day and transport need,
// found by phone or ID-number hash in every county; erased by deleting the rows (the plan's counts
// change with them).
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as repo from './repository/resumption.ts';

const SCOPE = systemScope("personal-data request: a person's returning-employee rows in every division");

/** The rows as records: masked (`find`), or whole with the ID number decrypted (`export`, PIPL art. 45). */
async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.returneesOfPerson(deps.db, SCOPE, person);
  return rows.map((r): PersonalRecord => ({
    module: 'resumption',
    kind: 'returning_employee',
    divisionCode: r.division_code,
    id: r.id,
    data: { planId: r.plan_id, employerName: r.employer_name, name: r.name, idNumber: whole ? deps.crypto.decrypt(r.id_number_enc) : r.id_number_masked, phone: whole ? r.phone : maskPhone(r.phone), originDivision: r.origin_division, originName: r.origin_name, travelOn: r.travel_on, needsTransport: r.needs_transport },
  }));
}

export const resumptionPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const rows = await repo.returneesOfPerson(deps.db, SCOPE, person);
    if (!rows.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const gone = await repo.deleteReturnees(tx, SCOPE, rows);
      const perDivision = new Map<string, number>();
      for (const k of gone) perDivision.set(k.division_code, (perDivision.get(k.division_code) ?? 0) + 1);
      for (const [division, n] of perDivision) audit({ action: 'resumption.person.erase', divisionCode: division, targetType: 'division', targetId: division, detail: { returnees: n } });
      return gone.length;
    });
  },
};
