// The desk as an Excel workbook (bureaus file it and pass it upward, G5): the lines with the
// total, the incidents (category and stage times), the gaps with who answers for them. Phones
// masked; no daily value, no staff member's name (the desk holds none).
import { sheet, writeWorkbook } from '../../platform/spreadsheet.ts';
import type { z } from 'zod';
import type { desk } from './schemas.ts';

type Desk = z.infer<typeof desk>;
type Line = Desk['lines'][number];
type Figures = Desk['total'];

const TRIGGER: Record<string, string> = { fever: '发热', symptom: '症状', exposure: '接触史', risk_area: '风险地区', door_refusal: '入口劝返' };
const STAGE: Record<string, string> = { detected: '发现', reported: '报告', isolated: '隔离', diagnosed: '诊断', treated: '处置', closed: '结案', ruled_out: '排除' };
const GAP: Record<string, string> = { checkin_missing: '健康打卡未完成', incident_late: '事件处置超时', hygiene_missed: '消杀漏项', no_plan: '无防控方案', low_stock: '防护物资不足', stale_declarations: '排查申报待更新' };
const LINE_KIND: Record<Desk['lineKind'], string> = { prefecture: '州（市）', county: '县（市、区）', agency: '服务机构' };

const percent = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);
const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The desk's workbook: 概况 (one row per line, then 合计), 事件, 缺口. */
export function deskWorkbook(d: Desk): Promise<Buffer> {
  type Row = { name: string; code: string; responsible: string; phone: string; supervisor: string; planResponsible: string } & Figures;
  const rows: Row[] = [
    ...d.lines.map((l: Line) => ({ ...l, responsible: l.responsible.name, phone: l.responsible.phoneMasked ?? '', supervisor: l.supervisor.name, planResponsible: l.planResponsible ?? '' })),
    { ...d.total, name: `合计（${d.division.name}）`, code: d.division.code, responsible: '', phone: '', supervisor: '', planResponsible: '' },
  ];
  return writeWorkbook([
    sheet<Row>(`概况 ${d.day}`, [
      { header: LINE_KIND[d.lineKind], width: 30, value: (r) => r.name },
      { header: '行政区划代码', text: true, value: (r) => r.code },
      { header: '责任人', width: 26, value: (r) => r.responsible },
      { header: '联系电话', text: true, value: (r) => r.phone },
      ...(d.lineKind === 'agency' ? [{ header: '方案防控责任人', width: 20, value: (r: Row) => r.planResponsible }] : []),
      { header: '监管部门', width: 26, value: (r) => r.supervisor },
      { header: '机构数', value: (r) => r.agencies },
      { header: '应打卡人数', value: (r) => r.checkinExpected },
      { header: '已打卡', value: (r) => r.checkinReported },
      { header: '按时打卡', value: (r) => r.checkinOnTime },
      { header: '未打卡', value: (r) => r.checkinMissing },
      { header: '打卡完成率', value: (r) => percent(r.checkinRate) },
      { header: '已撤回同意', value: (r) => r.consentWithdrawn },
      { header: '在办事件', value: (r) => r.incidentsOpen },
      ...(['detected', 'reported', 'isolated', 'diagnosed', 'treated'] as const).map((s) => ({ header: `其中${STAGE[s]}`, value: (r: Row) => r.incidentsByStage[s] })),
      { header: '超时事件', value: (r) => r.incidentsLate },
      { header: '当日新发现', value: (r) => r.incidentsDetectedThatDay },
      { header: '无防控方案机构', value: (r) => r.agenciesWithoutPlan },
      { header: '防护物资不足机构', value: (r) => r.agenciesLowStock },
      { header: '不足物资项数', value: (r) => r.lowStockItems },
      { header: '排查申报待更新人数', value: (r) => r.staffDeclarationsDue },
      { header: '风险地区匹配', value: (r) => r.riskAreaMatches },
      { header: '接触史申报', value: (r) => r.exposures },
      { header: '待核查行程', value: (r) => r.openFollowUps },
      { header: '场所数', value: (r) => r.venues },
      { header: '消杀漏项', value: (r) => r.hygieneMissed },
      { header: '有消杀漏项机构', value: (r) => r.agenciesHygieneMissed },
      { header: '当前在场人数', value: (r) => r.occupancyNow },
      { header: '可容纳人数', value: (r) => r.capacity },
      { header: '有缺口机构', value: (r) => r.agenciesWithGaps },
    ], rows),
    sheet<Desk['incidents'][number]>('事件', [
      { header: '事件编号', value: (i) => i.id },
      { header: '所在县（市、区）', value: (i) => i.divisionName },
      { header: '服务机构', width: 30, value: (i) => i.agencyName },
      { header: '机构负责人', value: (i) => i.responsiblePerson },
      { header: '类别', value: (i) => TRIGGER[i.trigger] ?? i.trigger },
      { header: '阶段', value: (i) => STAGE[i.stage] ?? i.stage },
      { header: '超时', value: (i) => (i.late ? '是' : '否') },
      { header: '发现时间', value: (i) => beijing(i.detectedAt) },
      { header: '各阶段时间', width: 60, value: (i) => i.stageTimes.map((s) => `${STAGE[s.stage] ?? s.stage} ${beijing(s.at)}`).join('；') },
    ], d.incidents),
    sheet<Desk['gaps'][number]>('缺口', [
      { header: '服务机构', width: 30, value: (g) => g.agencyName },
      { header: '行政区划代码', text: true, value: (g) => g.divisionCode },
      { header: '责任人', value: (g) => g.responsible.name },
      { header: '方案防控责任人', value: (g) => g.planResponsible ?? '' },
      { header: '联系电话', text: true, value: (g) => g.responsible.phoneMasked ?? '' },
      { header: '监管部门', width: 26, value: (g) => g.supervisor.name },
      { header: '缺口', width: 40, value: (g) => g.kinds.map((k) => GAP[k] ?? k).join('、') },
      { header: '不足物资', width: 24, value: (g) => g.lowStock.join('、') },
      { header: '排查申报待更新人数', value: (g) => g.staffDeclarationsDue },
      { header: '未打卡人数', value: (g) => g.checkinMissing },
      { header: '超时事件', value: (g) => g.incidentsLate },
      { header: '消杀漏项', value: (g) => g.hygieneMissed },
    ], d.gaps),
  ]);
}
