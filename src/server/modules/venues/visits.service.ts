// Entry checks and visits (P6, P7): the door check by the agency's people (type, mask, temperature
// through the one parser; a failed check is refused and recorded, a fever opens an incident), the
// visitor's own registration by the venue's QR code (name and phone, consent shown, no account),
// check-out by either, live occupancy capped by the venue's capacity, one alert per overlong stay,
// the end-of-day close at 24:00 Beijing time, and the retention purge with counts per day kept.
import { timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../platform/crypto.ts';
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { type SystemScope, systemKey, systemScope } from '../../db/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { z as zod } from 'zod';
import { command, SYSTEM_CALLER } from '../../platform/command.ts';
import { addDays, beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { FEVER_CELSIUS } from '../../../shared/temperature.ts';
import { eraseMessagesByKey } from '../channels/service.ts';
import * as prevention from '../prevention/service.ts';
import { presentVisit } from './presenters.ts';
import * as slotsRepo from './repository/slots.ts';
import * as venuesRepo from './repository/venues.ts';
import * as repo from './repository/visits.ts';
import { VISITOR_CONSENT_VERSION } from './schemas.ts';
import type * as s from './schemas.ts';
import { todayOf, venueRow } from './venues.service.ts';

const idCursor = zod.tuple([zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

type VenueRead = Awaited<ReturnType<typeof venueRow>>;

function requireOpen(venue: { status: string; capacity: number; m2_per_person: string }) {
  if (venue.status !== 'active') throw new AppError('venue_closed');
  if (venue.capacity < 1) throw new AppError('venue_capacity_zero', { m2: Number(venue.m2_per_person) });
}

/**
 * The door check (P6) at a venue of the caller's agency: visitor type, name, phone (optional),
 * mask, temperature (°C, already parsed by shared/temperature.ts through the field), optionally the
 * code of a booking being honoured. No mask or a temperature of 37.3 °C and above: refused and
 * recorded (201, outcome `refused`); a fever opens an incident (trigger `door_refusal`) in the same
 * transaction. Passed: admitted when the venue has room (a visit opens, occupancy rises), else 409
 * `venue_full` and nothing is written. A booking code that names a cancelled booking, another
 * venue's or another day's is a 409 before anything is written.
 */
export async function checkAtDoor(deps: Deps, actor: Actor, venueId: number, input: z.infer<typeof s.entryCheckCreate>, ctx: RequestContext) {
  const venue = await venueRow(deps, actor, venueId);
  requireOpen(venue);
  const now = deps.clock.now();
  const day = beijingDate(now);
  const booking = input.bookingCode ? await bookingToHonour(deps, venue, input.bookingCode, day) : null;
  const reasons: ('no_mask' | 'fever')[] = [];
  if (!input.mask) reasons.push('no_mask');
  if (input.temperature >= FEVER_CELSIUS) reasons.push('fever');
  const visit: repo.NewVisit = {
    day,
    visitor_type: input.visitorType,
    name: input.name,
    phone: input.phone ?? booking?.phone ?? null,
    source: 'desk',
    booking_id: booking?.id ?? null,
    mask: input.mask,
    temperature_enc: deps.crypto.encrypt(input.temperature.toFixed(1)),
    arrived_at: now,
    token_hash: null,
    consent_version: null,
    recorded_by: actor.accountId,
  };
  const id = await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    if (reasons.length) {
      const refusedId = await repo.recordRefusal(tx, venue.key, visit, reasons);
      if (reasons.includes('fever')) {
        const incident = await prevention.openIncident(inTx, {
          divisionCode: venue.division_code,
          agencyId: venue.agency_id,
          subject: { kind: 'visitor', name: input.name, phone: visit.phone },
          trigger: 'door_refusal',
          triggerRef: { table: 'visits', id: refusedId },
          detectedAt: now,
          detail: { venueId: venue.id, venueName: venue.name },
        });
        await repo.setIncident(tx, systemKey(systemScope('the visit this command just wrote'), 'visits', venue.division_code, refusedId), incident.id);
      }
      audit({ action: 'venues.entry.refuse', divisionCode: venue.division_code, targetType: 'visit', targetId: refusedId, detail: { venueId: venue.id } });
      return refusedId;
    }
    // the capacity as committed now, under a share lock: a change of area waits for this admission, and this one for it (decision 0028)
    const capacity = (await venuesRepo.lockVenue(tx, venue.key, 'share'))?.capacity ?? 0;
    const admitted = capacity > 0 ? await repo.admitVisit(tx, venue.key, capacity, visit) : undefined;
    if (!admitted) throw new AppError('venue_full', { inside: capacity, capacity });
    if (booking) await slotsRepo.markUsed(tx, booking.key, now);
    audit({ action: 'venues.entry.admit', divisionCode: venue.division_code, targetType: 'visit', targetId: admitted.id, detail: { venueId: venue.id, bookingId: booking?.id ?? null } });
    return admitted.id;
  });
  const detail = await readVisit(deps, venue, id);
  return { ...detail, inside: await repo.insideNow(deps.db, venue.key, day), capacity: venue.capacity };
}

/** The booking a code names at this venue, when it may admit someone today; 409 otherwise (nothing written). */
async function bookingToHonour(deps: Deps, venue: VenueRead, code: string, day: string) {
  const b = await slotsRepo.findBookingByCode(deps.db, venue.key, code);
  if (!b) throw new AppError('booking_unknown');
  if (b.status === 'cancelled') throw new AppError('booking_cancelled');
  if (beijingDate(b.starts_at) !== day) throw new AppError('booking_not_today');
  return b;
}

async function readVisit(deps: Deps, venue: VenueRead, id: number) {
  const row = await repo.findVisitOfVenue(deps.db, venue.key, id);
  if (!row) throw notFound();
  return { ...presentVisit(row, { whole: true }), temperature: row.temperature_enc ? Number(deps.crypto.decrypt(row.temperature_enc)) : null };
}

const LOCATE = systemScope('a visit by id: its venue is then read through the caller\'s scope');

/** The venue of visit `id`, read through the caller's scope (404 when either is missing or out of reach). */
async function venueOfVisit(deps: Deps, actor: Actor, id: number) {
  const at = await repo.venueOfVisit(deps.db, LOCATE, id);
  if (!at) throw notFound();
  return venueRow(deps, actor, at.venue_id);
}

/** One visit with its temperature, for the agency's people; the read of a health value is audited. */
export async function getVisit(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const venue = await venueOfVisit(deps, actor, id);
  const detail = await readVisit(deps, venue, id);
  await command(deps, { actor, ctx }, async ({ audit }) => {
    audit({ action: 'venues.visit.read', divisionCode: venue.division_code, targetType: 'visit', targetId: id, detail: { venueId: venue.id } });
  });
  return detail;
}

/** A venue's visits of a Beijing day (default today), phones masked, no temperatures. */
export async function listVisits(deps: Deps, actor: Actor, venueId: number, q: z.infer<typeof s.visitsQuery>) {
  const venue = await venueRow(deps, actor, venueId);
  const rows = await repo.listVisits(deps.db, venue.key, q.date ?? todayOf(deps), { limit: q.limit, after: decodeCursor(q.cursor, idCursor) });
  return toPage(rows, q.limit, (r) => presentVisit(r, { whole: false }), (r) => [r.id]);
}

/** Every visit of a day for the export (phones masked), audited. */
export async function exportVisits(deps: Deps, actor: Actor, venueId: number, date: string | undefined, ctx: RequestContext) {
  const venue = await venueRow(deps, actor, venueId);
  const day = date ?? todayOf(deps);
  const rows = await fetchAllPages((after: [number] | undefined, limit) => repo.listVisits(deps.db, venue.key, day, { limit, after }), (r) => [r.id] as [number]);
  await command(deps, { actor, ctx }, async ({ audit }) => {
    audit({ action: 'venues.visit.export', divisionCode: venue.division_code, targetType: 'venue', targetId: venue.id, detail: { day, rows: rows.length } });
  });
  return { venue, day, rows: rows.map((r) => presentVisit(r, { whole: false })) };
}

/** Checks a visit out from the desk: always allowed (never refused for capacity or any rule); a repeat changes nothing. */
export async function checkOutAtDesk(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const venue = await venueOfVisit(deps, actor, id);
  const row = await repo.findVisitOfVenue(deps.db, venue.key, id);
  if (!row) throw notFound();
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const closed = await repo.closeVisit(tx, row.key, now, 'desk');
    if (closed) audit({ action: 'venues.visit.check-out', divisionCode: row.division_code, targetType: 'visit', targetId: id, detail: { by: 'desk' } });
  });
  const after = await repo.findVisitOfVenue(deps.db, venue.key, id);
  return { visitId: id, checkedOutAt: (after?.checked_out_at ?? now).toISOString(), inside: await repo.insideNow(deps.db, venue.key, todayOf(deps)) };
}

