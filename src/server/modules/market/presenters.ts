// Posting rows → API shapes. Times in ISO 8601 with +08:00 (Beijing), as public pages and JSON-LD
// need them; an open posting past its last instant reads as expired before the job has run.
import type { z } from 'zod';
import { maskPhone } from '../../../shared/checksums.ts';
import type { CaseRow } from './repository/moderation.ts';
import { UNRESOLVED_DIVISION, type PostingRow } from './repository/postings.ts';
import type * as s from './schemas.ts';

/** `at` as `YYYY-MM-DDTHH:mm:ss+08:00`. */
export function beijingIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

const iso = (d: Date | null) => (d ? beijingIso(d) : null);
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The status a reader sees at `now`: published but past valid_through is expired. */
export function statusAt(row: Pick<PostingRow, 'status' | 'valid_through'>, now: Date): z.infer<typeof s.postingStatus> {
  if (row.status === 'published' && row.valid_through && row.valid_through < now) return 'expired';
  return row.status as z.infer<typeof s.postingStatus>;
}

/** Whether a seeker can apply to the posting now (decision 0036): open at `now` and written by a registered employer. */
export function acceptsApplications(row: Pick<PostingRow, 'status' | 'valid_through' | 'employer_id'>, now: Date): boolean {
  return statusAt(row, now) === 'published' && row.employer_id !== null;
}

export function presentPublic(r: PostingRow, now: Date): z.infer<typeof s.publicPosting> {
  const status = statusAt(r, now);
  return {
    id: r.id,
    code: r.public_code,
    divisionCode: r.division_code === UNRESOLVED_DIVISION ? null : r.division_code,
    divisionName: r.division_name ?? null,
    regionText: r.region_text,
    title: r.title,
    employerName: r.employer_name,
    occupationCode: r.occupation_code,
    industryCode: r.industry_code,
    address: r.address,
    headcount: r.headcount,
    salary: r.salary_unit ? { min: num(r.salary_min), max: num(r.salary_max), unit: r.salary_unit as 'MONTH', monthsPaid: r.salary_months } : null,
    education: r.education,
    skillGrade: r.skill_grade,
    experience: r.experience,
    description: r.description,
    benefits: r.benefits,
    contact: r.contact,
    employmentType: r.employment_type as z.infer<typeof s.employmentType> | null,
    validThrough: iso(r.valid_through),
    datePosted: iso(r.first_published_at),
    epidemicSupplies: r.epidemic_supplies,
    priorityGroups: r.priority_groups as Array<'graduate' | 'migrant'>,
    status,
    open: status === 'published',
    directApply: acceptsApplications(r, now),
  };
}

export function presentPosting(r: PostingRow, now: Date): z.infer<typeof s.posting> {
  return {
    ...presentPublic(r, now),
    employerId: r.employer_id,
    sourcePlatform: r.source_platform,
    sourceId: r.source_id,
    sourceUrl: r.source_url,
    screenedAt: iso(r.screened_at),
    publishedAt: iso(r.published_at),
    endedAt: iso(r.ended_at),
    takedownReason: r.takedown_reason,
    createdAt: beijingIso(r.created_at),
    updatedAt: beijingIso(r.updated_at),
  };
}

/** A moderation case as the desk lists it (decision 0037). */
export function presentCase(r: CaseRow): z.infer<typeof s.moderationCase> {
  return {
    id: r.id,
    divisionCode: r.division_code,
    divisionName: r.division_name ?? null,
    origin: r.origin as 'screener' | 'report',
    status: r.status as z.infer<typeof s.caseStatus>,
    hits: Array.isArray(r.hits) ? (r.hits as Array<{ rule: string; text: string }>) : [],
    reportCount: r.report_count,
    reason: r.reason,
    decidedAt: iso(r.decided_at),
    openedAt: beijingIso(r.opened_at),
    posting: {
      id: r.posting_id,
      code: r.posting_code,
      title: r.posting_title,
      employerName: r.posting_employer_name,
      status: r.posting_status as z.infer<typeof s.postingStatus>,
      imported: r.posting_source_platform !== null,
    },
  };
}

/** A report as officials read it: the reporter's phone masked, always. */
export function presentReport(r: { id: number; category: string; body: string; contact_phone: string | null; created_at: Date }): z.infer<typeof s.postingReport> {
  return {
    id: r.id,
    category: r.category as z.infer<typeof s.reportCategory>,
    text: r.body,
    contactPhone: r.contact_phone ? maskPhone(r.contact_phone) : null,
    createdAt: beijingIso(r.created_at),
  };
}
