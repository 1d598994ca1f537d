// The enum values the UI offers as choices, checked against the API's types.
import type { AgencyKind, AgencyStatus, MembershipStatus } from './types.ts';

export const AGENCY_KINDS = ['public', 'commercial'] as const satisfies readonly AgencyKind[];
export const AGENCY_STATUSES = ['active', 'suspended', 'closed'] as const satisfies readonly AgencyStatus[];
export const MEMBERSHIP_STATUSES = ['active', 'disabled'] as const satisfies readonly MembershipStatus[];

/** `value` if it is one of `options` (for values read from the address bar). */
export function pick<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((o) => o === value);
}
