import { z } from 'zod';
import { pathId, somethingToChange } from '../../http/bodies.ts';
import { calendarDate, divisionPrefix, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

export const agencyParam = z.object({ agencyId: label(pathId, '机构编号', 'agency id') });
export const stockParam = z.object({ agencyId: label(pathId, '机构编号', 'agency id'), itemId: label(pathId, '物资编号', 'item id') });
export const sessionParam = z.object({ agencyId: label(pathId, '机构编号', 'agency id'), sessionId: label(pathId, '培训记录编号', 'session id') });

/** The checklist of measures a plan ticks (防控工作方案). The desk shows each in its language. */
export const MEASURES = [
  'responsible_person', // 明确防控责任人
  'entry_checks', // 入口体温检测、登记
  'masks', // 工作人员和来访者佩戴口罩
  'disinfection', // 场所每日消毒
  'ventilation', // 定时通风
  'daily_health_checks', // 员工每日健康监测
  'appointments', // 预约分时段服务、限流
  'distancing', // 保持间距、控制密度和停留时间
  'online_services', // 网上办理、不见面服务
  'isolation_point', // 设置临时观察点
  'emergency_response', // 发现异常的应急处置和报告流程
  'staff_education', // 员工防控知识宣传教育
] as const;
export const measure = z.enum(MEASURES);

export const stockKind = z.enum(['mask', 'thermometer', 'disinfectant', 'gloves', 'goggles', 'protective_suit', 'hand_sanitiser', 'other']);

/** A calendar date `YYYY-MM-DD` that exists, in 2000–2099 (platform/fields.ts). */
const dateField = calendarDate();

export const planPut = z.strictObject({
  measures: label(z.array(measure).max(MEASURES.length), '防控措施', 'measures'),
  measuresText: label(text(4000, { multiline: true, optional: true }), '其他措施说明', 'other measures').default(''),
  responsibleName: label(text(50), '防控责任人', 'responsible person'),
  responsiblePosition: label(text(50, { optional: true }), '责任人职务', 'their position').default(''),
  responsibleStaffId: label(z.number().int().positive().max(Number.MAX_SAFE_INTEGER), '责任人（花名册）', 'responsible person (roster)').nullable().optional(),
});

const count = (zh: string, en: string) => label(z.number().int().min(0).max(100_000_000), zh, en);
export const stockCreate = z.strictObject({
  kind: label(stockKind, '物资类别', 'kind'),
  name: label(text(50), '物资名称', 'item'),
  unit: label(text(10, { optional: true }), '单位', 'unit').default(''),
  quantity: count('现有数量', 'quantity on hand'),
  minimum: count('最低储备', 'minimum level'),
});
export const stockUpdate = somethingToChange(
  z.strictObject({
    kind: label(stockKind, '物资类别', 'kind').optional(),
    name: label(text(50), '物资名称', 'item').optional(),
    unit: label(text(10, { optional: true }), '单位', 'unit').optional(),
    quantity: count('现有数量', 'quantity on hand').optional(),
    minimum: count('最低储备', 'minimum level').optional(),
  }),
);

export const sessionCreate = z.strictObject({
  heldOn: label(dateField, '培训日期', 'date'),
  topic: label(text(100), '主题', 'topic'),
  note: label(text(1000, { multiline: true, optional: true }), '内容摘要', 'summary').default(''),
  attendees: label(z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(2000), '参加人员', 'attendees'),
});

export const stockItem = z.object({
  id: z.number().int(),
  kind: stockKind,
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  minimum: z.number().int(),
  /** Quantity below the minimum: a low-stock warning on the agency's and the bureau's desks. */
  low: z.boolean(),
  updatedAt: z.string(),
});

export const educationSession = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  topic: z.string(),
  note: z.string(),
  attendees: z.array(z.object({ staffId: z.number().int(), name: z.string() })),
  createdAt: z.string(),
});

export const plan = z.object({
  agencyId: z.number().int(),
  agencyName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  hasPlan: z.boolean(),
  measures: z.array(measure),
  measuresText: z.string(),
  responsibleName: z.string().nullable(),
  responsiblePosition: z.string().nullable(),
  responsibleStaffId: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  stock: z.array(stockItem),
  lowStockItems: z.number().int(),
  education: z.array(educationSession),
});

export const plansQuery = z.object({ division: label(divisionPrefix(), '行政区划', 'division').optional() });

export const planFigures = z.object({
  items: z.array(
    z.object({
      divisionCode: z.string(),
      agencyId: z.number().int(),
      agencyName: z.string(),
      hasPlan: z.boolean(),
      responsibleName: z.string().nullable(),
      responsiblePosition: z.string().nullable(),
      planUpdatedAt: z.string().nullable(),
      stockItems: z.number().int(),
      lowStockItems: z.number().int(),
      lowStock: z.array(z.object({ name: z.string(), kind: z.string(), quantity: z.number().int(), minimum: z.number().int(), unit: z.string() })),
      educationSessions: z.number().int(),
      lastEducationOn: z.string().nullable(),
    }),
  ),
});
