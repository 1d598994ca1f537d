// Time slots and bookings (P7; cases 07 and 08): an agency opens slots at its venues (never more
// places than the venue's area allows); job seekers and employers book a place for themselves,
// reception books one for a walk-in by name and phone — every path through `bookSlot`, one
// statement that cannot pass the capacity or give one person two places. A booking can be
// cancelled by its booker or the agency before the slot starts; cancelling frees its place once.
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { addDays, beijingInstant } from '../../../shared/beijing-day.ts';
import { peakLoad } from './capacity.ts';
import { presentBooking, presentSlot } from './presenters.ts';
import * as slotsRepo from './repository/slots.ts';
import * as venuesRepo from './repository/venues.ts';
import type * as s from './schemas.ts';
import { drawCode, todayOf, venueRow } from './venues.service.ts';
import { bookingMessageKey } from './visits.service.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import * as identity from '../identity/service.ts';

const constraintOf = (e: unknown) => (e as { constraint?: string })?.constraint ?? '';
const BOOKING_CODE_LENGTH = 10;
const idCursor = zod.tuple([zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/** Whether the caller books for themselves (job seekers, employers) rather than at a desk. */
const selfService = (actor: Actor) => actor.role === 'seeker' || actor.role === 'employer';

/**
 * A venue as the caller may use it for slots: job seekers and employers any active venue (the
 * public directory), the agency's people their own, officials those in their jurisdiction.
 */
async function venueForSlots(deps: Deps, actor: Actor, venueId: number) {
  if (selfService(actor)) {
    const row = await venuesRepo.findDirectoryVenue(deps.db, todayOf(deps), venueId);
    if (!row) throw notFound();
    return row;
  }
  return venueRow(deps, actor, venueId);
}

/** A venue's slots of a Beijing day (default today), places counted from the bookings. */
export async function listSlots(deps: Deps, actor: Actor, venueId: number, date: string | undefined) {
  const venue = await venueForSlots(deps, actor, venueId);
  const day = date ?? todayOf(deps);
  const rows = await slotsRepo.slotsOf(deps.db, venue.key, beijingInstant(day), beijingInstant(addDays(day, 1)));
  return { venueId: venue.id, day, items: rows.map(presentSlot) };
}

/**
 * Opens a slot at a venue of the administrator's agency: a start in the future, a length (default
 * the venue's slot length) and a number of places no greater than the venue's capacity (400 naming
 * `capacity` and the capacity its area gives) — nor than what the slots overlapping it leave free
 * at any instant (400 `slot_overlap_over_capacity` naming `capacity`, with the places they offer
 * and the most this slot may have; capacity.ts peakLoad). The check runs under the venue's row
 * lock (venues.lockVenue 'update'), so two slots opened at once cannot both take the last places,
 * and a change of area waits for it (decision 0028).
 */
export async function createSlot(deps: Deps, actor: Actor, venueId: number, input: z.infer<typeof s.slotCreate>, ctx: RequestContext) {
  const venue = await venueRow(deps, actor, venueId);
  if (venue.status !== 'active') throw new AppError('venue_closed');
  if (input.capacity > venue.capacity) {
    throw fieldError('capacity', 'slot_over_venue_capacity', { capacity: venue.capacity, area: Number(venue.area_m2), m2: Number(venue.m2_per_person) });
  }
  const now = deps.clock.now();
  const startsAt = new Date(input.startsAt);
  if (startsAt <= now) throw fieldError('startsAt', 'slot_in_past');
  const endsAt = new Date(startsAt.getTime() + (input.minutes ?? venue.slot_minutes) * 60_000);
  try {
    const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
      const locked = await venuesRepo.lockVenue(tx, venue.key, 'update');
      if (!locked) throw notFound();
      if (locked.status !== 'active') throw new AppError('venue_closed');
      const params = { capacity: locked.capacity, area: Number(venue.area_m2), m2: Number(venue.m2_per_person) };
      if (input.capacity > locked.capacity) throw fieldError('capacity', 'slot_over_venue_capacity', params);
      const offered = peakLoad(await slotsRepo.liveSlotsOf(tx, venue.key, now, { from: startsAt, to: endsAt }), startsAt, endsAt);
      if (offered + input.capacity > locked.capacity) {
        throw fieldError('capacity', 'slot_overlap_over_capacity', { capacity: locked.capacity, offered, free: Math.max(0, locked.capacity - offered) });
      }
      const k = await slotsRepo.insertSlot(tx, venue.key, { starts_at: startsAt, ends_at: endsAt, capacity: input.capacity, created_at: now, created_by: actor.accountId });
      audit({ action: 'venues.slot.create', divisionCode: venue.division_code, targetType: 'venue_slot', targetId: k.id, detail: { venueId: venue.id, startsAt: startsAt.toISOString(), capacity: input.capacity } });
      return k;
    });
    const row = await slotsRepo.findSlotOfVenue(deps.db, venue.key, key.id);
    return presentSlot(row as slotsRepo.SlotRow);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('startsAt', 'slot_taken');
    throw e;
  }
}

const LOCATE = systemScope('a slot or booking by id: its venue is then read through the caller\'s reach');

/** The slot `id` and its venue as the caller may use them (404 when either is missing or out of reach). */
async function slotFor(deps: Deps, actor: Actor, id: number) {
  const at = await slotsRepo.venueOfSlot(deps.db, LOCATE, id);
  if (!at) throw notFound();
  const venue = await venueForSlots(deps, actor, at.venue_id);
  if (venue.division_code !== at.division_code) throw notFound();
  const slot = await slotsRepo.findSlotOfVenue(deps.db, venue.key, id);
  if (!slot) throw notFound();
  return { venue, slot };
}

