// The API fuzzer over the prevention desk (oversight module): the desk, its export and its map
// (harness.ts says what it checks; the other files take the other operations).
import { fuzzShard } from './suite.ts';

export const DESK_PATHS = /^\/api\/v1\/prevention\/desk(\/|$)/;

fuzzShard('desks', (op) => DESK_PATHS.test(op.path));
