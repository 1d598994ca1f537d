// Reference data's request and response shapes. Field labels name each field in errors.
import { z } from 'zod';
import { code, divisionPrefix, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

/** A code-table code as typed (industries 'A', '01', '0111'; occupations '2-02-01'; empty for the top level): NFKC, separators out, hyphens kept. */
const tableCode = () => code({ pattern: /^([0-9A-Z]+(-[0-9A-Z]+)*)?$/, message: 'invalid_format', keepDashes: true, upper: true });
/** 大典 2022 codes (职业分类大典): a major group digit, then up to three two-digit levels (2, 2-02, 2-02-01, 2-02-01-01). */
export const OCCUPATION_CODE = /^\d(-\d{2}){0,3}$/;
/**
 * What Excel makes of such codes when a CSV is opened and saved again: 2-02 → 2月2日, 2-Feb,
 * Feb-02, 2002/2/1, 2002-02-01, 2/2/2002 (the date in the user's locale, stored as text on saving).
 */
const EXCEL_DATE = [
  /^\d{1,4}年?\d{0,2}月\d{1,2}日$/,
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/,
  /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/,
  /^\d{1,2}[- ]?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*([- ]?\d{2,4})?$/i,
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[- ]?\d{1,4}$/i,
];

/** Whether a (normalised) code is one of Excel's date renderings of a 大典 code. */
export const isExcelDate = (code: string) => EXCEL_DATE.some((re) => re.test(code));

const occupationCode = () =>
  code({ pattern: OCCUPATION_CODE, message: 'invalid_occupation_code', keepDashes: true, explain: (v) => (isExcelDate(v) ? { key: 'occupation_code_is_date', params: { value: v } } : null) });

export const divisionsQuery = z.object({
  parent: label(divisionPrefix(), '上级行政区划', 'parent division').optional(),
});
export const division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'prefecture', 'county']),
  parentCode: z.string().nullable(),
});
export const divisionList = z.object({ items: z.array(division), next: z.null() });

export const codeQuery = z.object({ parent: label(tableCode(), '上级代码', 'parent code').optional() });
export const codeItem = z.object({ code: z.string(), name: z.string(), level: z.number().int(), parentCode: z.string().nullable() });
export const codeList = z.object({ items: z.array(codeItem), next: z.null() });
export const educationList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), rank: z.number().int() })), next: z.null() });

/** The occupation table's fields in words: form fields (below), CSV columns (service.ts OCCUPATION_SPEC) and import problems name them so. */
export const OCCUPATION_LABELS = {
  code: { zh: '职业代码', en: 'occupation code' },
  name: { zh: '职业名称', en: 'occupation name' },
  parent: { zh: '上级代码', en: 'parent code' },
} as const;

export const occupationImportBody = z.strictObject({
  rows: label(
    z
      .array(
        z.strictObject({
          code: label(occupationCode(), OCCUPATION_LABELS.code.zh, OCCUPATION_LABELS.code.en),
          name: label(text(200), OCCUPATION_LABELS.name.zh, OCCUPATION_LABELS.name.en),
          parent: label(occupationCode(), OCCUPATION_LABELS.parent.zh, OCCUPATION_LABELS.parent.en).optional().nullable(),
        }),
      )
      .min(1)
      .max(5000),
    '职业分类行',
    'occupation rows',
  ),
});
export const importResult = z.object({ imported: z.number().int() });
