// Configuration: the environment is parsed once, here, at boot. Nothing else reads process.env.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === '1' || v === 'true' || v === 'yes'));

/** Digest scoring threads when YUNQIAO_DIGEST_THREADS is not set: every core, at most 4 (decision 0047). */
const DIGEST_THREADS_DEFAULT = Math.max(1, Math.min(4, availableParallelism()));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Listen address; unset: all addresses, or loopback only while demo accounts with the published password exist. */
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  /** Owner connection for migrations; defaults to DATABASE_URL. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  YUNQIAO_DATA_DIR: z.string().default('var'),
  /** Running as root only: where PostgreSQL's binaries and cluster go when the postgres user cannot reach the checkout. */
  YUNQIAO_PG_HOME: z.string().min(1).default('/var/lib/yunqiao'),
  /** Demo data on first start; default on, off when NODE_ENV=production. */
  YUNQIAO_DEMO: z.enum(['0', '1', 'true', 'false', 'yes', 'no']).optional(),
  /** 32-byte key (hex or base64) for field encryption; generated into the data directory when unset. */
  YUNQIAO_SECRET_KEY: z.string().min(32).optional(),
  YUNQIAO_OUTBOX_FILE: z.string().optional(),
  /**
   * Where the reference tables and their manifest (editions.json) are read from; default the
   * shipped data/reference. A deployment that keeps newer editions of its own points here.
   */
  YUNQIAO_REFERENCE_DIR: z.string().min(1).optional(),
  /** The prevention desk's map outlines (GeoJSON; decision 0031): a deployment's approved map instead of the shipped one. */
  YUNQIAO_DESK_MAP: z.string().min(1).optional(),
  /** Secure cookies: on when the platform is served over TLS (directly or behind a proxy). */
  YUNQIAO_SECURE_COOKIES: flag(false),
  /** With NODE_ENV=production: the deployment knowingly serves plain HTTP (no TLS anywhere), so cookies cannot be Secure. */
  YUNQIAO_NO_TLS: flag(false),
  /**
   * Proxies whose X-Forwarded-For is believed: a number of hops (1 behind one nginx), or a
   * comma-separated list of addresses/CIDRs. Never "all": a client could then name any address
   * and slip past per-address limits and audit.
   */
  YUNQIAO_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): number | string[] | false => {
      if (v === undefined || v === '' || v === '0' || v === 'false' || v === 'no') return false;
      if (/^[1-9][0-9]?$/.test(v)) return Number(v);
      const list = v.split(',').map((x) => x.trim()).filter(Boolean);
      if (list.length && list.every((x) => /^[0-9a-fA-F:.]+(\/[0-9]{1,3})?$/.test(x))) return list;
      ctx.addIssue({ code: 'custom', message: 'a number of proxy hops (1, 2, …) or a comma-separated list of proxy addresses, not "true" or "all"' });
      return z.NEVER;
    }),
  YUNQIAO_WORKERS: flag(true),
  /** Bearer token a Prometheus scraper presents at /metrics; unset: only loopback clients may scrape. */
  YUNQIAO_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** The province this deployment serves (GB/T 2260 six-digit code of a province). */
  YUNQIAO_PROVINCE: z.string().regex(/^\d{2}0000$/, 'a six-digit province code such as 530000').default('530000'),
  /** Hash for new audit rows (digest of personal fields, chain links): SHA-256 or SM3 (GB/T 32905, 国密). */
  YUNQIAO_AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  /** `relaxed` raises every rate limit a thousandfold (tests, benchmarks, the fuzzer); `default` keeps them. */
  YUNQIAO_LIMITS: z.enum(['default', 'relaxed']).default('default'),
  /** Sign-in attempts (password and SMS code) per client address (IPv4, IPv6 /64 and /48) per 15 minutes. */
  YUNQIAO_SIGN_IN_PER_ADDRESS: z.coerce.number().int().min(100, 'at least 100 (a county shares one address)').default(100),
  /**
   * Password checks (argon2 verifications, ≈ 8.5 ms of CPU each) a process starts per second, with a
   * burst of the verifier queue's size; beyond it a sign-in is answered 503 at once. 20 a second is
   * a sixth of one core, and far above a province's password sign-ins (staff sign in by SMS code).
   */
  YUNQIAO_PASSWORD_CHECKS_PER_SECOND: z.coerce.number().int().min(1).default(20),
  /** SMS code requests per client address per hour. */
  YUNQIAO_SMS_CODES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  /** SMS codes per phone number per day (Asia/Shanghai). */
  YUNQIAO_SMS_PER_PHONE_DAY: z.coerce.number().int().min(1).default(10),
  /** SMS a day per purpose, `purpose=n` comma-separated; reaching it raises an alert on the province's desk. */
  YUNQIAO_SMS_DAILY_BUDGET: z
    .string()
    .default('login_code=5000,password_reset_code=1000,register_code=2000')
    .transform((v, ctx): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = /^([a-z_]+)=([1-9][0-9]*)$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: 'purpose=count pairs, comma-separated, e.g. login_code=5000' });
          return z.NEVER;
        }
        out[m[1] as string] = Number(m[2]);
      }
      return out;
    }),
  /** Anonymous writes other than sign-in (public forms) per client address per 15 minutes. */
  YUNQIAO_ANONYMOUS_WRITES_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  /** QR self-registrations at venues (POST /prevention/venue-codes/{code}/visits) per client address per 10 minutes (decision 0028). */
  YUNQIAO_VENUE_REGISTRATIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(5),
  /** Public reads (search, job pages, feeds) per client address per minute, per instance (in memory). */
  YUNQIAO_PUBLIC_READS_PER_ADDRESS: z.coerce.number().int().min(1).default(600),
  /** The daily check-in's default cut-off, HH:MM Asia/Shanghai (an agency may set its own): reports measured before it are on time. */
  YUNQIAO_CHECKIN_CUTOFF: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day HH:MM such as 10:00')
    .default('10:00')
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5))),
  /** Days raw daily check-ins are kept (daily counts stay); PIPL art. 19: no longer than the purpose needs. */
  YUNQIAO_CHECKIN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Minutes each incident stage may take after the one before, `stage=minutes` comma-separated
   * (0: no deadline). Overdue escalates to the prefecture's desk, twice as long to the province's.
   */
  YUNQIAO_INCIDENT_DEADLINES: z
    .string()
    .default('reported=120,isolated=240,diagnosed=1440,treated=4320')
    .transform((v, ctx): Partial<Record<IncidentDeadlineStage, number>> => {
      const out: Partial<Record<IncidentDeadlineStage, number>> = {};
      for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
        const m = /^(reported|isolated|diagnosed|treated|closed)=([0-9]{1,6})$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: 'stage=minutes pairs (stages reported, isolated, diagnosed, treated, closed), e.g. reported=120' });
          return z.NEVER;
        }
        if (Number(m[2]) > 0) out[m[1] as IncidentDeadlineStage] = Number(m[2]);
      }
      return out;
    }),
  /**
   * The address printed on posters (venue QR codes, docs/urls.md): https and a domain name the
   * province keeps, no IP address, port or path. Unset: nothing can be printed.
   */
  YUNQIAO_PUBLIC_BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): string | null => {
      if (!v) return null;
      const m = /^https:\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)\/?$/i.exec(v);
      if (!m || /^[0-9.]+$/.test(m[1] as string)) {
        ctx.addIssue({ code: 'custom', message: 'https:// and a domain name only (no IP address, port or path), e.g. https://yq.hrss.yn.gov.cn' });
        return z.NEVER;
      }
      return `https://${(m[1] as string).toLowerCase()}`;
    }),
  /**
   * Who processes job seekers' information and how to reach them, as the notice shown at sign-up
   * names them (PIPL art. 17: the handler's name and contact). Unset: the notice says this is a
   * demonstration whose operator has not been configured.
   */
  YUNQIAO_OPERATOR_NAME: z.string().trim().max(100).optional().transform((v) => v || null),
  YUNQIAO_OPERATOR_CONTACT: z.string().trim().max(200).optional().transform((v) => v || null),
  /**
   * Job search (decision 0042): up to this many matches (the planner's estimate), relevance ranks
   * every match (and when the words alone are in at most 20 times as many); above it, it walks the
   * relevance tiers newest first. Ranking costs about 10–30 µs a match on this machine kind, the
   * documents read from TOAST (`npm run bench -- search`).
   */
  YUNQIAO_SEARCH_RANK_ALL_MAX: z.coerce.number().int().min(0).max(10_000_000).default(1000),
  YUNQIAO_DIGEST_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** Days after which a staff member's screening declaration is stale and they are listed to declare again (P2). */
  YUNQIAO_SCREENING_STALE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Days a venue's visitor records are kept after the day of the visit (P6; the QR page states it). */
  YUNQIAO_VISITOR_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(28),
  /** Square metres per person a new venue's capacity is computed with (P7). */
  YUNQIAO_VENUE_M2_PER_PERSON: z.coerce.number().min(1).max(100).default(4),
  /** The least square metres per person any venue may be given (P7): a venue's own density may be stricter, never looser. */
  YUNQIAO_VENUE_MIN_M2_PER_PERSON: z.coerce.number().min(1).max(100).default(4),
  /** Minutes a visitor may stay before one alert is raised, for new venues (P7). */
  YUNQIAO_VENUE_DWELL_MINUTES: z.coerce.number().int().min(5).max(720).default(30),
  /** Length of a bookable time slot in minutes, for new venues (P7). */
  YUNQIAO_SLOT_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
  /**
   * The WeChat official account (服务号) job alerts are sent from (decision 0047): its AppID and
   * AppSecret, both or neither. Unset: WeChat is simulated — the web authorisation answers at once
   * with an openid made from the code, and messages go to the outbox file like every other.
   */
  YUNQIAO_WECHAT_APP_ID: z.string().trim().regex(/^wx[0-9a-f]{16}$/, 'an official account AppID such as wx1234567890abcdef').optional(),
  YUNQIAO_WECHAT_APP_SECRET: z.string().trim().min(16).optional(),
  /** The template message (模板消息) the digest is sent as; its fields are first, keyword1 (count), keyword2 (day), remark. */
  YUNQIAO_WECHAT_TEMPLATE_ID: z.string().trim().min(1).optional(),
  /** WeChat's API and authorisation hosts (a test points them at a stand-in on loopback). */
  YUNQIAO_WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  YUNQIAO_WECHAT_AUTHORIZE_BASE: z.string().url().default('https://open.weixin.qq.com'),
  /**
   * SMS through a real provider (decision 0052): `aliyun` — Alibaba Cloud's SMS service — with the
   * AccessKey, the approved signature (短信签名) and YUNQIAO_SMS_TEMPLATES, a JSON object mapping each
   * message template to the provider's template code. Unset: SMS are simulated (the outbox file).
   */
  YUNQIAO_SMS_PROVIDER: z.enum(['aliyun']).optional(),
  YUNQIAO_SMS_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  YUNQIAO_SMS_ACCESS_KEY_SECRET: z.string().trim().min(1).optional(),
  YUNQIAO_SMS_SIGN_NAME: z.string().trim().min(1).optional(),
  YUNQIAO_SMS_TEMPLATES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        const o = JSON.parse(v) as unknown;
        const ok = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().trim().min(1)).safeParse(o);
        if (ok.success) return ok.data;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'a JSON object of our template names to the provider\'s template codes, e.g. {"login_code":"SMS_123456789"}' });
      return z.NEVER;
    }),
  /** The provider's API host (a test points it at a stand-in on loopback). */
  YUNQIAO_SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com'),
  /** Replies to SMS (上行短信) in dev: one JSON line per message ({ id?, phone, text, at? }), read by the alerts job every minute. */
  YUNQIAO_SMS_INBOUND_FILE: z.string().optional(),
  /** The shared secret an SMS provider signs its reply webhook with (POST /hooks/sms/inbound); unset: the webhook answers 404. */
  YUNQIAO_SMS_INBOUND_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** The console's language (POSIX locale variables, first set wins): English for en_*, else Chinese. */
  LC_ALL: z.string().optional(),
  LC_MESSAGES: z.string().optional(),
  LANG: z.string().optional(),
});

