// Verified placements (issue 13 M6, decision 0051): messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  placement_exists: { status: 409, zh: "该应聘申请已登记过就业记录", en: "A placement has already been recorded for this application" },
  placement_not_pending: { status: 409, zh: "该就业记录当前状态（{status}）不能再确认", en: "This placement cannot be confirmed in its current state ({status})" },
  // field messages
  placement_application_unknown: { zh: "没有本机构推荐的这份应聘申请", en: "your agency referred no such application" },
  placement_application_not_hired: { zh: "该应聘申请尚未录用（当前阶段：{stage}），录用后才能登记就业", en: "the application has not reached hired (current stage: {stage}); record the placement after the hire" },
  placement_dispatch_refused: { zh: "劳务派遣不计入就业，只有签订劳动合同的才能确认", en: "a labour dispatch does not count as a placement; only a labour contract can be confirmed" },
  placement_contract_start_future: { zh: "合同起始日不能晚于今天", en: "the contract start cannot be after today" },
  insurance_month_invalid: { zh: "参保年月应为 YYYYMM 或 YYYY-MM（如 202603），且为实际存在的月份", en: "the insured month must be YYYYMM or YYYY-MM (e.g. 202603) and a real month" },
  insurance_month_future: { zh: "参保年月不能晚于本月", en: "the insured month cannot be after this month" },
  insurance_type_unknown: { zh: "险种应为 养老、医疗、失业、工伤、生育 之一（或代码 110、310、210、410、510）", en: "the insurance type must be pension, medical, unemployment, work injury or maternity (in Chinese, as the bureau's file writes them), or their codes 110, 310, 210, 410, 510" },
  // the placement's words in an export and the simulated file
  placement_status_pending_employer: { zh: "待单位确认", en: "awaiting the employer" },
  placement_status_confirmed: { zh: "已确认待核验", en: "confirmed, awaiting insurance" },
  placement_status_verified: { zh: "已核验", en: "verified" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
