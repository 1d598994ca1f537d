// Prevention: consent, daily check-ins, incidents — messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  consent_required: {
    status: 409,
    zh: "尚未同意健康信息处理，不能提交健康打卡。请先在“健康打卡 → 健康信息处理同意”中阅读说明并点击同意，然后重新提交。",
    en: "Consent to health-data processing is needed before a health check can be recorded. Open Health check → Consent to health-data processing, read it and agree, then send the report again.",
  },
  consent_withdrawn: {
    status: 409,
    zh: "您已于 {date} 撤回健康信息处理同意，此记录未提交，也不会保存。如需继续打卡，请在“健康打卡 → 健康信息处理同意”中重新同意。",
    en: "You withdrew consent to health-data processing on {date}; this report was not recorded and will not be kept. To report again, give consent again under Health check → Consent to health-data processing.",
  },
  consent_not_given: { status: 404, zh: "当前没有生效的健康信息处理同意，无需撤回", en: "There is no consent in force to withdraw" },
  checkin_client_id_reused: {
    status: 409,
    zh: "该记录编号（clientId）已用于另一份不同内容的打卡，本次未作任何修改。如需更正，请重新填写一份新的打卡。",
    en: "This report id (clientId) was already used for a different report; nothing was changed. To correct it, send a new report.",
  },
  not_on_roster: { status: 409, zh: "该人员不在本机构在职花名册中", en: "This person is not on the agency's active roster" },
  incident_stage_order: { status: 409, zh: "事件当前处于“{stage}”阶段，不能记录为“{next}”", en: "The incident is at stage {stage}; it cannot be recorded as {next}" },
  incident_stage_not_yours: { status: 403, zh: "该阶段应由{who}记录", en: "This stage is recorded by {who}" },
  responsible_person_stage: { zh: "机构负责人", en: "the agency's responsible person" },
  county_bureau_stage: { zh: "县级人社部门", en: "the county bureau" },
  symptom_unknown: { zh: "不是可选的症状代码", en: "is not a listed symptom code" },
  paper_date_in_future: { zh: "签署日期不能晚于今天", en: "the date signed cannot be after today" },
  day_in_future: { zh: "不能查询今天以后的日期", en: "cannot be after today" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
