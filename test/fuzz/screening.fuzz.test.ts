// The API fuzzer over prevention plans, risk areas and screening declarations (issue 8 P1, P2)
// (harness.ts says what it checks; the other files take the other operations).
import { fuzzShard } from './suite.ts';

export const SCREENING_PATHS = /^\/api\/v1\/prevention\/(plans|risk-areas|declarations)(\/|$|\?)/;

fuzzShard('screening', (op) => SCREENING_PATHS.test(op.path));
