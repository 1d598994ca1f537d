// Job alerts' contract (issue 12, decision 0047): the seeker's subscription, their digests, the
// WeChat authorisation, and the jobs (the daily digest; the SMS replies read from the dev file).
import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';
import { wholeNumber } from '../../platform/fields.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { label } from '../../platform/labels.ts';
import { REASON_CODES } from '../matching/service.ts';

/** How alerts reach a seeker: SMS, in the app, WeChat (once bound). */
export const CHANNELS = ['sms', 'in_app', 'wechat'] as const;
export type Channel = (typeof CHANNELS)[number];

const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'alerts_time_format' });

export const quietHours = z.strictObject({
  /** The start, HH:MM Beijing time (21:00). */
  start: label(clockTime, '免打扰开始时间', 'quiet hours start'),
  /** The end, HH:MM Beijing time (08:00); before the start: over midnight. */
  end: label(clockTime, '免打扰结束时间', 'quiet hours end'),
});

export const subscriptionPut = z.strictObject({
  /** Alerts on (true) or off (false). */
  active: label(z.boolean(), '开启职位提醒', 'alerts on'),
  /** One or more of sms, in_app, wechat (wechat only once bound: GET /alerts/wechat/authorize); at least one when active. */
  channels: label(z.array(label(z.enum(CHANNELS), '提醒方式', 'channel')).max(CHANNELS.length), '提醒方式', 'channels'),
  /** Nothing is delivered inside them (Beijing time); a message falls due at their end. null: none. */
  quietHours: label(quietHours.nullable(), '免打扰时段', 'quiet hours'),
});

export const subscription = z.object({
  /** Whether the seeker has saved a subscription (else the defaults are shown, off). */
  subscribed: z.boolean(),
  active: z.boolean(),
  channels: z.array(z.enum(CHANNELS)),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  wechat: z.object({ bound: z.boolean(), boundAt: z.string().nullable() }),
  /** The seeker's automated recommendations (seekers.recommendations; PIPL art. 24): off, no digest is computed for them, whatever the subscription says. */
  recommendations: z.boolean(),
  /** Whether the daily digest is computed for this seeker now: active, recommendations on, a channel chosen. */
  digestsComputed: z.boolean(),
  /** What that means, in the caller's language. */
  note: z.string(),
  unsubscribedAt: z.string().nullable(),
  /** How the last unsubscribe came: api (this page), link (the signed link), sms_reply (TD). */
  unsubscribedVia: z.enum(['api', 'link', 'sms_reply']).nullable(),
});

export const digestsQuery = z.object({ limit: label(wholeNumber(1, 50), '每页条数', 'page size').default(20), cursor: pageQuery.cursor });

const reason = z.object({ code: z.enum(REASON_CODES), text: z.string() });

export const digest = z.object({
  id: z.number().int(),
  /** The Beijing day whose new postings it lists. */
  day: z.string(),
  createdAt: z.string(),
  items: z.array(
    z.object({
      /** The posting's id, and its public page /m/jobs/{publicCode}. */
      postingId: z.number().int(),
      publicCode: z.string(),
      title: z.string(),
      employerName: z.string(),
      divisionCode: z.string(),
      salaryMin: z.number().nullable(),
      salaryMax: z.number().nullable(),
      salaryUnit: z.string().nullable(),
      score: z.number().min(0).max(1),
      reasons: z.array(reason),
    }),
  ),
});

export const digestPage = z.object({ items: z.array(digest), next: z.string().nullable() });

export const wechatAuthorize = z.object({
  /** Where to send the phone (inside WeChat): the official account's web authorisation; it comes back to the callback. */
  url: z.string(),
  /** simulated: no official account is configured (dev, tests): the address is the callback itself. */
  mode: z.enum(['simulated', 'wechat']),
});

export const wechatCallbackQuery = z.object({
  code: label(z.string().max(200), '授权码', 'authorisation code'),
  state: label(z.string().max(200), '授权状态', 'state'),
});

/** Every day at 07:30 Beijing time: the digest of yesterday's new postings (quiet hours end at 08:00 by default). */
export const digestContract = defineJobContract({
  name: 'alerts.send-digest',
  schema: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).passthrough(),
  cron: '30 7 * * *',
  queue: { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
});

/** Every minute: the SMS replies the dev adapter's file gained (TD unsubscribes). */
export const readRepliesContract = defineJobContract({
  name: 'alerts.read-replies',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  queue: { retryLimit: 1, expireInSeconds: 120 },
});
