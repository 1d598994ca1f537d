// The venues module's public surface (issue 8 P5–P7, decision 0028): venues and hygiene, entry
// checks and visits, slots and bookings. Other modules call these, never the repositories.
export * from './bookings.service.ts';
export * from './venues.service.ts';
export * from './visits.service.ts';
