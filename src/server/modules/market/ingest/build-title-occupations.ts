// Builds title-occupations.json, the committed title → occupation code list (issue 9), from the
// titles of the real ads. Only the derived pairs are written (the ads are for tests and
// benchmarks only and are never shipped). Run from the project root:
//
//   npx tsx src/server/modules/market/ingest/build-title-occupations.ts [../shared/data/job-ads-2024/jobs.csv] [min count 5]
//
// Each title that occurs at least `min count` times (after titleKey) is given the code of the first
// rule below that its key matches; titles no rule fits are left out (their postings get no
// occupation). The rules give 职业分类大典 (2022) codes at the level their meaning is certain: a
// medium group (中类) where the title names the field (2-05 卫生专业技术人员 for 医生), only the
// major group (大类) where it names none (普工, 操作工 → 6 生产制造及有关人员). A deployer who
// imports the full classification can refine a rule to a finer code and re-run this script.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { titleKey } from './occupation.ts';

/** The groups the rules use, with their names in the classification. */
export const GROUPS: Readonly<Record<string, string>> = {
  '2-02': '工程技术人员',
  '2-05': '卫生专业技术人员',
  '2-06': '经济和金融专业人员',
  '2-08': '教学人员',
  '3-01': '行政办事及辅助人员',
  '4-01': '批发与零售服务人员',
  '4-02': '交通运输、仓储物流和邮政业服务人员',
  '4-03': '住宿和餐饮服务人员',
  '4-10': '居民服务人员',
  '4': '社会生产服务和生活服务人员',
  '6': '生产制造及有关人员',
};

/** Title rules, first match wins: what a title says → the group it belongs to. */
export const RULES: readonly [RegExp, string][] = [
  // care and household services before nursing (养老护理员 is not a nurse)
  [/养老护理|育婴|月嫂|家政|保姆|护工/u, '4-10'],
  [/医生|医师|护士|护理|药师|药剂|康复治疗|检验师|影像/u, '2-05'],
  [/会计|审计|税务专员/u, '2-06'],
  [/讲师|教师|(?<!招生)老师|助教/u, '2-08'],
  // selling comes before engineering (销售工程师 sells)
  [/销售(?!助理)|业务员|业务经理|导购|营业员|收银|店员|医药代表|外贸业务|招商/u, '4-01'],
  [/仓管|仓库|物流|快递|配送|骑手|分拣|装卸|司机/u, '4-02'],
  [/厨师|厨工|帮厨|面点|服务员|客房|酒店前台|洗碗|餐厅/u, '4-03'],
  [/保洁|清洁/u, '4'],
  [/工程师|开发|程序员|架构师|java|前端|后端|全栈|c\+\+|c#|\.net|python|php|golang|android|ios|算法|web|嵌入式|运维/u, '2-02'],
  [/文员|行政专员|行政助理/u, '3-01'],
  [/普工|操作工|生产工|装配工|包装工|质检员|焊工|电工|车位|机修工/u, '6'],
];

function main() {
  const here = import.meta.dirname;
  const file = process.argv[2] ?? join(here, '../../../../../../shared/data/job-ads-2024/jobs.csv');
  const min = Number(process.argv[3] ?? 5);
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const counts = new Map<string, number>();
  for (const r of rows) {
    const k = titleKey(r['职位'] ?? '');
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const entries: { title: string; code: string; group: string; count: number }[] = [];
  for (const [title, count] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (count < min) break;
    const rule = RULES.find(([re]) => re.test(title));
    if (rule) entries.push({ title, code: rule[1], group: GROUPS[rule[1]] as string, count });
  }
  const covered = entries.reduce((n, e) => n + e.count, 0);
  const out = {
    about: 'Posting title → 职业分类大典 (2022) code, for the commonest titles of the real ads (built by build-title-occupations.ts; counts are of ../shared/data/job-ads-2024/jobs.csv, which is not shipped).',
    minCount: min,
    titles: counts.size,
    rows: rows.length,
    rowsCovered: covered,
    groups: GROUPS,
    entries,
  };
  writeFileSync(join(here, 'title-occupations.json'), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${entries.length} titles, covering ${covered} of ${rows.length} ads`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
