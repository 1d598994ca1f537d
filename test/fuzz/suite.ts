// One describe block per shard of the API: a property per operation over RUNS generated requests,
// the seeds first (fast-check's examples). Two files split the operations so the two vitest
// workers share the load.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Case, createFuzzer, type Fuzzer, type Operation, RUNS } from './harness.ts';
import { SEEDS } from './seeds.ts';

/** A stalled run fails instead of waiting out the step: 5 minutes for npm test's count, more for test:fuzz. */
const TIME_LIMIT_MS = Math.max(300_000, RUNS * 6_000);

export function fuzzShard(shard: string, pick: (op: Operation) => boolean): void {
  let fz: Fuzzer;
  beforeAll(async () => {
    fz = await createFuzzer(`fuzz_${shard}`);
  }, 180_000);
  afterAll(() => fz?.close(shard));

  describe(`API fuzzer (${shard}): ${RUNS} generated requests per operation`, () => {
    it('covers its operations, and every seed names an operation that exists', () => {
      const keys = fz.operations.map((o) => o.key);
      expect(fz.operations.filter(pick).length).toBeGreaterThan(0);
      expect(Object.keys(SEEDS).filter((k) => !keys.includes(k))).toEqual([]);
    });

    it('every operation: never a 5xx, only documented answers, 400s name the field, refusals change no rows', async () => {
      for (const op of fz.operations.filter(pick)) {
        const seeds: Case[] = SEEDS[op.key] ?? [];
        await fc.assert(fc.asyncProperty(fz.arbitrary(op), (c) => fz.run(op, c)), fz.options(seeds));
        expect(fz.stats.get(op.key)?.cases ?? 0, op.key).toBeGreaterThanOrEqual(RUNS);
      }
    }, TIME_LIMIT_MS);
  });
}
