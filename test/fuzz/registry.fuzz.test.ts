// The API fuzzer over the registry: agencies, their staff rosters (JSON and .xlsx) and employers
// (harness.ts says what it checks; identity-reference.fuzz.test.ts takes the other operations).
import { fuzzShard } from './suite.ts';

fuzzShard('registry', (op) => /^\/api\/v1\/(agencies|employers)/.test(op.path));
