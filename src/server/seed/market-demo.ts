// Demo postings (issue 9 "the demo database gets invented postings across Yunnan's counties"):
// the real ads of ../shared/data are for tests and benchmarks only and are never shipped, so the
// demo writes invented ones. Two kinds, each through the path real postings take:
//   - the demo employers' own postings, written as drafts and published through the market service
//     (the employer's county, its epidemic-supplies flag, a feed creation each); one stays a draft;
//   - one invented posting per active Yunnan county (two in each prefecture seat), built as a CSV of
//     the platforms' export and read by `importPostings` — the shared input layer, the one posting
//     reader (places, salaries, occupations from titles), the bulk statement and its feed rows —
//     under the source platform 云桥演示, so a re-run changes nothing.
// Every text is invented and free of what the screener will refuse (no sex, age, ethnicity, household
// registration or marital condition). Dates are relative to the clock: first published 0–19 days ago.
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { addDays, beijingDate } from '../../shared/beijing-day.ts';
import { readUpload } from '../platform/sheets/read.ts';
import * as market from '../modules/market/service.ts';

/** The source platform the invented county postings carry (their 发布平台). */
export const DEMO_SOURCE = '云桥演示';

const CTX = { requestId: 'seed-demo', ip: 'local', locale: 'zh-CN' as const };

/** Postings of the demo employers (by the key demo.ts gives each employer). */
const EMPLOYER_POSTINGS: Record<string, Array<{ title: string; description: string; salary: [number, number]; headcount: number; draft?: boolean }>> = {
  km: [
    { title: '防护服缝纫工', description: '负责医用防护服的缝制与检验，按工艺单作业，厂内培训上岗。包工作餐，提供宿舍，缴纳五险。', salary: [4200, 5800], headcount: 30 },
    { title: '口罩机操作工', description: '操作口罩生产线，换料、巡检、记录产量；两班倒，夜班有补贴。', salary: [4500, 6000], headcount: 12 },
    { title: '质检员', description: '按国家标准抽检防护用品，填写检验记录；有质检经验者优先。', salary: [4800, 6500], headcount: 3, draft: true },
    // an age limit: the screener (issue 11) holds it in 五华区's 职位审核 queue for review
    { title: '仓库理货员', description: '负责仓库收发货、理货与盘点，年龄18-45岁，能适应倒班。', salary: [4000, 5200], headcount: 5 },
  ],
  pl: [{ title: 'Java开发工程师', description: '参与政务与企业系统的后端开发，熟悉 Java 与 PostgreSQL；可远程面试。', salary: [9000, 15000], headcount: 2 }],
  ql: [
    { title: '汽车零部件装配工', description: '流水线装配与自检，按作业指导书操作，计件加底薪，月休四天。', salary: [4500, 7000], headcount: 20 },
    { title: '数控车床操作工', description: '操作数控车床加工零件，会看图纸；无经验可培训。', salary: [5000, 7500], headcount: 6 },
  ],
  yx: [{ title: '茶叶加工工', description: '参与毛茶的杀青、揉捻、烘干与拣剔，季节性用工，可长期。', salary: [3500, 4500], headcount: 15 }],
  dl: [{ title: '酒店前台接待', description: '负责入住登记、咨询与结账，会简单英语更好；包食宿。', salary: [3800, 4800], headcount: 4 }],
  jh: [{ title: '水果采摘工', description: '香蕉、芒果采摘与装箱，按件计酬另有日保底；提供住宿与往返班车。', salary: [3600, 5200], headcount: 40 }],
};

/** Jobs a county town offers, with the words of an invented description. */
const COUNTY_JOBS: Array<{ title: string; duty: string; salary: [number, number]; education: string; experience: string }> = [
  { title: '普工', duty: '在车间按工艺要求完成生产操作与简单包装', salary: [3500, 4800], education: '初中', experience: '不限' },
  { title: '快递分拣员', duty: '负责快件分拣、扫描与装车，夜班有补贴', salary: [3800, 5200], education: '不限', experience: '不限' },
  { title: '服务员', duty: '负责餐厅点餐、传菜与清洁，工作时间轮班', salary: [3000, 4000], education: '不限', experience: '不限' },
  { title: '厨师', duty: '负责热菜或面点制作，熟悉滇菜者优先', salary: [4500, 6500], education: '不限', experience: '1-3年' },
  { title: '收银员', duty: '负责超市收银、对账与顾客服务', salary: [3000, 3800], education: '高中', experience: '不限' },
  { title: '货车司机', duty: '持 B2 或 A2 驾照，负责县域内配送，安全驾驶', salary: [6000, 8500], education: '不限', experience: '3-5年' },
  { title: '电工', duty: '负责厂区或小区的电气线路维护，持电工证上岗', salary: [4800, 6800], education: '中专', experience: '1-3年' },
  { title: '护理员', duty: '在养老机构照护老人起居，提供岗前培训', salary: [3500, 4800], education: '初中', experience: '不限' },
  { title: '销售代表', duty: '负责农资或建材的门店销售与客户回访，底薪加提成', salary: [3500, 8000], education: '高中', experience: '不限' },
  { title: '会计', duty: '负责日常账务、纳税申报与报表，持初级职称者优先', salary: [4500, 6000], education: '大专', experience: '1-3年' },
  { title: '保安', duty: '负责园区门岗、巡逻与来访登记，做好防疫查验', salary: [3000, 3800], education: '不限', experience: '不限' },
  { title: '电商运营', duty: '负责本地特产网店的上架、客服与直播运营', salary: [4000, 6500], education: '大专', experience: '不限' },
];
const TRADES = ['农业发展', '食品加工', '物流', '商贸', '建材', '酒店管理', '养老服务', '电子商务'];
const BENEFITS = ['缴纳五险', '包工作餐', '提供住宿', '月休四天', '节日福利', '岗前免费培训'];

