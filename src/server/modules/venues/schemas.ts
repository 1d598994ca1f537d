import { z } from 'zod';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { CROCKFORD, readCode } from '../../../shared/printed-codes.ts';
import { pathId, somethingToChange } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { calendarDate, code, divisionPrefix, instant, phone as phoneField, temperature as temperatureField, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

const id = (zh: string, en: string) => label(pathId, zh, en);
export const venueParam = z.object({ id: id('场所编号', 'venue id') });
export const slotParam = z.object({ id: id('时段编号', 'slot id') });
export const bookingParam = z.object({ id: id('预约编号', 'booking id') });
export const visitParam = z.object({ id: id('来访记录编号', 'visit id') });

/** A venue code as printed, typed or scanned (K7Q2-M9XP-T4CA, lower case, O for 0): read the Crockford way. */
const venueCodeField = z
  .string()
  .max(64)
  .overwrite((v) => readCode(v) ?? v)
  .check((p) => {
    if (!readCode(p.value)) p.issues.push({ code: 'custom', message: 'invalid_venue_code', input: p.value });
  });
export const codeParam = z.object({ code: label(venueCodeField, '场所码', 'venue code') });

const bookingCode = label(
  code({ pattern: new RegExp(`^[${CROCKFORD}]{10}$`), message: 'invalid_booking_code', upper: true }),
  '预约码',
  'booking code',
);

/** A calendar date `YYYY-MM-DD` that exists, in 2000–2099 (platform/fields.ts). */
const dateField = calendarDate();

/** A time of day `HH:MM` (00:00–24:00), as minutes after midnight. */
const timeOfDay = code({ pattern: /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, message: 'invalid_time_of_day' }).transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

const divisionFilter = label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division');

// venues ------------------------------------------------------------------------------------

export const venueStatus = z.enum(['active', 'closed']);
export const hygieneKind = z.enum(['cleaning', 'ventilation', 'disinfection']);

const venueFields = {
  name: label(text(100), '场所名称', 'venue name'),
  address: label(text(200), '地址', 'address'),
  areaM2: label(z.number().min(1).max(1_000_000), '面积（平方米）', 'area (m²)'),
  m2PerPerson: label(z.number().min(1).max(100), '每人面积（平方米）', 'area per person (m²)'),
  dwellLimitMinutes: label(z.number().int().min(5).max(720), '停留时限（分钟）', 'stay limit (minutes)'),
  slotMinutes: label(z.number().int().min(5).max(480), '预约时段长度（分钟）', 'slot length (minutes)'),
  hygieneFrom: label(timeOfDay, '消杀时段开始', 'hygiene window start'),
  hygieneTo: label(timeOfDay, '消杀时段结束', 'hygiene window end'),
  cleaningPerDay: label(z.number().int().min(0).max(12), '每日清洁次数', 'cleanings per day'),
  ventilationPerDay: label(z.number().int().min(0).max(12), '每日通风次数', 'ventilations per day'),
  disinfectionPerDay: label(z.number().int().min(0).max(12), '每日消毒次数', 'disinfections per day'),
};

const windowOrder = (v: { hygieneFrom?: number | undefined; hygieneTo?: number | undefined }) => v.hygieneFrom === undefined || v.hygieneTo === undefined || v.hygieneFrom < v.hygieneTo;

export const venueCreate = z
  .strictObject({
    name: venueFields.name,
    address: venueFields.address,
    areaM2: venueFields.areaM2,
    m2PerPerson: venueFields.m2PerPerson.optional(),
    dwellLimitMinutes: venueFields.dwellLimitMinutes.optional(),
    slotMinutes: venueFields.slotMinutes.optional(),
    hygieneFrom: venueFields.hygieneFrom.optional(),
    hygieneTo: venueFields.hygieneTo.optional(),
    cleaningPerDay: venueFields.cleaningPerDay.optional(),
    ventilationPerDay: venueFields.ventilationPerDay.optional(),
    disinfectionPerDay: venueFields.disinfectionPerDay.optional(),
  })
  .refine(windowOrder, { message: 'hygiene_window_order', path: ['hygieneFrom'] });

export const venueUpdate = somethingToChange(
  z.strictObject({ ...venueFields, status: label(venueStatus, '状态', 'status') }).partial(),
).refine(windowOrder, { message: 'hygiene_window_order', path: ['hygieneFrom'] });

export const venuesQuery = z.object({
  ...pageQuery,
  division: divisionFilter.optional(),
  status: label(venueStatus, '状态', 'status').optional(),
});

export const venue = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  agencyName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  name: z.string(),
  address: z.string(),
  areaM2: z.number(),
  m2PerPerson: z.number(),
  capacity: z.number().int(),
  dwellLimitMinutes: z.number().int(),
  slotMinutes: z.number().int(),
  hygiene: z.object({ from: z.string(), to: z.string(), cleaningPerDay: z.number().int(), ventilationPerDay: z.number().int(), disinfectionPerDay: z.number().int() }),
  code: z.string(),
  codeGrouped: z.string(),
  /** The URL its QR code holds; null while no public base URL is configured. */
  qrUrl: z.string().nullable(),
  status: venueStatus,
  /** People inside now (today's open visits) and the Beijing day that is today. */
  today: z.string(),
  inside: z.number().int(),
  missedHygieneToday: z.number().int(),
  createdAt: z.string(),
});
export const venuePage = pageOf(venue);