export type Config = {
  port: number;
  /** Listen address; null: decided at start (loopback while published demo logins exist). */
  host: string | null;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  /** Root only: home of copied PostgreSQL binaries and of clusters the postgres user could not reach otherwise (decision 0004). */
  pgHome: string;
  demo: boolean;
  secretKey: string | undefined;
  outboxFile: string;
  /** Directory of the reference tables and their editions.json (YUNQIAO_REFERENCE_DIR; default data/reference). */
  referenceDir: string;
  /** The prevention desk's map outlines, a GeoJSON file (YUNQIAO_DESK_MAP; default data/maps/yunnan.geo.json). */
  deskMap: string;
  secureCookies: boolean;
  /** false, a hop count, or the trusted proxies' addresses (Fastify's trustProxy). */
  trustProxy: false | number | string[];
  runWorkers: boolean;
  /** /metrics bearer token; null: loopback scrapers only. */
  metricsToken: string | null;
  /** The province served, six digits (530000 云南省). */
  province: string;
  auditHash: 'sha256' | 'sm3';
  /** Rate limits and SMS caps (YUNQIAO_LIMITS and the settings after it; README "Configuration"). */
  limits: Limits;
  prevention: PreventionConfig;
  /** Staff screening (P2): a declaration older than this many days is stale (YUNQIAO_SCREENING_STALE_DAYS). */
  screening: { staleDays: number };
  /** Job search: relevance ranks every match up to `rankAllMax` estimated matches, else walks tiers (YUNQIAO_SEARCH_RANK_ALL_MAX). */
  search: { rankAllMax: number };
  /** Job alerts: worker threads that score a digest run of more than one batch (YUNQIAO_DIGEST_THREADS; default every core, at most 4; 0: score in the job's own thread). Each holds the day's postings (~600 MB at 35,000). */
  alerts: { digestThreads: number };
  /** The public base URL printed in QR codes (https://domain, no trailing slash); null: printing refuses. */
  publicBaseUrl: string | null;
  /** The handler of seekers' information named in the sign-up notice (YUNQIAO_OPERATOR_NAME, _CONTACT); null: a demonstration. */
  operator: { name: string | null; contact: string | null };
  /** The WeChat official account (YUNQIAO_WECHAT_*); null: simulated (dev and tests). */
  wechat: WechatConfig | null;
  /** SMS through a real provider (YUNQIAO_SMS_*); null: simulated (the outbox file). */
  sms: SmsConfig | null;
  /** Replies to SMS: the dev adapter's file, and the webhook's secret (null: no webhook). */
  smsInbound: { file: string; webhookSecret: string | null };
  /** Venue defaults and the visitor retention (YUNQIAO_VISITOR_RETENTION_DAYS and the three after it). */
  venues: { visitorRetentionDays: number; m2PerPerson: number; minM2PerPerson: number; dwellMinutes: number; slotMinutes: number };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  production: boolean;
  /** Language of lines printed for the operator (start failures): from LC_ALL, LC_MESSAGES, LANG. */
  consoleLocale: 'zh-CN' | 'en';
};