/** A short place name for an invented company: 双柏县 → 双柏, 楚雄彝族自治州 → 楚雄. */
function shortName(name: string): string {
  return name.replace(/(彝族|哈尼族|傣族|白族|苗族|壮族|回族|佤族|拉祜族|纳西族|傈僳族|藏族|景颇族|布朗族|独龙族|怒族|普米族|阿昌族|德昂族|基诺族|布依族|瑶族|蒙古族|满族|水族|自治|族)+/gu, '').replace(/(市|县|区|州)$/u, '') || name;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The invented county postings as the platforms' export (CSV text, the header of jobs.csv):
 * `counties` are active Yunnan county-level divisions with their prefecture's name; `today` the
 * Beijing date (YYYY-MM-DD) first publication counts back from. Deterministic for its inputs.
 */
export function countyPostingsCsv(counties: ReadonlyArray<{ code: string; name: string; prefecture: string; seat: boolean }>, today: string): string {
  const header = ['职位自编号', '发布平台', '职位', '公司', '地区', '地址', '职位描述', '学历', '所需经验', '最低薪资', '最高薪资', '计薪单位', '首次发布时间'];
  const lines = [header.join(',')];
  let n = 0;
  for (const c of counties) {
    for (let k = 0; k < (c.seat ? 2 : 1); k++) {
      const job = COUNTY_JOBS[(Number(c.code) + k * 5) % COUNTY_JOBS.length] as (typeof COUNTY_JOBS)[number];
      const trade = TRADES[(Number(c.code.slice(2)) + k) % TRADES.length] as string;
      const company = `${shortName(c.name)}${trade}有限公司`;
      const benefits = [0, 2, 4].map((o) => BENEFITS[(n + o) % BENEFITS.length]).join('，');
      const description = `${job.duty}。工作地点在${c.name}，${benefits}。欢迎高校毕业生和返乡农民工报名。`;
      n++;
      const row = [
        `DEMO-${c.code}-${k + 1}`,
        DEMO_SOURCE,
        job.title,
        company,
        `${c.prefecture}·${c.name}`,
        `${c.name}城区`,
        description,
        job.education,
        job.experience,
        String(job.salary[0] + (n % 4) * 100),
        String(job.salary[1] + (n % 4) * 100),
        '月',
        addDays(today, -(n % 20)),
      ];
      lines.push(row.map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Seeds the demo postings once (nothing when any posting exists). `employerActors` maps demo.ts's
 * employer keys to an actor allowed to write for that employer (the county official of its place,
 * or the employer's own account). Returns how many were published.
 */
export async function seedMarketDemo(deps: Deps, employerActors: ReadonlyMap<string, { actor: Actor; employerId: number }>): Promise<number> {
  if (await deps.db.selectFrom('postings').select('id').limit(1).executeTakeFirst()) return 0;
  let published = 0;
  for (const [key, list] of Object.entries(EMPLOYER_POSTINGS)) {
    const who = employerActors.get(key);
    if (!who) continue;
    for (const p of list) {
      const created = await market.createPosting(
        deps,
        who.actor,
        {
          employerId: who.employerId,
          title: p.title,
          description: p.description,
          headcount: p.headcount,
          salaryMin: p.salary[0],
          salaryMax: p.salary[1],
          salaryUnit: 'MONTH',
          employmentType: 'full_time',
          priorityGroups: ['graduate', 'migrant'],
        },
        CTX,
      );
      if (p.draft) continue;
      const after = await market.publishPosting(deps, who.actor, created.id, CTX);
      if (after.status === 'published') published++;
    }
  }
  const divisions = await deps.db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code', 'active']).where('code', 'like', '53%').execute();
  const names = new Map(divisions.map((d) => [d.code, d.name]));
  const counties = divisions
    .filter((d) => d.level === 'county' && d.active && d.parent_code)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({ code: d.code, name: d.name, prefecture: names.get(d.parent_code as string) ?? '', seat: /01$/.test(d.code) }));
  if (!counties.length) return published;
  const csv = countyPostingsCsv(counties, beijingDate(deps.clock.now()));
  const read = await readUpload({ format: 'csv', data: Buffer.from(csv), spec: market.POSTINGS_SPEC });
  if (!read.ok) throw new Error(`demo postings refused: ${read.refused}`);
  const report = await market.importPostings(deps, null, read, CTX);
  return published + report.new;
}
