// Reference data: code tables and the occupation import: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  unknown_occupation_parent: { zh: "上级职业代码 {parent} 不存在（不在文件中，也不在现有分类中）", en: "the parent occupation code {parent} exists neither in the file nor in the table" },
  occupation_parent_mismatch: { zh: "上级代码应为 {parent}", en: "the parent code should be {parent}" },
  unknown_industry: { zh: "行业代码不存在（GB/T 4754-2017）", en: "Unknown industry code (GB/T 4754-2017)" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
