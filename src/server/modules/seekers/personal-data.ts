// What the seekers module holds about one person: their job-seeker profile (name, phone, ID
// number, résumé…), found by account, phone or ID hash in every division (system scope), and their
// consents to the notice (version, given, withdrawn) by account; exported whole (the ID number
// decrypted); erased by deleting the profile, the authorisations on it and the consents.
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as consents from './repository/consents.ts';
import * as repo from './repository/seekers.ts';

const SCOPE = systemScope("personal-data request: a person's job-seeker profile in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.seekersOfPerson(deps.db, SCOPE, person);
  const given = await consents.consentsOfAccounts(deps.db, SCOPE, accountsOf(person, rows));
  const consentRecords: PersonalRecord[] = given.map((c) => ({
    module: 'seekers',
    kind: 'seeker_consent',
    divisionCode: null,
    id: c.id,
    data: { subject: c.subject, noticeVersion: c.notice_version, givenAt: c.given_at.toISOString(), withdrawnAt: c.withdrawn_at?.toISOString() ?? null },
  }));
  return [...rows.map((r) => ({
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
  })), ...consentRecords];
}

/** The person's accounts and those of the profiles found by phone or ID number. */
const accountsOf = (person: Person, rows: ReadonlyArray<{ account_id: number }>) => [...new Set([...person.accountIds, ...rows.map((r) => r.account_id)])];

export const seekersPersonalData: PersonalDataHook = {
  async link(deps, person) {
    const rows = await repo.seekersOfPerson(deps.db, SCOPE, person);
    return { accountIds: rows.map((r) => r.account_id), phones: rows.map((r) => r.phone), idNumberHashes: rows.flatMap((r) => (r.id_number_hash ? [r.id_number_hash] : [])) };
  },
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const rows = await repo.seekersOfPerson(deps.db, SCOPE, person);
    const accounts = accountsOf(person, rows);
    if (!rows.length && !(await consents.consentsOfAccounts(deps.db, SCOPE, accounts)).length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.deleteSeekers(tx, rows.map((r) => systemKey(SCOPE, 'seekers', r.division_code, r.id)));
      for (const r of rows) audit({ action: 'seekers.person.erase', divisionCode: r.division_code, targetType: 'division', targetId: r.division_code, detail: { seekers: 1 } });
      const c = await consents.deleteConsents(tx, SCOPE, accounts);
      if (c) audit({ action: 'seekers.person.erase', targetType: 'division', targetId: deps.config.province, divisionCode: deps.config.province, detail: { consents: c } });
      return n + c;
    });
  },
};
