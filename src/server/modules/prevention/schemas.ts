// Prevention (issue 8 P3/P4, decision 0026): request and response schemas and job contracts.
// Consent and daily check-ins (the contract of issue 8: POST/DELETE /prevention/consent, GET
// /prevention/symptoms, POST /prevention/checkins), the agency's day list, settings and counts.
import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { calendarDate, code, divisionPrefix, instant, temperature as temperatureField, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { prefixOf, toFullCode } from '../../../shared/division.ts';

// consent ---------------------------------------------------------------------------------------

/**
 * The version of the consent text shown on the phone (and printed on the paper form). A new text
 * gets a new version; a consent records the version it was given to.
 */
export const CONSENT_TEXT_VERSION = '2020-02-v1';

/** The symptom checklist of the daily report (issue 8 contract), in the order the phone lists it. */
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'shortness_of_breath', 'diarrhoea'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** A calendar date `YYYY-MM-DD` that exists, in 2000–2099 (platform/fields.ts). */
const dateField = calendarDate();

/** A time of day `HH:MM` (00:00–23:59), as minutes after midnight. */
const timeOfDay = code({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'invalid_time_of_day' }).transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

const textVersion = label(z.literal(CONSENT_TEXT_VERSION, { error: 'consent_text_version_unknown' }), '同意书版本', 'consent text version');

/** The staff member's own consent: optionally the version of the text the page showed (must be the current one). */
export const consentGive = z.preprocess((v) => (v === null ? undefined : v), z.strictObject({ textVersion: textVersion.optional() }).optional());

/** A paper consent recorded by the agency's administrator for a staff member without a smartphone. */
export const paperConsentCreate = z.strictObject({
  staffId: label(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '员工编号', 'staff id'),
  textVersion,
  signedOn: label(dateField, '签署日期', 'date signed'),
  reference: label(text(200), '纸质同意书存档编号或位置', 'reference of the kept form'),
});
export const staffParam = z.object({ id: label(pathId, '员工编号', 'staff id') });

export const consentEvent = z.object({
  givenAt: z.string(),
  method: z.enum(['self', 'paper']),
  textVersion: z.string(),
  paperSignedOn: z.string().nullable(),
  paperReference: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
});
/** What the consent screen shows: the text's version, purpose and retention, and where the person stands. */
export const consentState = z.object({
  textVersion: z.string(),
  purpose: z.string(),
  text: z.string(),
  retentionDays: z.number().int(),
  cutoff: z.string(),
  /** in_force: records may be made; withdrawn: no new records until consent is given again; none: never given. */
  status: z.enum(['in_force', 'withdrawn', 'none']),
  staffId: z.number().int(),
  history: z.array(consentEvent),
});

// check-ins -------------------------------------------------------------------------------------

const clientId = label(
  code({ pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, message: 'invalid_client_id', keepDashes: true }),
  '记录编号（clientId）',
  'report id (clientId)',
);
const symptom = z.enum(SYMPTOMS, { error: 'symptom_unknown' });
/**
 * The phone's own clock: only the difference sentAt − measuredAt is used (checkins.rules.ts), so a
 * phone whose clock reset to 1970 still reports; no year bound (the server's receipt time decides).
 */
const phoneInstant = (zh: string, en: string) => label(instant({ anyYear: true }), zh, en);

/** The daily report (issue 8 contract); `staffId` only when the administrator records a paper-consent colleague's check. */
export const checkinCreate = z.strictObject({
  clientId,
  temperature: label(temperatureField(), '体温（℃）', 'temperature (°C)'),
  symptoms: label(z.array(symptom).max(SYMPTOMS.length * 2), '症状', 'symptoms'),
  measuredAt: phoneInstant('测量时间（手机时钟）', 'measured at (phone clock)').optional(),
  sentAt: phoneInstant('发送时间（手机时钟）', 'sent at (phone clock)').optional(),
  staffId: label(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '员工编号', 'staff id').optional(),
});
/** 201 (new) or 200 (the same report again): the same body. */
export const checkinResult = z.object({ id: z.number().int(), abnormal: z.boolean(), incidentId: z.number().int().optional() });

export const symptomList = z.object({ items: z.array(z.object({ code: z.enum(SYMPTOMS), zh: z.string(), en: z.string() })) });

export const checkin = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  day: z.string(),
  onTime: z.boolean(),
  receivedAt: z.string(),
  measuredAt: z.string(),
  phoneClockUnreliable: z.boolean(),
  temperature: z.number(),
  symptoms: z.array(z.enum(SYMPTOMS)),
  abnormal: z.boolean(),
  incidentId: z.number().int().nullable(),
  /** Who recorded it: the person's own account, or the administrator's for a paper record. */
  recordedBy: z.object({ accountId: z.number().int(), self: z.boolean() }),
});
export const checkinList = z.object({ staffId: z.number().int(), name: z.string(), items: z.array(checkin) });
export const checkinsQuery = z.object({
  staffId: label(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '员工编号', 'staff id').optional(),
  from: label(dateField, '开始日期', 'from').optional(),
  to: label(dateField, '结束日期', 'to').optional(),
});

