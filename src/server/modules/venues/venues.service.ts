// Venues (服务场所) of an agency and their hygiene (P5): created and edited by the agency's
// administrator, read by its staff and the bureaus above it; each venue has a printed code
// (docs/urls.md) that can be replaced, never reused. Hygiene is logged by the agency's people and
// checked against the venue's schedule (schedule.ts); a job flags each missed slot once.
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { scopedKey, systemScope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { z as zod } from 'zod';
import { command } from '../../platform/command.ts';
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import { CROCKFORD, VENUE_CODE_LENGTH, groupCode, venueUrl } from '../../../shared/printed-codes.ts';
import { promisedPeak, trimSlots } from './capacity.ts';
import { presentVenue } from './presenters.ts';
import * as hygieneRepo from './repository/hygiene.ts';
import * as slotsRepo from './repository/slots.ts';
import * as repo from './repository/venues.ts';
import * as visitsRepo from './repository/visits.ts';
import { slotOfLog, slotStatuses, slotsOfDay } from './schedule.ts';
import type * as s from './schemas.ts';
import { toBeijingTime } from './time.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const venueCursor = zod.tuple([zod.string().regex(/^\d{6}$/), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/** A fresh code of `length` Crockford symbols drawn from the CSPRNG (60 bits for a venue's 12). */
export function drawCode(length = VENUE_CODE_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[randomInt(32)];
  return out;
}


/** Today in Beijing by the server's clock. */
export const todayOf = (deps: Deps) => beijingDate(deps.clock.now());

/** Venues in the caller's scope (officials, agency people); job seekers and employers get the public directory of active venues. */
export async function listVenues(deps: Deps, actor: Actor, q: z.infer<typeof s.venuesQuery>) {
  const after = decodeCursor(q.cursor, venueCursor);
  const today = todayOf(deps);
  const page = { limit: q.limit, after };
  const rows =
    actor.role === 'seeker' || actor.role === 'employer'
      ? await repo.listDirectory(deps.db, today, { ...(q.division ? { division: q.division } : {}) }, page)
      : await repo.listVenues(deps.db, actor.scope, today, { ...(q.division ? { division: q.division } : {}), ...(q.status ? { status: q.status } : {}) }, page);
  return toPage(rows, q.limit, (r) => presentVenue(r, today, deps.config.publicBaseUrl), (r) => [r.division_code, r.id]);
}

/** One venue in the caller's scope (404 when missing or out of scope), with its key. */
export async function venueRow(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findVenue(deps.db, actor.scope, todayOf(deps), id);
  if (!row) throw notFound();
  return row;
}

export async function getVenue(deps: Deps, actor: Actor, id: number) {
  return presentVenue(await venueRow(deps, actor, id), todayOf(deps), deps.config.publicBaseUrl);
}

const decimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** Creates a venue of the administrator's own agency, in its county, with the deployment's defaults for what the body leaves out. */
export async function createVenue(deps: Deps, actor: Actor, input: z.infer<typeof s.venueCreate>, ctx: RequestContext) {
  const agencyId = actor.agencyId as number;
  const divisionCode = actor.divisionCode as string;
  const d = deps.config.venues;
  if (input.m2PerPerson !== undefined && Number(decimal(input.m2PerPerson)) < d.minM2PerPerson) throw fieldError('m2PerPerson', 'm2_below_floor', { min: d.minM2PerPerson });
  const density = Number(decimal(input.m2PerPerson ?? d.m2PerPerson));
  // a venue no one may enter is a mistake in the form (1 m² typed for 100)
  if (Math.floor(Number(decimal(input.areaM2)) / density) < 1) throw fieldError('areaM2', 'venue_holds_nobody', { min: density });
  const now = deps.clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
        const k = await repo.insertVenue(tx, {
          division_code: divisionCode,
          agency_id: agencyId,
          name: input.name,
          address: input.address,
          area_m2: decimal(input.areaM2),
          m2_per_person: decimal(input.m2PerPerson ?? d.m2PerPerson),
          dwell_limit_minutes: input.dwellLimitMinutes ?? d.dwellMinutes,
          slot_minutes: input.slotMinutes ?? d.slotMinutes,
          hygiene_from: input.hygieneFrom ?? 360,
          hygiene_to: input.hygieneTo ?? 1080,
          cleaning_per_day: input.cleaningPerDay ?? 1,
          ventilation_per_day: input.ventilationPerDay ?? 3,
          disinfection_per_day: input.disinfectionPerDay ?? 2,
          code: drawCode(),
          created_at: now,
          updated_at: now,
        });
        audit({ action: 'venues.venue.create', divisionCode: k.division_code, targetType: 'venue', targetId: k.id, detail: { name: input.name, areaM2: input.areaM2 } });
        return k;
      });
      return await getVenue(deps, actor, key.id);
    } catch (e) {
      // a drawn code already issued somewhere (one in 10^18 per pair): draw again
      if (isUniqueViolation(e) && attempt < 3) continue;
      throw e;
    }
  }
}

