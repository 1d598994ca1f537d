// Demo resumption plan (issue 13 M2, decision 0050), so the employer's 复工计划 and the bureaus'
// 复工用工 and 点对点运输 desks show something on the first start. Through the module's own
// services, as the requests would: employer-km (五华区) saves its plan — resuming in three days,
// staff on post / away / isolated, demand for production workers (6) and professionals (2) — and
// imports its returning employees from an .xlsx written in the template's columns: five from
// 镇雄县 and 宣威市 (Yunnan) and two from 四川 广安区, most needing point-to-point transport; 五华区's
// bureau then shares the 镇雄县 list with 镇雄县's bureau (the access grant; 广安区 is outside Yunnan,
// its list is exported instead). Invented people: names, GB 11643 ID numbers and phones made here.
import type { Deps } from '../deps.ts';
import { addDays, beijingDate } from '../../shared/beijing-day.ts';
import { demoCitizenId as citizenId } from './citizen-ids.ts';
import { writeSheet } from '../platform/spreadsheet.ts';
import * as identity from '../modules/identity/service.ts';
import * as resumption from '../modules/resumption/service.ts';

const CTX = { requestId: 'seed-demo', ip: 'local', locale: 'zh-CN' as const };

/** The origin counties of the demo's returning employees: two in Yunnan, one in Sichuan. */
export const RESUMPTION_DEMO_ORIGINS = { zhenxiong: '530627', xuanwei: '530381', guang_an: '511602' } as const;

type Returnee = { name: string; idNumber: string; phone: string; originDivision: string; travelOn: string; needsTransport: string };

/** The demo's returning employees, travelling `today` + 2 and + 3 days. */
export function demoReturnees(today: string): Returnee[] {
  const { zhenxiong, xuanwei, guang_an } = RESUMPTION_DEMO_ORIGINS;
  const d2 = addDays(today, 2);
  const d3 = addDays(today, 3);
  return [
    { name: '陈德明', idNumber: citizenId(zhenxiong, '19880214', 113), phone: '13987010001', originDivision: zhenxiong, travelOn: d2, needsTransport: '是' },
    { name: '杨秀英', idNumber: citizenId(zhenxiong, '19920709', 224), phone: '13987010002', originDivision: zhenxiong, travelOn: d2, needsTransport: '是' },
    { name: '罗国华', idNumber: citizenId(zhenxiong, '19850321', 335), phone: '13987010003', originDivision: zhenxiong, travelOn: d3, needsTransport: '是' },
    { name: '张丽芬', idNumber: citizenId(xuanwei, '19901102', 446), phone: '13987010004', originDivision: xuanwei, travelOn: d2, needsTransport: '是' },
    { name: '李春生', idNumber: citizenId(xuanwei, '19830615', 557), phone: '13987010005', originDivision: xuanwei, travelOn: d2, needsTransport: '否' },
    { name: '何志强', idNumber: citizenId(guang_an, '19870930', 117), phone: '13908260006', originDivision: guang_an, travelOn: d3, needsTransport: '是' },
    { name: '周小燕', idNumber: citizenId(guang_an, '19940418', 228), phone: '13908260007', originDivision: guang_an, travelOn: d3, needsTransport: '是' },
  ];
}

/**
 * Seeds employer-km's plan, its returning employees and 五华区's share with 镇雄县 once: nothing when
 * employer-km already has a plan or a demo account is missing. Returns how many returning employees
 * it imported (7 on a fresh demo).
 */
export async function seedResumptionDemo(deps: Deps): Promise<number> {
  const [employer, county] = await Promise.all([identity.actorOfUsername(deps, 'employer-km', 'employer'), identity.actorOfUsername(deps, 'wh', 'county')]);
  if (!employer?.employerId || !county) return 0;
  if (await resumption.getOwnPlan(deps, employer).catch(() => null)) return 0;
  const today = beijingDate(deps.clock.now());
  const plan = await resumption.savePlan(
    deps,
    employer,
    {
      resumeOn: addDays(today, 3),
      staffOnPost: 46,
      staffAway: 31,
      staffIsolated: 4,
      contactName: '钱晓东',
      contactPhone: '13888100001',
      note: '防护服、口罩生产线复产，需点对点接回外地员工。',
      // the shipped occupation table holds the eight major groups (GB/T 6565)
      demand: [
        { occupationCode: '6', headcount: 40 },
        { occupationCode: '2', headcount: 3 },
      ],
    },
    CTX,
  );
  const rows = demoReturnees(today);
  const columns: Array<[string, keyof Returnee]> = [
    ['姓名', 'name'],
    ['身份证号', 'idNumber'],
    ['手机号', 'phone'],
    ['始发县代码', 'originDivision'],
    ['出行日期', 'travelOn'],
    ['需要点对点运输', 'needsTransport'],
  ];
  const sheet = await writeSheet<Returnee>(
    '返岗员工',
    columns.map(([header, field]) => ({ header, text: true, value: (r) => r[field] })),
    rows,
  );
  const imported = await resumption.importReturnees(deps, employer, plan.id, sheet, 'zh-CN', CTX);
  await resumption.shareWithOrigin(deps, county, { originDivision: RESUMPTION_DEMO_ORIGINS.zhenxiong }, CTX);
  return imported.imported;
}
