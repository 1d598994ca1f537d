// Other headers real files use for the columns every person-list import has (staff rosters now;
// returning workers, job seekers and visitor lists later): what HR clerks type, what their old
// systems export and what the 人社 forms print. Compared after normaliseHeader (shared/text.ts:
// NFKC, no whitespace, no trailing * or （必填）), so `身份证号码*` and `手机号码（必填）` are found too.
// A header names the column, the field's parser decides the value: a 联系电话 holding a landline
// is refused as "not a mobile number", a 证件号码 holding a passport number as "not an ID number".

/** Aliases by the column's template header, tried in this order after the header itself. */
export const HEADER_ALIASES = {
  姓名: ['员工姓名', '人员姓名', '职工姓名'],
  手机号: ['手机号码', '手机', '移动电话', '联系电话', '联系手机', '联系方式', '电话号码'],
  身份证号: ['身份证号码', '公民身份号码', '身份证', '身份证件号码', '证件号码', '证件号'],
  岗位: ['职位', '工作岗位', '岗位名称', '职务'],
} as const satisfies Record<string, readonly string[]>;
