// Rows → API shapes. Masking is decided here: the seeker sees their own phone whole; everyone
// else masked. Sex and birth date (derived from the ID number, statistics only) are never shown.
import type { z } from 'zod';
import { maskPhone } from '../../../shared/checksums.ts';
import { registrationExpired } from './access.ts';
import type { SeekerRow } from './repository/seekers.ts';
import type * as s from './schemas.ts';

const num = (v: string | null) => (v === null ? null : Number(v));

/** A profile as `own` (the seeker) or someone else sees it; `expired` as registrationExpired says at `now`. */
export function presentSeeker(r: SeekerRow, opts: { own: boolean; now: Date }): z.infer<typeof s.profile> {
  return {
    id: r.id,
    divisionCode: r.division_code,
    name: r.name,
    phone: opts.own ? r.phone : maskPhone(r.phone),
    idNumberMasked: r.id_number_masked,
    categories: r.categories as z.infer<typeof s.profile>['categories'],
    priorityGroups: r.priority_groups as z.infer<typeof s.profile>['priorityGroups'],
    residenceDivision: r.residence_division,
    homeDivision: r.home_division,
    desiredOccupations: r.desired_occupations,
    desiredDivisions: r.desired_divisions,
    salaryMin: num(r.salary_min),
    salaryMax: num(r.salary_max),
    salaryUnit: r.salary_unit as z.infer<typeof s.profile>['salaryUnit'],
    educationCode: r.education_code,
    skillGrade: r.skill_grade,
    experienceYears: r.experience_years,
    skills: r.skills,
    resume: r.resume,
    validUntil: r.valid_until,
    expired: registrationExpired(r.valid_until, opts.now),
    visibility: r.visibility as z.infer<typeof s.profile>['visibility'],
    recommendations: r.recommendations,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** An authorisation (a grant row): the agency from its grantee key `agency:<division>:<id>`. */
export function presentAuthorisation(g: { id: number; grantee: string; granted_at: Date; expires_at: Date | null }): z.infer<typeof s.authorisation> {
  const [, division = '', id = '0'] = g.grantee.split(':');
  return { id: g.id, agencyId: Number(id), agencyDivision: division, grantedAt: g.granted_at.toISOString(), revokedAt: g.expires_at?.toISOString() ?? null };
}
