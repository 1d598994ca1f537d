// Job seekers who sign up: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  seeker_profile_missing: { status: 404, zh: "尚未填写求职登记信息", en: "No job-seeker profile has been filled in yet" },
  seeker_authorisation_exists: { status: 409, zh: "已授权该机构为您服务", en: "This agency is already authorised to serve you" },
  // field messages
  salary_range_order: { zh: "最低期望薪酬不能高于最高期望薪酬", en: "the minimum expected pay may not exceed the maximum" },
  seeker_salary_unit_needed: { zh: "填写期望薪酬时须选择计薪单位（月、日、小时）", en: "choose a pay unit (month, day, hour) with the expected pay" },
  valid_until_range: { zh: "登记有效期应在今天到 {max} 之间", en: "the registration must stay valid from today up to {max}" },
  occupation_code_format: { zh: "应为职业代码，如 2-02-01 或 2-02-01-01", en: "must be an occupation code such as 2-02-01 or 2-02-01-01" },
  unknown_occupation: { zh: "职业代码 {code} 不在职业分类表中", en: "occupation code {code} is not in the occupation table" },
  unknown_education: { zh: "学历代码不在学历表中", en: "not an education level of the table" },
  not_a_county: { zh: "{code} 不是县级行政区划", en: "{code} is not a county-level division" },
  agency_unknown: { zh: "没有这个人力资源服务机构，或它已停业", en: "no such human-resources agency, or it has closed" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
