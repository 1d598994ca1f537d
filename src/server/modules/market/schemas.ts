// Request and response shapes of the job market (issue 9) and its job contracts.
import { z } from 'zod';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { pathId, somethingToChange } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { code, dateOrInstant, divisionPrefix, instant, phone, text, wholeNumber } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

export const postingParam = z.object({ id: label(pathId, '职位编号', 'posting id') });

export const postingStatus = z.enum(['draft', 'screened', 'published', 'closed', 'expired', 'taken_down']);
export const salaryUnit = z.enum(['HOUR', 'DAY', 'PIECE', 'MONTH', 'YEAR']);
export const employmentType = z.enum(['full_time', 'part_time', 'temporary', 'internship']);
export const priorityGroup = z.enum(['graduate', 'migrant']);

/**
 * Valid until: a calendar date `YYYY-MM-DD` (open until 23:59:59 Asia/Shanghai that day) or an
 * instant with its offset (2025-03-31T12:00:00+08:00), in 2000–2099 Beijing time (platform/fields.ts).
 */
const validUntilField = dateOrInstant();

/** Yuan, stored with two decimals: at least 0.01 (a smaller amount would round to 0, which the table refuses: was a 500). */
const money = z.number().min(0.01).max(100_000_000);

const postingFields = {
  title: label(text(100), '职位名称', 'title'),
  occupationCode: label(code({ pattern: /^\d(-\d{2}){0,3}$/, message: 'invalid_occupation_code', keepDashes: true }).nullable(), '职业', 'occupation'),
  industryCode: label(code({ pattern: /^\d{4}$/, message: 'invalid_industry_code' }).nullable(), '行业', 'industry'),
  address: label(text(200, { optional: true }), '工作地点', 'address'),
  headcount: label(z.number().int().min(1).max(100_000).nullable(), '招聘人数', 'headcount'),
  salaryMin: label(money.nullable(), '最低薪资', 'minimum salary'),
  salaryMax: label(money.nullable(), '最高薪资', 'maximum salary'),
  salaryUnit: label(salaryUnit.nullable(), '计薪单位', 'salary unit'),
  salaryMonths: label(z.number().int().min(1).max(24).nullable(), '每年发薪月数', 'months paid per year'),
  education: label(text(50, { optional: true }), '学历要求', 'education'),
  skillGrade: label(text(50, { optional: true }), '技能等级或职称', 'skill grade or title'),
  experience: label(text(50, { optional: true }), '工作经验', 'experience'),
  description: label(text(5000, { multiline: true, optional: true }), '职位描述', 'description'),
  benefits: label(text(500, { optional: true }), '福利待遇', 'benefits'),
  contact: label(text(100, { optional: true }), '联系方式', 'contact'),
  employmentType: label(employmentType.nullable(), '用工形式', 'employment type'),
  validUntil: label(validUntilField, '有效期至', 'valid until'),
  priorityGroups: label(z.array(priorityGroup).max(2), '面向重点群体', 'priority groups'),
};

/** 面议 is no salary at all: min, max and unit all left out (or null), never 0. */
const salaryRule = (v: { salaryMin?: number | null | undefined; salaryMax?: number | null | undefined; salaryUnit?: string | null | undefined }) =>
  (v.salaryMin == null && v.salaryMax == null) || v.salaryUnit != null;
const salaryOrder = (v: { salaryMin?: number | null | undefined; salaryMax?: number | null | undefined }) => v.salaryMin == null || v.salaryMax == null || v.salaryMin <= v.salaryMax;

