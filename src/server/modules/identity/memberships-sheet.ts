// Who holds which membership in a desk's reach, as an Excel sheet (bureaus file it and pass it
// upward): phones masked, dates in China Standard Time.
import { maskPhone } from '../../../shared/checksums.ts';
import { chinaDate } from '../../../shared/identifiers.ts';
import { writeSheet } from '../../platform/spreadsheet.ts';
import type { MembershipListRow } from './repository.ts';

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  province: '省人社厅',
  prefecture: '州（市）人社局',
  county: '县（市、区）人社局',
  agency_admin: '服务机构管理员',
  agency_staff: '机构员工',
  employer: '用人单位',
  seeker: '求职者',
};
const STATUS: Readonly<Record<string, string>> = { active: '正常', disabled: '已停用' };

export function membershipSheet(rows: MembershipListRow[]): Promise<Buffer> {
  return writeSheet(
    '账号与身份',
    [
      { header: '姓名或名称', width: 24, value: (r) => r.display_name },
      { header: '用户名', value: (r) => r.username ?? '' },
      { header: '手机号', text: true, value: (r) => (r.phone ? maskPhone(r.phone) : '') },
      { header: '身份', value: (r) => ROLE_NAMES[r.role] ?? r.role },
      { header: '行政区划代码', text: true, value: (r) => r.official_division ?? r.org_division ?? '' },
      { header: '所在地', value: (r) => r.division_name ?? '' },
      { header: '机构或单位', width: 30, value: (r) => r.agency_name ?? r.employer_name ?? '' },
      { header: '状态', value: (r) => STATUS[r.status] ?? r.status },
      { header: '初始密码未修改', value: (r) => (r.must_change_password ? '是' : '') },
      { header: '开设日期', value: (r) => chinaDate(r.created_at) },
      { header: '最近使用', value: (r) => (r.last_used_at ? chinaDate(r.last_used_at) : '') },
    ],
    rows,
  );
}
