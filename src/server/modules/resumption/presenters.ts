// Rows of the resumption module as the API shows them: phones and ID numbers masked in every
// list (ARCHITECTURE.md, personal information); a plan's contact phone whole for its own employer.
import type { z } from 'zod';
import { maskPhone } from '../../../shared/checksums.ts';
import type * as repo from './repository/resumption.ts';
import type * as s from './schemas.ts';

type PlanListRow = Omit<repo.PlanRow, 'key'>;

/** A plan (with its demand lines when given); `own`: the employer's own account sees its contact phone whole. */
export function presentPlan(r: PlanListRow, opts: { own: boolean }): z.infer<typeof s.planSummary>;
export function presentPlan(r: PlanListRow, opts: { own: boolean; demand: repo.DemandRow[] }): z.infer<typeof s.plan>;
export function presentPlan(r: PlanListRow, opts: { own: boolean; demand?: repo.DemandRow[] }) {
  return {
    id: r.id,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    employerId: r.employer_id,
    employerName: r.employer_name,
    resumeOn: r.resume_on,
    staffOnPost: r.staff_on_post,
    staffAway: r.staff_away,
    staffIsolated: r.staff_isolated,
    contactName: r.contact_name,
    contactPhone: opts.own ? r.contact_phone : maskPhone(r.contact_phone),
    note: r.note,
    demandTotal: r.demand_total,
    returnees: r.returnees,
    needingTransport: r.needing_transport,
    updatedAt: r.updated_at.toISOString(),
    ...(opts.demand
      ? { demand: opts.demand.map((l) => ({ id: l.id, occupationCode: l.occupation_code, occupationName: l.occupation_name, headcount: l.headcount, postingId: l.posting_id })) }
      : {}),
  };
}

/** A returning employee, masked; `province` the deployment's two-digit prefix (53). */
export function presentReturnee(r: repo.ReturneeRow, province: string): z.infer<typeof s.returnee> {
  return {
    id: r.id,
    name: r.name,
    idNumber: r.id_number_masked,
    phone: maskPhone(r.phone),
    originDivision: r.origin_division,
    originName: r.origin_name,
    originInProvince: r.origin_province.startsWith(province),
    travelOn: r.travel_on,
    needsTransport: r.needs_transport,
  };
}

/** A worker waiting for transport, masked, with destination county, employer and its contact (masked). */
export function presentWaiting(r: repo.WaitingRow, province: string): z.infer<typeof s.waitingWorker> {
  return {
    ...presentReturnee(r, province),
    divisionCode: r.division_code,
    divisionName: r.division_name,
    employerName: r.employer_name,
    contactName: r.contact_name,
    contactPhone: maskPhone(r.contact_phone),
  };
}

/** One (county, occupation) of the demand table with its supply and 求人倍率 (two decimals, null with no seeker). */
export function presentDemandRow(r: Awaited<ReturnType<typeof repo.demandByOccupation>>[number], seekers: number): z.infer<typeof s.demandRow> {
  return {
    divisionCode: r.division_code,
    divisionName: r.division_name,
    occupationCode: r.occupation_code,
    occupationName: r.occupation_name,
    demand: r.demand,
    plans: r.plans,
    seekers,
    ratio: seekers > 0 ? Math.round((r.demand / seekers) * 100) / 100 : null,
  };
}
