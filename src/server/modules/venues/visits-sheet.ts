// A venue's visits of one day as an .xlsx download (phones masked, no temperatures): the sheet is
// built in memory and streamed to the caller, never kept on the server (case 10: nothing to purge).
import { writeSheet } from '../../platform/spreadsheet.ts';
import { toBeijingTime } from './time.ts';

type VisitLine = { id: number; visitorType: string; name: string; phone: string | null; source: string; mask: boolean | null; outcome: string; arrivedAt: string; checkedOutAt: string | null; closeReason: string | null };

const TYPE: Record<string, string> = { staff: '机构员工', employer: '用人单位人员', seeker: '求职者' };
const CLOSE: Record<string, string> = { checkout: '本人签退', desk: '前台签退', auto: '零点自动签退' };

export function visitsSheet(rows: readonly VisitLine[]): Promise<Buffer> {
  return writeSheet(
    '来访记录',
    [
      { header: '编号', value: (r) => r.id },
      { header: '类别', value: (r) => TYPE[r.visitorType] ?? r.visitorType },
      { header: '姓名', value: (r) => r.name },
      { header: '手机号', text: true, value: (r) => r.phone ?? '' },
      { header: '登记方式', value: (r) => (r.source === 'qr' ? '扫码登记' : '入口查验') },
      { header: '佩戴口罩', value: (r) => (r.mask === null ? '未查验' : r.mask ? '是' : '否') },
      { header: '结果', value: (r) => (r.outcome === 'admitted' ? '准入' : '劝离') },
      { header: '到达时间', width: 20, value: (r) => toBeijingTime(r.arrivedAt) },
      { header: '离开时间', width: 20, value: (r) => (r.checkedOutAt ? toBeijingTime(r.checkedOutAt) : '') },
      { header: '签退方式', value: (r) => (r.closeReason ? (CLOSE[r.closeReason] ?? r.closeReason) : '') },
    ],
    rows,
  );
}
