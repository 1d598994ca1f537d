// What a benchmark is: a module exporting `benchmark = { name, description, run }`; run() returns
// metrics. The runner (bench/run.ts) stamps them with machine, commit and date and appends them to
// bench/results/<name>.jsonl.

export type Metric = {
  metric: string;
  value: number;
  unit: string;
  /** The same quantity for the reference we compare against, measured in the same run. */
  baseline?: number | null;
  /** What the baseline is, for the table. */
  baselineOf?: string;
};

export type Benchmark = {
  name: string;
  description: string;
  run: (log: (line: string) => void) => Promise<Metric[]>;
};

/** A free loopback port (the same helper the embedded PostgreSQL uses). */
export { freePort } from '../src/server/db/embedded.ts';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