/**
 * Edits a venue of the administrator's agency (404 when missing or out of scope). A new area or
 * density (`m2PerPerson`, never below YUNQIAO_VENUE_MIN_M2_PER_PERSON: 400 `m2_below_floor`) gives
 * a new capacity, `floor(area / density)`, which must still hold (400 naming the field changed,
 * nothing written; decision 0028):
 * - the people inside now (today's open visits) — `capacity_below_inside`;
 * - the places booked in slots not yet ended, at every instant — `capacity_below_booked`;
 * and the slots not yet ended give up places nobody booked until the slots running together offer
 * no more than the new capacity (capacity.ts trimSlots; `capacity_empties_slot` when a slot would
 * be left with none). Race-safe: the venue's row is locked first, and admitting and booking take a
 * share lock on it (venues.lockVenue), so what is counted cannot move before the change commits.
 */
export async function updateVenue(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.venueUpdate>, ctx: RequestContext) {
  const row = await venueRow(deps, actor, id);
  const from = input.hygieneFrom ?? row.hygiene_from;
  const to = input.hygieneTo ?? row.hygiene_to;
  if (from >= to) throw new AppError('validation_failed', {}, [{ field: input.hygieneFrom !== undefined ? 'hygieneFrom' : 'hygieneTo', key: 'hygiene_window_order' }]);
  const floor = deps.config.venues.minM2PerPerson;
  if (input.m2PerPerson !== undefined && Number(decimal(input.m2PerPerson)) < floor) throw fieldError('m2PerPerson', 'm2_below_floor', { min: floor });
  const resized = input.areaM2 !== undefined || input.m2PerPerson !== undefined;
  const field = input.areaM2 !== undefined ? 'areaM2' : 'm2PerPerson';
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    if (resized && !(await repo.lockVenue(tx, row.key, 'update'))) throw notFound();
    const capacity = await repo.updateVenue(tx, row.key, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.areaM2 !== undefined ? { area_m2: decimal(input.areaM2) } : {}),
      ...(input.m2PerPerson !== undefined ? { m2_per_person: decimal(input.m2PerPerson) } : {}),
      ...(input.dwellLimitMinutes !== undefined ? { dwell_limit_minutes: input.dwellLimitMinutes } : {}),
      ...(input.slotMinutes !== undefined ? { slot_minutes: input.slotMinutes } : {}),
      ...(input.hygieneFrom !== undefined ? { hygiene_from: input.hygieneFrom } : {}),
      ...(input.hygieneTo !== undefined ? { hygiene_to: input.hygieneTo } : {}),
      ...(input.cleaningPerDay !== undefined ? { cleaning_per_day: input.cleaningPerDay } : {}),
      ...(input.ventilationPerDay !== undefined ? { ventilation_per_day: input.ventilationPerDay } : {}),
      ...(input.disinfectionPerDay !== undefined ? { disinfection_per_day: input.disinfectionPerDay } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updated_at: deps.clock.now(),
    });
    const trimmed = resized ? await holdCapacity(tx, row.key, capacity, field, deps.clock.now()) : [];
    // people inside or booked are named first (above); an empty venue that would hold no one is a typo
    if (resized && capacity < 1) throw fieldError(field, 'venue_holds_nobody', { min: input.m2PerPerson ?? Number(row.m2_per_person) });
    audit({ action: 'venues.venue.update', divisionCode: row.division_code, targetType: 'venue', targetId: id, detail: { fields: Object.keys(input), ...(resized ? { capacity, trimmedSlots: trimmed } : {}) } });
  });
  return getVenue(deps, actor, id);
}

