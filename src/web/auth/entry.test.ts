// Where a signed-in person goes next: the one-time password first, then the picker when they hold
// several memberships, then their desk (a remembered deep link only when it lies in that desk).
import { describe, expect, it } from 'vitest';
import type { Membership } from '../api/types.ts';
import { CHOOSE_PATH, deskPath, nextAfterSignIn, PASSWORD_PATH } from './entry.ts';

const m = (id: number, role: Membership['role']): Membership => ({ id, role, divisionCode: null, divisionName: null, organisationName: null });

describe('after signing in', () => {
  it('a one-time password comes before the picker and the desk', () => {
    expect(nextAfterSignIn({ role: 'county', mustChangePassword: true, memberships: [m(1, 'county'), m(2, 'seeker')] })).toBe(PASSWORD_PATH);
    expect(nextAfterSignIn({ role: 'county', mustChangePassword: true, memberships: [m(1, 'county')] }, '/gov/agencies')).toBe(PASSWORD_PATH);
  });

  it('several memberships: the picker; one: the desk of its role', () => {
    expect(nextAfterSignIn({ role: 'agency_staff', mustChangePassword: false, memberships: [m(1, 'agency_staff'), m(2, 'seeker')] })).toBe(CHOOSE_PATH);
    expect(nextAfterSignIn({ role: 'county', mustChangePassword: false, memberships: [m(1, 'county')] })).toBe('/gov');
    expect(nextAfterSignIn({ role: 'agency_admin', mustChangePassword: false, memberships: [m(1, 'agency_admin')] }, '/agency/staff')).toBe('/agency/staff');
  });

  it('keeps a deep link only inside the desk of the role acted as', () => {
    expect(deskPath('county', '/gov/agencies?q=x')).toBe('/gov/agencies?q=x');
    expect(deskPath('county', '/gov')).toBe('/gov');
    expect(deskPath('county', '/agency/staff')).toBe('/gov');
    expect(deskPath('seeker', '/homework')).toBe('/home');
    expect(deskPath('seeker', undefined)).toBe('/home');
  });
});
