// `search`: job search at province scale (issue 10, decision 0042). A fresh embedded PostgreSQL,
// `yunqiao migrate`, then `yunqiao seed --scale province --parts postings` as separate processes
// (1,000,000 postings re-sampled from the real ads; BENCH_SEARCH_POSTINGS for another number, the
// seed's time reported), ANALYZE; then in this process, on that database, a fixed query set timed
// through the search service (searchPostings: analyzer, plan choice, SQL, snippets) —
//   - words picked by how many postings hold them, from the seeded data itself (deterministic:
//     the seed is): the commonest lexemes, then words near the 99th, 90th and 50th percentile of
//     the vocabulary, plus named ones (负责 in about half of all ads, 口罩, 普工 包吃住, C++);
//   - each alone, with a selective filter (one county; open to graduates; a salary range), by
//     newest, and the fifth page of a walk;
//   - no words, one county (browsing);
// and, as the baseline in the same run, the naive plan on the same words: every match ranked by
// ts_rank_cd, top 21 (`… where search_document @@ q order by ts_rank_cd(…) desc limit 21`).
// Reports p50/p95 per query class and over the whole set, the common words' speed-up over the
// naive plan (targets: p95 ≤ 50 ms over the set, ≥ 20× on common words), facets timed apart, and
// the GIN indexes' build time (REINDEX) and size. BENCH_SEARCH_RUNS (5) timed runs per query after
// one warm-up. BENCH_SEARCH_DATA_DIR: a data directory seeded before (kept; no migrate, no seed);
// BENCH_SEARCH_ONLY: a pattern of the cases to run (class and words).
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import pg from 'pg';
import { parseConfig } from '../src/server/config.ts';
import * as market from '../src/server/modules/market/service.ts';
import { searchQuery } from '../src/server/modules/market/schemas.ts';
import { RANK_WEIGHTS } from '../src/server/modules/market/repository/search.ts';
import { analyzerOf } from '../src/server/modules/market/search/document.ts';
import { tsqueryText } from '../src/server/modules/market/search/analyze.ts';
import { createLogger, createRuntime } from '../src/server/runtime.ts';
import type { Benchmark, Metric } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const POSTINGS = Number(process.env.BENCH_SEARCH_POSTINGS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 5);
const run = promisify(execFile);

async function cli(dataDir: string, args: string[], log: (line: string) => void): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', YUNQIAO_LOCALE: 'en' };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  const t0 = performance.now();
  const out = await run(process.execPath, ['bin/yunqiao.mjs', ...args], { cwd: ROOT, env, timeout: 3_600_000, maxBuffer: 64 * 1024 * 1024 });
  for (const line of out.stdout.trim().split('\n').slice(-3)) log(`  ${line}`);
  return performance.now() - t0;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

type Case = { cls: string; label: string; params: Record<string, string>; page?: number };

