import { z } from 'zod';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { pathId, somethingToChange } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { citizenId, code, creditCode as creditCodeField, divisionCode, divisionPrefix, docNumber, phone as phoneField, text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

const id = (zh: string, en: string) => label(pathId, zh, en);
export const idParam = z.object({ id: id('编号', 'id') });
export const staffParam = z.object({ id: id('机构编号', 'agency id'), staffId: id('员工编号', 'staff id') });

// every field through the typed builders of platform/fields.ts (one normaliser, our own messages)
const phone = phoneField();
const creditCode = creditCodeField();
const countyCode = divisionCode();
/** A division filter: a prefix ('53', '5301') or a six-digit code ('530100'), normalised to the prefix. */
const divisionFilter = label(divisionPrefix().transform((v) => prefixOf(toFullCode(v))), '行政区划', 'division');
/** Search text in a list's query: free text, may be empty. */
const searchText = label(text(100, { optional: true }), '关键词', 'search text');

// agencies ----------------------------------------------------------------------------------

export const agencyKind = z.enum(['public', 'commercial']);
export const agencyStatus = z.enum(['active', 'suspended', 'closed']);

export const agenciesQuery = z.object({
  ...pageQuery,
  q: searchText.optional(),
  kind: label(agencyKind, '机构类型', 'agency type').optional(),
  status: label(agencyStatus, '状态', 'status').optional(),
  division: divisionFilter.optional(),
});

export const agencyCreate = z.strictObject({
  name: label(text(100), '名称', 'name'),
  kind: label(agencyKind, '机构类型', 'agency type'),
  licenceNo: label(docNumber(50), '许可证或备案编号', 'licence or filing number'),
  creditCode: label(creditCode, '统一社会信用代码', 'unified social credit code'),
  divisionCode: label(countyCode, '所在县（市、区）', 'county'),
  address: label(text(200), '地址', 'address'),
  responsiblePerson: label(text(50), '负责人', 'responsible person'),
  responsiblePhone: label(phone, '负责人电话', 'responsible person phone'),
});

export const agencyUpdate = somethingToChange(
  z
    .strictObject({
      status: label(agencyStatus, '状态', 'status'),
      address: label(text(200), '地址', 'address'),
      responsiblePerson: label(text(50), '负责人', 'responsible person'),
      responsiblePhone: label(phone, '负责人电话', 'responsible person phone'),
    })
    .partial(),
);

export const agency = z.object({
  id: z.number().int(),
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  kind: agencyKind,
  licenceNo: z.string(),
  creditCode: z.string(),
  address: z.string(),
  responsiblePerson: z.string(),
  responsiblePhone: z.string(),
  status: agencyStatus,
  staffCount: z.number().int(),
  createdAt: z.string(),
});
export const agencyPage = pageOf(agency);

// staff --------------------------------------------------------------------------------------

export const staffStatus = z.enum(['active', 'left']);
export const staffQuery = z.object({ ...pageQuery, status: label(staffStatus, '状态', 'status').optional() });

const staffPhone = label(phone, '手机号', 'phone');
const position = label(text(50, { optional: true }), '岗位', 'position');

export const staffCreate = z.strictObject({
  name: label(text(50), '姓名', 'name'),
  phone: staffPhone,
  idNumber: label(citizenId(), '身份证号', 'ID number'),
  position: position.default(''),
});

export const staffUpdate = somethingToChange(z.strictObject({ phone: staffPhone, position, status: label(staffStatus, '状态', 'status') }).partial());

export const staffMember = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  name: z.string(),
  phone: z.string(),
  idNumber: z.string(),
  position: z.string(),
  status: staffStatus,
  createdAt: z.string(),
});
export const staffPage = pageOf(staffMember);
export const importResult = z.object({ imported: z.number().int() });

// employers ----------------------------------------------------------------------------------

export const employersQuery = z.object({
  ...pageQuery,
  q: searchText.optional(),
  division: divisionFilter.optional(),
  epidemicSuppliesProducer: label(z.enum(['true', 'false']).transform((v) => v === 'true'), '防疫物资生产企业', 'epidemic-prevention supplies producer').optional(),
});

const contactName = label(text(50), '联系人', 'contact');
const contactPhone = label(phone, '联系电话', 'contact phone');
const producerFlag = label(z.boolean(), '防疫物资生产企业', 'epidemic-prevention supplies producer');

export const employerCreate = z.strictObject({
  creditCode: label(creditCode, '统一社会信用代码', 'unified social credit code'),
  name: label(text(100), '名称', 'name'),
  industryCode: label(code({ pattern: /^\d{4}$/, message: 'invalid_industry_code' }), '行业', 'industry'),
  divisionCode: label(countyCode, '所在县（市、区）', 'county'),
  address: label(text(200), '地址', 'address'),
  contactName,
  contactPhone,
  epidemicSuppliesProducer: producerFlag.default(false),
});