export const postingCreate = z
  .strictObject({
    /** Officials name the employer; an employer's own account leaves it out (or names itself). */
    employerId: label(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '用人单位', 'employer').optional(),
    title: postingFields.title,
    occupationCode: postingFields.occupationCode.optional(),
    industryCode: postingFields.industryCode.optional(),
    address: postingFields.address.optional(),
    headcount: postingFields.headcount.optional(),
    salaryMin: postingFields.salaryMin.optional(),
    salaryMax: postingFields.salaryMax.optional(),
    salaryUnit: postingFields.salaryUnit.optional(),
    salaryMonths: postingFields.salaryMonths.optional(),
    education: postingFields.education.optional(),
    skillGrade: postingFields.skillGrade.optional(),
    experience: postingFields.experience.optional(),
    description: postingFields.description.optional(),
    benefits: postingFields.benefits.optional(),
    contact: postingFields.contact.optional(),
    employmentType: postingFields.employmentType.optional(),
    validUntil: postingFields.validUntil.optional(),
    priorityGroups: postingFields.priorityGroups.optional(),
  })
  .refine(salaryRule, { message: 'salary_unit_needed', path: ['salaryUnit'] })
  .refine(salaryOrder, { message: 'salary_min_over_max', path: ['salaryMin'] });

export const postingUpdate = somethingToChange(z.strictObject(postingFields).partial())
  // figures with the unit cleared: 面议 clears all of them (a unit left out keeps the stored one)
  .refine((v) => v.salaryUnit !== null || (v.salaryMin == null && v.salaryMax == null), { message: 'salary_unit_needed', path: ['salaryUnit'] })
  .refine(salaryOrder, { message: 'salary_min_over_max', path: ['salaryMin'] });

export const takeDownBody = z.strictObject({ reason: label(text(500), '下架原因', 'reason') });

const divisionFilter = label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division');

export const postingsQuery = z.object({
  ...pageQuery,
  division: divisionFilter.optional(),
  status: label(postingStatus, '状态', 'status').optional(),
  q: label(text(50), '关键词', 'keyword').optional(),
});

export const publicPostingsQuery = z.object({
  ...pageQuery,
  county: divisionFilter.optional(),
  occupation: label(code({ pattern: /^\d(-\d{2}){0,3}$/, message: 'invalid_occupation_code', keepDashes: true }), '职业', 'occupation').optional(),
  q: label(text(50), '关键词', 'keyword').optional(),
});

/**
 * Job search (issue 10, decision 0041): words (read by the search analyzer, never as tsquery
 * syntax; at most 200 characters, longer is 400), filters, the order, a page of `limit` and the
 * cursor of the page before (it pins the order and the query it came from: another query's, another
 * order's or a changed cursor is 400 naming `cursor`).
 */
export const searchQuery = z
  .object({
    q: label(text(200, { optional: true }), '关键词', 'words').optional(),
    division: divisionFilter.optional(),
    occupation: label(code({ pattern: /^\d(-\d{2}){0,3}$/, message: 'invalid_occupation_code', keepDashes: true }), '职业', 'occupation').optional(),
    /** Salary overlap, in `salaryUnit` (required with either end): a posting paying within [salaryMin, salaryMax] at some point of its range. */
    salaryMin: label(z.coerce.number().min(0).max(100_000_000), '最低薪资', 'minimum salary').optional(),
    salaryMax: label(z.coerce.number().min(0).max(100_000_000), '最高薪资', 'maximum salary').optional(),
    salaryUnit: label(salaryUnit, '计薪单位', 'salary unit').optional(),
    education: label(text(50), '学历要求', 'education').optional(),
    /** Days: first published within the last N days. */
    postedWithin: label(wholeNumber(1, 365), '发布天数内', 'posted within (days)').optional(),
    /** true: only postings of producers of epidemic-prevention supplies (M3 priority employers). */
    priority: label(z.enum(['true', 'false']).transform((v) => v === 'true'), '重点企业', 'priority employer').optional(),
    openTo: label(priorityGroup, '面向重点群体', 'open to').optional(),
    /** true: priority postings (M3: producers of epidemic-prevention supplies, open to graduates or migrant workers) ranked first among equally relevant ones; relevance only. */
    boost: label(z.enum(['true', 'false']).transform((v) => v === 'true'), '重点岗位优先', 'boost priority postings').optional(),
    sort: label(z.enum(['relevance', 'newest']), '排序', 'sort').default('relevance'),
    limit: label(wholeNumber(1, 100), '每页条数', 'page size').default(20),
    cursor: label(z.string().max(400), '分页游标', 'cursor').optional(),
  })
  .refine((v) => (v.salaryMin === undefined && v.salaryMax === undefined) || v.salaryUnit !== undefined, { message: 'salary_unit_needed', path: ['salaryUnit'] })
  .refine((v) => v.salaryMin === undefined || v.salaryMax === undefined || v.salaryMin <= v.salaryMax, { message: 'salary_min_over_max', path: ['salaryMin'] });

