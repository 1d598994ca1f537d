// Risk areas and staff screening (P2): messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  not_a_staff_member: { status: 403, zh: "只有在职员工可以填报本人的排查信息", en: "Only a staff member on the active roster can declare for themself" },
  follow_up_cleared: { status: 409, zh: "该待核查事项已于 {at} 处理完毕", en: "This follow-up was already cleared at {at}" },
  // field messages
  risk_area_code: { zh: "应为行政区划代码：省 2 位、市（州）4 位、县（区）6 位，或街道 9 位、社区 12 位（如 5329、532901）", en: "must be a division code: 2 digits for a province, 4 for a prefecture, 6 for a county, 9 for a street or 12 for a community (e.g. 5329, 532901)" },
  risk_area_code_required: { zh: "必填：风险地区按区划代码登记，不按名称匹配（“{name}”可能指多个地区）", en: "required: risk areas are entered by division code, never matched by name (“{name}” may name more than one place)" },
  risk_area_sub_in_province: { zh: "街道或社区只能登记在市（州）或县（区）之下", en: "a street or community can only be entered under a prefecture or a county" },
  risk_level_unknown: { zh: "应为 高、中 或 低", en: "must be high, medium or low" },
  day_order: { zh: "结束日期不能早于开始日期", en: "the end date cannot be before the start date" },
  day_unreadable: { zh: "应为日期，如 2020-02-05", en: "must be a date such as 2020-02-05" },
  stay_in_future: { zh: "不能晚于今天（{today}）", en: "cannot be after today ({today})" },
  stay_too_old: { zh: "只需填报最近 {days} 天内的旅居地（{from} 以后）", en: "only places stayed in the last {days} days are declared (since {from})" },
  case_status_unknown: { zh: "应为 none、suspected 或 confirmed", en: "must be none, suspected or confirmed" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
