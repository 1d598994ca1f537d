// Demo daily checks (issue 8 "Demo data"): every seeded roster member with an account (张晓燕 is
// staff-wh; the others sign in by SMS code) consented on their own phone 15 days ago and reported
// each of the last 14 Beijing days at a morning time, with a few days missing and a few late; all
// readings normal (the late incident is the incidents' seed). Daily counts of those days computed
// as the job would. Written through the prevention module's repositories, audited as the seed.
import type { Deps } from '../deps.ts';
import { systemKey, systemScope } from '../db/scope.ts';
import { command } from '../platform/command.ts';
import { addDays, beijingDate, beijingInstant } from '../../shared/beijing-day.ts';
import { fingerprintText, timingOf } from '../modules/prevention/checkins.rules.ts';
import { recountDays } from '../modules/prevention/checkins.service.ts';
import * as checkinsRepo from '../modules/prevention/repository/checkins.ts';
import * as consentRepo from '../modules/prevention/repository/consent.ts';
import { CONSENT_TEXT_VERSION } from '../modules/prevention/schemas.ts';

const SEED = systemScope('demo seed: consents and daily checks of the demo roster');
const DAYS = 14;

/** A deterministic pick per (staff, day): 0–99. */
const roll = (staffIndex: number, day: number) => (staffIndex * 37 + day * 53 + staffIndex * day * 11) % 100;

/** Seeds the demo consents and 14 days of check-ins once (nothing when any check-in exists). */
export async function seedPreventionDemo(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('prevention_checkins').select('id').limit(1).executeTakeFirst()) return;
  const now = deps.clock.now();
  const today = beijingDate(now);
  const cutoff = deps.config.prevention.checkinCutoffMinutes;
  const days: string[] = [];
  await command(deps, { actor: null, ctx: { requestId: 'seed-demo', ip: 'local' } }, async ({ tx, audit }) => {
    const staff = await tx
      .selectFrom('memberships as m')
      .innerJoin('agency_staff as s', (j) => j.onRef('s.division_code', '=', 'm.org_division').onRef('s.id', '=', 'm.staff_id'))
      .select(['s.division_code', 's.id', 's.agency_id', 'm.account_id'])
      .where('m.role', '=', 'agency_staff')
      .where('s.status', '=', 'active')
      .orderBy('s.division_code')
      .orderBy('s.id')
      .execute();
    const given = beijingInstant(addDays(today, -DAYS - 1), 8 * 60);
    for (const [i, s] of staff.entries()) {
      const key = systemKey(SEED, 'agency_staff', s.division_code, s.id);
      const consent = await consentRepo.insertConsent(tx, key, { agency_id: s.agency_id, text_version: CONSENT_TEXT_VERSION, given_at: given, given_by: s.account_id, method: 'self', paper_signed_on: null, paper_reference: null });
      if (consent) audit({ action: 'prevention.consent.give', divisionCode: s.division_code, targetType: 'agency_staff', targetId: s.id, personalTarget: true, detail: { seed: 'demo', method: 'self', textVersion: CONSENT_TEXT_VERSION } });
      for (let d = DAYS; d >= 1; d--) {
        const day = addDays(today, -d);
        const r = roll(i + 1, d);
        if (r < 8) continue; // a few days missing
        // mostly between 07:10 and 09:50; some after the cut-off
        const minute = r < 18 ? cutoff + 15 + r : 430 + ((r * 7) % 160);
        const receivedAt = beijingInstant(day, minute);
        const celsius = 36.1 + ((r * 3) % 9) / 10;
        const timing = timingOf(receivedAt, null, null, cutoff);
        await checkinsRepo.insertCheckin(tx, key, {
          agency_id: s.agency_id,
          recorded_by: s.account_id,
          client_id: `demo-${day}`,
          fingerprint: deps.crypto.keyedHash(fingerprintText(s.id, Math.round(celsius * 10) / 10, [], null)),
          received_at: receivedAt,
          measured_at: timing.measuredAt,
          phone_measured_at: null,
          phone_sent_at: null,
          phone_clock_unreliable: false,
          day: timing.day,
          on_time: timing.onTime,
          temperature_enc: deps.crypto.encrypt(celsius.toFixed(1)),
          symptoms_enc: deps.crypto.encrypt('[]'),
          abnormal: false,
        });
      }
    }
    for (let d = DAYS; d >= 1; d--) days.push(addDays(today, -d));
    audit({ action: 'prevention.checkin.create', divisionCode: null, targetType: 'seed', detail: { seed: 'demo', staff: staff.length, days: DAYS } });
  });
  await recountDays(deps, days);
}
