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