/** A real WeChat official account: credentials, the digest's template, and the hosts called. */
export type WechatConfig = { appId: string; appSecret: string; templateId: string | null; apiBase: string; authorizeBase: string };

/** A real SMS provider: Alibaba Cloud's, its credentials, signature, template codes and host. */
export type SmsConfig = { provider: 'aliyun'; accessKeyId: string; accessKeySecret: string; signName: string; templates: Readonly<Record<string, string>>; endpoint: string };

/** The incident stages that may have a deadline (counted from the start of the stage before). */
export type IncidentDeadlineStage = 'reported' | 'isolated' | 'diagnosed' | 'treated' | 'closed';

/** The prevention module's settings (issue 8; decision 0026). */
export type PreventionConfig = {
  /** Default check-in cut-off, minutes after midnight Asia/Shanghai (600 = 10:00). */
  checkinCutoffMinutes: number;
  /** Days raw daily check-ins are kept before the purge (daily counts stay). */
  checkinRetentionDays: number;
  /** Minutes allowed per stage, counted from the start of the stage before; a stage absent has none. */
  incidentDeadlines: Partial<Record<IncidentDeadlineStage, number>>;
};

/** A fixed-window limit: at most `max` per `windowMs`. */
export type Window = { max: number; windowMs: number };

export type Limits = {
  mode: 'default' | 'relaxed';
  /** Sign-in attempts per client address (IPv4; IPv6 per /64 and per /48). */
  signInPerAddress: Window;
  smsCodesPerAddress: Window;
  anonymousWritesPerAddress: Window;
  /** Anonymous QR registrations at venues per client address (decision 0028: one address may not fill a hall). */
  venueRegistrationsPerAddress: Window;
  /** In memory, per instance: a database write per public read would cost more than the read. */
  publicReadsPerAddress: Window;
  smsPerPhoneDay: number;
  /** argon2 verifications started per second by a process (a token bucket; identity/service.ts). */
  passwordChecksPerSecond: number;
  /** SMS a day per purpose (outbox template), e.g. { login_code: 5000 }. */
  smsDailyBudget: Record<string, number>;
};

