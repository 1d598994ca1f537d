// What the venues module holds about one person: visits naming their phone (door checks and QR
// registrations) and bookings made by their account or for their phone, found in every division
// (system scope); exported whole (PIPL art. 45, the temperature decrypted); erased by deleting the
// rows (art. 47), which gives back any place they held. Counts per day are not about anyone and stay.
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import * as slots from './repository/slots.ts';
import * as visits from './repository/visits.ts';

const SCOPE = systemScope("personal-data request: a person's visits and bookings in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const v = await visits.visitsOfPhones(deps.db, SCOPE, person.phones);
  const b = await slots.bookingsOfPerson(deps.db, SCOPE, person.accountIds, person.phones);
  return [
    ...v.map((r) => ({
      module: 'venues',
      kind: 'visit',
      divisionCode: r.division_code,
      id: r.id,
      data: {
        venueId: r.venue_id,
        day: r.day,
        name: r.name,
        phone: r.phone && !whole ? maskPhone(r.phone) : r.phone,
        outcome: r.outcome,
        mask: r.mask,
        ...(whole && r.temperature_enc ? { temperature: Number(deps.crypto.decrypt(r.temperature_enc)) } : {}),
        arrivedAt: r.arrived_at.toISOString(),
        checkedOutAt: r.checked_out_at?.toISOString() ?? null,
      },
    })),
    ...b.map((r) => ({
      module: 'venues',
      kind: 'booking',
      divisionCode: r.division_code,
      id: r.id,
      data: { venueName: r.venue_name, startsAt: r.starts_at.toISOString(), name: r.name, phone: r.phone && !whole ? maskPhone(r.phone) : r.phone, status: r.status },
    })),
  ];
}

export const venuesPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    const v = await visits.visitsOfPhones(deps.db, SCOPE, person.phones);
    const b = await slots.bookingsOfPerson(deps.db, SCOPE, person.accountIds, person.phones);
    if (!v.length && !b.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n =
        (await visits.deleteVisits(tx, v.map((r) => systemKey(SCOPE, 'visits', r.division_code, r.id)))) +
        (await slots.deleteBookings(tx, b.map((r) => systemKey(SCOPE, 'bookings', r.division_code, r.id)), deps.clock.now()));
      for (const d of new Set([...v.map((r) => r.division_code), ...b.map((r) => r.division_code)])) {
        audit({ action: 'venues.person.erase', divisionCode: d, targetType: 'division', targetId: d, detail: { visits: v.filter((r) => r.division_code === d).length, bookings: b.filter((r) => r.division_code === d).length } });
      }
      return n;
    });
  },
};
