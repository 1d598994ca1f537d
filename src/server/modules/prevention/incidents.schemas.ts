// Incidents, the desks' inbox and duty phones: request and response shapes, and the jobs'
// contracts (decision 0030). No shape here has a field for a temperature, a symptom or any other
// daily value: an incident's answer carries the trigger's category only.
import { z } from 'zod';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { pathId } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { divisionPrefix, phone as phoneField, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { RECORDED_STAGES, STAGES } from './incidents.access.ts';

export const stage = z.enum(STAGES);
export const recordedStage = z.enum(RECORDED_STAGES);
export const trigger = z.enum(['fever', 'symptom', 'exposure', 'risk_area', 'door_refusal']);

export const incidentParam = z.object({ id: label(pathId, '事件编号', 'incident id') });
export const noticeParam = z.object({ id: label(pathId, '消息编号', 'notice id') });

const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true');

const incidentFilters = {
  stage: label(stage, '阶段', 'stage').optional(),
  late: label(yesNo, '是否超时', 'late').optional(),
  agencyId: label(pathId, '机构编号', 'agency id').optional(),
  division: label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division').optional(),
  trigger: label(trigger, '触发类别', 'trigger').optional(),
};
export const incidentsQuery = z.object({ ...pageQuery, ...incidentFilters });
export const incidentsExportQuery = z.object(incidentFilters);

/** Stage → when it was recorded (ISO 8601 UTC); a stage not reached is absent. */
const stageTimes = z.object({
  detected: z.string().optional(),
  reported: z.string().optional(),
  isolated: z.string().optional(),
  diagnosed: z.string().optional(),
  treated: z.string().optional(),
  closed: z.string().optional(),
  ruled_out: z.string().optional(),
});

export const incident = z.object({
  id: z.number().int(),
  stage,
  divisionCode: z.string(),
  divisionName: z.string(),
  agencyId: z.number().int(),
  agencyName: z.string(),
  /** When the first copy of the triggering record reached the server. */
  detectedAt: z.string(),
  /** A stage deadline passed (never cleared once set). */
  late: z.boolean(),
  trigger,
  stageAt: z.string(),
  stageTimes,
  /** The next stage's deadline while the incident is open and that stage has one, else null. */
  nextStage: recordedStage.nullable(),
  nextDeadlineAt: z.string().nullable(),
  subject: z.object({
    kind: z.enum(['staff', 'visitor']),
    /** Null once erased: ended plus the trigger record's retention; a visitor's also, whatever the stage, once the visit's retention has passed (decision 0030). */
    name: z.string().nullable(),
    /** Masked (138****0001); null when none is known or once erased. */
    phone: z.string().nullable(),
    erased: z.boolean(),
  }),
  /** Context of the trigger beyond its category (a venue, a risk area), never a health value. */
  detail: z.record(z.string(), z.union([z.string(), z.number()])),
});
export const incidentPage = pageOf(incident);

export const incidentDetail = incident.extend({
  steps: z.array(z.object({ stage, at: z.string(), byName: z.string().nullable(), bySystem: z.boolean(), note: z.string().nullable() })),
  escalations: z.array(z.object({ stage: recordedStage, level: z.enum(['prefecture', 'province']), deadlineAt: z.string(), escalatedAt: z.string() })),
  /** The stages the caller may record now (empty when none): what the desk's buttons offer. */
  mayRecord: z.array(recordedStage),
});

/** A note is kept only while the subject is named: once erased, a step is recorded without it. */
export const stepCreate = z.strictObject({
  stage: label(recordedStage, '阶段', 'stage'),
  note: label(text(500, { optional: true, multiline: true }), '备注', 'note').optional(),
});

// the inbox -----------------------------------------------------------------------------------

export const inboxQuery = z.object({ ...pageQuery, unread: label(yesNo, '仅未读', 'unread only').optional() });

export const notice = z.object({
  id: z.number().int(),
  kind: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  incidentId: z.number().int().nullable(),
  incidentDivision: z.string().nullable(),
  agencyName: z.string().nullable(),
  trigger: trigger.nullable(),
  stage: stage.nullable(),
  detectedAt: z.string().nullable(),
  /** Escalations: the stage that was due, the level it reached and its deadline. */
  dueStage: recordedStage.nullable(),
  level: z.enum(['prefecture', 'province']).nullable(),
  deadlineAt: z.string().nullable(),
});
export const inboxPage = pageOf(notice).extend({ unread: z.number().int() });

// duty phones ---------------------------------------------------------------------------------

export const dutyPhone = z.object({ divisionCode: z.string(), phone: z.string().nullable(), updatedAt: z.string().nullable() });
export const dutyPhoneSet = z.strictObject({ phone: label(phoneField(), '值班手机号', 'duty phone') });

// jobs ----------------------------------------------------------------------------------------

/** Every 5 minutes: overdue stages escalate to the prefecture, twice as overdue to the province, each once. */
export const watchIncidentDeadlinesContract = defineJobContract({
  name: 'prevention.watch-incident-deadlines',
  schema: z.object({}).passthrough(),
  cron: '*/5 * * * *',
  queue: { retryLimit: 2, expireInSeconds: 240 },
});
/** Daily at 02:30 Beijing time: subjects of incidents ended longer ago than their trigger record's retention, and of visitors' incidents past the visit's retention, are erased. */
export const eraseIncidentSubjectsContract = defineJobContract({
  name: 'prevention.erase-incident-subjects',
  schema: z.object({}).passthrough(),
  cron: '30 2 * * *',
  queue: { retryLimit: 3, expireInSeconds: 600 },
});