/**
 * Checks a venue's new `capacity` against the people inside today and the places booked in slots
 * not yet ended (400 naming `field` otherwise), then withdraws the unbooked places those slots
 * offer beyond it. Runs under the venue's row lock; returns the slots changed as [id, from, to].
 */
async function holdCapacity(tx: Executor, key: repo.VenueKey, capacity: number, field: string, now: Date): Promise<[number, number, number][]> {
  const inside = await visitsRepo.insideNow(tx, key, beijingDate(now));
  if (inside > capacity) throw fieldError(field, 'capacity_below_inside', { capacity, inside });
  const live = await slotsRepo.liveSlotsOf(tx, key, now);
  const promised = promisedPeak(live);
  if (promised.booked > capacity) throw fieldError(field, 'capacity_below_booked', { capacity, booked: promised.booked, at: toBeijingTime(promised.at as Date) });
  const kept = trimSlots(live, capacity);
  const changed: [number, number, number][] = [];
  for (const [i, slot] of live.entries()) {
    const places = kept[i] as number;
    if (places === slot.capacity) continue;
    if (places < 1) throw fieldError(field, 'capacity_empties_slot', { capacity, at: toBeijingTime(slot.starts_at) });
    await slotsRepo.setSlotCapacity(tx, scopedKey('venue_slots', slot), places);
    changed.push([slot.id, slot.capacity, places]);
  }
  return changed;
}

/** Replaces the printed code (a poster copied to the wrong door, a code leaked): the old code is withdrawn and answers as such. */
export async function replaceCode(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const row = await venueRow(deps, actor, id);
  for (let attempt = 0; ; attempt++) {
    try {
      await command(deps, { actor, ctx }, async ({ tx, audit }) => {
        await repo.replaceCode(tx, row.key, drawCode(), deps.clock.now());
        audit({ action: 'venues.code.replace', divisionCode: row.division_code, targetType: 'venue', targetId: id, detail: { withdrawn: row.code } });
      });
      return getVenue(deps, actor, id);
    } catch (e) {
      if (isUniqueViolation(e) && attempt < 3) continue;
      throw e;
    }
  }
}

/** What a poster prints: the code, grouped, and the URL its QR code holds. Refuses (409) without a configured public base URL. */
export async function venueQr(deps: Deps, actor: Actor, id: number) {
  const row = await venueRow(deps, actor, id);
  const base = deps.config.publicBaseUrl;
  if (!base) throw new AppError('public_base_url_missing');
  return { code: row.code, codeGrouped: groupCode(row.code), url: venueUrl(base, row.code), venueName: row.name };
}

// hygiene ------------------------------------------------------------------------------------

/** The venue's hygiene slots of a Beijing day (default today) with their status at the server's now, and the day's logs. */
export async function hygieneDay(deps: Deps, actor: Actor, id: number, date: string | undefined) {
  const row = await venueRow(deps, actor, id);
  const day = date ?? todayOf(deps);
  const logs = await hygieneRepo.logsOf(deps.db, row.key, day, day);
  const slots = slotStatuses(row, day, logs, deps.clock.now(), row.created_at);
  return {
    venueId: row.id,
    day,
    slots: slots.map((x) => ({ kind: x.kind, slot: x.slot, from: x.from.toISOString(), to: x.to.toISOString(), status: x.status, doneAt: x.doneAt?.toISOString() ?? null })),
    logs: logs.map((l) => ({ id: l.id, kind: l.kind as 'cleaning', day: l.day, doneAt: l.done_at.toISOString(), note: l.note, slot: slotOfLog(row, l.kind as 'cleaning', l.done_at) })),
  };
}

