// The API fuzzer over sign-in, the caller's own account, reference data and the audit trail
// (harness.ts says what it checks; registry.fuzz.test.ts, venues.fuzz.test.ts and incidents.fuzz.test.ts take the other operations).
import { fuzzShard } from './suite.ts';

fuzzShard('identity_reference', (op) => !/^\/api\/v1\/(agencies|employers)/.test(op.path) && !/^\/api\/v1\/prevention\/(venues|venue-codes|visits|slots|bookings)/.test(op.path) && !/^\/api\/v1\/prevention\/(consent|checkins|symptoms|settings|day|daily-counts)(\/|$|\?)/.test(op.path) && !/^\/api\/v1\/prevention\/(incidents|inbox|duty-phone)/.test(op.path));
