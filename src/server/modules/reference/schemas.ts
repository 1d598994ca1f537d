// Reference data's request and response shapes. Field labels name each field in errors.
import { z } from 'zod';
import { label } from '../../platform/labels.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const divisionsQuery = z.object({
  parent: label(z.string().trim().regex(/^\d{2}(\d{2}){0,2}$/, { message: 'invalid_division_code' }), '上级行政区划', 'parent division').optional(),
});
export const division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'prefecture', 'county']),
  parentCode: z.string().nullable(),
});
export const divisionList = z.object({ items: z.array(division), next: z.null() });

export const codeQuery = z.object({ parent: label(z.string().trim().max(20), '上级代码', 'parent code').optional() });
export const codeItem = z.object({ code: z.string(), name: z.string(), level: z.number().int(), parentCode: z.string().nullable() });
export const codeList = z.object({ items: z.array(codeItem), next: z.null() });
export const educationList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), rank: z.number().int() })), next: z.null() });

export const occupationImportBody = z.strictObject({
  rows: label(
    z
      .array(
        z.strictObject({
          code: label(z.string().trim().regex(/^\d(-\d{2}){0,3}$/), '职业代码', 'occupation code'),
          name: label(text(200), '职业名称', 'occupation name'),
          parent: label(z.string().trim(), '上级代码', 'parent code').optional().nullable(),
        }),
      )
      .min(1)
      .max(5000),
    '职业分类行',
    'occupation rows',
  ),
});
export const importResult = z.object({ imported: z.number().int() });
