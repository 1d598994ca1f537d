// What the seekers module holds about one person: their job-seeker profile (name, phone, ID
// number, résumé…), found by account, phone or ID hash in every division (system scope); exported
// whole (the ID number decrypted); erased by deleting the profile and the authorisations on it.
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as repo from './repository/seekers.ts';

const SCOPE = systemScope("personal-data request: a person's job-seeker profile in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.seekersOfPerson(deps.db, SCOPE, person);
  return rows.map((r) => ({
    module: 'seekers',
    kind: 'seeker',
    divisionCode: r.division_code,
    id: r.id,
    data: {
      name: r.name,
      phone: whole ? r.phone : maskPhone(r.phone),
      idNumber: whole && r.id_number_enc ? deps.crypto.decrypt(r.id_number_enc) : r.id_number_masked,
      ...(whole ? { sex: r.sex, birthDate: r.birth_date, skills: r.skills, resume: r.resume, skillGrade: r.skill_grade } : {}),
      categories: r.categories,
      priorityGroups: r.priority_groups,
      residenceDivision: r.residence_division,
      homeDivision: r.home_division,
      desiredOccupations: r.desired_occupations,
      validUntil: r.valid_until,
      visibility: r.visibility,
      createdAt: r.created_at.toISOString(),
    },
  }));
}

export const seekersPersonalData: PersonalDataHook = {
  async link(deps, person) {
    const rows = await repo.seekersOfPerson(deps.db, SCOPE, person);
    return { accountIds: rows.map((r) => r.account_id), phones: rows.map((r) => r.phone), idNumberHashes: rows.flatMap((r) => (r.id_number_hash ? [r.id_number_hash] : [])) };
  },
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const rows = await repo.seekersOfPerson(deps.db, SCOPE, person);
    if (!rows.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.deleteSeekers(tx, rows.map((r) => systemKey(SCOPE, 'seekers', r.division_code, r.id)));
      for (const r of rows) audit({ action: 'seekers.person.erase', divisionCode: r.division_code, targetType: 'division', targetId: r.division_code, detail: { seekers: 1 } });
      return n;
    });
  },
};