// the QR page ----------------------------------------------------------------------------------

/** What the QR page shows for a printed code: the venue and its occupancy, or that the code was withdrawn (never another venue). */
export async function venueByCode(deps: Deps, code: string) {
  const found = await venuesRepo.findByCode(deps.db, todayOf(deps), code);
  if (!found?.venue) throw notFound();
  const retentionDays = deps.config.venues.visitorRetentionDays;
  if (found.code.withdrawn_at) {
    return { code, status: 'withdrawn' as const, name: null, address: null, capacity: null, inside: null, dwellLimitMinutes: null, retentionDays, consentVersion: VISITOR_CONSENT_VERSION };
  }
  const v = found.venue;
  return { code, status: v.status as 'active' | 'closed', name: v.name, address: v.address, capacity: v.capacity, inside: v.inside ?? 0, dwellLimitMinutes: v.dwell_limit_minutes, retentionDays, consentVersion: VISITOR_CONSENT_VERSION };
}

/**
 * A visitor's own registration by the venue's QR code (no account): name, phone, type and consent
 * to the notice the page showed; checks the visitor in when the venue has room (409 `venue_full`
 * otherwise, nothing written), queues an SMS receipt, and returns the token the phone keeps to
 * check itself out. Audited without name or phone.
 *
 * Once per phone (decision 0028): the same phone with a visit still open at this venue today gets
 * that visit back (`created: false`, the route answers 200 with the same body) and takes no second
 * place; the partial unique index visits_open_qr_phone (migration 0016) settles concurrent scans
 * (the loser's insert fails with 23505 and it reads the winner's visit). The token's secret is a
 * keyed hash of the visit's facts, so the repeat hands back the same token — only to a repeat with
 * the name and visitor type first given; any other answers 409 `visit_already_open` with no visit
 * id or token (someone who knows only the phone cannot check its owner out).
 */
