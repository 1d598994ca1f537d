// What the prevention module holds about one person's daily checks: their check-ins and consents,
// found by the roster rows of their phones and ID-number hashes in every division (system scope);
// exported whole (PIPL art. 45, values decrypted); erased by deleting the check-ins (art. 47). The
// consent rows stay: they record the legal basis and hold no health value. Incidents are the
// incident lifecycle's (their own retention rule).
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository/checkins.ts';
import * as consentRepo from './repository/consent.ts';

const SCOPE = systemScope("personal-data request: a person's check-ins and consents in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const staff = await repo.staffOfPerson(deps.db, SCOPE, person.phones, person.idNumberHashes);
  const checks = await repo.checkinsOfStaff(deps.db, SCOPE, staff);
  const consents = await consentRepo.consentsOfStaff(deps.db, SCOPE, staff);
  return [
    ...checks.map((r) => ({
      module: 'prevention',
      kind: 'checkin',
      divisionCode: r.division_code,
      id: r.id,
      data: {
        staffId: r.staff_id,
        day: r.day,
        onTime: r.on_time,
        receivedAt: r.received_at.toISOString(),
        measuredAt: r.measured_at.toISOString(),
        ...(whole ? { temperature: Number(deps.crypto.decrypt(r.temperature_enc)), symptoms: JSON.parse(deps.crypto.decrypt(r.symptoms_enc)), abnormal: r.abnormal, incidentId: r.incident_id } : {}),
      },
    })),
    ...consents.map((r) => ({
      module: 'prevention',
      kind: 'consent',
      divisionCode: r.division_code,
      id: r.id,
      data: { staffId: r.staff_id, method: r.method, textVersion: r.text_version, givenAt: r.given_at.toISOString(), paperSignedOn: r.paper_signed_on, paperReference: r.paper_reference, withdrawnAt: r.withdrawn_at?.toISOString() ?? null },
    })),
  ];
}

export const checkinsPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const staff = await repo.staffOfPerson(deps.db, SCOPE, person.phones, person.idNumberHashes);
    const checks = await repo.checkinsOfStaff(deps.db, SCOPE, staff);
    if (!checks.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.deleteCheckins(tx, checks.map((r) => systemKey(SCOPE, 'prevention_checkins', r.division_code, r.id)));
      for (const d of new Set(checks.map((r) => r.division_code))) {
        audit({ action: 'prevention.person.erase', divisionCode: d, targetType: 'division', targetId: d, detail: { checkins: checks.filter((r) => r.division_code === d).length } });
      }
      return n;
    });
  },
};
