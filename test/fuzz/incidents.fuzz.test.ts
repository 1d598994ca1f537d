// The API fuzzer over incidents, the desks' inbox and the bureaus' duty phones (harness.ts says what
// it checks; the other files take the other operations).
import { fuzzShard } from './suite.ts';

export const INCIDENT_PATHS = /^\/api\/v1\/prevention\/(incidents|inbox|duty-phone)/;

fuzzShard('incidents', (op) => INCIDENT_PATHS.test(op.path));
