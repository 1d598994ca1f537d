// Roles (REQUIREMENTS.md, "Who uses it").
export const ROLES = [
  'province', // 省人社厅
  'prefecture', // 州（市）人社局
  'county', // 县（市、区）人社局
  'agency_admin', // 人力资源服务机构
  'agency_staff', // 机构员工
  'employer', // 用人单位
  'seeker', // 求职者、劳动者
] as const;
export type Role = (typeof ROLES)[number];

export const OFFICIAL_ROLES = ['province', 'prefecture', 'county'] as const satisfies readonly Role[];
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export function isOfficial(role: Role): role is OfficialRole {
  return (OFFICIAL_ROLES as readonly Role[]).includes(role);
}

export const SEEKER_GROUPS = ['migrant', 'graduate', 'other'] as const;
export type SeekerGroup = (typeof SEEKER_GROUPS)[number];

/** Levels, highest first: an official acts on memberships of a higher number only (decision 0024). */
const RANK: Readonly<Record<Role, number>> = { province: 0, prefecture: 1, county: 2, agency_admin: 3, employer: 3, agency_staff: 4, seeker: 4 };

/**
 * The memberships each official level may give (decision 0024): the province prefecture and county
 * officials and organisations' administrators, a prefecture county officials and administrators, a
 * county administrators. Province officials come from the bootstrap command only; staff memberships
 * from the roster; job seekers register themselves.
 */
export const GRANTABLE_BY: Readonly<Record<OfficialRole, readonly Role[]>> = {
  province: ['prefecture', 'county', 'agency_admin', 'employer'],
  prefecture: ['county', 'agency_admin', 'employer'],
  county: ['agency_admin', 'employer'],
};

/** Whether `actor` may give a membership of `role` (its reach is checked against the place apart). */
export function mayGrant(actor: Role, role: Role): boolean {
  return isOfficial(actor) && GRANTABLE_BY[actor].includes(role);
}

/**
 * Whether `actor` may disable or enable a membership of `role` (its reach is checked apart): an
 * official, on a level below its own. Staff memberships follow the roster and are not toggled.
 */
export function mayToggle(actor: Role, role: Role): boolean {
  return isOfficial(actor) && role !== 'agency_staff' && role !== 'seeker' && RANK[actor] < RANK[role];
}
