// The registry's rules beyond role and scope, as a table.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.ts';
import { mayManageRoster, maySetEpidemicSuppliesFlag, seesContactNumbers } from './access.ts';

describe('mayManageRoster', () => {
  const cases: [Role, number | undefined, number, boolean][] = [
    ['agency_admin', 7, 7, true],
    ['agency_admin', 7, 8, false],
    ['agency_staff', 7, 7, false],
    ['county', undefined, 7, false],
    ['province', undefined, 7, false],
    ['employer', undefined, 7, false],
    ['seeker', undefined, 7, false],
  ];
  it.each(cases)('%s of agency %s on agency %s → %s', (role, own, target, expected) => {
    expect(mayManageRoster({ role, ...(own !== undefined ? { agencyId: own } : {}) }, target)).toBe(expected);
  });
});

describe('maySetEpidemicSuppliesFlag', () => {
  const cases: [Role, boolean][] = [
    ['province', true],
    ['prefecture', true],
    ['county', true],
    ['agency_admin', false],
    ['agency_staff', false],
    ['employer', false],
    ['seeker', false],
  ];
  it.each(cases)('%s → %s', (role, expected) => expect(maySetEpidemicSuppliesFlag({ role })).toBe(expected));
});

describe('seesContactNumbers', () => {
  it.each([['detail', true], ['list', false], ['export', false]] as const)('%s → %s', (view, expected) => expect(seesContactNumbers(view)).toBe(expected));
});
