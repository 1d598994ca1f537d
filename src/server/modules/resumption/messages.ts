// Resumption plans (issue 13 M2, decision 0050): messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  resumption_line_has_posting: { status: 409, zh: "该用工需求已生成职位（编号 {postingId}），请到职位管理中修改", en: "This demand line already became a posting (id {postingId}); change it under postings" },
  // field messages
  resumption_demand_duplicate: { zh: "职业 {code} 重复填写，每个职业填一行", en: "occupation {code} appears twice; one line per occupation" },
  resumption_transport_yes_no: { zh: "请填“是”或“否”", en: "enter yes or no (Y or N)" },
  resumption_origin_outside_province: { zh: "始发县不在本省，无法授权查看；请导出运输名单交始发地人社部门", en: "the origin county is outside the province and cannot be granted access; export the transport list for its bureau instead" },
  resumption_origin_is_destination: { zh: "始发县与目的地县相同", en: "the origin county is the destination county itself" },
  resumption_destination_needed: { zh: "请选择目的地县（本辖区内的县）", en: "choose the destination county (a county in your jurisdiction)" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
