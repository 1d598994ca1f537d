// Benchmark runner: `npm run bench` runs every bench/*.bench.ts, `npm run bench -- start` just one.
// Each result line {name, metric, value, unit, baseline, ratio, machine, commit, date} is appended to
// bench/results/<name>.jsonl (kept in git: the history is the point) and shown as a table.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from './lib.ts';

const DIR = import.meta.dirname;
const RESULTS = join(DIR, 'results');

function machine(): string {
  const cpu = cpus();
  const model = (cpu[0]?.model ?? 'cpu').replace(/\s+/g, ' ').trim();
  return `${model} ×${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GB, ${type()} ${release()}, node ${process.version}`;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

async function load(): Promise<Benchmark[]> {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.bench.ts')).sort();
  const out: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(DIR, f)).href)) as { benchmark?: Benchmark };
    if (!mod.benchmark) throw new Error(`${f} exports no benchmark`);
    out.push(mod.benchmark);
  }
  return out;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));

const all = await load();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (have: ${all.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
const chosen = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all;
const stamp = { machine: machine(), commit: commit(), date: new Date().toISOString() };
mkdirSync(RESULTS, { recursive: true });
let failedAny = false;
for (const b of chosen) {
  console.log(`\n━━ bench ${b.name}: ${b.description}`);
  let metrics: Awaited<ReturnType<Benchmark['run']>>;
  try {
    metrics = await b.run((line) => console.log(`   ${line}`));
  } catch (err) {
    failedAny = true;
    console.error(`bench ${b.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    continue;
  }
  const file = join(RESULTS, `${b.name}.jsonl`);
  const rows = [['metric', 'unit', 'value', 'baseline', 'ratio', 'baseline is']];
  for (const m of metrics) {
    const baseline = m.baseline ?? null;
    const ratio = baseline ? Math.round((m.value / baseline) * 100) / 100 : null;
    const line = { name: b.name, metric: m.metric, value: m.value, unit: m.unit, baseline, ratio, ...stamp };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    rows.push([m.metric, m.unit, fmt(m.value), fmt(baseline), ratio === null ? '—' : `${ratio.toFixed(2)}×`, m.baselineOf ?? '']);
  }
  console.log(`\n${table(rows)}\n\n   appended ${metrics.length} lines to bench/results/${basename(file)} (${stamp.commit}, ${stamp.date})`);
}
console.log(`\nmachine: ${stamp.machine}`);
// exit now: a benchmark that started an embedded PostgreSQL left its exit hook, which ends the
// process with code 0 and would hide a failed benchmark
process.exit(failedAny ? 1 : 0);
