// What the incident lifecycle holds about one person: incidents whose subject is one of their
// roster rows and is still named, found in every division (system scope); exported with the
// subject, category and stage times (an incident holds no health value); erased on request (PIPL
// art. 47) as the retention job erases: name, phone, staff link, detail (but a venue) and notes go,
// the category, stage times, agency and venue stay (the bureaus' record that a case was followed).
// A visitor's incident names them by an encrypted phone only: found by decrypting the few named
// ones (decision 0030).
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as checkinsRepo from './repository/checkins.ts';
import * as repo from './repository/incidents.ts';

const SCOPE = systemScope("personal-data request: the incidents naming a person's roster rows in every division");

async function rows(deps: Deps, person: Person) {
  const staff = await checkinsRepo.staffOfPerson(deps.db, SCOPE, person.phones, person.idNumberHashes);
  const ofStaff = await repo.incidentsOfStaff(deps.db, SCOPE, staff);
  if (!person.phones.length) return ofStaff;
  // a visitor refused at the door is named by an encrypted phone only: decrypt and compare
  const phones = new Set(person.phones);
  const visitors = (await repo.namedVisitorIncidents(deps.db, SCOPE)).filter((r) => r.subject_phone_enc && phones.has(deps.crypto.decrypt(r.subject_phone_enc)));
  return [...ofStaff, ...visitors];
}

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  return (await rows(deps, person)).map((r) => ({
    module: 'prevention',
    kind: 'incident',
    divisionCode: r.division_code,
    id: r.id,
    data: {
      agencyName: r.agency_name,
      name: r.subject_name,
      phone: phoneOf(deps, r, whole),
      trigger: r.trigger,
      stage: r.stage,
      detectedAt: r.detected_at.toISOString(),
      stageTimes: r.steps ?? {},
      late: r.late,
    },
  }));
}

function phoneOf(deps: Deps, r: { staff_phone: string | null; subject_phone_enc: string | null }, whole: boolean): string | null {
  const phone = r.staff_phone ?? (r.subject_phone_enc ? deps.crypto.decrypt(r.subject_phone_enc) : null);
  return phone ? (whole ? phone : maskPhone(phone)) : null;
}

export const incidentsPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const found = await rows(deps, person);
    if (!found.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.eraseSubjectsOf(tx, found.map((r) => systemKey(SCOPE, 'prevention_incidents', r.division_code, r.id)), deps.clock.now());
      for (const r of found) audit({ action: 'prevention.incident.erase-subject', divisionCode: r.division_code, targetType: 'prevention_incident', targetId: r.id, detail: { request: true } });
      return n;
    });
  },
};

/** Two hooks of one module as one: records of both, erasures of both (counts added). */
export function bothHooks(a: PersonalDataHook, b: PersonalDataHook): PersonalDataHook {
  return {
    find: async (deps, person) => [...(await a.find(deps, person)), ...(await b.find(deps, person))],
    export: async (deps, person) => [...(await a.export(deps, person)), ...(await b.export(deps, person))],
    erase: async (deps, person, caller) => (await a.erase(deps, person, caller)) + (await b.erase(deps, person, caller)),
  };
}