export const employerUpdate = somethingToChange(
  z
    .strictObject({ epidemicSuppliesProducer: producerFlag, status: label(agencyStatus, '状态', 'status'), contactName, contactPhone, address: label(text(200), '地址', 'address') })
    .partial(),
);

export const employer = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  epidemicSuppliesProducer: z.boolean(),
  status: agencyStatus,
  createdAt: z.string(),
});
export const employerPage = pageOf(employer);

// summary --------------------------------------------------------------------------------------

const registryCounts = z.object({
  agencies: z.number().int(),
  agenciesActive: z.number().int(),
  agenciesSuspended: z.number().int(),
  agenciesPublic: z.number().int(),
  staff: z.number().int(),
  employers: z.number().int(),
  epidemicSuppliesProducers: z.number().int(),
});

export const registrySummary = registryCounts.extend({
  divisionCode: z.string(),
  /** One line per division directly under the official's (prefectures for the province, counties for a prefecture; the county itself for a county). */
  byDivision: z.array(registryCounts.extend({ code: z.string(), name: z.string() })),
});

// employers' own registrations (issue 9; decision 0035) ---------------------------------------

/**
 * Ownership types as the MOHRSS quarterly report on supply and demand groups employers (用人单位性质
 * 分组): 内资企业 — 国有企业, 集体企业, 股份合作企业, 联营企业, 有限责任公司, 股份有限公司, 私营企业,
 * 其他企业; 港、澳、台投资企业; 外商投资企业; 个体经营; 事业; 机关; 其他.
 */
export const OWNERSHIP_TYPES = ['state_owned', 'collective', 'joint_stock_cooperative', 'joint_venture', 'limited_liability', 'joint_stock_limited', 'private', 'other_enterprise', 'hmt_invested', 'foreign_invested', 'individual', 'public_institution', 'government', 'other'] as const;
export const registrationStatus = z.enum(['pending', 'approved', 'refused']);

export const registrationCreate = z.strictObject({
  creditCode: label(creditCode, '统一社会信用代码', 'unified social credit code'),
  name: label(text(100), '名称', 'name'),
  industryCode: label(code({ pattern: /^\d{4}$/, message: 'invalid_industry_code' }), '行业', 'industry'),
  ownershipType: label(z.enum(OWNERSHIP_TYPES), '单位性质', 'ownership type'),
  divisionCode: label(countyCode, '所在县（市、区）', 'county'),
  address: label(text(200), '地址', 'address'),
  contactName: label(text(50), '联系人', 'contact person'),
  contactPhone: label(phone, '联系电话', 'contact phone'),
  licenceAttachmentId: label(z.number().int().positive().max(Number.MAX_SAFE_INTEGER), '营业执照扫描件', 'business licence scan'),
});

export const registrationDecision = z.strictObject({
  decision: label(z.enum(['approve', 'refuse']), '审核结果', 'decision'),
  reason: label(text(500, { optional: true }), '不予通过的理由', 'reason for refusal').optional(),
});

export const registrationsQuery = z.object({
  ...pageQuery,
  status: label(registrationStatus, '状态', 'status').optional(),
  creditCode: label(creditCode, '统一社会信用代码', 'unified social credit code').optional(),
  division: divisionFilter.optional(),
});

export const registration = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  creditCode: z.string(),
  name: z.string(),
  industryCode: z.string(),
  ownershipType: z.enum(OWNERSHIP_TYPES),
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  licenceAttachmentId: z.number().int().nullable(),
  status: registrationStatus,
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  employerId: z.number().int().nullable(),
  createdAt: z.string(),
  /** officials: every registration naming the same code, in any county (this one included) */
  sameCode: z.array(z.object({ id: z.number().int(), divisionCode: z.string(), name: z.string(), status: registrationStatus, createdAt: z.string() })).optional(),
});
export const registrationPage = pageOf(registration);

// employers' authorisations of agencies (人力资源市场暂行条例 第二十六条) -----------------------
const positiveId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const employerAuthorisationCreate = z.strictObject({
  agencyId: label(positiveId, '人力资源服务机构编号', 'agency id'),
  documentId: label(positiveId, '委托书（附件）', 'authorisation document (attachment)'),
});
export const employerAuthorisation = z.object({ id: z.number().int(), agencyId: z.number().int(), agencyDivision: z.string(), documentId: z.number().int().nullable(), grantedAt: z.string(), revokedAt: z.string().nullable() });
export const employerAuthorisationList = z.object({ items: z.array(employerAuthorisation) });
