// `postings-import`: `yunqiao import postings` on the real ads (../shared/data/job-ads-2024/jobs.csv,
// about 30,000 rows; BENCH_POSTINGS_FILE for another), each run a separate process on a fresh
// embedded PostgreSQL (`yunqiao migrate` first): the bulk import (batches of 1,000 rows, one
// statement each), the same file again (nothing changes), and as the baseline the same import row
// at a time (`--batch 1`) on a database of its own. Times include the process start (the same for
// both); the report's counts must agree.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Benchmark, Metric } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const FILE = process.env.BENCH_POSTINGS_FILE ?? join(ROOT, '../shared/data/job-ads-2024/jobs.csv');
const run = promisify(execFile);

type Report = { new: number; updated: number; unchanged: number; duplicates?: unknown[]; duplicateInFile?: unknown[]; refused?: unknown[] };

/** The report's counts, for the log. */
const summary = (r: Report | null) => (r ? `${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.duplicates?.length ?? 0} duplicates, ${r.refused?.length ?? 0} refused` : 'no report');

async function cli(dataDir: string, args: string[]): Promise<{ ms: number; report: Report | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', YUNQIAO_LOCALE: 'en' };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  const t0 = performance.now();
  // exit 1 when a row was refused (the real file has one): the report is still printed
  const out = await run(process.execPath, ['bin/yunqiao.mjs', ...args], { cwd: ROOT, env, timeout: 3_600_000, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; code: number }) => ({ stdout: e.stdout ?? '', code: e.code }));
  const ms = performance.now() - t0;
  const last = out.stdout.trim().split('\n').pop() ?? '';
  return { ms, report: last.startsWith('{') ? (JSON.parse(last) as Report) : null };
}

export const benchmark: Benchmark = {
  name: 'postings-import',
  description: 'yunqiao import postings on the 30k real ads: bulk, again (no change), and row at a time as the baseline',
  async run(log) {
    if (!existsSync(FILE)) throw new Error(`${FILE} is missing (the real ads are for tests and benchmarks only; set BENCH_POSTINGS_FILE)`);
    const dirs: string[] = [];
    const fresh = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'yq-bench-postings-'));
      dirs.push(dir);
      await cli(dir, ['migrate']);
      return dir;
    };
    try {
      const bulkDir = await fresh();
      const bulk = await cli(bulkDir, ['import', 'postings', FILE]);
      log(`bulk: ${(bulk.ms / 1000).toFixed(1)} s, ${summary(bulk.report)}`);
      const again = await cli(bulkDir, ['import', 'postings', FILE]);
      log(`again: ${(again.ms / 1000).toFixed(1)} s, ${summary(again.report)}`);
      const rowDir = await fresh();
      const rows = await cli(rowDir, ['import', 'postings', FILE, '--batch', '1']);
      log(`row at a time: ${(rows.ms / 1000).toFixed(1)} s, ${summary(rows.report)}`);
      if (!bulk.report || !rows.report || bulk.report.new !== rows.report.new) throw new Error('the bulk and row-at-a-time imports disagree');
      if (again.report?.new !== 0 || again.report.updated !== 0) throw new Error('the second import changed something');
      const metrics: Metric[] = [
        { metric: 'import_ms', value: Math.round(bulk.ms), unit: 'ms', baseline: Math.round(rows.ms), baselineOf: 'row at a time (--batch 1)' },
        { metric: 'reimport_unchanged_ms', value: Math.round(again.ms), unit: 'ms' },
        { metric: 'postings_new', value: bulk.report.new, unit: 'rows' },
      ];
      return metrics;
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  },
};
