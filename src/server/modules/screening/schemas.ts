import { z } from 'zod';
import { pathId, somethingToChange } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { code, divisionPrefix, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { readDay, readDivisionCode, readRiskLevel } from './matching.ts';

export const areaParam = z.object({ id: label(pathId, '风险地区编号', 'risk area id') });
export const followUpParam = z.object({ id: label(pathId, '待核查事项编号', 'follow-up id') });

/** A day as typed (2020-02-05, 2020/2/5, 2020年2月5日), 2000–2099, given back as YYYY-MM-DD. */
const dayField = z
  .string()
  .max(64)
  .overwrite((v) => readDay(v) ?? v)
  .check((p) => {
    if (!readDay(p.value)) p.issues.push({ code: 'custom', message: 'day_unreadable', input: p.value });
  });

/** A division code of any level, or a street (9 digits) or community (12 digits) code. */
const areaCodeField = code({ pattern: /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, message: 'risk_area_code' }).refine((v) => readDivisionCode(v) !== null, { message: 'risk_area_code' });

export const riskLevel = z.enum(['high', 'medium', 'low']);
const riskLevelField = z
  .string()
  .max(20)
  .overwrite((v) => readRiskLevel(v) ?? v)
  .check((p) => {
    if (!readRiskLevel(p.value)) p.issues.push({ code: 'custom', message: 'risk_level_unknown', input: p.value });
  })
  .transform((v) => readRiskLevel(v) as 'high' | 'medium' | 'low');

const dayOrder = (v: { from?: string | undefined; to?: string | null | undefined }) => !v.from || !v.to || v.from <= v.to;

const areaFields = {
  code: label(areaCodeField, '区划代码', 'division code'),
  subName: label(text(100, { optional: true }), '街道（社区）名称', 'street or community name'),
  level: label(riskLevelField, '风险等级', 'risk level'),
  from: label(dayField, '开始日期', 'from'),
  to: label(dayField, '结束日期', 'to'),
  note: label(text(200, { optional: true }), '备注', 'note'),
};

export const riskAreaCreate = z
  .strictObject({
    code: areaFields.code,
    subName: areaFields.subName.optional(),
    level: areaFields.level,
    from: areaFields.from,
    to: areaFields.to.nullable().optional(),
    note: areaFields.note.optional(),
  })
  .refine(dayOrder, { message: 'day_order', path: ['to'] });

/** Level, dates and note change; the division stays (a new place is a new area). Lifting: `to` set to the last day. */
export const riskAreaUpdate = somethingToChange(
  z.strictObject({
    level: areaFields.level.optional(),
    from: areaFields.from.optional(),
    to: areaFields.to.nullable().optional(),
    subName: areaFields.subName.optional(),
    note: areaFields.note.optional(),
  }),
).refine(dayOrder, { message: 'day_order', path: ['to'] });

export const riskAreasQuery = z.object({
  ...pageQuery,
  on: label(dayField, '生效日期', 'in force on').optional(),
  area: label(divisionPrefix(), '行政区划', 'division').optional(),
  level: label(riskLevel, '风险等级', 'risk level').optional(),
});

export const riskArea = z.object({
  id: z.number().int(),
  /** The province that keeps it. */
  keeper: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  divisionLevel: z.enum(['province', 'prefecture', 'county']),
  sub: z.object({ kind: z.enum(['street', 'community']), code: z.string().nullable(), name: z.string().nullable() }).nullable(),
  level: riskLevel,
  from: z.string(),
  to: z.string().nullable(),
  /** In force on today's Beijing date. */
  inForce: z.boolean(),
  note: z.string(),
  updatedAt: z.string(),
});
export const riskAreaPage = pageOf(riskArea);
export const importResult = z.object({ imported: z.number().int() });

// declarations -------------------------------------------------------------------------------

export const caseStatus = z.enum(['none', 'suspected', 'confirmed']);

const stay = z
  .strictObject({
    division: label(areaCodeField, '旅居地区划代码', 'division of the stay'),
    place: label(text(100, { optional: true }), '具体地点', 'place').optional(),
    from: label(dayField, '到达日期', 'arrived'),
    to: label(dayField, '离开日期', 'left'),
  })
  .refine(dayOrder, { message: 'day_order', path: ['to'] });

export const declarationCreate = z.strictObject({
  stays: label(z.array(stay).max(20), '近 14 天旅居地', 'places stayed in the last 14 days'),
  closeContact: label(z.boolean(), '密切接触史', 'close contact with a case'),
  selfCase: label(caseStatus, '本人是否为确诊或疑似病例', 'confirmed or suspected yourself'),
  relativeCase: label(caseStatus, '近亲属是否为确诊或疑似病例', 'a close relative confirmed or suspected'),
});

const finding = z.object({
  id: z.number().int(),
  kind: z.enum(['risk_area', 'follow_up', 'exposure']),
  staffId: z.number().int(),
  staffName: z.string(),
  area: z
    .object({ id: z.number().int(), divisionCode: z.string(), divisionName: z.string(), sub: z.string().nullable(), level: riskLevel })
    .nullable(),
  /** The division the stay was declared in, and the days it shares with the area. */
  stayDivision: z.string().nullable(),
  stayDivisionName: z.string().nullable(),
  overlapFrom: z.string().nullable(),
  overlapTo: z.string().nullable(),
  incidentId: z.number().int().nullable(),
  foundAt: z.string(),
  clearedAt: z.string().nullable(),
  note: z.string().nullable(),
});

export const declarationResult = z.object({
  id: z.number().int(),
  declaredAt: z.string(),
  day: z.string(),
  /** The last day this declaration counts as current. */
  currentUntil: z.string(),
  findings: z.array(finding.omit({ staffName: true, clearedAt: true, note: true })),
});

export const myScreening = z.object({
  staleDays: z.number().int(),
  today: z.string(),
  lastDeclaredAt: z.string().nullable(),
  lastDay: z.string().nullable(),
  stale: z.boolean(),
});

export const agencyScreening = z.object({
  agencyId: z.number().int(),
  today: z.string(),
  staleDays: z.number().int(),
  staff: z.array(
    z.object({
      staffId: z.number().int(),
      name: z.string(),
      position: z.string(),
      lastDeclaredAt: z.string().nullable(),
      lastDay: z.string().nullable(),
      status: z.enum(['current', 'stale', 'never']),
      openFollowUps: z.number().int(),
    }),
  ),
});

export const findingsQuery = z.object({
  kind: label(z.enum(['follow_up', 'risk_area', 'exposure']), '类别', 'kind').default('follow_up'),
  withCleared: label(z.enum(['true', 'false']), '含已处理', 'include cleared').default('false'),
});
export const findingList = z.object({ items: z.array(finding) });
export const followUpClear = z.strictObject({ note: label(text(500, { multiline: true }), '核查情况', 'what the follow-up found') });
export type CaseStatusValue = z.infer<typeof caseStatus>;
