// The agency list as an Excel sheet (bureaus file it and pass it upward): contact numbers masked.
import { maskPhone } from '../../../shared/checksums.ts';
import { writeSheet } from '../../platform/spreadsheet.ts';
import type { AgencyRow } from './repository/agencies.ts';

const STATUS = { active: '正常', suspended: '暂停', closed: '注销' } as Record<string, string>;

export function agencySheet(rows: AgencyRow[]): Promise<Buffer> {
  return writeSheet(
    '服务机构',
    [
      { header: '机构名称', width: 30, value: (r) => r.name },
      { header: '类型', value: (r) => (r.kind === 'public' ? '公共' : '经营性') },
      { header: '所在地', value: (r) => r.division_name },
      { header: '行政区划代码', value: (r) => r.division_code },
      { header: '许可证或备案编号', value: (r) => r.licence_no },
      { header: '统一社会信用代码', width: 22, value: (r) => r.credit_code },
      { header: '地址', width: 30, value: (r) => r.address },
      { header: '负责人', value: (r) => r.responsible_person },
      { header: '负责人电话', value: (r) => maskPhone(r.responsible_phone) },
      { header: '员工数', value: (r) => r.staff_count ?? 0 },
      { header: '状态', value: (r) => STATUS[r.status] ?? r.status },
    ],
    rows,
  );
}
