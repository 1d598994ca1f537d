// Resumption plans (issue 13 M2, decision 0050): request and response schemas.
import { z } from 'zod';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { pathId } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { calendarDate, code, divisionCode, divisionPrefix, phone, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

export const planParam = z.object({ id: label(pathId, '复工计划编号', 'plan id') });
export const lineParam = z.object({ id: label(pathId, '复工计划编号', 'plan id'), lineId: label(pathId, '用工需求编号', 'demand line id') });
export const shareParam = z.object({ id: label(pathId, '共享编号', 'share id') });

const headcount = (zh: string, en: string, min = 0) => label(z.number().int().min(min).max(100_000), zh, en);
const occupationCode = label(code({ pattern: /^\d(-\d{2}){0,3}$/, message: 'invalid_occupation_code', keepDashes: true }), '职业', 'occupation');

/** The most demand lines a plan holds (one per occupation). */
export const MAX_DEMAND_LINES = 50;

export const planPut = z.strictObject({
  resumeOn: label(calendarDate(), '复工日期', 'resumption day'),
  staffOnPost: headcount('在岗人数', 'staff on post'),
  staffAway: headcount('未返岗人数', 'staff away'),
  staffIsolated: headcount('隔离观察人数', 'staff isolated'),
  contactName: label(text(50), '联系人', 'contact person'),
  contactPhone: label(phone(), '联系电话', 'contact phone'),
  note: label(text(500, { multiline: true, optional: true }), '备注', 'note').nullable().optional(),
  demand: label(z.array(z.strictObject({ occupationCode, headcount: headcount('需求人数', 'headcount', 1) })).max(MAX_DEMAND_LINES), '用工需求', 'labour demand'),
});

const demandLine = z.object({
  id: z.number().int(),
  occupationCode: z.string(),
  occupationName: z.string(),
  headcount: z.number().int(),
  postingId: z.number().int().nullable(),
});

export const planSummary = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  divisionName: z.string(),
  employerId: z.number().int(),
  employerName: z.string(),
  resumeOn: z.string(),
  staffOnPost: z.number().int(),
  staffAway: z.number().int(),
  staffIsolated: z.number().int(),
  contactName: z.string(),
  contactPhone: z.string().describe('masked for bureaus, whole for the employer itself'),
  note: z.string().nullable(),
  demandTotal: z.number().int(),
  returnees: z.number().int(),
  needingTransport: z.number().int(),
  updatedAt: z.string(),
});
export const plan = planSummary.extend({ demand: z.array(demandLine) });
export const planPage = pageOf(planSummary);

const divisionFilter = label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division');
export const plansQuery = z.object({ ...pageQuery, division: divisionFilter.optional() });
export const divisionQuery = z.object({ division: divisionFilter.optional() });

export const returnee = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumber: z.string().describe('masked'),
  phone: z.string().describe('masked'),
  originDivision: z.string(),
  originName: z.string(),
  originInProvince: z.boolean(),
  travelOn: z.string(),
  needsTransport: z.boolean(),
});
export const returneeList = z.object({ items: z.array(returnee) });
export const importResult = z.object({ imported: z.number().int(), needingTransport: z.number().int(), replaced: z.number().int() });

export const postingFromLine = z.strictObject({
  publish: label(z.boolean(), '立即发布', 'publish at once').default(false),
});
export const postingMade = z.object({ postingId: z.number().int(), status: z.string() });

export const demandRow = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  demand: z.number().int().describe('headcount asked by the plans'),
  plans: z.number().int(),
  seekers: z.number().int().describe('registered job seekers wanting the occupation, registration valid today'),
  ratio: z.number().nullable().describe('demand ÷ seekers (求人倍率), two decimals; null when no seeker'),
});
export const demandTable = z.object({ items: z.array(demandRow) });

export const transportGroup = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  originDivision: z.string(),
  originName: z.string(),
  originInProvince: z.boolean(),
  travelOn: z.string(),
  workers: z.number().int(),
  plans: z.number().int(),
  shareId: z.number().int().nullable(),
  shared: z.boolean().describe('the origin county bureau holds a live grant on this destination\'s list'),
});
export const transportBoard = z.object({ items: z.array(transportGroup) });

export const transportQuery = z.object({
  division: divisionFilter.optional(),
  origin: label(divisionCode(), '始发县', 'origin county').optional(),
  travelOn: label(calendarDate(), '出行日期', 'travel day').optional(),
});

export const waitingWorker = returnee.extend({
  divisionCode: z.string(),
  divisionName: z.string(),
  employerName: z.string(),
  contactName: z.string(),
  contactPhone: z.string().describe('masked'),
});
export const waitingList = z.object({ items: z.array(waitingWorker) });

export const shareCreate = z.strictObject({
  originDivision: label(divisionCode(), '始发县', 'origin county'),
  divisionCode: label(divisionCode(), '目的地县', 'destination county').optional(),
});
export const shareMade = z.object({ shareId: z.number().int(), grantId: z.number().int().nullable(), divisionCode: z.string(), originDivision: z.string() });
export const shareEnded = z.object({ ended: z.boolean() });
