// The API fuzzer over the job market: postings, the public list and page, reports and moderation cases, the change feed,
// applications (harness.ts says what it checks; identity-reference.fuzz.test.ts takes the other operations).
import { fuzzShard } from './suite.ts';

fuzzShard('market', (op) => /^\/api\/v1\/(postings|public\/postings|public\/posting-reports|moderation\/cases|feeds\/postings|applications|interviews)(\/|$|\?)/.test(op.path));
