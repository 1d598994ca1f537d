// What the registry holds about one person: their roster rows (name, phone, ID number), found by
// any of their phones or ID hashes across every division (system scope); exported whole for a
// PIPL art. 45 copy; erased by anonymising the row (art. 47), which keeps the agency's head count.
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as registrations from './repository/registrations.ts';
import * as staff from './repository/staff.ts';

const SCOPE = systemScope("personal-data request: a person's roster rows and employer registrations in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const rows = await staff.staffOfPerson(deps.db, SCOPE, person);
  const regs = await registrations.registrationsOfPerson(deps.db, SCOPE, person);
  const applied: PersonalRecord[] = regs.map((r) => ({
    module: 'registry',
    kind: 'employer_registration',
    divisionCode: r.division_code,
    id: r.id,
    data: { name: r.name, creditCode: r.credit_code, contactName: r.contact_name, contactPhone: whole ? r.contact_phone : maskPhone(r.contact_phone), status: r.status, createdAt: r.created_at.toISOString() },
  }));
  return [...applied, ...rows.map((r) => ({
    module: 'registry',
    kind: 'agency_staff',
    divisionCode: r.division_code,
    id: r.id,
    data: {
      agencyId: r.agency_id,
      name: r.name,
      phone: whole ? r.phone : maskPhone(r.phone),
      idNumber: whole && r.id_number_enc ? deps.crypto.decrypt(r.id_number_enc) : r.id_number_masked,
      position: r.position,
      status: r.status,
      createdAt: r.created_at.toISOString(),
    },
  }))];
}

export const registryPersonalData: PersonalDataHook = {
  async link(deps, person) {
    const rows = await staff.staffOfPerson(deps.db, SCOPE, person);
    return { phones: rows.map((r) => r.phone), idNumberHashes: rows.map((r) => r.id_number_hash) };
  },
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const rows = await staff.staffOfPerson(deps.db, SCOPE, person);
    const regs = await registrations.registrationsOfPerson(deps.db, SCOPE, person);
    if (!rows.length && !regs.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await staff.anonymiseStaff(tx, rows.map((r) => systemKey(SCOPE, 'agency_staff', r.division_code, r.id)), deps.clock.now());
      for (const r of rows) audit({ action: 'registry.staff.erase', divisionCode: r.division_code, targetType: 'agency_staff', targetId: r.id });
      const m = await registrations.anonymiseRegistrationContacts(tx, regs.map((r) => systemKey(SCOPE, 'employer_registrations', r.division_code, r.id)));
      for (const r of regs) audit({ action: 'registry.employer_registration.erase', divisionCode: r.division_code, targetType: 'employer_registration', targetId: r.id });
      return n + m;
    });
  },
};