export const benchmark: Benchmark = {
  name: 'search',
  description: `job search over ${POSTINGS.toLocaleString('en')} seeded postings: p50/p95 per query class beside the naive ts_rank plan, facets, index build time and size`,
  async run(log) {
    const kept = process.env.BENCH_SEARCH_DATA_DIR;
    const dir = kept ?? mkdtempSync(join(tmpdir(), 'yq-bench-search-'));
    if (!kept) chmodSync(dir, 0o711); // as root the embedded PostgreSQL runs as the postgres user
    const dataDir = realpathSync(dir);
    let runtime: Awaited<ReturnType<typeof createRuntime>> | undefined;
    let owner: pg.Client | undefined;
    try {
      let seedMs = Number.NaN;
      if (!kept) {
        await cli(dataDir, ['migrate'], log);
        const seedArgs = ['seed', '--scale', 'province', '--parts', 'postings', ...(process.env.BENCH_SEARCH_POSTINGS ? ['--postings', String(POSTINGS)] : [])];
        seedMs = await cli(dataDir, seedArgs, log);
        log(`seed: ${(seedMs / 1000).toFixed(1)} s`);
      } else log(`${dataDir}: seeded before, kept`);

      const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', YUNQIAO_DATA_DIR: dataDir, YUNQIAO_DEMO: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test' });
      runtime = await createRuntime(config, { log: createLogger(config) });
      const deps = runtime.deps;
      owner = new pg.Client({ connectionString: runtime.database.ownerUrl });
      await owner.connect();
      const db = owner;
      const t1 = performance.now();
      await db.query('analyze postings');
      log(`analyze: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      const counts = await db.query<{ n: string; open: string }>(`select count(*) as n, count(*) filter (where status = 'published' and valid_through >= now()) as open from postings`);
      log(`postings: ${counts.rows[0]?.n}, open ${counts.rows[0]?.open}`);

      // index build (REINDEX builds it anew) and size
      const build: Record<string, number> = {};
      for (const index of ['postings_search', 'postings_search_head', 'postings_posted']) {
        const t0 = performance.now();
        await db.query(`reindex index ${index}`);
        build[index] = performance.now() - t0;
      }
      const sizes = await db.query<{ name: string; bytes: string }>(
        `select c.relname as name, pg_relation_size(c.oid) as bytes from pg_class c where c.relname in ('postings_search', 'postings_search_head', 'postings_posted', 'postings')`,
      );
      const size = Object.fromEntries(sizes.rows.map((r) => [r.name, Number(r.bytes)]));
      const toast = await db.query<{ bytes: string }>(`select pg_total_relation_size('postings') as bytes`);
      log(`indexes: ${Object.entries(build).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s, ${((size[k] ?? 0) / 1_048_576).toFixed(0)} MiB`).join('; ')}; table with indexes and TOAST ${(Number(toast.rows[0]?.bytes) / 1_048_576).toFixed(0)} MiB`);

      // the words: by document frequency in a 2 % sample of the documents
      const stat = await db.query<{ word: string; ndoc: number }>(
        `select word, ndoc from ts_stat('select search_document from postings tablesample system (2) repeatable (7) where status = ''published''') where word !~ '^dv' order by ndoc desc, word`,
      );
      const sampled = stat.rows.filter((r) => /\p{sc=Han}{2,}|^[a-z][a-z0-9]{2,}$/u.test(r.word));
      const top = sampled[0]?.ndoc ?? 1;
      const at = (share: number) => sampled.find((r) => r.ndoc <= top * share)?.word;
      const words = new Map<string, string>();
      for (const r of sampled.slice(0, 3)) words.set(r.word, 'common');
      words.set('负责', 'common');
      for (const share of [0.3, 0.15]) { const w = at(share); if (w) words.set(w, 'common'); }
      for (const share of [0.05, 0.02]) { const w = at(share); if (w) words.set(w, 'middle'); }
      for (const share of [0.005, 0.001]) { const w = at(share); if (w) words.set(w, 'rare'); }
      words.set('口罩', 'rare');
      words.set('普工 包吃住', 'two words');
      words.set('司机 五险一金', 'two words');
      words.set('C++', 'rare');
      const analyzer = await analyzerOf(deps);
      const county = '530402';
      const cases: Case[] = [];
      for (const [q, cls] of words) {
        cases.push({ cls, label: q, params: { q } });
        cases.push({ cls: `${cls} + county`, label: `${q} · ${county}`, params: { q, division: county } });
        cases.push({ cls: `${cls} + filter`, label: `${q} · graduates · 4,000–6,000/month`, params: { q, openTo: 'graduate', salaryMin: '4000', salaryMax: '6000', salaryUnit: 'MONTH' } });
        cases.push({ cls: `${cls} newest`, label: `${q} · newest`, params: { q, sort: 'newest' } });
      }
      for (const q of [...words.keys()].filter((w) => words.get(w) === 'common').slice(0, 3)) cases.push({ cls: 'common, page 5', label: `${q} · page 5`, params: { q }, page: 5 });
      cases.push({ cls: 'no words + county', label: `· ${county}`, params: { division: county } });

      const only = process.env.BENCH_SEARCH_ONLY ? new RegExp(process.env.BENCH_SEARCH_ONLY, 'u') : undefined;
      if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.test(`${c.cls} ${c.label}`)));
      const matchCount = async (q: string) => {
        const tsq = tsqueryText(analyzer.queryTokens(q), 'all');
        const r = await db.query<{ n: string }>(`select count(*) as n from postings p where p.status = 'published' and p.valid_through >= now() and p.search_document @@ to_tsquery('simple', $1)`, [tsq]);
        return Number(r.rows[0]?.n);
      };
      const time = async (c: Case) => {
        const t0 = performance.now();
        let cursor: string | undefined;
        for (let page = 1; page <= (c.page ?? 1); page++) {
          const params = searchQuery.parse({ ...c.params, limit: '20', ...(cursor ? { cursor } : {}) });
          const res = await market.searchPostings(deps, params);
          cursor = res.next ?? undefined;
          if (page < (c.page ?? 1) && !cursor) break;
        }
        return performance.now() - t0;
      };
      const naive = async (q: string) => {
        const tsq = tsqueryText(analyzer.queryTokens(q), 'all');
        const t0 = performance.now();
        await db.query(
          // a GIN index on the document alone (made for the baseline), every match ranked
          `select p.id, p.title from postings p where p.status = 'published' and p.valid_through >= now() and p.search_document @@ to_tsquery('simple', $1)
           order by ts_rank_cd('${RANK_WEIGHTS}'::float4[], p.search_document, to_tsquery('simple', $1)) desc, p.id desc limit 21`,
          [tsq],
        );
        return performance.now() - t0;
      };

      // the baseline's index: the document alone, as before the facts (migration 0027's), dropped at the end
      const t2 = performance.now();
      await db.query(`create index if not exists bench_naive_document on postings using gin (search_document) where status = 'published'`);
      log(`the baseline's index (GIN on search_document): ${((performance.now() - t2) / 1000).toFixed(1)} s`);
      const byClass = new Map<string, number[]>();
      const all: number[] = [];
      const naiveCommon: number[] = [];
      const oursCommon: number[] = [];
      for (const c of cases) {
        await time(c); // warm-up
        const ms: number[] = [];
        for (let i = 0; i < RUNS; i++) ms.push(await time(c));
        byClass.set(c.cls, [...(byClass.get(c.cls) ?? []), ...ms]);
        all.push(...ms);
        let extra = '';
        if (!c.page && Object.keys(c.params).length === 1 && c.params.q) {
          const n = await matchCount(c.params.q);
          await naive(c.params.q);
          const base: number[] = [];
          for (let i = 0; i < Math.min(RUNS, 3); i++) base.push(await naive(c.params.q));
          extra = `, ${n.toLocaleString('en')} matches, naive p50 ${round(quantile(base, 0.5))} ms`;
          if (c.cls === 'common') {
            naiveCommon.push(...base);
            oursCommon.push(...ms);
          }
        }
        log(`${c.cls.padEnd(22)} ${c.label.padEnd(40)} p50 ${round(quantile(ms, 0.5))} ms, max ${round(Math.max(...ms))} ms${extra}`);
      }

      // facets, apart: the same words alone and in the county (exact below FACET_EXACT_MAX estimated matches, else sampled)
      const facetMs: number[] = [];
      for (const [q] of [...words].filter(([, cls]) => !only || only.test(cls))) {
        for (const params of [{ q }, { q, division: county }]) {
          const parsed = searchQuery.parse({ ...params, limit: '20' });
          await market.searchFacets(deps, parsed);
          const ms: number[] = [];
          let answer: Awaited<ReturnType<typeof market.searchFacets>> | undefined;
          for (let i = 0; i < RUNS; i++) {
            const t0 = performance.now();
            answer = await market.searchFacets(deps, parsed);
            ms.push(performance.now() - t0);
          }
          facetMs.push(...ms);
          log(`facets ${`${q}${params.division ? ` · ${county}` : ''}`.padEnd(40)} p50 ${round(quantile(ms, 0.5))} ms, total ${answer?.total.toLocaleString('en')}${answer?.approximate ? ` (approximate, sample ${answer.sampleSize})` : ''}`);
        }
      }

      await db.query('drop index bench_naive_document');
      const metrics: Metric[] = [];
      metrics.push({ metric: 'facets_p50', value: round(quantile(facetMs, 0.5)), unit: 'ms' }, { metric: 'facets_p95', value: round(quantile(facetMs, 0.95)), unit: 'ms' });
      for (const [cls, ms] of byClass) {
        metrics.push({ metric: `${cls.replaceAll(/[^a-z0-9]+/g, '_')}_p50`, value: round(quantile(ms, 0.5)), unit: 'ms' });
        metrics.push({ metric: `${cls.replaceAll(/[^a-z0-9]+/g, '_')}_p95`, value: round(quantile(ms, 0.95)), unit: 'ms' });
      }
      const p95 = quantile(all, 0.95);
      const speedup = quantile(naiveCommon, 0.5) / quantile(oursCommon, 0.5);
      log(`whole set: p50 ${round(quantile(all, 0.5))} ms, p95 ${round(p95)} ms (target ≤ 50): ${p95 <= 50 ? 'met' : 'MISSED'}`);
      log(`common words: ours p50 ${round(quantile(oursCommon, 0.5))} ms, naive p50 ${round(quantile(naiveCommon, 0.5))} ms, ${speedup.toFixed(0)}× (target ≥ 20×): ${speedup >= 20 ? 'met' : 'MISSED'}`);
      metrics.push(
        { metric: 'all_p50', value: round(quantile(all, 0.5)), unit: 'ms' },
        { metric: 'all_p95', value: round(p95), unit: 'ms' },
        { metric: 'common_words_vs_naive_p50', value: round(quantile(oursCommon, 0.5)), unit: 'ms', baseline: round(quantile(naiveCommon, 0.5)), baselineOf: 'naive: every match ranked by ts_rank_cd, top 21' },
        { metric: 'common_words_vs_naive_p95', value: round(quantile(oursCommon, 0.95)), unit: 'ms', baseline: round(quantile(naiveCommon, 0.95)), baselineOf: 'naive: every match ranked by ts_rank_cd, top 21' },
        ...(kept ? [] : [{ metric: 'seed_s', value: Math.round(seedMs / 100) / 10, unit: 's' }]),
        { metric: 'postings', value: Number(counts.rows[0]?.n), unit: 'rows' },
        ...Object.entries(build).map(([k, v]): Metric => ({ metric: `${k}_build_s`, value: Math.round(v / 100) / 10, unit: 's' })),
        ...Object.entries(size).map(([k, v]): Metric => ({ metric: `${k}_mib`, value: Math.round(v / 104_857.6) / 10, unit: 'MiB' })),
      );
      return metrics;
    } finally {
      await owner?.end().catch(() => {});
      await runtime?.close();
      if (!kept) rmSync(dir, { recursive: true, force: true });
    }
  },
};
