// What the placements module holds about one person: the placements recorded for them (employer,
// agency, contract start, status; the ID number masked, whole in an export) and the insurance
// months kept for each; found by account or ID-number hash in every county; erased by deleting the
// placements (their insurance rows go with them, ON DELETE CASCADE). The placements module follows
// market in the manifest, so an erasure deletes them before the applications they reference.
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository/placements.ts';

const SCOPE = systemScope("personal-data request: a person's placements in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.placementsOfPerson(deps.db, SCOPE, person);
  const insurance = await repo.insuranceOf(deps.db, rows.map((r) => ({ division_code: r.division_code, id: r.id }) as repo.PlacementKey));
  return rows.map((r) => ({
    module: 'placements',
    kind: 'placement',
    divisionCode: r.division_code,
    id: r.id,
    data: {
      applicationId: r.application_id,
      employerName: r.employer_name,
      postingTitle: r.posting_title,
      agencyName: r.agency_name,
      status: r.status,
      contractType: r.contract_type,
      contractStart: r.contract_start,
      idNumber: whole && r.id_number_enc ? deps.crypto.decrypt(r.id_number_enc) : r.id_number_masked,
      insurance: insurance.filter((i) => i.division_code === r.division_code && i.placement_id === r.id).map((i) => ({ month: i.month, insuranceType: i.insurance_type })),
      recordedAt: r.created_at.toISOString(),
    },
  }));
}

export const placementsPersonalData: PersonalDataHook = {
  async link(deps, person) {
    const rows = await repo.placementsOfPerson(deps.db, SCOPE, person);
    return { accountIds: rows.map((r) => r.seeker_account_id), idNumberHashes: rows.flatMap((r) => (r.id_number_hash ? [r.id_number_hash] : [])) };
  },
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const rows = await repo.placementsOfPerson(deps.db, SCOPE, person);
    if (!rows.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const gone = await repo.deletePlacements(tx, SCOPE, rows);
      const perDivision = new Map<string, number>();
      for (const k of gone) perDivision.set(k.division_code, (perDivision.get(k.division_code) ?? 0) + 1);
      for (const [division, n] of perDivision) audit({ action: 'placements.person.erase', divisionCode: division, targetType: 'division', targetId: division, detail: { placements: n } });
      return gone.length;
    });
  },
};