/** One search hit: what a result list shows. The snippet is plain text (never HTML); highlights are [start, end) UTF-16 offsets into it, and titleHighlights into the title. */
export const searchHit = z.object({
  id: z.number().int(),
  /** The public page's code: /m/jobs/{code}. */
  code: z.string(),
  title: z.string(),
  company: z.string(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  /** null for 面议 (no unit), never 0. */
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  salaryUnit: salaryUnit.nullable(),
  /** First publication (datePosted), ISO 8601 with +08:00. */
  publishedAt: z.string().nullable(),
  validThrough: z.string().nullable(),
  epidemicSupplies: z.boolean(),
  priorityGroups: z.array(priorityGroup),
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  titleHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export const searchPage = pageOf(searchHit);

/**
 * Search facets (decision 0043): the search's own parameters, read alike (the same 400s). `limit`
 * only decides, as on search's first page, whether several words fall back to any of them;
 * `sort`, `boost` and `cursor` are accepted and ignored (a facet describes the whole walk, from its
 * first page; boosting orders it and adds nothing).
 */
export const searchFacetsQuery = searchQuery;

const facetCount = z.number().int().min(0);

/**
 * Counts of the open postings a search finds (decision 0043): exact while the planner estimates at
 * most FACET_EXACT_MAX (20,000) matches; above it counted over a fixed sample of postings' blocks
 * (about 20,000 rows read, the same blocks every call) and scaled up, `approximate: true`. Each list
 * holds its non-zero buckets only, and each adds up to `total` (exactly when exact; scaled counts
 * are rounded one by one, so they may miss it by a few).
 */
export const searchFacets = z.object({
  /** How many open postings the search finds (its walk returns this many items when exact). */
  total: z.number().int().min(0),
  /** true: counted over a sample and scaled (then sampleSize and samplePercent say how). */
  approximate: z.boolean(),
  /** Matching postings in the sample, before scaling (approximate only). */
  sampleSize: z.number().int().min(0).optional(),
  /** The share of postings' blocks the sample read, in percent (approximate only). */
  samplePercent: z.number().optional(),
  /** all: postings with every word; any: with some of them — several words that find fewer than `limit` postings all together, as search's first page falls back. */
  match: z.enum(['all', 'any']),
  /** By prefecture: the first 4 digits of the posting's division + '00' (a posting placed at the province alone counts under the province's code); code and name null: postings whose place did not resolve. Most first, then by code; the null bucket last. */
  prefectures: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable(), count: facetCount })),
  /** By major occupation group (GB/T 6565: '1'–'8', occupation_code up to its first '-'); code and name null: postings without an occupation. Most first, then by code; the null bucket last. */
  occupations: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable(), count: facetCount })),
  /**
   * By salary: per unit, the band holding the middle of the posting's range (or its one end);
   * band [min, max) in yuan per unit, min null: below max, max null: max and above (bands:
   * MONTH <3000, 3000–5000, 5000–8000, 8000–12000, ≥12000; DAY <100, 100–150, 150–200, 200–300,
   * ≥300; HOUR <15, 15–20, 20–30, ≥30; YEAR <40000, 40000–60000, 60000–100000, 100000–150000,
   * ≥150000). band null: PIECE (no bands) or a unit without amounts. unit null: 面议 — no unit,
   * which also holds amounts whose unit the source did not say (never shown as 元/月, decision 0034).
   * In the order MONTH, DAY, HOUR, YEAR, PIECE, 面议; bands ascending.
   */
  salaryBands: z.array(z.object({ unit: salaryUnit.nullable(), band: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable(), count: facetCount })),
});

