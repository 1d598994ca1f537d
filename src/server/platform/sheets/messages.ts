// Messages of the sheet and CSV readers and the import rule (zh-CN first, en second); a key with a
// status is an error code. Installed beside the platform catalogue (platform/i18n.ts).

export const sheetMessages = {
  import_legacy_xls: { status: 400, zh: "这是旧版 Excel 97-2003 工作簿（.xls），无法读取：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传", en: "This is an old Excel 97-2003 workbook (.xls), which cannot be read: in Excel, use Save As → Excel Workbook (.xlsx) and upload that" },
  import_csv_as_xlsx: { status: 400, zh: "这是文本（CSV）文件，只是名字改成了 .xlsx：请在 Excel 中打开它，另存为 Excel 工作簿（.xlsx）后再上传", en: "This is a text (CSV) file named .xlsx: open it in Excel, save it as an Excel Workbook (.xlsx) and upload that" },
  import_inflated_too_large: { status: 413, zh: "该工作簿解压后超过 {limit}，远超任何花名册所需，已拒绝：请删除多余的工作表、图片和格式后重试", en: "The workbook inflates to more than {limit}, far beyond what any roster needs, so it was refused: remove extra sheets, pictures and formatting and try again" },
  import_too_many_parts: { status: 400, zh: "该工作簿包含的部件超过 {max} 个，无法读取", en: "The workbook has more than {max} parts and cannot be read" },
  import_ambiguous_sheets: { status: 400, zh: "有多个可见工作表都带有所需的表头：{sheets}；请删除或隐藏多余的工作表，只保留一个", en: "More than one visible sheet carries the expected header: {sheets}; delete or hide the extra sheets so that only one remains" },
  import_masked_export: { status: 400, zh: "这看起来是从本平台导出的名单：导出时身份证号等号码已打码（如 {example}），无法用来导入：请下载导入模板，填写完整的号码后再上传", en: "This looks like a list exported from this platform: its ID numbers and other numbers were masked on export (e.g. {example}), so it cannot be imported: download the import template, fill in the full numbers and upload that" },
  import_bad_encoding: { status: 400, zh: "无法识别文件的编码（既不是 UTF-8，也不是带有正确表头的 GBK/GB18030）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试", en: "The file's encoding is not recognised (neither UTF-8 nor GBK/GB18030 with the expected header): save it as “CSV UTF-8 (Comma delimited)” and try again" },
  import_file_unreadable: { zh: "无法读取文件 {file}：{reason}", en: "Cannot read the file {file}: {reason}" },
  import_line_error: { zh: "第 {row} 行：{message}", en: "line {row}: {message}" },
  import_rows_skipped: { zh: "已导入 {imported} 行；{count} 行有错误，未导入", en: "{imported} rows imported; {count} rows with errors were left out" },
  cell_stored_as_number: { zh: "该单元格存成了数字（{value}），长号码的末几位已经丢失：请把这一列设置为“文本”格式，再重新输入完整号码", en: "This cell was stored as a number ({value}), so the last digits of the long number are lost: set the column's format to Text and type the full number again" },
  cell_stored_as_date: { zh: "该单元格被 Excel 存成了日期（{value}），原来输入的代码已经丢失：请把这一列设置为“文本”格式，再重新输入代码", en: "Excel stored this cell as a date ({value}), so the code typed there is lost: set the column's format to Text and type the code again" },
  cell_masked: { zh: "号码已打码（{value}），其中的数字已经丢失：请填写完整的号码", en: "the number is masked ({value}), so its digits are lost: type the full number" },
  cell_formula_uncomputed: { zh: "公式没有计算结果（文件由程序生成、未经 Excel 计算）：请在 Excel 中打开并保存，或把这一列复制后“粘贴为数值”", en: "the formula has no calculated value (the file was written by a program, never calculated): open and save it in Excel, or copy the column and paste it as values" },
  cell_formula_error: { zh: "公式错误 {error}：请检查公式，或把这一列复制后“粘贴为数值”", en: "formula error {error}: check the formula, or copy the column and paste it as values" },
  cell_replacement_char: { zh: "含有乱码字符“\uFFFD”（文件曾以错误的编码保存）：请改正这个单元格", en: "contains the replacement character “\uFFFD” (the file was saved in a wrong encoding at some point): correct this cell" },
  csv_unclosed_quote: { zh: "这一行开始的记录引号没有闭合，无法读取（其后的行照常检查）", en: "the record starting on this line opens a quote that is never closed and cannot be read (the lines after it are checked as usual)" },
} as const;