export async function registerByCode(deps: Deps, code: string, input: z.infer<typeof s.selfRegistration>, ctx: RequestContext) {
  const found = await venuesRepo.findByCode(deps.db, todayOf(deps), code);
  if (!found?.venue) throw notFound();
  if (found.code.withdrawn_at) throw new AppError('venue_code_withdrawn');
  const venue = found.venue;
  requireOpen(venue);
  const now = deps.clock.now();
  const day = beijingDate(now);
  const answer = (id: number, arrivedAt: Date, inside: number, created: boolean) => ({
    created,
    body: {
      visitId: id,
      venueName: venue.name,
      token: `${venue.division_code}.${id}.${tokenSecret(deps, venue.division_code, venue.id, input.phone, arrivedAt)}`,
      arrivedAt: arrivedAt.toISOString(),
      inside,
      capacity: venue.capacity,
      dwellLimitMinutes: venue.dwell_limit_minutes,
    },
  });
  // the repeat hands the token back only to the same registration (name and type as first given):
  // a stranger who knows the phone learns nothing and cannot check its owner out (409, no token)
  const again = (v: { id: number; arrived_at: Date; inside: number | null; name: string; visitor_type: string }) => {
    if (v.name !== input.name || v.visitor_type !== input.visitorType) throw new AppError('visit_already_open');
    return answer(v.id, v.arrived_at, v.inside ?? 0, false);
  };
  const open = await repo.findOpenQrVisit(deps.db, venue.key, day, input.phone);
  if (open) return again(open);
  const secret = tokenSecret(deps, venue.division_code, venue.id, input.phone, now);
  try {
    const admitted = await command(deps, { actor: null, ctx }, async ({ tx, audit, send }) => {
      const capacity = (await venuesRepo.lockVenue(tx, venue.key, 'share'))?.capacity ?? 0;
      const a = capacity < 1 ? undefined : await repo.admitVisit(tx, venue.key, capacity, {
        day,
        visitor_type: input.visitorType,
        name: input.name,
        phone: input.phone,
        source: 'qr',
        booking_id: null,
        mask: null,
        temperature_enc: null,
        arrived_at: now,
        token_hash: sha256Hex(secret),
        consent_version: VISITOR_CONSENT_VERSION,
        recorded_by: null,
      });
      if (!a) throw new AppError('venue_full', { inside: capacity, capacity });
      await send({
        divisionCode: venue.division_code,
        channel: 'sms',
        recipient: input.phone,
        template: 'venue_visit_receipt',
        payload: { venueName: venue.name, arrivedAt: now.toISOString(), retentionDays: deps.config.venues.visitorRetentionDays },
        idempotency_key: receiptKey(venue.division_code, a.id),
      });
      audit({ action: 'venues.visit.register', divisionCode: venue.division_code, targetType: 'visit', targetId: a.id, detail: { venueId: venue.id, consentVersion: VISITOR_CONSENT_VERSION } });
      return a;
    });
    return answer(admitted.id, now, admitted.inside, true);
  } catch (e) {
    if ((e as { code?: string; constraint?: string }).code !== '23505' || (e as { constraint?: string }).constraint !== 'visits_open_qr_phone') throw e;
    // a concurrent scan of the same phone won: its visit is the one
    const won = await repo.findOpenQrVisit(deps.db, venue.key, day, input.phone);
    if (!won) throw e;
    return again(won);
  }
}

