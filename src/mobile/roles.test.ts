// Where the phone login sends each role agrees with the desks' own table (src/web/auth/roles.ts):
// desk roles go to the same desk home; agency staff and job seekers stay in the phone shell.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/roles.ts';
import { homeOf } from '../web/auth/roles.ts';
import { ID_TAIL, phoneDigits } from './pages/LoginPage.tsx';
import { deskHomeOf } from './roles.ts';

describe('phone login destinations', () => {
  it('officials, agency admins and employers go to their desk; staff and seekers stay in /m/', () => {
    const stay = ROLES.filter((r) => deskHomeOf(r) === null);
    expect(stay).toEqual(['agency_staff', 'seeker']);
    for (const role of ROLES) if (!stay.includes(role)) expect(deskHomeOf(role), role).toBe(homeOf(role));
    expect(deskHomeOf('county')).toBe('/gov');
    expect(deskHomeOf('agency_admin')).toBe('/agency');
  });
});

describe('phone numbers as typed', () => {
  it.each([
    ['13900000001', '13900000001'],
    ['139 0000 0001', '13900000001'],
    ['139-0000-0001', '13900000001'],
    ['+86 139 0000 0001', '13900000001'],
    ['8613900000001', '13900000001'],
    ['１３９００００００01', '13900000001'],
  ])('%s → %s', (typed, digits) => expect(phoneDigits(typed)).toBe(digits));
});

describe('the last 6 of an ID number, as the dormant-number check asks for them', () => {
  it.each(['123456', '00000X'])('%s passes', (tail) => expect(ID_TAIL.test(tail)).toBe(true));
  it.each(['12345', '1234567', '1234X6', 'X23456', '00000x'])('%s does not (the page upper-cases x first)', (tail) => expect(ID_TAIL.test(tail)).toBe(false));
});
