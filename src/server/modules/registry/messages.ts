// The registry: agencies, staff rosters, employers: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  division_not_county: { zh: "所选行政区划不是县（市、区）级", en: "The chosen division is not a county" },
  division_out_of_scope: { zh: "所选行政区划不在您的管辖范围内", en: "The chosen division is outside your jurisdiction" },
  duplicate_credit_code: { zh: "该统一社会信用代码已登记", en: "This unified social credit code is already registered" },
  phone_of_another_person: { zh: "该手机号已登记在另一人名下（身份证号不符），请核对手机号", en: "This phone number belongs to another person (the ID numbers differ); check the number" },
  duplicate_phone_in_file: { zh: "与第 {row} 行的手机号相同，但身份证号不同：一个手机号只能属于一个人", en: "Same phone number as row {row} with another ID number: a phone number belongs to one person" },
  employer_authorisation_exists: { status: 409, zh: "已授权该机构代理招聘", en: "This agency is already authorised to recruit for you" },
  registration_decided: { status: 409, zh: "该登记申请已审核，不能再次审核", en: "This registration has been decided already" },
  refusal_reason_required: { zh: "不予通过时须写明理由", en: "give the reason when refusing" },
  credit_code_pending: { zh: "您已提交过该统一社会信用代码的登记申请，正在审核中", en: "you have a registration of this code waiting for review" },
  duplicate_id_number: { zh: "该身份证号已在本机构花名册中", en: "This ID number is already on the roster of this agency" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
