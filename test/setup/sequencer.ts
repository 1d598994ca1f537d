// The order files start in (vitest.config.ts `sequence.sequencer`). Vitest runs the longest files
// first when it has their timings from an earlier run (node_modules/.vite/vitest), and the largest
// files first when it has none — as on a fresh clone, CI's first pass. Size says little here: the
// fuzz shards, the case replays, the CLI tests and the access matrix are short files that take
// 10–60 s each, so they started last and ran on one worker while the other sat idle (2026-12-02:
// 140 s of a 475 s pass with one file running). Without timings they now start first, the
// largest first within each group; with timings vitest's own order stands.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Directories whose files are known to be slow, most expensive kind first (paths relative to the root). */
export const SLOW_FIRST = ['test/authz/', 'test/fuzz/', 'test/cases/', 'test/cli/'] as const;

/** The slow group's rank of a root-relative path: 0… in SLOW_FIRST's order, SLOW_FIRST.length for the rest. */
export function slowRank(path: string): number {
  const i = SLOW_FIRST.findIndex((dir) => path.startsWith(dir));
  return i === -1 ? SLOW_FIRST.length : i;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (f: TestSpecification) => relative(root, f.moduleId).split('\\').join('/');
    const timed = sorted.some((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path(f)}`));
    if (timed) return sorted;
    // Array.prototype.sort is stable: within a group, vitest's order (largest first) stands
    return [...sorted].sort((a, b) => slowRank(path(a)) - slowRank(path(b)));
  }
}
