// Demo venues (issue 8 "Demo data"): the 五华区 agency's service hall and talent station and the
// 麒麟区 centre's hall, each with the default hygiene schedule; yesterday's afternoon disinfection
// at the hall missed (flagged as the watcher would); a booked slot tomorrow morning; a few
// visitors today (one inside, one checked out, one turned away without a mask). Written through the
// venues module's repositories in one command, audited as the seed.
import type { Deps } from '../deps.ts';
import { systemKey, systemScope } from '../db/scope.ts';
import { command } from '../platform/command.ts';
import { addDays, beijingDate, beijingInstant } from '../../shared/beijing-day.ts';
import * as hygieneRepo from '../modules/venues/repository/hygiene.ts';
import * as slotsRepo from '../modules/venues/repository/slots.ts';
import * as venuesRepo from '../modules/venues/repository/venues.ts';
import * as visitsRepo from '../modules/venues/repository/visits.ts';
import { drawCode } from '../modules/venues/service.ts';

const SEED = systemScope('demo seed: the venues of the demo agencies');

const VENUES = [
  { agency: '昆明五华人力资源服务有限公司', name: '五华区人力资源市场服务大厅', address: '昆明市五华区人民中路 88 号一楼', area: '200.0' },
  { agency: '昆明五华人力资源服务有限公司', name: '五华区人才服务站', address: '昆明市五华区人民中路 88 号二楼', area: '40.0' },
  { agency: '曲靖市麒麟区公共就业和人才服务中心', name: '麒麟区公共就业服务大厅', address: '曲靖市麒麟区麒麟南路 21 号', area: '300.0' },
];

/** Seeds the demo venues once (nothing when a venue exists already). */
export async function seedVenuesDemo(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('venues').select('id').limit(1).executeTakeFirst()) return;
  const now = deps.clock.now();
  const today = beijingDate(now);
  const yesterday = addDays(today, -1);
  const since = beijingInstant(addDays(today, -3));
  await command(deps, { actor: null, ctx: { requestId: 'seed-demo', ip: 'local' } }, async ({ tx, audit }) => {
    const keys: venuesRepo.VenueKey[] = [];
    for (const v of VENUES) {
      const agency = await tx.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', v.agency).executeTakeFirst();
      if (!agency) continue;
      const k = await venuesRepo.insertVenue(tx, {
        division_code: agency.division_code,
        agency_id: agency.id,
        name: v.name,
        address: v.address,
        area_m2: v.area,
        m2_per_person: '4.0',
        dwell_limit_minutes: 30,
        slot_minutes: 30,
        hygiene_from: 360,
        hygiene_to: 1080,
        cleaning_per_day: 1,
        ventilation_per_day: 3,
        disinfection_per_day: 2,
        code: drawCode(),
        created_at: since,
        updated_at: since,
      });
      keys.push(systemKey(SEED, 'venues', k.division_code, k.id));
      audit({ action: 'venues.venue.create', divisionCode: k.division_code, targetType: 'venue', targetId: k.id, detail: { seed: 'demo' } });
    }
    const hall = keys[0];
    if (!hall) return;
    // yesterday at the hall: the morning disinfection, three ventilations, a cleaning; the afternoon disinfection missed
    for (const [kind, minute] of [['disinfection', 460], ['ventilation', 420], ['ventilation', 660], ['ventilation', 900], ['cleaning', 1050]] as const) {
      await hygieneRepo.insertLog(tx, hall, { kind, day: yesterday, done_at: beijingInstant(yesterday, minute), note: '', recorded_by: null });
    }
    await hygieneRepo.flagMisses(tx, SEED, [
      { division_code: hall.division_code, venue_id: hall.id, day: yesterday, kind: 'disinfection', slot: 2, window_from: beijingInstant(yesterday, 720), window_to: beijingInstant(yesterday, 1080), flagged_at: beijingInstant(yesterday, 1080) },
    ]);
    // a slot tomorrow at 09:00 booked by 王大山 (seeker) and a walk-in at the desk
    const tomorrow = addDays(today, 1);
    const slot = await slotsRepo.insertSlot(tx, hall, { starts_at: beijingInstant(tomorrow, 540), ends_at: beijingInstant(tomorrow, 570), capacity: 20, created_at: now, created_by: null });
    const slotKey = systemKey(SEED, 'venue_slots', slot.division_code, slot.id);
    const seeker = await tx.selectFrom('accounts').select('id').where('username', '=', 'seeker').executeTakeFirst();
    if (seeker) await slotsRepo.bookPlace(tx, slotKey, now, { account_id: seeker.id, name: '王大山', phone: null, visitor_type: 'seeker', source: 'self', code: drawCode(10), created_at: now, created_by: seeker.id });
    await slotsRepo.bookPlace(tx, slotKey, now, { account_id: null, name: '陈小雨', phone: '13900009001', visitor_type: 'seeker', source: 'desk', code: drawCode(10), created_at: now, created_by: null });
    // today's visitors at the hall (invented people)
    const base = { day: today, booking_id: null, token_hash: null, consent_version: null, recorded_by: null };
    const inside = await visitsRepo.admitVisit(tx, hall, 50, { ...base, visitor_type: 'seeker', name: '刘大伟', phone: '13900009002', source: 'desk', mask: true, temperature_enc: deps.crypto.encrypt('36.5'), arrived_at: now });
    const left = await visitsRepo.admitVisit(tx, hall, 50, { ...base, visitor_type: 'employer', name: '赵明', phone: '13900009003', source: 'qr', mask: null, temperature_enc: null, arrived_at: now, consent_version: 'visitor-2020-02' });
    if (left) await visitsRepo.closeVisit(tx, systemKey(SEED, 'visits', hall.division_code, left.id), now, 'checkout');
    await visitsRepo.recordRefusal(tx, hall, { ...base, visitor_type: 'seeker', name: '吴芳', phone: '13900009004', source: 'desk', mask: false, temperature_enc: deps.crypto.encrypt('36.6'), arrived_at: now }, ['no_mask']);
    if (inside) audit({ action: 'venues.entry.admit', divisionCode: hall.division_code, targetType: 'visit', targetId: inside.id, detail: { seed: 'demo' } });
  });
}