export const feedQuery = z.object({
  after: label(z.string().max(200), '游标', 'cursor').optional(),
  limit: label(wholeNumber(1, 500), '每页条数', 'page size').default(100),
});

const salary = z.object({ min: z.number().nullable(), max: z.number().nullable(), unit: salaryUnit, monthsPaid: z.number().int().nullable() }).nullable();

/** What anyone may read of a posting (public list, public page). */
export const publicPosting = z.object({
  id: z.number().int(),
  /** The public page's code: the page is /m/jobs/{code} (docs/urls.md). */
  code: z.string(),
  /** The county (or coarser division) the posting is placed in; null when the source's place did not resolve. */
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  /** The place as an imported source wrote it ('' for a posting written here). */
  regionText: z.string(),
  title: z.string(),
  employerName: z.string(),
  occupationCode: z.string().nullable(),
  industryCode: z.string().nullable(),
  address: z.string(),
  headcount: z.number().int().nullable(),
  /** null for 面议 (negotiable), never 0. */
  salary,
  education: z.string(),
  skillGrade: z.string(),
  experience: z.string(),
  description: z.string(),
  benefits: z.string(),
  contact: z.string(),
  employmentType: employmentType.nullable(),
  /** The last instant it is open, ISO 8601 with +08:00 (a date's 23:59:59 Beijing time). */
  validThrough: z.string().nullable(),
  datePosted: z.string().nullable(),
  epidemicSupplies: z.boolean(),
  priorityGroups: z.array(priorityGroup),
  /** published, or closed / expired (the page says it has ended). An open posting past its date reads as expired. */
  status: postingStatus,
  open: z.boolean(),
  /** Whether a seeker can apply on the platform now (open, and written by a registered employer; an imported posting cannot). */
  directApply: z.boolean(),
});
export const publicPostingPage = pageOf(publicPosting);

