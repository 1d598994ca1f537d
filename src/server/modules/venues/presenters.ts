// Rows become API shapes here, and only here: phones masked in lists, the door temperature only in
// one record's (audited) read, the QR link only when a public base URL is configured.
import { clockText } from '../../../shared/beijing-day.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { groupCode, venueUrl } from '../../../shared/printed-codes.ts';
import type { BookingRow, SlotRow } from './repository/slots.ts';
import type { VenueRow } from './repository/venues.ts';
import type { VisitRow } from './repository/visits.ts';

export function presentVenue(r: VenueRow, today: string, publicBaseUrl: string | null) {
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    name: r.name,
    address: r.address,
    areaM2: Number(r.area_m2),
    m2PerPerson: Number(r.m2_per_person),
    capacity: r.capacity,
    dwellLimitMinutes: r.dwell_limit_minutes,
    slotMinutes: r.slot_minutes,
    hygiene: {
      from: clockText(r.hygiene_from),
      to: clockText(r.hygiene_to),
      cleaningPerDay: r.cleaning_per_day,
      ventilationPerDay: r.ventilation_per_day,
      disinfectionPerDay: r.disinfection_per_day,
    },
    code: r.code,
    codeGrouped: groupCode(r.code),
    qrUrl: publicBaseUrl ? venueUrl(publicBaseUrl, r.code) : null,
    status: r.status as 'active' | 'closed',
    today,
    inside: r.inside ?? 0,
    missedHygieneToday: r.missed_today ?? 0,
    createdAt: r.created_at.toISOString(),
  };
}

/** A visit: the phone masked unless `whole`; `overstay` once its stay passed the venue's limit (alerted). */
export function presentVisit(r: VisitRow, opts: { whole: boolean }) {
  return {
    id: r.id,
    venueId: r.venue_id,
    day: r.day,
    visitorType: r.visitor_type as 'staff' | 'employer' | 'seeker',
    name: r.name,
    phone: r.phone ? (opts.whole ? r.phone : maskPhone(r.phone)) : null,
    source: r.source as 'desk' | 'qr',
    bookingId: r.booking_id,
    mask: r.mask,
    outcome: r.outcome as 'admitted' | 'refused',
    refusalReasons: r.refusal_reasons as ('no_mask' | 'fever')[],
    arrivedAt: r.arrived_at.toISOString(),
    checkedOutAt: r.checked_out_at?.toISOString() ?? null,
    closeReason: r.close_reason as 'checkout' | 'desk' | 'auto' | null,
    overstay: r.dwell_alerted_at !== null,
    incidentId: r.incident_id,
  };
}

export function presentSlot(r: SlotRow) {
  return {
    id: r.id,
    venueId: r.venue_id,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    capacity: r.capacity,
    booked: r.taken,
    free: Math.max(0, r.capacity - r.taken),
    full: r.taken >= r.capacity,
  };
}

/** A booking: the phone masked unless `whole` (the booker's own list). */
export function presentBooking(r: BookingRow, opts: { whole: boolean }) {
  return {
    id: r.id,
    slotId: r.slot_id,
    venueId: r.venue_id,
    venueName: r.venue_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    name: r.name,
    phone: r.phone ? (opts.whole ? r.phone : maskPhone(r.phone)) : null,
    visitorType: r.visitor_type as 'seeker' | 'employer',
    source: r.source as 'self' | 'desk',
    status: r.status as 'active' | 'cancelled',
    code: r.code,
    createdAt: r.created_at.toISOString(),
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
  };
}
