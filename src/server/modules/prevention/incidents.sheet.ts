// Incidents as an .xlsx download (phones masked, no health value; stage times in Beijing time): built
// in memory and streamed to the caller, never kept on the server.
import { writeSheet } from '../../platform/spreadsheet.ts';
import type { IncidentView } from './incidents.presenters.ts';

const TRIGGER: Record<string, string> = { fever: '发热', symptom: '症状', exposure: '接触史', risk_area: '风险地区旅居', door_refusal: '入口劝离' };
const STAGE: Record<string, string> = { detected: '已发现', reported: '已报告', isolated: '已隔离', diagnosed: '已诊断', treated: '已治疗', closed: '已结案', ruled_out: '已排除' };

/** An ISO instant as `YYYY-MM-DD HH:MM` in Asia/Shanghai. */
const beijing = (iso: string | undefined | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export function incidentsSheet(rows: readonly IncidentView[]): Promise<Buffer> {
  return writeSheet(
    '事件',
    [
      { header: '编号', value: (r) => r.id },
      { header: '行政区划代码', text: true, value: (r) => r.divisionCode },
      { header: '行政区划', value: (r) => r.divisionName },
      { header: '机构', width: 28, value: (r) => r.agencyName },
      { header: '类别', value: (r) => TRIGGER[r.trigger] ?? r.trigger },
      { header: '对象', value: (r) => (r.subject.erased ? '（已删除）' : (r.subject.name ?? '')) },
      { header: '手机号', text: true, value: (r) => r.subject.phone ?? '' },
      { header: '阶段', value: (r) => STAGE[r.stage] ?? r.stage },
      { header: '是否超时', value: (r) => (r.late ? '是' : '否') },
      { header: '发现时间', width: 18, value: (r) => beijing(r.detectedAt) },
      { header: '报告时间', width: 18, value: (r) => beijing(r.stageTimes.reported) },
      { header: '隔离时间', width: 18, value: (r) => beijing(r.stageTimes.isolated) },
      { header: '诊断时间', width: 18, value: (r) => beijing(r.stageTimes.diagnosed) },
      { header: '治疗时间', width: 18, value: (r) => beijing(r.stageTimes.treated) },
      { header: '结案时间', width: 18, value: (r) => beijing(r.stageTimes.closed) },
      { header: '排除时间', width: 18, value: (r) => beijing(r.stageTimes.ruled_out) },
      { header: '下一阶段期限', width: 18, value: (r) => beijing(r.nextDeadlineAt) },
    ],
    rows,
  );
}
