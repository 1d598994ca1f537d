// The `checkins` part: the daily check-in history of the generated staff — `days` Beijing days
// before today, one report a day each between 07:00 and 10:30 (on time before the configured
// cut-off), about one day in 33 left missing, all normal (no incidents). Made in PostgreSQL, one
// INSERT … SELECT a day. The values are encrypted with the field key like every
// check-in; as generated data they reuse a few ciphertexts (one per temperature from 36.0 to
// 37.0 °C, one for "no symptoms") rather than encrypting half a million values one by one.
import { sql } from 'kysely';
import { addDays, beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { command } from '../../platform/command.ts';
import type { PartContext, PartSummary, SeedPart } from './common.ts';
import { SCALE_LICENCE_PREFIX } from './staff.part.ts';

async function run(ctx: PartContext): Promise<PartSummary> {
  const { deps, log } = ctx;
  const staff = await sql<{ n: string }>`
    select count(*) as n from agency_staff s join agencies a on a.division_code = s.division_code and a.id = s.agency_id
    where a.licence_no like ${`${SCALE_LICENCE_PREFIX}%`}`.execute(deps.db);
  const people = Number(staff.rows[0]?.n ?? 0);
  if (!people) throw new Error('no generated staff: the checkins part needs the staff part (--parts staff,checkins)');
  const today = beijingDate(deps.clock.now());
  const first = addDays(today, -ctx.days);
  const temperatures = Array.from({ length: 11 }, (_, i) => deps.crypto.encrypt((36 + i / 10).toFixed(1)));
  const noSymptoms = deps.crypto.encrypt('[]');
  const cutoff = deps.config.prevention.checkinCutoffMinutes;
  /** Midnight of a Beijing day, as an instant. */
  const start = (day: string) => beijingInstant(day);
  log(`${people} staff × ${ctx.days} days (${first} to ${addDays(today, -1)}), cut-off ${Math.floor(cutoff / 60)}:${String(cutoff % 60).padStart(2, '0')}`);
  // one statement per day (about 39,000 rows at province scale): each well inside the statement timeout
  const inserted = await command(deps, { actor: null, ctx: { requestId: 'seed-scale', ip: 'local' } }, async ({ tx, audit }) => {
    let n = 0;
    for (let g = 1; g <= ctx.days; g++) {
      const day = addDays(today, -g);
      const r = await sql`
        insert into prevention_checkins (division_code, agency_id, staff_id, recorded_by, client_id, fingerprint, received_at, measured_at, day, on_time, temperature_enc, symptoms_enc, abnormal)
        select s.division_code, s.agency_id, s.id, m.account_id, ${`scale-${day}`}, md5(${`scale:${day}:`} || s.id),
               ${start(day)}::timestamptz + make_interval(mins => x.minute), ${start(day)}::timestamptz + make_interval(mins => x.minute), ${day}::date, x.minute < ${cutoff}::int,
               (${temperatures}::text[])[1 + (s.id + ${g}::int) % ${temperatures.length}::int], ${noSymptoms}, false
        from agency_staff s
        join agencies a on a.division_code = s.division_code and a.id = s.agency_id
        join memberships m on m.org_division = s.division_code and m.staff_id = s.id
        cross join lateral (select 420 + ((s.id * 37 + ${g}::int * 11) % 210)::int as minute) x
        where a.licence_no like ${`${SCALE_LICENCE_PREFIX}%`} and (s.id * 7 + ${g}::int) % 33 <> 0`.execute(tx);
      n += Number(r.numAffectedRows ?? 0);
      log(`${day}: ${n} check-ins so far`);
    }
    audit({ action: 'seed.scale.checkins', divisionCode: null, detail: { scale: ctx.scale, days: ctx.days, from: first, checkins: n } });
    return n;
  });
  return { staff: people, days: ctx.days, checkins: inserted };
}

export const checkinsPart: SeedPart = {
  name: 'checkins',
  description: 'daily check-in history of the generated staff (before today, Beijing time)',
  needs: ['staff'],
  run,
};
