// Incidents, the desks' inbox and duty phones: the names of the stages in zh-CN and en (what a 409
// about the stage order says in the caller's language). Error codes of incidents live in messages.ts.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const incidentMessages = defineMessages({
  incident_stage_name_detected: { zh: '已发现', en: 'detected' },
  incident_stage_name_reported: { zh: '已报告', en: 'reported' },
  incident_stage_name_isolated: { zh: '已隔离', en: 'isolated' },
  incident_stage_name_diagnosed: { zh: '已诊断', en: 'diagnosed' },
  incident_stage_name_treated: { zh: '已治疗', en: 'treated' },
  incident_stage_name_closed: { zh: '已结案', en: 'closed' },
  incident_stage_name_ruled_out: { zh: '已排除', en: 'ruled out' },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof incidentMessages> {}
}