// the agency's day ------------------------------------------------------------------------------

export const dayStatus = z.enum(['on_time', 'late', 'pending', 'missing', 'withdrawn', 'no_consent']);
export const dayQuery = z.object({ date: label(dateField, '日期', 'date').optional() });
export const dayList = z.object({
  date: z.string(),
  /** The agency's cut-off, Beijing time (HH:MM). */
  cutoff: z.string(),
  /** Whether the cut-off of `date` has passed on the server's clock. */
  cutoffPassed: z.boolean(),
  items: z.array(
    z.object({
      staffId: z.number().int(),
      name: z.string(),
      position: z.string(),
      status: dayStatus,
      /** The first report of the day as received by the server (ISO), null when none. */
      firstReceivedAt: z.string().nullable(),
      reports: z.number().int(),
      /** A report of the day was abnormal (fever or a symptom): no value shown here. */
      abnormal: z.boolean(),
      consentMethod: z.enum(['self', 'paper']).nullable(),
      withdrawnAt: z.string().nullable(),
    }),
  ),
  counts: z.object({ expected: z.number().int(), onTime: z.number().int(), late: z.number().int(), pending: z.number().int(), missing: z.number().int(), withdrawn: z.number().int(), noConsent: z.number().int() }),
});

export const settings = z.object({ cutoff: z.string(), default: z.boolean(), retentionDays: z.number().int() });
export const settingsUpdate = z.strictObject({ cutoff: label(timeOfDay, '打卡截止时间（北京时间）', 'check-in cut-off (Beijing time)') });

export const countsQuery = z.object({
  from: label(dateField, '开始日期', 'from'),
  to: label(dateField, '结束日期', 'to'),
  division: label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division').optional(),
});
export const dailyCounts = z.object({
  items: z.array(
    z.object({
      divisionCode: z.string(),
      agencyId: z.number().int(),
      agencyName: z.string(),
      day: z.string(),
      expected: z.number().int(),
      reported: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      abnormal: z.number().int(),
      withdrawn: z.number().int(),
    }),
  ),
});

// jobs ------------------------------------------------------------------------------------------

/** Every 5 minutes: an SMS to each staff member missing at their agency's cut-off today (consent in force), once per person and day. */
export const checkinRemindersContract = defineJobContract({ name: 'prevention.remind-checkins', schema: z.object({}).passthrough(), cron: '*/5 * * * *', queue: { retryLimit: 2, expireInSeconds: 240 } });
/** Hourly: the daily counts of today and yesterday (Beijing), upserted; what stays after the purge. */
export const dailyCountsContract = defineJobContract({ name: 'prevention.count-checkins', schema: z.object({}).passthrough(), cron: '7 * * * *', queue: { retryLimit: 3, expireInSeconds: 600 } });
/** Daily at 03:00 Beijing time: raw check-ins past their retention deleted, their days' counts kept. */
export const purgeCheckinsContract = defineJobContract({ name: 'prevention.purge-checkins', schema: z.object({}).passthrough(), cron: '0 3 * * *', queue: { retryLimit: 3, expireInSeconds: 600 } });
