// The posting reader's pure parts over the 30,255 real ads (../shared/data/job-ads-2024/jobs.csv;
// test use only, never shipped): every 地区 that resolves to a county names that county, the
// share of counties is what the case README's profile found, every description comes out clean
// and every publication date is read. Skips with a notice when ../shared/data is absent locally;
// fails when it is absent under CI.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRegionIndex, cleanPostingText, type DivisionInput, parsePostingDate, parseSalary, type RegionIndex, resolveRegion } from '../../src/server/modules/market/ingest/index.ts';
import { divisionNames } from '../../src/server/modules/market/ingest/region.ts';
import { appDbUrl } from '../helpers/db.ts';
import { sharedAvailable, sharedPath } from '../helpers/shared-inputs.ts';

const JOBS = 'data/job-ads-2024/jobs.csv';
const available = sharedAvailable(JOBS);

let ads: Record<string, string>[];
let divisions: DivisionInput[];
let regions: RegionIndex;

beforeAll(async () => {
  if (!available) return;
  ads = parse(readFileSync(sharedPath(JOBS)), { columns: true });
  const c = new pg.Client({ connectionString: appDbUrl() });
  await c.connect();
  try {
    divisions = (await c.query<DivisionInput>('SELECT code, name, level, parent_code, active FROM divisions')).rows;
  } finally {
    await c.end();
  }
  regions = buildRegionIndex(divisions);
});

describe.skipIf(!available)('the 30k real ads', () => {
  it('every 地区 resolved to a county names that county (or a short form of it); about 59 % resolve to a county', () => {
    expect(ads.length).toBe(30_255);
    const byCode = new Map(divisions.map((d) => [d.code, d]));
    const wrong: string[] = [];
    let counties = 0;
    for (const ad of ads) {
      const r = resolveRegion(regions, ad['地区'] ?? '');
      if (r.level !== 'county') continue;
      counties++;
      const d = byCode.get(r.code) as DivisionInput;
      if (!divisionNames(d.name, 'county').some(([n]) => r.text.includes(n))) wrong.push(`${r.text} → ${r.code} ${d.name}`);
    }
    expect(wrong).toEqual([]);
    expect(counties / ads.length).toBeGreaterThan(0.59);
  });

  it('no description keeps an entity, a <br>, U+200B or U+00A0; none grows a CR', () => {
    const dirty: string[] = [];
    for (const ad of ads) {
      const d = cleanPostingText(ad['职位描述']);
      if (/&nbsp;|&amp;|&lt;|<br|\u200B|\u00A0|\r/i.test(d)) dirty.push(`${ad['职位自编号']}: ${d.slice(0, 60)}`);
    }
    expect(dirty).toEqual([]);
  });

  it('every publication date is read (ISO, Beijing wall time or an Excel day number); none lands in another century', () => {
    const outside: string[] = [];
    for (const ad of ads) {
      const r = parsePostingDate(ad['首次发布时间']);
      if (!r.ok) outside.push(`${ad['职位自编号']}: ${ad['首次发布时间']}`);
      // ads collected Oct 2024 – Mar 2025 were first published from 2020 on
      else if (r.at && (r.at < new Date('2015-01-01T00:00:00+08:00') || r.at > new Date('2026-01-01T00:00:00+08:00'))) outside.push(`${ad['职位自编号']}: ${r.at.toISOString()}`);
    }
    expect(outside).toEqual([]);
  });

  it('no salary is stored as 0; only 几薪 out of 1–24 is refused; a unit is never guessed from the size of a number', () => {
    const refused: string[] = [];
    for (const ad of ads) {
      const r = parseSalary({ min: ad['最低薪资'], max: ad['最高薪资'], months: ad['几薪'], context: [ad['职位'] ?? '', ad['职位描述'] ?? ''] });
      if (!r.ok) {
        refused.push(r.problem.key);
        continue;
      }
      expect(r.salary.min).not.toBe(0);
      expect(r.salary.max).not.toBe(0);
    }
    expect(refused).toEqual(['posting_salary_months_invalid']);
    // 30–40 with nothing said: unknown, as case 01 asks of the BOSS part-time rows
    expect(parseSalary({ min: '30', max: '40', context: ['兼职后端开发', '远程协作'] })).toMatchObject({ ok: true, salary: { unit: null } });
  });
});
