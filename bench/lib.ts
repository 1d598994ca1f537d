// What a benchmark is: a module exporting `benchmark = { name, description, run }`; run() returns
// metrics. The runner (bench/run.ts) stamps them with machine, commit and date and appends them to
// bench/results/<name>.jsonl.
import { createServer } from 'node:net';

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
