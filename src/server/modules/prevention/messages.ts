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
  invalid_client_id: { zh: "应为手机生成的记录编号（1–64 位字母、数字或 . _ : -）", en: "must be the report id the phone made (1–64 letters, digits or . _ : -)" },
  consent_text_version_unknown: { zh: "不是当前的同意书版本，请刷新页面后重新阅读", en: "is not the current version of the consent text; reload the page and read it again" },
  consent_not_paper: { status: 409, zh: "该员工的同意是本人在手机上作出的，只能由本人撤回", en: "This staff member consented on their own phone; only they can withdraw it" },
  consent_decided_on_phone: { status: 409, zh: '该员工曾在本人手机上同意或撤回健康信息处理，只能由本人在手机上重新同意，不能登记纸质同意', en: 'This staff member has consented (or withdrawn) on their own phone: only they can consent again there; a paper consent cannot be recorded' },
  consent_already_in_force: { status: 409, zh: "该员工已有生效的健康信息处理同意，无需再登记纸质同意", en: "This staff member's consent is already in force; no paper consent is needed" },
  checkin_paper_only: {
    status: 409,
    zh: "只能为纸质同意仍然生效的员工代录健康打卡。有智能手机的员工请本人在手机上打卡；没有手机的员工请先登记其纸质同意。",
    en: "A check can be recorded for a colleague only while their paper consent is in force. Staff with a smartphone report on their own phone; for one without, record their paper consent first.",
  },
  checkin_staff_only_own: { status: 403, zh: "只能提交本人的健康打卡", en: "You can send only your own health check" },
  staff_not_found: { status: 404, zh: "本机构没有该员工", en: "No such staff member in your agency" },
  symptom_fever: { zh: "发热", en: "Fever" },
  symptom_cough: { zh: "咳嗽", en: "Cough" },
  symptom_sore_throat: { zh: "咽痛", en: "Sore throat" },
  symptom_fatigue: { zh: "乏力", en: "Fatigue" },
  symptom_loss_of_smell: { zh: "嗅觉或味觉减退", en: "Loss of smell or taste" },
  symptom_shortness_of_breath: { zh: "呼吸困难", en: "Shortness of breath" },
  symptom_diarrhoea: { zh: "腹泻", en: "Diarrhoea" },
  consent_purpose: {
    zh: "用于本机构落实疫情防控“早发现”要求：每日记录您的体温和症状，发现发热或症状时立即报告机构负责人和属地人社部门。",
    en: "So that your agency can detect illness early as epidemic prevention requires: your temperature and symptoms are recorded each day, and a fever or symptom is reported at once to the agency's responsible person and the county bureau.",
  },
  consent_text: {
    zh: "健康信息属于敏感个人信息（《个人信息保护法》第二十八至三十条）。同意后，您每日提交的体温和症状将加密保存{days}天后删除，仅保留不含个人信息的每日统计；机构管理员查看您的记录会留痕；上级部门只能看到转为疫情事件的记录类别和处理时间，看不到您的日常数值。您可以随时撤回同意，撤回后不再记录新的打卡、不再提醒，已有记录保存至期满删除。",
    en: "Health data are sensitive personal information (PIPL art. 28–30). Once you consent, the temperature and symptoms you report each day are stored encrypted and deleted after {days} days; only daily counts without personal information stay. Every time the agency's administrator reads your records it is logged; bureaus above see only the category and stage times of a record that became an incident, never your daily values. You can withdraw at any time: no new reports are recorded and no reminders are sent; existing records are kept until their retention ends.",
  },
  checkin_reminder_sms: {
    zh: "【云桥】{name}，您今天（{date}）的健康打卡尚未提交，截止时间 {cutoff}（北京时间）已过，请尽快在手机上提交。",
    en: "[Yunqiao] {name}, your health check for today ({date}) has not arrived; the cut-off {cutoff} (Beijing time) has passed. Please send it from your phone.",
  },
  day_in_future: { zh: "不能查询今天以后的日期", en: "cannot be after today" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
