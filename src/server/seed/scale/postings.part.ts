// The `postings` part (issue 10): a province's job market for the search benchmark — `postings`
// job postings (1,000,000 at province scale) re-sampled from the real ads
// (../shared/data/job-ads-2024/jobs.csv, 30,255 ads; test and benchmark use only, never shipped),
// spread over the province's counties and re-weighted toward the trades of a county job market
// (普工, 司机, 服务员 … six times as likely as a software engineer). Deterministic: the same file
// and size give the same postings (a seeded generator, no Math.random).
//
// Each real ad is read once by the import's own reading and normalising code (prepareRows: the
// salary units, the cleaned descriptions) and analysed once by the search analyzer; PostgreSQL
// then makes every posting by joining a sample of (ad, county, dates) to those rows, its search
// document the ad's weighted lexemes (title A; benefits, employer B; description C) concatenated
// with its county's division lexemes (D) — the same tsvector the import would write for that text
// in that county (setweight(A) || setweight(B) || setweight(C) || setweight(D) either way).
// About 94 % are open (published, valid for 30–90 days from a first publication in the last 60
// days), 3 % past their last day before the expiry job ran, 3 % closed. 2 % are of producers of
// epidemic-prevention supplies, 10 % open to graduates and 15 % to migrant workers (M3). Each is an
// imported posting (source SCALE, its number), claimed in posting_sources like an import's; no
// feed events are written (a generated population, not changes anyone made).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { command } from '../../platform/command.ts';
import { readUpload } from '../../platform/sheets/read.ts';
import { prepareRows } from '../../modules/market/import.service.ts';
import { POSTINGS_SPEC } from '../../modules/market/service.ts';
import { analyzerOf, documentTexts, SEARCH_VERSION } from '../../modules/market/search/document.ts';
import { generator, type PartContext, type PartSummary, type SeedPart } from './common.ts';

/** The real ads, from the repository root. */
export const ADS_FILE = join(import.meta.dirname, '../../../../../shared/data/job-ads-2024/jobs.csv');

/** Generated postings carry this source platform: how a second run (and the benchmark) finds them. */
export const SCALE_SOURCE = 'SCALE';

/**
 * Postings per INSERT statement, each well inside the app role's 30 s statement timeout even on a
 * busy host (20,000 timed out past 200,000 rows on two shared cores: the GIN indexes' upkeep grows
 * with the table).
 */
const CHUNK = 5_000;

/**
 * Trades of a county job market (weight 6), the office and technology work of a city's job boards
 * (weight 1), everything else 2; and the occupation major group (职业分类大典 2022) a title names.
 */
const TRADES = /普工|操作工|包装工|装配|焊工|电工|钳工|车工|叉车|司机|驾驶员|快递|配送|骑手|装卸|搬运|仓管|仓库|保安|保洁|服务员|厨师|帮厨|洗碗|收银|营业员|导购|店员|理货|客服|护工|护理|育婴|月嫂|家政|养殖|种植|农|茶|建筑|木工|钢筋|泥工|水电|安装|维修|学徒|销售|促销|前台/u;
const OFFICE = /开发|工程师|算法|架构|java|python|前端|后端|测试|运维|产品经理|数据分析|金融|投资|证券|基金|律师|设计师/iu;
const MAJOR_GROUPS: Array<[RegExp, string]> = [
  [/普工|操作工|包装工|装配|焊工|电工|钳工|车工|叉车|技工|机修|学徒|质检/u, '6'],
  [/养殖|种植|农|茶|林|牧|渔/u, '5'],
  [/司机|驾驶员|快递|配送|骑手|装卸|搬运|仓管|保安|保洁|服务员|厨师|帮厨|收银|营业员|导购|店员|理货|护工|育婴|月嫂|家政|销售|促销/u, '4'],
  [/文员|行政|前台|客服|助理|专员|人事|出纳/u, '3'],
  [/工程师|开发|教师|老师|护士|医生|会计|设计|律师|药师/u, '2'],
];

const weightOf = (title: string) => (TRADES.test(title) ? 6 : OFFICE.test(title) ? 1 : 2);
const majorGroupOf = (title: string) => MAJOR_GROUPS.find(([re]) => re.test(title))?.[1] ?? null;

