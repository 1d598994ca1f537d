// Words of a posting's public page and its markup (jobpage.ts, jobposting.ts), zh-CN first, en
// second; plain messages (no status). Installed under the market module's name when first imported,
// like the posting reader's (./ingest/messages.ts), so the pure renderers have them in unit tests.
import { defineMessages, installCatalogue, type KeysOf } from '../../platform/i18n.ts';

export const pageMessages = defineMessages({
  job_page_closed: { zh: '该岗位已停止招聘', en: 'This job is no longer open' },
  job_page_expired: { zh: '该岗位已过有效期，停止招聘', en: 'This job has passed its closing date and is no longer open' },
  job_page_taken_down: { zh: '该岗位已下架', en: 'This job has been taken down' },
  job_page_headcount: { zh: '招聘 {n} 人', en: '{n} openings' },
  job_page_valid_until: { zh: '有效期至 {day}', en: 'Open until {day}' },
  job_page_description: { zh: '岗位描述', en: 'Job description' },
  job_page_benefits: { zh: '福利待遇', en: 'Benefits' },
  job_page_apply: { zh: '立即申请', en: 'Apply now' },
  job_built_description: { zh: '{employer}招聘{title}{headcount}。', en: '{employer} is hiring: {title}{headcount}.' },
  job_built_headcount: { zh: '{n}人', en: ' ({n} openings)' },
  job_built_place: { zh: '工作地点：{place}。', en: 'Place of work: {place}.' },
  job_built_salary: { zh: '薪资：{salary}。', en: 'Pay: {salary}.' },
  job_built_benefits: { zh: '福利：{benefits}。', en: 'Benefits: {benefits}.' },
  job_list_separator: { zh: '、', en: ', ' },
  job_months_paid: { zh: '{n}薪', en: '{n} months paid a year' },
  salary_negotiable: { zh: '面议', en: 'negotiable' },
  salary_unit_HOUR: { zh: '元/小时', en: ' yuan an hour' },
  salary_unit_DAY: { zh: '元/天', en: ' yuan a day' },
  salary_unit_WEEK: { zh: '元/周', en: ' yuan a week' },
  salary_unit_MONTH: { zh: '元/月', en: ' yuan a month' },
  salary_unit_YEAR: { zh: '元/年', en: ' yuan a year' },
  salary_unit_PIECE: { zh: '元/件', en: ' yuan a piece' },
  salary_unit_unknown: { zh: '（单位未注明）', en: ' (unit not given)' },
  salary_from: { zh: '{amount}起', en: 'from {amount}' },
  salary_up_to: { zh: '最高{amount}', en: 'up to {amount}' },
  // the report form under a job page (reportpage.ts; decision 0037)
  job_page_report: { zh: '举报该职位', en: 'Report this job' },
  report_page_title: { zh: '举报职位', en: 'Report a job' },
  report_page_help: { zh: '发现歧视、虚假信息或向求职者收费，请告诉我们。无需登录；联系电话选填，仅供核实时回访。', en: 'Tell us about discrimination, false information or fees charged to job seekers. No sign-in needed; a phone number is optional, only to call you back.' },
  report_page_category: { zh: '举报类型', en: 'Category' },
  report_page_text: { zh: '举报内容', en: 'What is wrong' },
  report_page_phone: { zh: '联系电话（选填）', en: 'Phone (optional)' },
  report_page_submit: { zh: '提交举报', en: 'Send report' },
  report_page_done: { zh: '已收到您的举报（编号 {reference}），人社部门将核实处理。', en: 'Your report has been received (reference {reference}); the bureau will look into it.' },
  report_page_back: { zh: '返回职位', en: 'Back to the job' },
  report_page_invalid: { zh: '请检查：{fields}', en: 'Please check: {fields}' },
  report_page_text_too_long: { zh: '举报内容（最多 {max} 个字）', en: 'what is wrong (at most {max} characters)' },
  report_category_discrimination: { zh: '歧视（性别、年龄、民族、户籍、婚育等）', en: 'Discrimination (sex, age, ethnicity, household registration, marriage …)' },
  report_category_false_information: { zh: '虚假信息', en: 'False information' },
  report_category_fee_charged: { zh: '收取费用', en: 'Fee charged' },
  report_category_other: { zh: '其他', en: 'Other' },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof pageMessages> {}
}

installCatalogue('market', pageMessages);