/** What YUNQIAO_LIMITS=relaxed multiplies every limit by. */
export const RELAXED_FACTOR = 1000;

function limitsOf(e: z.infer<typeof envSchema>): Limits {
  const k = e.YUNQIAO_LIMITS === 'relaxed' ? RELAXED_FACTOR : 1;
  const MINUTE = 60_000;
  const budget = Object.fromEntries(Object.entries(e.YUNQIAO_SMS_DAILY_BUDGET).map(([p, n]) => [p, n * k]));
  return {
    mode: e.YUNQIAO_LIMITS,
    signInPerAddress: { max: e.YUNQIAO_SIGN_IN_PER_ADDRESS * k, windowMs: 15 * MINUTE },
    smsCodesPerAddress: { max: e.YUNQIAO_SMS_CODES_PER_ADDRESS * k, windowMs: 60 * MINUTE },
    anonymousWritesPerAddress: { max: e.YUNQIAO_ANONYMOUS_WRITES_PER_ADDRESS * k, windowMs: 15 * MINUTE },
    venueRegistrationsPerAddress: { max: e.YUNQIAO_VENUE_REGISTRATIONS_PER_ADDRESS * k, windowMs: 10 * MINUTE },
    publicReadsPerAddress: { max: e.YUNQIAO_PUBLIC_READS_PER_ADDRESS * k, windowMs: MINUTE },
    smsPerPhoneDay: e.YUNQIAO_SMS_PER_PHONE_DAY * k,
    passwordChecksPerSecond: e.YUNQIAO_PASSWORD_CHECKS_PER_SECOND * k,
    smsDailyBudget: budget,
  };
}