async function run(ctx: PartContext): Promise<PartSummary> {
  const { deps, log } = ctx;
  const file = ctx.adsFile ?? ADS_FILE;
  if (!existsSync(file)) throw new Error(`${file} is missing: the postings part re-samples the real ads (set --ads-file)`);
  const present = await deps.db.selectFrom('postings').select('id').where('source_platform', '=', SCALE_SOURCE).limit(1).executeTakeFirst();
  if (present) throw new Error(`generated postings are present already (source ${SCALE_SOURCE}): seed a fresh database`);
  const total = ctx.size?.postings ?? (ctx.scale === 'province' ? 1_000_000 : 20_000);
  const counties = (
    await deps.db.selectFrom('divisions').select('code').where('level', '=', 'county').where('active', '=', true).where('code', 'like', `${deps.config.province.slice(0, 2)}%`).orderBy('code').execute()
  ).map((r) => r.code);
  if (!counties.length) throw new Error('no counties loaded: run `yunqiao migrate` first (reference data)');
  const scope = ctx.scale === 'county' ? ['530102'] : counties;

  // the ads, read and normalised as an import reads them, each analysed once
  const read = await readUpload({ format: 'csv', data: readFileSync(file), spec: POSTINGS_SPEC });
  if (!read.ok) throw new Error(`${file}: ${read.refused}`);
  const { rows } = await prepareRows(deps, read);
  const analyzer = await analyzerOf(deps);
  const occupations = new Set((await deps.db.selectFrom('occupations').select('code').execute()).map((r) => r.code));
  const ads = rows.map((r) => {
    const texts = documentTexts(analyzer, { title: r.title, company: r.employer_name, skills: '', benefits: r.benefits, description: r.description, divisionCode: null });
    const group = majorGroupOf(r.title);
    return { ...r, texts, weight: weightOf(r.title), occupation: r.occupation_code ?? (group && occupations.has(group) ? group : null) };
  });
  log(`${ads.length} ads read and analysed from ${file}; ${total} postings over ${scope.length} counties`);
  const cumulative: number[] = [];
  let sum = 0;
  for (const a of ads) {
    sum += a.weight;
    cumulative.push(sum);
  }
  const pick = (u: number) => {
    const target = u * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const now = deps.clock.now();
  const random = generator(20_200_207); // the notice's date
  return command(deps, { actor: null, ctx: { requestId: 'seed-scale', ip: 'local' } }, async ({ tx, audit }) => {
    // the ads and the counties' division lexemes, as tables for this transaction
    await sql`create temporary table seed_ads (k int primary key, employer_name text, title text, occupation_code text, salary_min numeric, salary_max numeric, salary_unit text,
      salary_months smallint, education text, experience text, description text, benefits text, doc tsvector) on commit drop`.execute(tx);
    for (let from = 0; from < ads.length; from += 2_000) {
      const part = ads.slice(from, from + 2_000);
      const col = <T>(f: (a: (typeof ads)[number]) => T) => part.map(f);
      await sql`
        insert into seed_ads
        select k, employer_name, title, occupation_code, salary_min, salary_max, salary_unit, salary_months, education, experience, description, benefits,
               setweight(to_tsvector('simple', a), 'A') || setweight(to_tsvector('simple', b), 'B') || setweight(to_tsvector('simple', c), 'C')
          from unnest(${part.map((_, i) => from + i)}::int[], ${col((a) => a.employer_name)}::text[], ${col((a) => a.title)}::text[], ${col((a) => a.occupation)}::text[],
                      ${col((a) => a.salary_min)}::numeric[], ${col((a) => a.salary_max)}::numeric[], ${col((a) => a.salary_unit)}::text[], ${col((a) => a.salary_months)}::smallint[],
                      ${col((a) => a.education)}::text[], ${col((a) => a.experience)}::text[], ${col((a) => a.description)}::text[], ${col((a) => a.benefits)}::text[],
                      ${col((a) => a.texts.A)}::text[], ${col((a) => a.texts.B)}::text[], ${col((a) => a.texts.C)}::text[])
               as x(k, employer_name, title, occupation_code, salary_min, salary_max, salary_unit, salary_months, education, experience, description, benefits, a, b, c)`.execute(tx);
    }
    await sql`create temporary table seed_counties (k int primary key, code text collate "C", region text, doc tsvector) on commit drop`.execute(tx);
    const names = new Map((await tx.selectFrom('divisions').select(['code', 'name']).where('code', 'in', scope).execute()).map((r) => [r.code, r.name]));
    await sql`
      insert into seed_counties
      select k, code, region, setweight(to_tsvector('simple', d), 'D')
        from unnest(${scope.map((_, i) => i)}::int[], ${scope}::text[], ${scope.map((c) => names.get(c) ?? '')}::text[], ${scope.map((c) => documentTexts(analyzer, { title: '', divisionCode: c }).D)}::text[]) as x(k, code, region, d)`.execute(tx);

    let written = 0;
    const tally = { open: 0, expired: 0, closed: 0 };
    for (let from = 0; from < total; from += CHUNK) {
      const n = Math.min(CHUNK, total - from);
      const ad: number[] = [];
      const county: number[] = [];
      const posted: string[] = [];
      const valid: string[] = [];
      const status: string[] = [];
      const supplies: boolean[] = [];
      const groups: string[] = [];
      for (let i = 0; i < n; i++) {
        ad.push(pick(random()));
        county.push(Math.floor(random() * scope.length));
        const state = random();
        const at = now.getTime() - Math.floor(random() * 60 * 86_400_000);
        const days = 30 + Math.floor(random() * 61);
        const expired = state < 0.03;
        const end = expired ? now.getTime() - Math.floor(random() * 86_400_000) - 60_000 : Math.max(at + days * 86_400_000, now.getTime() + 86_400_000);
        posted.push(new Date(Math.min(at, end - 60_000)).toISOString());
        valid.push(new Date(end).toISOString());
        const closed = state >= 0.03 && state < 0.06;
        status.push(closed ? 'closed' : 'published');
        tally[expired ? 'expired' : closed ? 'closed' : 'open']++;
        supplies.push(random() < 0.02);
        const g = random();
        groups.push(g < 0.1 ? '{graduate}' : g < 0.25 ? '{migrant}' : '{}');
      }
      const r = await sql`
        with input as (
          select * from unnest(${Array.from({ length: n }, (_, i) => `S${from + i + 1}`)}::text[], ${ad}::int[], ${county}::int[], ${posted}::timestamptz[], ${valid}::timestamptz[],
                               ${status}::text[], ${supplies}::boolean[], ${groups}::text[]) as x(source_id, ad, county, posted, valid, status, supplies, groups)
        ), claimed as (
          insert into posting_sources (source_platform, source_id, owner_division, claimed_at)
          select ${SCALE_SOURCE}, i.source_id, c.code, ${now}::timestamptz from input i join seed_counties c on c.k = i.county
          returning source_id
        )
        insert into postings (division_code, employer_name, source_platform, source_id, region_text, title, occupation_code, salary_min, salary_max, salary_unit, salary_months,
                              education, experience, description, benefits, valid_through, status, screened_at, first_published_at, published_at, ended_at,
                              epidemic_supplies, priority_groups, content_hash, created_at, updated_at, search_document, search_version)
        select c.code, a.employer_name, ${SCALE_SOURCE}, i.source_id, c.region, a.title, a.occupation_code, a.salary_min, a.salary_max, a.salary_unit, a.salary_months,
               a.education, a.experience, a.description, a.benefits, i.valid, i.status, i.posted, i.posted, i.posted, case when i.status = 'closed' then i.posted + interval '1 day' end,
               i.supplies, i.groups::text[], md5(i.source_id), i.posted, i.posted, a.doc || c.doc, ${SEARCH_VERSION}::smallint
          from input i join claimed using (source_id) join seed_ads a on a.k = i.ad join seed_counties c on c.k = i.county`.execute(tx);
      written += Number(r.numAffectedRows ?? 0);
      if ((from / CHUNK) % 40 === 39) log(`${written} postings`);
    }
    audit({ action: 'seed.scale.postings', divisionCode: null, detail: { scale: ctx.scale, postings: written, ads: ads.length, counties: scope.length } });
    return { postings: written, ...tally, ads: ads.length };
  });
}

export const postingsPart: SeedPart = {
  name: 'postings',
  description: 'job postings re-sampled from the real ads over the counties, weighted toward county trades, with their search documents',
  needs: [],
  run,
};
