// Reference data: code tables and the occupation import: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  unknown_occupation_parent: { zh: "上级职业代码 {parent} 不存在（不在文件中，也不在现有分类中）", en: "the parent occupation code {parent} exists neither in the file nor in the table" },
  occupation_parent_mismatch: { zh: "上级代码应为 {parent}", en: "the parent code should be {parent}" },
  occupation_code_is_date: { zh: "“{value}”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV", en: "“{value}” is an occupation code that Excel turned into a date (2-02 becomes 2-Feb): set the column's format to Text, type the code again and save as CSV" },
  occupation_code_malformed: { zh: "职业代码“{value}”格式不正确（应为 2、2-02、2-02-01 或 2-02-01-01 这样的形式）", en: "The occupation code “{value}” is malformed (it should look like 2, 2-02, 2-02-01 or 2-02-01-01)" },
  unknown_industry: { zh: "行业代码不存在（GB/T 4754-2017）", en: "Unknown industry code (GB/T 4754-2017)" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
