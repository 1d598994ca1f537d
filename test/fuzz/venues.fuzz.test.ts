// The API fuzzer over the venues module: venues, hygiene, entry checks, visits, the QR page, slots
// and bookings (harness.ts says what it checks; the other files take the other operations).
import { fuzzShard } from './suite.ts';

export const VENUE_PATHS = /^\/api\/v1\/prevention\/(venues|venue-codes|visits|slots|bookings)/;

fuzzShard('venues', (op) => VENUE_PATHS.test(op.path));
