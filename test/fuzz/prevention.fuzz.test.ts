// The API fuzzer over consent and daily check-ins (harness.ts says what it checks; the incidents
// and inbox routes of the prevention module, and the venues module's, are other shards').
import { fuzzShard } from './suite.ts';

export const CHECKIN_PATHS = /^\/api\/v1\/prevention\/(consent|checkins|symptoms|settings|day|daily-counts)(\/|$|\?)/;

fuzzShard('prevention', (op) => CHECKIN_PATHS.test(op.path));
