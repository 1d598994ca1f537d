// The API fuzzer over sign-in, the caller's own account, reference data and the audit trail
// (harness.ts says what it checks; the other *.fuzz.test.ts files take the operations OTHER_SHARDS names).
import { fuzzShard } from './suite.ts';

/** The paths the other shards take (each file keeps its own copy of its pattern). */
const OTHER_SHARDS = [
  /^\/api\/v1\/(agencies|employers)/,
  /^\/api\/v1\/prevention\/(venues|venue-codes|visits|slots|bookings)/,
  /^\/api\/v1\/prevention\/(consent|checkins|symptoms|settings|day|daily-counts)(\/|$|\?)/,
  /^\/api\/v1\/prevention\/(incidents|inbox|duty-phone)/,
  /^\/api\/v1\/prevention\/(plans|risk-areas|declarations)(\/|$|\?)/,
  /^\/api\/v1\/prevention\/desk(\/|$)/,
  /^\/api\/v1\/(postings|public\/postings|public\/posting-reports|moderation\/cases|feeds\/postings|applications)(\/|$|\?)/,
];

fuzzShard('identity_reference', (op) => !OTHER_SHARDS.some((re) => re.test(op.path)));