/** The secret of a QR visit's check-out token (base64url-safe hex, 32 characters): a keyed hash of venue, phone and arrival, so a repeat registration can hand the same token back. */
function tokenSecret(deps: Deps, divisionCode: string, venueId: number, phone: string, arrivedAt: Date) {
  return deps.crypto.keyedHash(`venues.visit-token:${divisionCode}:${venueId}:${phone}:${arrivedAt.toISOString()}`).slice(0, 32);
}

/** The outbox key of a visit's SMS receipt (the purge deletes it with the visit). */
const receiptKey = (divisionCode: string, visitId: number) => `venues.visit-receipt:${divisionCode}:${visitId}`;

const TOKEN = systemScope('self check-out: the visit its token names');

/** Checks a self-registered visit out by the token its phone kept: always allowed; a repeat answers the same. */
export async function checkOutByToken(deps: Deps, token: string, ctx: RequestContext) {
  const m = /^(\d{6})\.([1-9]\d{0,15})\.([A-Za-z0-9_-]{16,64})$/.exec(token);
  const row = m ? await repo.findVisitByToken(deps.db, TOKEN, m[1] as string, Number(m[2])) : undefined;
  const want = row?.token_hash ? Buffer.from(row.token_hash) : null;
  const got = Buffer.from(sha256Hex(m?.[3] ?? ''));
  if (!row || !want || want.length !== got.length || !timingSafeEqual(want, got)) throw new AppError('validation_failed', {}, [{ field: 'token', key: 'visit_token_invalid' }]);
  const now = deps.clock.now();
  await command(deps, { actor: null, ctx }, async ({ tx, audit }) => {
    const closed = await repo.closeVisit(tx, row.key, now, 'checkout');
    if (closed) audit({ action: 'venues.visit.check-out', divisionCode: row.division_code, targetType: 'visit', targetId: row.id, detail: { by: 'visitor' } });
  });
  const after = await repo.findVisitByToken(deps.db, TOKEN, row.division_code, row.id);
  const inside = await repo.insideNow(deps.db, systemKey(TOKEN, 'venues', row.division_code, row.venue_id), beijingDate(now));
  return { visitId: row.id, checkedOutAt: (after?.checked_out_at ?? now).toISOString(), inside };
}

