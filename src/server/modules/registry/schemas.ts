import { z } from 'zod';
import { isMainlandMobile, isValidCitizenId, isValidCreditCode } from '../../../shared/checksums.ts';
import { prefixOf, toFullCode } from '../../../shared/division.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const staffParam = z.object({ id: z.coerce.number().int().positive(), staffId: z.coerce.number().int().positive() });

const phone = z.string().trim().refine(isMainlandMobile, { message: 'invalid_phone' });
const creditCode = z.string().trim().toUpperCase().refine(isValidCreditCode, { message: 'invalid_credit_code' });
const countyCode = z.string().trim().regex(/^\d{6}$/, { message: 'invalid_division_code' });
const text = (max: number) => z.string().trim().min(1).max(max);
/** A division filter: a prefix ('53', '5301') or a six-digit code ('530100'), normalised to the prefix. */
const divisionFilter = z
  .string()
  .trim()
  .regex(/^\d{2}(\d{2}){0,2}$/, { message: 'invalid_division_code' })
  .transform((v) => prefixOf(toFullCode(v)));

// divisions and code tables -----------------------------------------------------------------

export const divisionsQuery = z.object({
  parent: z.string().trim().regex(/^\d{2}(\d{2}){0,2}$/, { message: 'invalid_division_code' }).optional(),
});
export const division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'prefecture', 'county']),
  parentCode: z.string().nullable(),
});
export const divisionList = z.object({ items: z.array(division), next: z.null() });

export const codeQuery = z.object({ parent: z.string().trim().max(20).optional() });
export const codeItem = z.object({ code: z.string(), name: z.string(), level: z.number().int(), parentCode: z.string().nullable() });
export const codeList = z.object({ items: z.array(codeItem), next: z.null() });
export const educationList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), rank: z.number().int() })), next: z.null() });

export const occupationImportBody = z.object({
  rows: z
    .array(z.object({ code: z.string().trim().regex(/^\d(-\d{2}){0,3}$/), name: text(200), parent: z.string().trim().optional().nullable() }))
    .min(1)
    .max(5000),
});

// agencies ----------------------------------------------------------------------------------

export const agencyKind = z.enum(['public', 'commercial']);
export const agencyStatus = z.enum(['active', 'suspended', 'closed']);

export const agenciesQuery = z.object({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  kind: agencyKind.optional(),
  status: agencyStatus.optional(),
  division: divisionFilter.optional(),
});

export const agencyCreate = z.object({
  name: text(100),
  kind: agencyKind,
  licenceNo: text(50),
  creditCode,
  divisionCode: countyCode,
  address: text(200),
  responsiblePerson: text(50),
  responsiblePhone: phone,
});

export const agencyUpdate = z
  .object({
    status: agencyStatus,
    address: text(200),
    responsiblePerson: text(50),
    responsiblePhone: phone,
  })
  .partial();

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
export const staffQuery = z.object({ ...pageQuery, status: staffStatus.optional() });

export const staffCreate = z.object({
  name: text(50),
  phone,
  idNumber: z.string().trim().toUpperCase().refine(isValidCitizenId, { message: 'invalid_citizen_id' }),
  position: z.string().trim().max(50).default(''),
});

export const staffUpdate = z.object({ phone, position: z.string().trim().max(50), status: staffStatus }).partial();

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
  q: z.string().trim().max(100).optional(),
  division: divisionFilter.optional(),
  epidemicSuppliesProducer: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const employerCreate = z.object({
  creditCode,
  name: text(100),
  industryCode: z.string().trim().regex(/^\d{4}$/, { message: 'unknown_industry' }),
  divisionCode: countyCode,
  address: text(200),
  contactName: text(50),
  contactPhone: phone,
  epidemicSuppliesProducer: z.boolean().default(false),
});

export const employerUpdate = z
  .object({ epidemicSuppliesProducer: z.boolean(), status: agencyStatus, contactName: text(50), contactPhone: phone, address: text(200) })
  .partial();

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