/** The reference tables shipped with the platform (data/reference). */
export const SHIPPED_REFERENCE_DIR = resolve(import.meta.dirname, '../../data/reference');

/** The desk map shipped with the platform: Yunnan's prefectures and counties (data/maps, decision 0031). */
export const SHIPPED_DESK_MAP = resolve(import.meta.dirname, '../../data/maps/yunnan.geo.json');

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration — ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demo = e.YUNQIAO_DEMO === undefined ? !production : ['1', 'true', 'yes'].includes(e.YUNQIAO_DEMO);
  // a production server hands out session cookies over TLS only, unless told there is none
  if (production && !e.YUNQIAO_SECURE_COOKIES && !e.YUNQIAO_NO_TLS) {
    throw new ConfigError('invalid configuration — NODE_ENV=production needs YUNQIAO_SECURE_COOKIES=1 (served over TLS, directly or behind a proxy), or YUNQIAO_NO_TLS=1 to say it knowingly is not');
  }
  if (e.YUNQIAO_VENUE_M2_PER_PERSON < e.YUNQIAO_VENUE_MIN_M2_PER_PERSON) {
    throw new ConfigError(`invalid configuration — YUNQIAO_VENUE_M2_PER_PERSON (${e.YUNQIAO_VENUE_M2_PER_PERSON}) may not be below YUNQIAO_VENUE_MIN_M2_PER_PERSON (${e.YUNQIAO_VENUE_MIN_M2_PER_PERSON})`);
  }
  if (e.YUNQIAO_SMS_PROVIDER) {
    const missing = (['YUNQIAO_SMS_ACCESS_KEY_ID', 'YUNQIAO_SMS_ACCESS_KEY_SECRET', 'YUNQIAO_SMS_SIGN_NAME', 'YUNQIAO_SMS_TEMPLATES'] as const).filter((k) => e[k] === undefined);
    if (missing.length) throw new ConfigError(`invalid configuration — YUNQIAO_SMS_PROVIDER=${e.YUNQIAO_SMS_PROVIDER} needs ${missing.join(', ')}`);
  }
  if ((e.YUNQIAO_WECHAT_APP_ID === undefined) !== (e.YUNQIAO_WECHAT_APP_SECRET === undefined)) {
    throw new ConfigError('invalid configuration — YUNQIAO_WECHAT_APP_ID and YUNQIAO_WECHAT_APP_SECRET go together (both for a real official account, neither to simulate WeChat)');
  }
  const dataDir = resolve(e.YUNQIAO_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST ?? null,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL ?? e.DATABASE_URL,
    dataDir,
    pgHome: resolve(e.YUNQIAO_PG_HOME),
    demo,
    secretKey: e.YUNQIAO_SECRET_KEY,
    outboxFile: resolve(e.YUNQIAO_OUTBOX_FILE ?? `${dataDir}/outbox.jsonl`),
    referenceDir: e.YUNQIAO_REFERENCE_DIR ? resolve(e.YUNQIAO_REFERENCE_DIR) : SHIPPED_REFERENCE_DIR,
    deskMap: e.YUNQIAO_DESK_MAP ? resolve(e.YUNQIAO_DESK_MAP) : SHIPPED_DESK_MAP,
    secureCookies: e.YUNQIAO_SECURE_COOKIES,
    trustProxy: e.YUNQIAO_TRUST_PROXY,
    runWorkers: e.YUNQIAO_WORKERS,
    metricsToken: e.YUNQIAO_METRICS_TOKEN ?? null,
    province: e.YUNQIAO_PROVINCE,
    auditHash: e.YUNQIAO_AUDIT_HASH,
    limits: limitsOf(e),
    prevention: {
      checkinCutoffMinutes: e.YUNQIAO_CHECKIN_CUTOFF,
      checkinRetentionDays: e.YUNQIAO_CHECKIN_RETENTION_DAYS,
      incidentDeadlines: e.YUNQIAO_INCIDENT_DEADLINES,
    },
    screening: { staleDays: e.YUNQIAO_SCREENING_STALE_DAYS },
    search: { rankAllMax: e.YUNQIAO_SEARCH_RANK_ALL_MAX },
    alerts: { digestThreads: e.YUNQIAO_DIGEST_THREADS ?? DIGEST_THREADS_DEFAULT },
    publicBaseUrl: e.YUNQIAO_PUBLIC_BASE_URL,
    operator: { name: e.YUNQIAO_OPERATOR_NAME, contact: e.YUNQIAO_OPERATOR_CONTACT },
    wechat:
      e.YUNQIAO_WECHAT_APP_ID && e.YUNQIAO_WECHAT_APP_SECRET
        ? { appId: e.YUNQIAO_WECHAT_APP_ID, appSecret: e.YUNQIAO_WECHAT_APP_SECRET, templateId: e.YUNQIAO_WECHAT_TEMPLATE_ID ?? null, apiBase: e.YUNQIAO_WECHAT_API_BASE.replace(/\/+$/, ''), authorizeBase: e.YUNQIAO_WECHAT_AUTHORIZE_BASE.replace(/\/+$/, '') }
        : null,
    sms: e.YUNQIAO_SMS_PROVIDER
      ? {
          provider: e.YUNQIAO_SMS_PROVIDER,
          accessKeyId: e.YUNQIAO_SMS_ACCESS_KEY_ID ?? '',
          accessKeySecret: e.YUNQIAO_SMS_ACCESS_KEY_SECRET ?? '',
          signName: e.YUNQIAO_SMS_SIGN_NAME ?? '',
          templates: e.YUNQIAO_SMS_TEMPLATES ?? {},
          endpoint: e.YUNQIAO_SMS_ENDPOINT.replace(/\/+$/, ''),
        }
      : null,
    smsInbound: { file: resolve(e.YUNQIAO_SMS_INBOUND_FILE ?? `${dataDir}/sms-inbound.jsonl`), webhookSecret: e.YUNQIAO_SMS_INBOUND_SECRET ?? null },
    venues: { visitorRetentionDays: e.YUNQIAO_VISITOR_RETENTION_DAYS, m2PerPerson: e.YUNQIAO_VENUE_M2_PER_PERSON, minM2PerPerson: e.YUNQIAO_VENUE_MIN_M2_PER_PERSON, dwellMinutes: e.YUNQIAO_VENUE_DWELL_MINUTES, slotMinutes: e.YUNQIAO_SLOT_MINUTES },
    logLevel: e.LOG_LEVEL,
    production,
    consoleLocale: consoleLocale(e.LC_ALL || e.LC_MESSAGES || e.LANG),
  };
}

/** English when the POSIX locale names English (en_US.UTF-8, en); Chinese otherwise (zh_CN, C, unset). */
function consoleLocale(posix: string | undefined): 'zh-CN' | 'en' {
  return posix && /^en([_.@-]|$)/i.test(posix) ? 'en' : 'zh-CN';
}

/**
 * Where the server listens: HOST when set; otherwise every address, except while accounts with the
 * published demo password exist — then loopback only, so a demo install is never open to the
 * network by accident.
 */
export function listenHost(config: Pick<Config, 'host'>, demoLoginsOpen: boolean): string {
  return config.host ?? (demoLoginsOpen ? '127.0.0.1' : '0.0.0.0');
}
