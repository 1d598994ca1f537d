// Messages of the posting reader (./record.ts and the functions it calls), zh-CN first, en second.
// Field messages only (no status): a refused record is listed by its line, or a form's field is
// answered 400 by the route. Installed under the market module's name when this file is first
// imported (like the sheet reader's catalogue in platform/i18n.ts), so whoever reads a posting has
// its words; the market module may spread them into its own catalogue too (same owner, no clash).
import { defineMessages, installCatalogue, type KeysOf } from '../../../platform/i18n.ts';

export const ingestMessages = defineMessages({
  posting_salary_min_over_max: { zh: "最低薪资 {min} 大于最高薪资 {max}", en: "the minimum salary {min} is more than the maximum salary {max}" },
  posting_salary_text_min_over_max: { zh: "薪资“{text}”中最低薪资 {min} 大于最高薪资 {max}", en: "in the salary “{text}” the minimum {min} is more than the maximum {max}" },
  posting_salary_not_number: { zh: "不是金额：{value}（请填写数字，单位为元）", en: "not an amount: {value} (write a number of yuan)" },
  posting_salary_months_invalid: { zh: "每年发薪月数应为 1 到 24 的整数：{value}", en: "months paid per year must be a whole number from 1 to 24: {value}" },
  posting_salary_unit_invalid: { zh: "计薪单位无法识别：{value}（可选：小时、天、件、月、年）", en: "salary unit not understood: {value} (hour, day, piece, month or year)" },
  posting_date_invalid: { zh: "日期无法识别：{value}（例如 2025-03-01 09:30）", en: "date not understood: {value} (e.g. 2025-03-01 09:30)" },
  posting_value_required: { zh: "必填", en: "required" },
  posting_markup_only: { zh: "只有 HTML 标记，去掉标记后没有文字", en: "only HTML markup: nothing is left once the tags are removed" },
  posting_text_too_long: { zh: "不能超过 {max} 个字", en: "at most {max} characters" },
  posting_headcount_invalid: { zh: "招聘人数应为 1 到 100000 的整数：{value}", en: "the number of openings must be a whole number from 1 to 100000: {value}" },
  posting_valid_until_before_published: { zh: "有效期至 {until} 早于首次发布时间 {published}", en: "valid until {until} is before the first publication {published}" },
});

declare module '../../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof ingestMessages> {}
}

installCatalogue('market', ingestMessages);
