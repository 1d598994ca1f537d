// Reference data: code tables and the occupation import: messages in zh-CN and en; a key with a status is an error code.
import { defineMessages, type KeysOf } from '../../platform/i18n.ts';

export const messages = defineMessages({
  unknown_occupation_parent: { zh: "上级职业代码 {parent} 不存在（不在文件中，也不在现有分类中）", en: "the parent occupation code {parent} exists neither in the file nor in the table" },
  occupation_parent_mismatch: { zh: "上级代码应为 {parent}", en: "the parent code should be {parent}" },
  occupation_code_is_date: { zh: "“{value}”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV", en: "“{value}” is an occupation code that Excel turned into a date (2-02 becomes 2-Feb): set the column's format to Text, type the code again and save as CSV" },
  occupation_code_malformed: { zh: "职业代码“{value}”格式不正确（应为 2、2-02、2-02-01 或 2-02-01-01 这样的形式）", en: "The occupation code “{value}” is malformed (it should look like 2, 2-02, 2-02-01 or 2-02-01-01)" },
  // a stale division code, wherever one is typed or imported (decision 0022)
  division_abolished: { zh: "{code} 已撤销，请使用 {successor}（{successorName}）", en: "{code} was abolished; use {successor} ({successorName}) instead" },
  division_abolished_no_successor: { zh: "{code} 已于 {date} 撤销", en: "{code} was abolished on {date}" },
  // editions of the reference tables (yunqiao reference update, and every start)
  reference_edition_invalid: { status: 400, zh: "参考数据文件 {file} 有误，未加载该版本", en: "The reference data file {file} is invalid; the edition was not loaded" },
  reference_file_unreadable: { status: 400, zh: "无法读取参考数据文件 {file}（{reason}）", en: "Cannot read the reference data file {file} ({reason})" },
  reference_manifest_field: { zh: "缺少或不正确：{field}", en: "missing or malformed: {field}" },
  division_change_old_listed: { zh: "{code} 仍在本版区划表中，不能同时列为已撤销", en: "{code} is still in this edition's table, so it cannot be listed as gone" },
  division_parent_unknown: { zh: "上级代码 {code} 不在区划表中", en: "the parent code {code} is not in the division table" },
  division_change_kind: { zh: "应为 rename（更名或改代码）、merge（并入）或 abolish（撤销）", en: "must be rename, merge or abolish" },
  division_change_abolish_has_successor: { zh: "abolish（撤销）没有继任区划，此列应留空", en: "abolish has no successor: leave this column empty" },
  division_change_successor_missing: { zh: "继任区划 {code} 不在本版区划表中", en: "the successor {code} is not in this edition's table" },
  reference_edition_older: { zh: "{table}：文件中的版本 {edition}（{date}）早于已加载的 {loaded}（{loadedDate}），未加载", en: "{table}: the files hold edition {edition} ({date}), earlier than the loaded {loaded} ({loadedDate}); not loaded" },
  reference_edition_current: { zh: "{table}：已是 {edition}（{date}）版", en: "{table}: edition {edition} ({date}) is loaded" },
  reference_edition_applied: { zh: "{table}：已加载 {edition}（{date}）版（此前 {previous}）：新增 {added}，更名 {renamed}，撤销 {abolished}", en: "{table}: loaded edition {edition} ({date}; before: {previous}): {added} added, {renamed} renamed, {abolished} abolished" },
  // re-coding the rows of an abolished division (yunqiao reference recode OLD NEW)
  recode_unknown_division: { status: 400, zh: "行政区划 {code} 不存在", en: "There is no division {code}" },
  recode_not_abolished: { status: 400, zh: "{code} 尚未撤销：请先加载列有此变更的区划表（yunqiao reference update）", en: "{code} has not been abolished: load a division table whose change file lists it first (yunqiao reference update)" },
  recode_not_successor: { status: 400, zh: "{to} 不是 {from} 的继任区划（{from} 的继任区划为 {successor}）", en: "{to} is not the successor of {from} (the successor of {from} is {successor})" },
  recode_same_level: { status: 400, zh: "{from} 与 {to} 的级别不同，不能迁移", en: "{from} and {to} are of different levels; rows cannot move between them" },
  recode_done: { zh: "已将 {from} 的数据迁移到 {to}：{moved}", en: "Moved the rows of {from} to {to}: {moved}" },
  unknown_industry: { zh: "行业代码不存在（GB/T 4754-2017）", en: "Unknown industry code (GB/T 4754-2017)" },
});

declare module '../../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}
