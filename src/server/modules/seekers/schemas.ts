// Job seekers (issue 9, "People who sign up"; decision 0035): request and response shapes.
import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { calendarDate, citizenId, code, divisionCode, divisionPrefix, phone, smsCode, text, wholeNumber } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { prefixOf, toFullCode } from '../../../shared/division.ts';

/**
 * Categories as the MOHRSS quarterly report on supply and demand in the human-resources market
 * (《部分城市公共就业服务机构市场供求状况分析》, its table of job seekers by category: 新成长失业青年
 * (其中应届高校毕业生), 就业转失业人员, 其他失业人员, 下岗职工, 在业人员, 在学人员, 本市农村人员,
 * 外埠人员, 退休人员): any that apply.
 */
export const SEEKER_CATEGORIES = ['new_entrant', 'new_graduate', 'unemployed_after_work', 'other_unemployed', 'laid_off', 'employed', 'in_school', 'rural_local', 'from_outside_city', 'retired'] as const;
/** Priority groups (重点群体): college graduates, migrant workers. */
export const PRIORITY_GROUPS = ['college_graduate', 'migrant_worker'] as const;
/** Who may see the profile: nobody, agencies serving them (authorised), employers they applied to, every employer. */
export const VISIBILITIES = ['nobody', 'agencies', 'applied', 'employers'] as const;
/** Pay units of an expected salary, as postings count them. */
export const SALARY_UNITS = ['month', 'day', 'hour'] as const;

/** A calendar date `YYYY-MM-DD` that exists, in 2000–2099 (platform/fields.ts). */
const dateField = calendarDate();

const occupationCode = code({ pattern: /^\d(-\d{2}){0,3}$/, message: 'occupation_code_format', keepDashes: true });
const money = z.number().min(0).max(10_000_000).multipleOf(0.01);

/**
 * The notice shown before signing up (GET /seekers/notice; PIPL art. 17, and art. 29–30 for the ID
 * number), in the request's language. `noticeVersion` names this text with the handler configured:
 * registration sends it back, and the consent records it.
 */
export const notice = z.object({
  noticeVersion: z.string(),
  /** Who processes the information and how to reach them; `demo` when none is configured. */
  handler: z.object({ name: z.string(), contact: z.string(), demo: z.boolean() }),
  purpose: z.string(),
  /** The kinds of information. */
  data: z.string(),
  /** How it is processed (kept, shown, recorded). */
  means: z.string(),
  /** Who sees it. */
  recipients: z.string(),
  retention: z.string(),
  /** Days a registration stays valid by default, and at most. */
  retentionDays: z.number().int(),
  maxRetentionDays: z.number().int(),
  /** How to view, correct, delete, withdraw; whom to ask for the rest. */
  rights: z.string(),
  /** The ID number: sensitive, optional, its own consent. */
  idNumber: z.string(),
});

/** A version as GET /seekers/notice gives it (checked against the current one by the service). */
const noticeVersion = label(code({ pattern: /^[0-9A-Za-z-]{1,40}$/, message: 'seeker_notice_version_unknown', keepDashes: true }), '个人信息处理告知版本', 'notice version');

export const registerBody = z.strictObject({
  phone: label(phone(), '手机号', 'phone'),
  code: label(smsCode(6), '验证码', 'code'),
  name: label(text(50), '姓名', 'name'),
  /** The version of the notice the page showed (GET /seekers/notice): must be the current one. */
  noticeVersion,
  /** The person ticked that they agree to the notice: true, nothing else. */
  consent: label(z.literal(true, { error: 'seeker_consent_needed' }), '同意个人信息处理告知', 'consent to the notice'),
});

export const registered = z.object({ accountId: z.number().int(), membershipId: z.number().int(), role: z.literal('seeker') });

