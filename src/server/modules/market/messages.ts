// The job market (postings, imports, the change feed): messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';
import { ingestMessages } from './ingest/messages.ts';
import { pageMessages } from './page-messages.ts';

export const messages = defineMessages({
  // the posting reader's words (./ingest installs them under this module's name too: same owner)
  ...ingestMessages,
  // the public job page's words (./page-messages installs them under this module's name too)
  ...pageMessages,
  posting_blocked: { status: 422, zh: "职位内容含有就业歧视或向求职者收费的表述（{count} 处），请按提示修改后再提交", en: "The posting contains discriminatory wording or a fee asked of applicants ({count}); change it as suggested and submit again" },
  posting_not_editable: { status: 409, zh: "该职位已结束（{status}），不能再修改", en: "This posting has ended ({status}) and can no longer be changed" },
  posting_not_publishable: { status: 409, zh: "该职位当前状态（{status}）不能发布", en: "This posting cannot be published in its current state ({status})" },
  posting_not_open: { status: 409, zh: "该职位未在招聘中（{status}），不能关闭或下架", en: "This posting is not open ({status}); it cannot be closed or taken down" },
  posting_valid_until_past: { status: 409, zh: "有效期已过，请先修改有效期再发布", en: "The valid-until date has passed; change it before publishing" },
  employer_not_approved: { status: 409, zh: "该用人单位未经县级人社部门审核通过或已停用，不能发布职位", en: "This employer has not been approved by its county bureau, or is suspended or closed: it cannot publish postings" },
  // applications (decision 0036)
  application_exists: { status: 409, zh: "已申请过该职位，申请仍在处理中", en: "There is already a live application to this posting" },
  posting_not_accepting: { status: 409, zh: "该职位当前不接受网上申请", en: "This posting does not take applications on the platform now" },
  application_stage_refused: { status: 409, zh: "申请当前阶段（{stage}）不能改为该阶段", en: "The application cannot move to that stage from its current stage ({stage})" },
  phone_not_revealable: { status: 409, zh: "入围后方可查看完整手机号（当前阶段：{stage}）", en: "The full phone is shown from the shortlist on (current stage: {stage})" },
  applicant_gone: { status: 409, zh: "求职者已删除其求职登记信息", en: "The applicant has erased their profile" },
  // online interviews (decision 0049)
  interview_stage_refused: { status: 409, zh: "只有已入围或处于面试阶段的申请才能安排面试（当前阶段：{stage}）", en: "Only a shortlisted application, or one at the interview stage, can have an interview scheduled (current stage: {stage})" },
  interview_exists: { status: 409, zh: "该申请已有一场待进行的面试，请改期或取消后再安排", en: "This application already has an interview scheduled; reschedule or cancel it first" },
  interview_not_live: { status: 409, zh: "该面试已取消，不能再修改", en: "This interview has been cancelled and can no longer be changed" },
  interview_started: { status: 409, zh: "面试已开始，不能再改期或取消", en: "The interview has started; it can no longer be rescheduled or cancelled" },
  interview_changed: { status: 409, zh: "面试刚被对方修改，请刷新后再试", en: "The interview was just changed by the other side; reload and try again" },
  interview_too_soon: { zh: "面试时间至少要在 {minutes} 分钟之后", en: "the interview must start at least {minutes} minutes from now" },
  interview_too_far: { zh: "面试时间不能晚于 {days} 天之后", en: "the interview must start within {days} days" },
  interview_employer_sets: { zh: "只能由用人单位修改，求职者可以提出新的时间", en: "only the employer changes this; the job seeker may propose a new time" },
  meeting_url_invalid: { zh: "请填写以 https:// 开头的视频会议链接（如腾讯会议、钉钉），面试一律线上进行", en: "enter a video meeting link starting with https:// (e.g. Tencent Meeting, DingTalk); interviews are held online only" },
  interview_ics_calendar: { zh: "云桥面试", en: "yunqiao interviews" },
  interview_ics_summary: { zh: "线上面试：{title}（{employer}）", en: "Online interview: {title} ({employer})" },
  interview_ics_online: { zh: "线上视频面试，请按时点击链接进入：{url}", en: "Online video interview; join on time through: {url}" },
  interview_ics_note: { zh: "面试说明：{note}", en: "Note: {note}" },
  interview_ics_alarm: { zh: "30 分钟后线上面试", en: "Online interview in 30 minutes" },
  // field messages
  posting_unknown: { zh: "没有这个招聘中的职位", en: "no such open posting" },
  referral_seeker_unknown: { zh: "该求职者未授权本机构为其服务，或其求职登记已过期", en: "this job seeker has not authorised your agency, or their registration has lapsed" },
  moderation_case_decided: { status: 409, zh: "该案件已处理（{status}）", en: "This case has already been decided ({status})" },
  // field messages
  moderation_outcome_mismatch: { zh: "处理结果与案件来源不符：筛查标记的职位可放行或下架，举报可驳回或下架", en: "the outcome does not fit the case: a flagged posting is released or taken down, a report dismissed or its posting taken down" },
  takedown_reason_needed: { zh: "下架须填写原因", en: "a take-down needs a reason" },
  report_code_invalid: { zh: "职位页编号有误", en: "not a posting page code" },
  screen_hit: { zh: "「{text}」：{basis}；建议：{suggestion}", en: "“{text}”: {basis}; suggested wording: {suggestion}" },
  salary_min_over_max: { zh: "最低薪资不能高于最高薪资", en: "the minimum salary may not exceed the maximum" },
  salary_unit_needed: { zh: "填写薪资时须选择计薪单位（面议则都不填）", en: "a salary needs its unit (leave all salary fields out when the pay is negotiable)" },
  employer_needed: { zh: "请选择用人单位", en: "choose the employer" },
  employer_own_only: { zh: "用人单位只能为本单位发布职位", en: "an employer posts for itself only" },
  posting_import_duplicate_id: { zh: "第 {line} 行：{platform} {sourceId} 在本文件中重复（同第 {sameAs} 行），只导入一次", en: "line {line}: {platform} {sourceId} appears twice in this file (as on line {sameAs}); imported once" },
  posting_import_duplicate_content: { zh: "第 {line} 行：与第 {sameAs} 行内容相同（同一单位、职位、地区和描述），计为一条", en: "line {line}: same content as line {sameAs} (same employer, title, place and description); counted once" },
  posting_import_summary: { zh: "新增 {new} 条，更新 {updated} 条，未变 {unchanged} 条，重复 {duplicates} 条，有误 {refused} 条", en: "{new} new, {updated} updated, {unchanged} unchanged, {duplicates} duplicates, {refused} refused" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