export const venueQr = z.object({ code: z.string(), codeGrouped: z.string(), url: z.string(), venueName: z.string() });

// hygiene -----------------------------------------------------------------------------------

export const hygieneQuery = z.object({ date: label(dateField, '日期', 'date').optional() });
export const hygieneLogCreate = z.strictObject({ kind: label(hygieneKind, '类别', 'kind'), note: label(text(200, { optional: true }), '备注', 'note').default('') });

const hygieneLog = z.object({ id: z.number().int(), kind: hygieneKind, day: z.string(), doneAt: z.string(), note: z.string(), slot: z.number().int().nullable() });
export const hygieneLogResult = hygieneLog;
export const hygieneDay = z.object({
  venueId: z.number().int(),
  day: z.string(),
  slots: z.array(z.object({ kind: hygieneKind, slot: z.number().int(), from: z.string(), to: z.string(), status: z.enum(['done', 'missed', 'due', 'upcoming']), doneAt: z.string().nullable() })),
  logs: z.array(hygieneLog),
});

// entry checks and visits -------------------------------------------------------------------

export const visitorType = z.enum(['staff', 'employer', 'seeker']);
const visitorName = label(text(50), '姓名', 'name');
const visitorPhone = label(phoneField(), '手机号', 'phone');

export const entryCheckCreate = z.strictObject({
  visitorType: label(visitorType, '来访者类别', 'visitor type'),
  name: visitorName,
  phone: visitorPhone.optional(),
  mask: label(z.boolean(), '佩戴口罩', 'wearing a mask'),
  temperature: label(temperatureField(), '体温（℃）', 'temperature (°C)'),
  bookingCode: bookingCode.optional(),
});

export const visit = z.object({
  id: z.number().int(),
  venueId: z.number().int(),
  day: z.string(),
  visitorType,
  name: z.string(),
  /** Masked in lists (138****0001); whole in one record's read. */
  phone: z.string().nullable(),
  source: z.enum(['desk', 'qr']),
  bookingId: z.number().int().nullable(),
  /** The door check: null when the person self-registered and was not checked at the door. */
  mask: z.boolean().nullable(),
  outcome: z.enum(['admitted', 'refused']),
  refusalReasons: z.array(z.enum(['no_mask', 'fever'])),
  arrivedAt: z.string(),
  checkedOutAt: z.string().nullable(),
  closeReason: z.enum(['checkout', 'desk', 'auto']).nullable(),
  overstay: z.boolean(),
  incidentId: z.number().int().nullable(),
});
export const visitPage = pageOf(visit);
/** One record as the agency reads it (audited): the temperature measured at the door too. */
export const visitDetail = visit.extend({ temperature: z.number().nullable() });
export const entryCheckResult = visitDetail.extend({ inside: z.number().int(), capacity: z.number().int() });
export const visitsQuery = z.object({ ...pageQuery, date: label(dateField, '日期', 'date').optional() });
export const checkOutResult = z.object({ visitId: z.number().int(), checkedOutAt: z.string(), inside: z.number().int() });

export const countsQuery = z.object({ from: label(dateField, '开始日期', 'from'), to: label(dateField, '结束日期', 'to') });
const byOutcome = z.object({ admitted: z.number().int(), refused: z.number().int() });
export const venueCounts = z.object({
  venueId: z.number().int(),
  days: z.array(
    z.object({
      day: z.string(),
      admitted: z.number().int(),
      refused: z.number().int(),
      byType: z.object({ staff: byOutcome, employer: byOutcome, seeker: byOutcome }),
      /** From the visits still kept (null once they are purged): auto-closed visits left out of the figures. */
      dwell: z.object({ closed: z.number().int(), autoClosed: z.number().int(), averageMinutes: z.number().int().nullable(), longestMinutes: z.number().int().nullable() }).nullable(),
    }),
  ),
});