export const profilePut = z.strictObject({
  name: label(text(50), '姓名', 'name'),
  /** Left out: the number on file stays (the profile shows it only masked, so a form cannot send it back); null: cleared. */
  idNumber: label(citizenId(), '身份证号码', 'ID number').nullable().optional(),
  /** The separate consent to the ID number (sensitive, PIPL art. 29): true is needed with a number given. */
  idNumberConsent: label(z.boolean(), '同意处理身份证号码', 'consent to the ID number').optional(),
  categories: label(z.array(z.enum(SEEKER_CATEGORIES)).max(SEEKER_CATEGORIES.length), '人员类别', 'categories').default([]),
  priorityGroups: label(z.array(z.enum(PRIORITY_GROUPS)).max(PRIORITY_GROUPS.length), '重点群体', 'priority groups').default([]),
  residenceDivision: label(divisionCode(), '现居住县（市、区）', 'county of residence').optional(),
  homeDivision: label(divisionCode(), '户籍所在县（市、区）', 'home county').optional(),
  desiredOccupations: label(z.array(occupationCode).max(10), '求职意向（职业）', 'desired occupations').default([]),
  desiredDivisions: label(z.array(divisionCode()).max(10), '期望工作地', 'desired counties').default([]),
  salaryMin: label(money, '最低期望薪酬', 'minimum expected pay').optional(),
  salaryMax: label(money, '最高期望薪酬', 'maximum expected pay').optional(),
  salaryUnit: label(z.enum(SALARY_UNITS), '计薪单位', 'pay unit').optional(),
  educationCode: label(code({ pattern: /^[0-9A-Za-z_-]{1,20}$/, message: 'unknown_education', keepDashes: true }), '学历', 'education').optional(),
  skillGrade: label(text(50), '职业资格或技术职称', 'skill grade or title').optional(),
  experienceYears: label(wholeNumber(0, 70), '工作年限', 'years of experience').optional(),
  skills: label(text(500, { multiline: true }), '技能特长', 'skills').optional(),
  resume: label(text(5000, { multiline: true }), '个人简历', 'résumé').optional(),
  validUntil: label(dateField, '登记有效期至', 'registration valid until').optional(),
  visibility: label(z.enum(VISIBILITIES), '谁可以查看', 'who may see it').default('agencies'),
  /** 个性化推荐 (PIPL art. 24): false switches automated recommendations off — none computed for the seeker, never proposed to an employer. Left out: unchanged (on for a new profile). */
  recommendations: label(z.boolean(), '个性化推荐', 'personalised recommendations').optional(),
});

/** A consent in force: the notice version it was given to and when. */
export const consentGiven = z.object({ noticeVersion: z.string(), givenAt: z.string() });

export const profile = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  name: z.string(),
  /** masked (138****0001) except on the seeker's own profile */
  phone: z.string(),
  idNumberMasked: z.string().nullable(),
  categories: z.array(z.enum(SEEKER_CATEGORIES)),
  priorityGroups: z.array(z.enum(PRIORITY_GROUPS)),
  residenceDivision: z.string().nullable(),
  homeDivision: z.string().nullable(),
  desiredOccupations: z.array(z.string()),
  desiredDivisions: z.array(z.string()),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  salaryUnit: z.enum(SALARY_UNITS).nullable(),
  educationCode: z.string().nullable(),
  skillGrade: z.string().nullable(),
  experienceYears: z.number().int().nullable(),
  skills: z.string().nullable(),
  resume: z.string().nullable(),
  validUntil: z.string(),
  /** The registration's Beijing day has passed: agencies and employers no longer see it (renew). */
  expired: z.boolean(),
  visibility: z.enum(VISIBILITIES),
  /** Automated recommendations on (PIPL art. 24: the seeker may switch them off). */
  recommendations: z.boolean(),
  updatedAt: z.string(),
  /** On the seeker's own profile only: the consent in force to the notice (version and time), null when none is on record. */
  consent: consentGiven.nullable().optional(),
  /** On the seeker's own profile only: the separate consent to the ID number in force, null when none. */
  idNumberConsent: consentGiven.nullable().optional(),
});
export const profilePage = pageOf(profile);

export const seekersQuery = z.object({
  ...pageQuery,
  division: label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division').optional(),
  category: label(z.enum(SEEKER_CATEGORIES), '人员类别', 'category').optional(),
  priorityGroup: label(z.enum(PRIORITY_GROUPS), '重点群体', 'priority group').optional(),
  occupation: label(occupationCode, '职业', 'occupation').optional(),
});

export const idParam = z.object({ id: label(pathId, '编号', 'id') });

export const authorisationCreate = z.strictObject({
  agencyId: label(pathId.or(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)), '人力资源服务机构编号', 'agency id'),
});
export const authorisation = z.object({ id: z.number().int(), agencyId: z.number().int(), agencyDivision: z.string(), grantedAt: z.string(), revokedAt: z.string().nullable() });
export const authorisationList = z.object({ items: z.array(authorisation) });
