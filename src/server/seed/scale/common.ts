// What the parts of the scale generator share (index.ts runs them): the scales, a part's shape, chunking.
import type { Deps } from '../../deps.ts';

export type Scale = 'county' | 'province';

/**
 * The populations. `province`: the issue 8 benchmark's 2,000 agencies and 40,000 staff, spread
 * round-robin over every active county of the province (about 15 agencies and 310 staff each);
 * `county`: 100 agencies and 2,000 staff in one county (五华区), for quick runs.
 */
export const SCALES: Record<Scale, { agencies: number; staffPerAgency: number; counties: 'all' | string[] }> = {
  province: { agencies: 2_000, staffPerAgency: 20, counties: 'all' },
  county: { agencies: 100, staffPerAgency: 20, counties: ['530102'] },
};

export type PartOptions = {
  scale: Scale;
  /** Where the staff part writes the session tokens it made (JSON, mode 0600). */
  sessionsFile: string;
  /** Days of check-in history the checkins part makes (before today, Beijing time). */
  days: number;
  /** Overrides the scale's numbers (tests make a handful; the counties stay the scale's). */
  size?: { agencies?: number; staffPerAgency?: number; postings?: number; seekers?: number };
  /** The real ads the postings part re-samples (default: ../shared/data/job-ads-2024/jobs.csv). */
  adsFile?: string;
};

export type PartContext = PartOptions & { deps: Deps; log: (line: string) => void };

/** What a part reports: row counts by table (or by what they stand for). */
export type PartSummary = Record<string, number>;

export type SeedPart = {
  name: string;
  description: string;
  /** Parts whose rows this one reads: run before it in the same call, or present from an earlier one. */
  needs: readonly string[];
  run: (ctx: PartContext) => Promise<PartSummary>;
};

/** Rows per multi-row INSERT. */
export const CHUNK = 5_000;

/** Splits `n` items into [from, to) ranges of CHUNK. */
export function* chunks(n: number, size = CHUNK): Generator<[number, number]> {
  for (let from = 0; from < n; from += size) yield [from, Math.min(n, from + size)];
}


/** mulberry32: a small seeded generator in [0, 1), so that the same size gives the same rows (no Math.random). */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