// the QR page (anonymous) -------------------------------------------------------------------

/** Version of the visitor notice the QR page shows (purpose, retention) and a registration accepts. */
export const VISITOR_CONSENT_VERSION = 'visitor-2020-02';

export const publicVenue = z.object({
  code: z.string(),
  /** `withdrawn`: the code was replaced; the page says so and names no venue. */
  status: z.enum(['active', 'closed', 'withdrawn']),
  name: z.string().nullable(),
  address: z.string().nullable(),
  capacity: z.number().int().nullable(),
  inside: z.number().int().nullable(),
  dwellLimitMinutes: z.number().int().nullable(),
  /** Days visitor records are kept: the purge job applies this same figure. */
  retentionDays: z.number().int(),
  consentVersion: z.string(),
});

export const selfRegistration = z.strictObject({
  name: visitorName,
  phone: visitorPhone,
  visitorType: label(visitorType, '来访者类别', 'visitor type').default('seeker'),
  consent: label(z.literal(true, { error: 'consent_needed' }), '同意个人信息处理说明', 'consent to the notice'),
});
export const registrationResult = z.object({
  visitId: z.number().int(),
  venueName: z.string(),
  /** Kept by the phone to check itself out: shown once. */
  token: z.string(),
  arrivedAt: z.string(),
  inside: z.number().int(),
  capacity: z.number().int(),
  dwellLimitMinutes: z.number().int(),
});
export const selfCheckOut = z.strictObject({ token: label(z.string().min(1).max(200), '签退凭证', 'check-out token') });

// slots and bookings ------------------------------------------------------------------------

export const slotsQuery = z.object({ date: label(dateField, '日期', 'date').optional() });
export const slotCreate = z.strictObject({
  startsAt: label(instant(), '开始时间', 'start'),
  minutes: label(z.number().int().min(5).max(480), '时长（分钟）', 'length (minutes)').optional(),
  capacity: label(z.number().int().min(1).max(100_000), '名额', 'places'),
});
export const slot = z.object({
  id: z.number().int(),
  venueId: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  /** Places taken and free, counted from the bookings themselves. */
  booked: z.number().int(),
  free: z.number().int(),
  full: z.boolean(),
});
export const slotList = z.object({ venueId: z.number().int(), day: z.string(), items: z.array(slot) });

export const bookingCreate = z.strictObject({
  name: visitorName.optional(),
  phone: visitorPhone.optional(),
  visitorType: label(z.enum(['seeker', 'employer']), '来访者类别', 'visitor type').optional(),
});
export const booking = z.object({
  id: z.number().int(),
  slotId: z.number().int(),
  venueId: z.number().int(),
  venueName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  visitorType: z.enum(['seeker', 'employer']),
  source: z.enum(['self', 'desk']),
  status: z.enum(['active', 'cancelled']),
  /** Shown as a QR code at the door. */
  code: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export const bookingList = z.object({ items: z.array(booking) });
export const bookingPage = pageOf(booking);
export const myBookingsQuery = z.object({ ...pageQuery });

// jobs --------------------------------------------------------------------------------------

/** Every 10 minutes: flags hygiene slots that ended with no log (today and yesterday, Beijing time), each once. */
export const flagMissedHygieneContract = defineJobContract({ name: 'venues.flag-missed-hygiene', schema: z.object({}).passthrough(), cron: '*/10 * * * *', queue: { retryLimit: 2, expireInSeconds: 300 } });
/** Every minute: one alert per open visit past its venue's stay limit. */
export const watchDwellContract = defineJobContract({ name: 'venues.watch-dwell', schema: z.object({}).passthrough(), cron: '* * * * *', queue: { retryLimit: 2, expireInSeconds: 120 } });
/** Every 10 minutes (and so the first run after a restart): closes visits left open from earlier Beijing days. */
export const closeOpenVisitsContract = defineJobContract({ name: 'venues.close-open-visits', schema: z.object({}).passthrough(), cron: '*/10 * * * *', queue: { retryLimit: 2, expireInSeconds: 300 } });
/** Daily at 02:00 Beijing time: deletes visitor records and bookings past their retention; counts per day stay. */
export const purgeVisitorsContract = defineJobContract({ name: 'venues.purge-visitors', schema: z.object({}).passthrough(), cron: '0 2 * * *', queue: { retryLimit: 3, expireInSeconds: 600 } });