/** Logs a cleaning, ventilation or disinfection of the venue at the server's now; it belongs to that Beijing day and fills the slot schedule.ts says. */
export async function logHygiene(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.hygieneLogCreate>, ctx: RequestContext) {
  const row = await venueRow(deps, actor, id);
  const now = deps.clock.now();
  const day = beijingDate(now);
  const logged = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const r = await hygieneRepo.insertLog(tx, row.key, { kind: input.kind, day, done_at: now, note: input.note, recorded_by: actor.accountId });
    audit({ action: 'venues.hygiene.log', divisionCode: row.division_code, targetType: 'venue', targetId: id, detail: { kind: input.kind, day } });
    return r;
  });
  return { id: logged.id, kind: input.kind, day, doneAt: now.toISOString(), note: input.note, slot: slotOfLog(row, input.kind, now) };
}

const WATCHER = systemScope('hygiene watcher: missed slots of every active venue');

/**
 * The hygiene watcher (every 10 minutes): for yesterday and today (Beijing), every slot of every
 * active venue that ended by now with no log filling it, and lay wholly after the venue was
 * created, is flagged once (hygiene_misses; a re-run or an overlapping run flags nothing again)
 * and the agency gets one in-app notice per flag. Returns how many were flagged now.
 */
export async function flagMissedHygiene(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const days = [addDays(today, -1), today];
  const venues = await repo.activeSchedules(deps.db, WATCHER);
  const logs = await hygieneRepo.logsOfDays(deps.db, WATCHER, days[0] as string, today);
  const misses: hygieneRepo.MissRow[] = [];
  for (const v of venues) {
    for (const day of days) {
      const mine = logs.filter((l) => l.division_code === v.division_code && l.venue_id === v.id && l.day === day);
      for (const slot of slotsOfDay(v, day)) {
        if (slot.to > now || slot.from < v.created_at) continue;
        if (mine.some((l) => l.kind === slot.kind && slotOfLog(v, slot.kind, l.done_at) === slot.slot)) continue;
        misses.push({ division_code: v.division_code, venue_id: v.id, day, kind: slot.kind, slot: slot.slot, window_from: slot.from, window_to: slot.to, flagged_at: now });
      }
    }
  }
  if (!misses.length) return 0;
  return command(deps, { actor: null, ctx: null }, async ({ tx, audit, send }) => {
    const flagged = await hygieneRepo.flagMisses(tx, WATCHER, misses);
    for (const f of flagged) {
      const v = venues.find((x) => x.division_code === f.division_code && x.id === f.venue_id);
      const m = misses.find((x) => x.division_code === f.division_code && x.venue_id === f.venue_id && x.kind === f.kind && x.slot === f.slot) as hygieneRepo.MissRow;
      await send({
        divisionCode: f.division_code,
        channel: 'inapp',
        recipient: `agency:${f.division_code}:${v?.agency_id}`,
        template: 'venue_hygiene_missed',
        payload: { venueId: f.venue_id, venueName: v?.name, day: m.day, kind: f.kind, slot: f.slot, from: m.window_from.toISOString(), to: m.window_to.toISOString() },
        idempotency_key: `venues.hygiene-missed:${f.division_code}:${f.venue_id}:${m.day}:${f.kind}:${f.slot}`,
      });
      audit({ action: 'venues.hygiene.missed', divisionCode: f.division_code, targetType: 'venue', targetId: f.venue_id, detail: { day: m.day, kind: f.kind, slot: f.slot } });
    }
    return flagged.length;
  });
}