/**
 * Books one place of slot `id` (the contract's `POST /prevention/slots/{id}/bookings`): for
 * themselves by job seekers and employers (the account is the person), at the desk by the agency's people for a walk-in (name and phone required; the phone is
 * the person; a self-service booking also carries the account's phone, so the desk cannot book a
 * second place for the same person by phone, nor the person one after the desk did). 201 with the booking; 409 `slot_full` when no place is left, `already_booked` when
 * the person holds one, `slot_started` once the slot began. Race-free (slots.ts bookPlace): with
 * five places left and a hundred requests at once, exactly five succeed. The booker gets one
 * confirmation (in-app for an account, SMS for a desk booking), queued in the same transaction.
 */
export async function bookSlot(deps: Deps, actor: Actor, slotId: number, input: z.infer<typeof s.bookingCreate>, ctx: RequestContext) {
  const self = selfService(actor);
  const { venue, slot } = await slotFor(deps, actor, slotId);
  if (self) {
    for (const f of ['name', 'phone', 'visitorType'] as const) if (input[f] !== undefined) throw fieldError(f, 'self_booking_no_person');
  } else if (!input.name || !input.phone) {
    throw fieldError(input.name ? 'phone' : 'name', 'desk_booking_needs_person');
  }
  const now = deps.clock.now();
  if (slot.starts_at <= now) throw new AppError('slot_started');
  const person = self
    ? { account_id: actor.accountId, name: actor.displayName, phone: await identity.phoneOfAccount(deps, actor.accountId), visitor_type: actor.role as 'seeker' | 'employer', source: 'self' as const }
    : { account_id: null, name: input.name as string, phone: input.phone as string, visitor_type: input.visitorType ?? ('seeker' as const), source: 'desk' as const };
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await command(deps, { actor, ctx }, async ({ tx, audit, send }) => {
        // a share lock on the venue: many bookings at once, none while its capacity or slots change
        await venuesRepo.lockVenue(tx, venue.key, 'share');
        const bookingId = await slotsRepo.bookPlace(tx, slot.key, now, { ...person, code: drawCode(BOOKING_CODE_LENGTH), created_at: now, created_by: actor.accountId });
        if (!bookingId) throw new AppError('slot_full', { capacity: slot.capacity });
        await send({
          divisionCode: venue.division_code,
          channel: self ? 'inapp' : 'sms',
          recipient: self ? `account:${actor.accountId}` : (person.phone as string),
          template: 'venue_booking_confirmed',
          payload: { bookingId, venueName: venue.name, startsAt: slot.starts_at.toISOString(), endsAt: slot.ends_at.toISOString() },
          idempotency_key: bookingMessageKey(venue.division_code, bookingId),
        });
        audit({ action: 'venues.booking.create', divisionCode: venue.division_code, targetType: 'booking', targetId: bookingId, detail: { slotId, source: person.source } });
        return bookingId;
      });
      const row = await slotsRepo.findBooking(deps.db, LOCATE, id);
      return presentBooking(row as slotsRepo.BookingRow, { whole: true });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (/bookings_one_per_(account|phone)/.test(constraintOf(e))) throw new AppError('already_booked');
      if (attempt < 3) continue; // a drawn booking code already in use: draw again
      throw e;
    }
  }
}

/** A slot's bookings for the agency's people (phones masked). */
export async function slotBookings(deps: Deps, actor: Actor, slotId: number) {
  const { slot } = await slotFor(deps, actor, slotId);
  return { items: (await slotsRepo.bookingsOfSlot(deps.db, slot.key)).map((r) => presentBooking(r, { whole: false })) };
}

/** The caller's own bookings (job seekers and employers), newest first. */
export async function myBookings(deps: Deps, actor: Actor, q: z.infer<typeof s.myBookingsQuery>) {
  const rows = await slotsRepo.bookingsOfAccount(deps.db, actor.accountId, { limit: q.limit, after: decodeCursor(q.cursor, idCursor) });
  return toPage(rows, q.limit, (r) => presentBooking(r, { whole: true }), (r) => [r.id]);
}

/**
 * Cancels booking `id`: by its booker (self-service) or by the agency's people of its venue;
 * anyone else is answered 404. Before the slot starts only (409 `slot_started`). A second cancel
 * answers the same booking and frees nothing more; the other bookings of the slot stay as they are.
 */
export async function cancelBooking(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const b = await slotsRepo.findBooking(deps.db, LOCATE, id);
  if (!b) throw notFound();
  if (selfService(actor)) {
    if (b.account_id !== actor.accountId) throw notFound();
  } else {
    const venue = await venueRow(deps, actor, b.venue_id);
    if (venue.division_code !== b.division_code) throw notFound();
  }
  const now = deps.clock.now();
  if (b.status === 'active' && b.starts_at <= now) throw new AppError('slot_started');
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const n = await slotsRepo.cancelBooking(tx, b.key, now);
    if (n) audit({ action: 'venues.booking.cancel', divisionCode: b.division_code, targetType: 'booking', targetId: id, detail: { slotId: b.slot_id } });
  });
  const after = await slotsRepo.findBooking(deps.db, LOCATE, id);
  return presentBooking(after as slotsRepo.BookingRow, { whole: selfService(actor) });
}
