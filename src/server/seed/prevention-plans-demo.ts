// Demo plans and screening (issue 8 "Demo data"): the 五华区 agency's prevention plan with its
// responsible person, protective stock with one item below its minimum (a low-stock warning on the
// agency's page and the bureau desks above it), an education session its staff attended; two risk
// areas the province keeps (outside Yunnan, so the demo staff's own declarations stay clear); and
// one declaration by a 五华 staff member, matched against them (nothing found). Written through the
// modules' repositories in one command, audited as the seed.
import type { Deps } from '../deps.ts';
import { systemKey, systemScope } from '../db/scope.ts';
import { command } from '../platform/command.ts';
import { addDays, beijingDate } from '../../shared/beijing-day.ts';
import * as plansRepo from '../modules/plans/repository.ts';
import * as screeningRepo from '../modules/screening/repository.ts';

const SEED = systemScope('demo seed: the plan, risk areas and a declaration of the demo agencies');
const AGENCY = '昆明五华人力资源服务有限公司';

/** Seeds the demo plan, risk areas and declaration once (nothing when a plan exists already). */
export async function seedPlansDemo(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('prevention_plans').select('agency_id').limit(1).executeTakeFirst()) return;
  const now = deps.clock.now();
  const today = beijingDate(now);
  await command(deps, { actor: null, ctx: { requestId: 'seed-demo', ip: 'local' } }, async ({ tx, audit }) => {
    const agency = await tx.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', AGENCY).executeTakeFirst();
    if (!agency) return;
    const key = systemKey(SEED, 'agencies', agency.division_code, agency.id);
    await plansRepo.upsertPlan(
      tx,
      key,
      {
        measures: ['responsible_person', 'entry_checks', 'masks', 'disinfection', 'ventilation', 'daily_health_checks', 'appointments', 'online_services', 'emergency_response', 'staff_education'],
        measures_text: '服务大厅入口设体温检测点，来访人员须佩戴口罩、扫码登记；大厅每日上午、下午各消毒一次，每日通风三次；招聘洽谈改为网上预约、分时段办理。',
        responsible_name: '李建华',
        responsible_position: '总经理',
        responsible_staff_id: null,
      },
      now,
      null,
    );
    audit({ action: 'plans.plan.save', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { seed: 'demo' } });
    for (const item of [
      { kind: 'mask', name: '一次性医用口罩', unit: '只', quantity: 120, minimum: 500 },
      { kind: 'thermometer', name: '红外额温枪', unit: '支', quantity: 4, minimum: 2 },
      { kind: 'disinfectant', name: '84 消毒液', unit: '瓶', quantity: 30, minimum: 20 },
    ]) {
      const k = await plansRepo.insertStockItem(tx, key, item, now, null);
      audit({ action: 'plans.stock.add', divisionCode: agency.division_code, targetType: 'stock_item', targetId: k.id, detail: { seed: 'demo', name: item.name } });
    }
    const staff = await tx.selectFrom('agency_staff').select(['id', 'name']).where('division_code', '=', agency.division_code).where('agency_id', '=', agency.id).where('status', '=', 'active').orderBy('id').execute();
    const session = await plansRepo.insertSession(tx, key, { held_on: addDays(today, -3), topic: '新冠肺炎防控知识：口罩佩戴、手卫生与发热报告', note: '全体员工参加，观看疾控中心宣传片并现场演练体温检测。' }, staff.map((s) => s.id), now, null);
    audit({ action: 'plans.education.add', divisionCode: agency.division_code, targetType: 'education_session', targetId: session.id, detail: { seed: 'demo' } });

    const areas = await screeningRepo.insertRiskAreas(tx, [
      { division_code: '530000', area_code: '420100', sub_kind: null, sub_code: null, sub_name: null, risk_level: 'high', valid_from: '2020-01-23', valid_to: null, note: '武汉市（示例）', created_at: now, created_by: null },
      { division_code: '530000', area_code: '421102', sub_kind: 'street', sub_code: '421102001', sub_name: '东湖街道', risk_level: 'medium', valid_from: '2020-01-28', valid_to: null, note: '黄冈市黄州区东湖街道（示例）', created_at: now, created_by: null },
    ]);
    for (const a of areas) audit({ action: 'screening.risk_area.create', divisionCode: '530000', targetType: 'risk_area', targetId: a.id, detail: { seed: 'demo' } });

    // 王磊 stayed at home in 五华区: declared today, nothing to follow up
    const wang = staff.find((s) => s.name === '王磊');
    if (wang) {
      const account = await tx.selectFrom('memberships').select('account_id').where('org_division', '=', agency.division_code).where('staff_id', '=', wang.id).executeTakeFirst();
      if (account) {
        const content = { v: 1, stays: [{ division: agency.division_code, sub: null, place: '家中', from: addDays(today, -13), to: today }], closeContact: false, selfCase: 'none', relativeCase: 'none' };
        const d = await screeningRepo.insertDeclaration(tx, { division_code: agency.division_code, agency_id: agency.id, staff_id: wang.id, declared_at: now, day: today, declared_by: account.account_id, content_enc: deps.crypto.encrypt(JSON.stringify(content)) });
        audit({ action: 'screening.declaration.create', divisionCode: agency.division_code, targetType: 'agency_staff', targetId: wang.id, detail: { seed: 'demo', declarationId: d.id, stays: 1, findings: 0 } });
      }
    }
  });
}
