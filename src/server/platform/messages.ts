// Platform messages: errors of the HTTP layer, uploads and spreadsheets, and field rules shared by
// every module (phone, ID and credit-code checks, division codes). Module messages live in each
// module's messages.ts; the composition root merges them (platform/i18n.ts).

export const platformMessages = {
  validation_failed: { status: 400, zh: "提交的数据有误，请检查标出的字段", en: "Some fields are invalid; please check the marked fields" },
  field_error: { zh: "{label}：{message}", en: "{label}: {message}" },
  not_found: { status: 404, zh: "未找到该记录", en: "Not found" },
  forbidden: { status: 403, zh: "无权执行此操作", en: "You are not allowed to do this" },
  unauthenticated: { status: 401, zh: "请先登录", en: "Please sign in first" },
  session_expired: { status: 401, zh: "登录已过期，请重新登录", en: "Your session has expired; please sign in again" },
  csrf_header_missing: { status: 403, zh: "请求缺少 X-Requested-With 头，已拒绝（防止跨站请求伪造）", en: "Refused: the request lacks the X-Requested-With header (cross-site request forgery protection)" },
  internal_error: { status: 500, zh: "服务器内部错误，请稍后再试", en: "Internal server error; please try again later" },
  service_unavailable: { status: 503, zh: "服务暂不可用，请稍后再试", en: "The service is temporarily unavailable; please try again later" },
  rate_limited: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; please try again later" },
  malformed_request: { status: 400, zh: "请求内容无法解析（例如 JSON 格式错误或内容类型不对）", en: "The request body could not be read (malformed JSON or a wrong content type)" },
  conflict: { status: 409, zh: "数据冲突：{what}", en: "Conflict: {what}" },
  payload_too_large: { status: 413, zh: "上传的文件过大（上限 {limit}）", en: "The uploaded file is too large (limit {limit})" },
  unsupported_media_type: { status: 415, zh: "不支持的文件类型，请上传 .xlsx 文件", en: "Unsupported file type; please upload an .xlsx file" },
  json_expected: { status: 415, zh: "请求内容应为 JSON（Content-Type: application/json）", en: "The request body must be JSON (Content-Type: application/json)" },
  invalid_id: { zh: '应为正整数编号', en: 'must be a positive whole number' },
  malformed_url: { zh: '网址无法识别（含有无效的字符编码，或某一段过长）', en: 'the address cannot be read (an invalid character encoding, or a part too long)' },
  unknown_field: { zh: '不是此处可提交的字段', en: 'is not a field this request takes' },
  nothing_to_change: { zh: '没有要修改的内容', en: 'nothing to change' },
  too_deep: { zh: '嵌套层数过多（最多 {max} 层）', en: 'nested too deeply (at most {max} levels)' },
  contains_nul: { zh: '不能包含空字符（NUL）', en: 'must not contain a NUL character' },
  required: { zh: "必填", en: "required" },
  invalid_phone: { zh: "手机号格式不正确（应为 11 位手机号）", en: "The phone number is invalid (11-digit mobile number expected)" },
  invalid_credit_code: { zh: "统一社会信用代码格式或校验位不正确", en: "The unified social credit code is malformed or its check character is wrong" },
  invalid_citizen_id: { zh: "身份证号格式或校验位不正确", en: "The citizen ID number is malformed or its check digit is wrong" },
  invalid_division_code: { zh: "行政区划代码不正确", en: "Invalid division code" },
  duplicate_in_file: { zh: "与第 {row} 行重复", en: "duplicates row {row}" },
  import_failed: { status: 400, zh: "文件中有 {count} 处错误，未导入任何数据", en: "The file has {count} errors; nothing was imported" },
  import_row_error: { zh: "第 {row} 行，{column}：{message}", en: "row {row}, {column}: {message}" },
  import_empty: { status: 400, zh: "文件中没有数据行", en: "The file has no data rows" },
  import_bad_file: { status: 400, zh: "无法读取该文件，请上传 Excel（.xlsx）文件", en: "The file cannot be read; please upload an Excel (.xlsx) file" },
  import_bad_header: { status: 400, zh: "表头应为：{expected}", en: "The header row should be: {expected}" },
  import_too_many_rows: { status: 400, zh: "一次最多导入 {max} 行", en: "At most {max} rows per import" },
} as const;

/** Labels of fields no schema names: the request body itself. */
export const platformFieldLabels: Readonly<Record<string, { zh: string; en: string }>> = {
  body: { zh: '请求内容', en: 'request body' },
  path: { zh: '网址', en: 'address' },
  file: { zh: '文件', en: 'file' },
};