// counts ---------------------------------------------------------------------------------------

const MAX_COUNT_DAYS = 92;

/** Visitor counts per day by type and outcome (kept after the purge), with dwell figures while the visits are kept. */
export async function venueCounts(deps: Deps, actor: Actor, venueId: number, q: z.infer<typeof s.countsQuery>) {
  if (q.to < q.from) throw new AppError('validation_failed', {}, [{ field: 'to', key: 'date_range_order' }]);
  if (addDays(q.from, MAX_COUNT_DAYS - 1) < q.to) throw new AppError('validation_failed', {}, [{ field: 'to', key: 'date_range_too_long', params: { max: MAX_COUNT_DAYS } }]);
  const venue = await venueRow(deps, actor, venueId);
  const counts = await repo.dailyCounts(deps.db, venue.key, q.from, q.to);
  const dwell = await repo.dwellFigures(deps.db, venue.key, q.from, q.to);
  const days: string[] = [];
  for (let d = q.from, i = 0; d <= q.to && i < MAX_COUNT_DAYS; d = addDays(d, 1), i++) days.push(d);
  return {
    venueId: venue.id,
    days: days.map((day) => {
      const of = (type: string, outcome: string) => counts.find((c) => c.day === day && c.visitor_type === type && c.outcome === outcome)?.visitors ?? 0;
      const byType = {
        staff: { admitted: of('staff', 'admitted'), refused: of('staff', 'refused') },
        employer: { admitted: of('employer', 'admitted'), refused: of('employer', 'refused') },
        seeker: { admitted: of('seeker', 'admitted'), refused: of('seeker', 'refused') },
      };
      const d = dwell.find((x) => x.day === day);
      return {
        day,
        admitted: byType.staff.admitted + byType.employer.admitted + byType.seeker.admitted,
        refused: byType.staff.refused + byType.employer.refused + byType.seeker.refused,
        byType,
        dwell: d ? { closed: d.closed, autoClosed: d.auto_closed, averageMinutes: d.average_minutes, longestMinutes: d.longest_minutes } : null,
      };
    }),
  };
}

// jobs -----------------------------------------------------------------------------------------

const JOBS: SystemScope = systemScope('venue jobs: visits of every division');

/**
 * The end-of-day close (case 09): every visit still open from a Beijing day before today is closed
 * at 24:00 of its own day, marked `auto` (left out of dwell figures), once; UTC midnight closes
 * nothing. Runs every 10 minutes, so the first run after a restart catches up. Returns how many.
 */
export async function closeOpenVisits(deps: Deps): Promise<number> {
  const today = todayOf(deps);
  return command(deps, SYSTEM_CALLER, async ({ tx, audit }) => {
    const closed = await repo.closeEarlierDays(tx, JOBS, today);
    for (const c of closed) audit({ action: 'venues.visits.auto-close', divisionCode: c.division_code, targetType: 'venue', targetId: c.venue_id, detail: { day: c.day, visits: c.n } });
    return closed.reduce((n, c) => n + c.n, 0);
  });
}

