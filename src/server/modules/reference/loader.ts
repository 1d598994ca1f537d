// Reference data loaded at every start when missing (idempotent): Yunnan's divisions
// (GB/T 2260 via the national statistical codes, data/reference/), GB/T 4754-2017 industries,
// education levels, and the 8 major groups of the 2022 occupational classification (大典).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { toFullCode } from '../../../shared/division.ts';
import type { DB } from '../../db/types.ts';

export const REFERENCE_DIR = join(import.meta.dirname, '../../../../data/reference');

async function readCsv(file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(join(REFERENCE_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

export const MAJOR_OCCUPATION_GROUPS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '1', name: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人' },
  { code: '2', name: '专业技术人员' },
  { code: '3', name: '办事人员和有关人员' },
  { code: '4', name: '社会生产服务和生活服务人员' },
  { code: '5', name: '农、林、牧、渔业生产及辅助人员' },
  { code: '6', name: '生产制造及有关人员' },
  { code: '7', name: '军队人员' },
  { code: '8', name: '不便分类的其他从业人员' },
];

export const EDUCATION_LEVELS = [
  { code: '10', name_zh: '博士研究生', name_en: 'Doctorate', rank: 8 },
  { code: '11', name_zh: '硕士研究生', name_en: 'Master', rank: 7 },
  { code: '20', name_zh: '大学本科', name_en: 'Bachelor', rank: 6 },
  { code: '30', name_zh: '大学专科', name_en: 'Junior college', rank: 5 },
  { code: '40', name_zh: '中等职业教育（中专、技校、职高）', name_en: 'Secondary vocational', rank: 4 },
  { code: '60', name_zh: '普通高中', name_en: 'Senior high school', rank: 3 },
  { code: '70', name_zh: '初中', name_en: 'Junior high school', rank: 2 },
  { code: '80', name_zh: '小学及以下', name_en: 'Primary school or less', rank: 1 },
];

export type DivisionRow = {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent_code: string | null;
  prefecture_code: string | null;
  province_code: string;
};

export async function readYunnanDivisions(): Promise<DivisionRow[]> {
  const rows = await readCsv('yunnan_divisions.csv');
  return rows.map((r) => {
    const code = toFullCode(r.code as string);
    const level = r.level as DivisionRow['level'];
    const parent = r.parent ? toFullCode(r.parent) : null;
    return {
      code,
      name: r.name as string,
      level,
      parent_code: parent,
      prefecture_code: level === 'county' ? parent : level === 'prefecture' ? code : null,
      province_code: `${code.slice(0, 2)}0000`,
    };
  });
}

/**
 * The national table (31 provinces, 342 prefectures, 2,978 counties), for data that names places
 * outside the province (risk areas, a worker's home county). Yunnan's rows are the same codes.
 */
export async function readNationalDivisions(): Promise<DivisionRow[]> {
  const [provinces, cities, areas] = await Promise.all([readCsv('provinces.csv'), readCsv('cities.csv'), readCsv('areas.csv')]);
  const rows: DivisionRow[] = [];
  for (const p of provinces) {
    const code = toFullCode(p.code as string);
    rows.push({ code, name: p.name as string, level: 'province', parent_code: null, prefecture_code: null, province_code: code });
  }
  for (const c of cities) {
    const code = toFullCode(c.code as string);
    const province = toFullCode(c.provinceCode as string);
    rows.push({ code, name: c.name as string, level: 'prefecture', parent_code: province, prefecture_code: code, province_code: province });
  }
  for (const a of areas) {
    const prefecture = toFullCode(a.cityCode as string);
    rows.push({ code: a.code as string, name: a.name as string, level: 'county', parent_code: prefecture, prefecture_code: prefecture, province_code: toFullCode(a.provinceCode as string) });
  }
  return rows;
}

async function loadIndustries(db: Kysely<DB>): Promise<number> {
  const rows = await readCsv('industries-gbt4754-2017.csv');
  const values = rows.map((r) => ({
    code: r.code as string,
    name: r.name as string,
    level: Number(r.level),
    parent_code: r.parent || null,
    remark: r.remark || null,
  }));
  // parents before children
  values.sort((a, b) => a.level - b.level);
  for (let i = 0; i < values.length; i += 500) {
    await db.insertInto('industries').values(values.slice(i, i + 500)).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
  return values.length;
}

/** Loads whatever reference data is missing. Cheap when everything is there (three counts). */
export async function loadReferenceData(db: Kysely<DB>): Promise<{ divisions: number; industries: number }> {
  const counts = await sql<{ divisions: number; industries: number; education: number; occupations: number }>`
    select (select count(*)::int from divisions) as divisions,
           (select count(*)::int from industries) as industries,
           (select count(*)::int from education_levels) as education,
           (select count(*)::int from occupations) as occupations`.execute(db);
  const c = counts.rows[0] ?? { divisions: 0, industries: 0, education: 0, occupations: 0 };
  let divisions = 0;
  let industries = 0;
  if (c.divisions < 3000) {
    // Yunnan's own extract first (the province this deployment serves), then the national table
    const yunnan = await readYunnanDivisions();
    const national = await readNationalDivisions();
    const order = { province: 0, prefecture: 1, county: 2 } as const;
    const rows = [...yunnan, ...national].sort((a, b) => order[a.level] - order[b.level]);
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insertInto('divisions').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.column('code').doNothing()).execute();
    }
    divisions = rows.length;
  }
  if (c.industries === 0) industries = await loadIndustries(db);
  if (c.education === 0) {
    await db.insertInto('education_levels').values(EDUCATION_LEVELS).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
  if (c.occupations === 0) {
    await db
      .insertInto('occupations')
      .values(MAJOR_OCCUPATION_GROUPS.map((g) => ({ ...g, level: 1, parent_code: null })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  return { divisions, industries };
}
