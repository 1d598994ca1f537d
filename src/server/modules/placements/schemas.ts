// Request and response shapes of verified placements (issue 13 M6, decision 0051).
import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { calendarDate, citizenId } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { RULE_NAMES } from './rules.ts';

export const placementParam = z.object({ id: label(pathId, '就业记录编号', 'placement id') });

/** pending_employer (recorded by the agency) → confirmed (the employer confirmed hire and contract) → verified (insured a month or more since the contract start). */
export const placementStatus = z.enum(['pending_employer', 'confirmed', 'verified']);

/** The agency records a placement for an application it referred that reached 'hired'. */
export const recordBody = z.strictObject({ applicationId: label(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), '应聘申请', 'application') });

/**
 * The kinds of contract an employer may name: only a labour contract (劳动合同) counts as a
 * placement; a dispatch (劳务派遣) is refused naming the field (decision 0051).
 */
export const contractType = z.enum(['labour_contract', 'dispatch']);

/** The employer confirms the hire: the contract's first day, its kind, the worker's citizen ID (the insurance file's key). */
export const confirmBody = z.strictObject({
  contractStart: label(calendarDate(), '合同起始日', 'contract start'),
  contractType: label(contractType, '合同类型', 'contract type'),
  idNumber: label(citizenId(), '身份证号', 'ID number'),
});

export const placementsQuery = z.object({
  ...pageQuery,
  status: label(placementStatus, '状态', 'status').optional(),
});

/** A named rule evaluated over the placement's insurance months (rules.ts). */
export const ruleOutcome = z.object({
  rule: z.enum(RULE_NAMES),
  met: z.boolean(),
  insuredMonths: z.number().int(),
  /** The shares paid so far under a tranche rule (half-1-6), else one tranche. */
  tranches: z.array(z.object({ afterMonths: z.number().int(), share: z.number(), met: z.boolean() })),
});

export const placement = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  applicationId: z.number().int(),
  employerId: z.number().int(),
  employerName: z.string().nullable(),
  postingTitle: z.string().nullable(),
  agencyId: z.number().int(),
  agencyDivision: z.string(),
  agencyName: z.string(),
  worker: z.object({ name: z.string().nullable(), idNumberMasked: z.string().nullable() }),
  status: placementStatus,
  contractType: z.literal('labour_contract').nullable(),
  /** YYYY-MM-DD */
  contractStart: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  recordedAt: z.string(),
  /** Months insured since the contract start (any insurance type), YYYY-MM, ascending. */
  insuredMonths: z.array(z.string()),
});
export const placementPage = pageOf(placement);

/** One placement with its insurance rows and the named rules evaluated on them. */
export const placementDetail = placement.extend({
  insurance: z.array(z.object({ month: z.string(), insuranceType: z.string() })),
  /** The latest month of any insurance row imported for the placement's county (YYYY-MM), null before the first import. */
  latestImportedMonth: z.string().nullable(),
  rules: z.array(ruleOutcome),
});

/** Placements per agency and status: officials those in their divisions, an agency its own. */
export const placementCounts = z.object({
  items: z.array(z.object({ agencyId: z.number().int(), agencyDivision: z.string(), agencyName: z.string(), pendingEmployer: z.number().int(), confirmed: z.number().int(), verified: z.number().int() })),
});

/** What an insurance import did: rows read, stored (new), matched to placements, unmatched (by sheet row), placements verified by it. */
export const insuranceImportResult = z.object({
  imported: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(z.object({ row: z.number().int(), idNumberMasked: z.string(), creditCode: z.string() })),
  verified: z.number().int(),
});