/** What the owner and officials read: the public fields plus lifecycle and source. */
export const posting = publicPosting.extend({
  employerId: z.number().int().nullable(),
  sourcePlatform: z.string().nullable(),
  sourceId: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  screenedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  takedownReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const postingPage = pageOf(posting);

export const feedItem = z.object({
  /** The item's position in the feed (unique, increasing). */
  position: z.number().int(),
  postingId: z.number().int(),
  /** null when the posting's place did not resolve */
  divisionCode: z.string().nullable(),
  /** The posting's public page code, and its page's path on this platform (docs/urls.md). */
  code: z.string().nullable(),
  page: z.string().nullable(),
  kind: z.enum(['created', 'updated', 'removed']),
  /** Why it was removed: closed, expired or taken_down. */
  reason: z.enum(['closed', 'expired', 'taken_down']).nullable(),
  at: z.string(),
  /** The public fields after the change; null for a removal. */
  posting: z.record(z.string(), z.unknown()).nullable(),
});
export const feedPage = z.object({
  items: z.array(feedItem),
  /** Pass as `after` for the next page; the same cursor always gives the same items in the same order. */
  next: z.string(),
});

// applications (decision 0036) --------------------------------------------------------------

export const applicationStage = z.enum(['applied', 'shortlisted', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']);
const positiveId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const applicationParam = z.object({ id: label(pathId, '申请编号', 'application id') });

export const applyBody = z.strictObject({ postingId: label(positiveId, '职位', 'posting') });
export const referBody = z.strictObject({ postingId: label(positiveId, '职位', 'posting'), seekerId: label(positiveId, '求职者', 'job seeker') });
/** The stages the employer moves an application to (the seeker withdraws through its own route). */
export const stageBody = z.strictObject({ stage: label(z.enum(['shortlisted', 'interview', 'offer', 'hired', 'rejected']), '阶段', 'stage') });

export const applicationsQuery = z.object({
  ...pageQuery,
  postingId: label(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '职位', 'posting').optional(),
  stage: label(applicationStage, '阶段', 'stage').optional(),
});
export const applicationsExportQuery = applicationsQuery.omit({ limit: true, cursor: true });
export const myApplicationsQuery = z.object({ ...pageQuery });
/** An agency's referrals (GET /applications/referred): optionally one stage. */
export const referredQuery = z.object({ ...pageQuery, stage: label(applicationStage, '阶段', 'stage').optional() });

const referral = z.object({ agencyId: z.number().int(), agencyDivision: z.string(), agencyName: z.string() }).nullable();

/** What the employer (and officials of the posting's county, read only) see of an application: the phone masked, always. */
export const application = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  postingId: z.number().int(),
  postingTitle: z.string(),
  stage: applicationStage,
  stageAt: z.string(),
  appliedAt: z.string(),
  referral,
  applicant: z.object({
    /** null when the seeker's profile was erased. */
    name: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    /** Education, experience, skills, résumé: only when the seeker lets employers see the profile (visibility applied or employers) and the registration has not lapsed; otherwise null. Phones, ID numbers and WeChat/QQ ids in skills and résumé are masked (***) until the stage reveals the phone (shortlisted on). */
    profile: z
      .object({ educationCode: z.string().nullable(), experienceYears: z.number().int().nullable(), skillGrade: z.string().nullable(), skills: z.string().nullable(), resume: z.string().nullable() })
      .nullable(),
  }),
  /** Whether the employer may reveal the full phone now (from shortlisted on). */
  phoneRevealable: z.boolean(),
});
export const applicationPage = pageOf(application);

/** The full phone of one application's applicant (a reveal, audited). */
export const revealedPhone = z.object({ applicationId: z.number().int(), phone: z.string() });

// online interviews (issue 13 S2, decision 0049) -------------------------------------------------------

/**
 * An https link to a video meeting (腾讯会议, 钉钉, 企业微信, …) as typed: no whitespace, the https
 * scheme in any case, a public host name (a dot inside, not an IP address, not localhost), no
 * credentials. Stored as the URL parser writes it (`meetingHref`: scheme and host lower-cased).
 */
export function isMeetingUrl(value: string): boolean {
  if (/\s/u.test(value)) return false;
  try {
    const u = new URL(value);
    const host = u.hostname;
    const ip = /^[\d.]+$/.test(host) || host.startsWith('[');
    return u.protocol === 'https:' && !ip && /^[^.]+(\.[^.]+)+$/.test(host) && !host.endsWith('.localhost') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The link as stored: the URL parser's form of one `isMeetingUrl` accepted. */
export const meetingHref = (value: string) => new URL(value).href;

const meetingUrl = label(text(500).refine(isMeetingUrl, { message: 'meeting_url_invalid' }).transform(meetingHref), '视频面试链接', 'video meeting link');
const interviewNote = label(text(500, { multiline: true, optional: true }), '面试说明', 'note for the candidate');

export const interviewParam = z.object({ id: label(pathId, '面试编号', 'interview id') });

export const interviewBody = z.strictObject({
  /** When it starts (ISO 8601 with offset), at least 15 minutes from now and within 90 days. */
  startsAt: label(instant(), '面试时间', 'interview time'),
  /** Minutes, 10–240. */
  durationMinutes: label(wholeNumber(10, 240), '面试时长（分钟）', 'length (minutes)').default(30),
  meetingUrl,
  note: interviewNote.nullable().optional(),
});

/** A new slot: the seeker may change only the time and length; the employer also the link and the note. */
export const reschedulePatch = z.strictObject({
  startsAt: label(instant(), '面试时间', 'interview time'),
  durationMinutes: label(wholeNumber(10, 240), '面试时长（分钟）', 'length (minutes)').optional(),
  meetingUrl: meetingUrl.optional(),
  note: interviewNote.nullable().optional(),
});

export const cancelInterviewBody = z.strictObject({ reason: label(text(200), '取消原因', 'reason') });

export const interviewsQuery = z.object({
  ...pageQuery,
  /** From this instant on (default: the start of today, Beijing time). */
  from: label(instant(), '起始时间', 'from').optional(),
  /** Starting before this instant (exclusive; none by default): the desk's past interviews are `before` now. */
  before: label(instant(), '截止时间', 'before').optional(),
  applicationId: label(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '申请编号', 'application').optional(),
  status: label(z.enum(['scheduled', 'cancelled']), '状态', 'status').optional(),
});

export const interview = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  applicationId: z.number().int(),
  postingId: z.number().int(),
  postingTitle: z.string(),
  employerName: z.string(),
  /** Beijing time, `YYYY-MM-DDTHH:mm:ss+08:00`. */
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  meetingUrl: z.string(),
  note: z.string().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  /** The invitation's version (iCalendar SEQUENCE): raised at each reschedule and at the cancellation. */
  sequence: z.number().int(),
  /** Which side made the last change (null: as scheduled). */
  changedBy: z.enum(['employer', 'seeker']).nullable(),
  cancelReason: z.string().nullable(),
  /** Where either side downloads the invitation (.ics). */
  icsUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const interviewPage = pageOf(interview);

/** Every minute: the interview reminders due (a day and an hour before). */
export const interviewRemindersContract = defineJobContract({ name: 'market.interview-reminders', schema: z.object({}).passthrough(), cron: '* * * * *', queue: { retryLimit: 2, expireInSeconds: 120 } });

/** What the seeker sees of their own application. */
export const ownApplication = z.object({
  id: z.number().int(),
  postingId: z.number().int(),
  postingCode: z.string(),
  postingTitle: z.string(),
  employerName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  stage: applicationStage,
  stageAt: z.string(),
  appliedAt: z.string(),
  referral,
  /** Whether the seeker may still withdraw it. */
  withdrawable: z.boolean(),
});
export const ownApplicationPage = pageOf(ownApplication);

// moderation and reports (decision 0037) -----------------------------------------------------

/** Why someone reports a posting: 歧视, 虚假信息, 收取费用, 其他. */
export const reportCategory = z.enum(['discrimination', 'false_information', 'fee_charged', 'other']);
export const caseOrigin = z.enum(['screener', 'report']);
export const caseStatus = z.enum(['open', 'released', 'dismissed', 'taken_down']);
export const caseOutcome = z.enum(['release', 'dismiss', 'take_down']);

/**
 * The most characters (as a reader counts them) a report's text may have: the API's schema, the
 * report form's maxlength and the form's refusal (report_page_text_too_long {max}) all say this one.
 */
export const REPORT_TEXT_MAX = 1000;

/**
 * A report from anyone, signed in or not: the posting's page code (/m/jobs/{code}), a category, what
 * is wrong; a contact phone only if the reporter wants to be called back. Nothing else about them.
 */
export const reportCreate = z.strictObject({
  code: label(z.string().max(64), '职位页编号', 'posting page code'),
  category: label(reportCategory, '举报类型', 'category'),
  text: label(text(REPORT_TEXT_MAX, { multiline: true }), '举报内容', 'what is wrong'),
  contactPhone: label(phone(), '联系电话', 'contact phone').optional(),
});
export const reportReceipt = z.object({ received: z.literal(true), reference: z.number().int() });

export const caseParam = z.object({ id: label(pathId, '案件编号', 'case id') });

export const casesQuery = z.object({
  ...pageQuery,
  origin: label(caseOrigin, '来源', 'origin').optional(),
  /** open, or closed (released, dismissed, taken down). */
  status: label(z.enum(['open', 'closed']), '状态', 'status').optional(),
  division: divisionFilter.optional(),
});

/** How an official closes a case: release (a flagged posting) / dismiss (a report) / take the posting down, with a reason. */
export const caseDecision = z
  .strictObject({
    outcome: label(caseOutcome, '处理结果', 'outcome'),
    reason: label(text(500), '原因', 'reason').optional(),
  })
  .refine((v) => v.outcome !== 'take_down' || Boolean(v.reason), { message: 'takedown_reason_needed', path: ['reason'] });

export const moderationCase = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  origin: caseOrigin,
  status: caseStatus,
  /** What the screener matched (empty for a report case). */
  hits: z.array(z.object({ rule: z.string(), text: z.string(), category: z.string().optional(), verdict: z.enum(['block', 'review']).optional(), field: z.string().nullable().optional(), start: z.number().int().nullable().optional(), end: z.number().int().nullable().optional(), basis: z.string().optional(), suggestion: z.string().optional() })),
  reportCount: z.number().int(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  openedAt: z.string(),
  posting: z.object({ id: z.number().int(), code: z.string(), title: z.string(), employerName: z.string(), status: postingStatus, imported: z.boolean() }),
});
export const casePage = pageOf(moderationCase);

export const postingReport = z.object({
  id: z.number().int(),
  category: reportCategory,
  text: z.string(),
  /** Masked (139****5603); null when the reporter left none. */
  contactPhone: z.string().nullable(),
  createdAt: z.string(),
});
export const caseDetail = moderationCase.extend({ reports: z.array(postingReport) });

// jobs --------------------------------------------------------------------------------------

/** Every 5 minutes: published postings past their last instant become expired, once, with a feed removal each. */
/** Daily at 03:40: changes superseded by a later change of the same posting, older than a week, leave the feed. */
export const compactFeedContract = defineJobContract({ name: 'market.compact-feed', schema: z.object({}).passthrough(), cron: '40 3 * * *', queue: { retryLimit: 2, expireInSeconds: 600 } });
export const expirePostingsContract = defineJobContract({ name: 'market.expire-postings', schema: z.object({}).passthrough(), cron: '*/5 * * * *', queue: { retryLimit: 2, expireInSeconds: 300 } });

// the screener (issue 11, decision 0045) -----------------------------------------------------------

export const screenInput = z.strictObject({
  // the form asks while the title may still be empty
  title: label(text(100, { optional: true }), '职位名称', 'title').optional(),
  description: postingFields.description.optional(),
  address: postingFields.address.optional(),
  education: postingFields.education.optional(),
  skillGrade: postingFields.skillGrade.optional(),
  experience: postingFields.experience.optional(),
  benefits: postingFields.benefits.optional(),
  contact: postingFields.contact.optional(),
});
const screenField = z.enum(['title', 'description', 'address', 'education', 'skillGrade', 'experience', 'benefits', 'contact']);

export const screenHit = z.object({
  /** The field the phrase is in; null for a signal about the posting as a whole. */
  field: screenField.nullable(),
  category: z.string(),
  verdict: z.enum(['block', 'review']),
  /** UTF-16 code units into the cleaned field text returned beside (null for a signal). */
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  text: z.string(),
  basis: z.string(),
  suggestion: z.string(),
  rule: z.string(),
});

export const screening = z.object({
  verdict: z.enum(['block', 'review', 'pass']),
  /** The texts as they would be stored (the posting reader's cleaning): the hits' offsets point into these. */
  title: z.string(),
  description: z.string(),
  address: z.string(),
  education: z.string(),
  skillGrade: z.string(),
  experience: z.string(),
  benefits: z.string(),
  contact: z.string(),
  hits: z.array(screenHit),
});