/**
 * The dwell watcher (every minute): one in-app alert to the agency per open visit whose stay passed
 * its venue's limit, raised once however often or concurrently it runs. The alert names the venue
 * and the visit, never the visitor. Returns how many were raised now.
 */
export async function watchDwell(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return command(deps, SYSTEM_CALLER, async ({ tx, audit, send }) => {
    const over = await repo.markOverstays(tx, JOBS, beijingDate(now), now);
    for (const o of over) {
      await send({
        divisionCode: o.division_code,
        channel: 'inapp',
        recipient: `agency:${o.division_code}:${o.agency_id}`,
        template: 'venue_dwell_alert',
        payload: { venueId: o.venue_id, venueName: o.venue_name, visitId: o.id, arrivedAt: o.arrived_at.toISOString(), limitMinutes: o.limit_minutes },
        idempotency_key: `venues.dwell:${o.division_code}:${o.id}`,
      });
      audit({ action: 'venues.visit.overstay', divisionCode: o.division_code, targetType: 'visit', targetId: o.id, detail: { venueId: o.venue_id, limitMinutes: o.limit_minutes } });
    }
    return over.length;
  });
}

/**
 * The retention purge (daily at 02:00 Beijing time; case 10): a visit of Beijing day D is kept on
 * D and the `visitorRetentionDays` days after it (default 28) and deleted by the first run on day
 * D + 29 or later — with its SMS receipt in the outbox; bookings of slots that started before that
 * day go too, with their confirmations; and the visitor's name and phone on an incident a refusal
 * of those days opened, whatever its stage (prevention's `eraseVisitorSubjectsBefore`: the row,
 * its stages and venue stay; decision 0030). Counts per day (venue_daily_counts) stay. Audited
 * with counts per table only. Returns the counts.
 */
export async function purgeVisitors(deps: Deps): Promise<{ visits: number; bookings: number; outbox: number; incidents: number }> {
  const today = todayOf(deps);
  const cutoff = addDays(today, -deps.config.venues.visitorRetentionDays);
  return command(deps, SYSTEM_CALLER, async ({ tx, audit, deps: inTx }) => {
    const visits = await repo.purgeVisits(tx, JOBS, cutoff);
    const bookings = await slotsRepo.purgeBookings(tx, JOBS, beijingInstant(cutoff));
    const keys = [
      ...visits.map((v) => ({ divisionCode: v.division_code, key: receiptKey(v.division_code, v.id) })),
      ...bookings.map((b) => ({ divisionCode: b.division_code, key: bookingMessageKey(b.division_code, b.id) })),
    ];
    const outbox = await channelsErase(inTx, keys);
    const incidents = await prevention.eraseVisitorSubjectsBefore(inTx, cutoff);
    const divisions = new Set([...visits.map((v) => v.division_code), ...bookings.map((b) => b.division_code), ...incidents.map((i) => i.divisionCode)]);
    for (const d of divisions) {
      audit({
        action: 'venues.visitors.purge',
        divisionCode: d,
        targetType: 'division',
        targetId: d,
        detail: {
          before: cutoff,
          visits: visits.filter((v) => v.division_code === d).length,
          bookings: bookings.filter((b) => b.division_code === d).length,
          incidentSubjects: incidents.filter((i) => i.divisionCode === d).length,
        },
      });
    }
    return { visits: visits.length, bookings: bookings.length, outbox, incidents: incidents.length };
  });
}

/** The outbox key of a booking's confirmation (the purge deletes it with the booking). */
export const bookingMessageKey = (divisionCode: string, bookingId: number) => `venues.booking-confirmation:${divisionCode}:${bookingId}`;

const channelsErase = (deps: Deps, keys: { divisionCode: string; key: string }[]) => eraseMessagesByKey(deps, systemScope('retention purge: messages about purged visitor records'), keys);

