// The sign-in and session rules as plain functions.
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { type Overseer, overseenThrough, passwordRuleMessage, passwordStrongEnough, SMS_LOGIN_ROLES, sessionLimits, strictestRole } from './policy.ts';

describe('identity policy', () => {
  it('gives officials and agency administrators short sessions, others long ones', () => {
    for (const role of ['province', 'prefecture', 'county', 'agency_admin'] as const) {
      expect(sessionLimits(role)).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
    }
    for (const role of ['agency_staff', 'employer', 'seeker'] as const) {
      const l = sessionLimits(role);
      expect(l.idleMs).toBeGreaterThan(30 * MINUTE);
      expect(l.absoluteMs).toBeGreaterThanOrEqual(l.idleMs);
    }
  });

  it('asks officials for 12 characters of three classes', () => {
    expect(passwordStrongEnough('county', 'Abcdefghij1!')).toBe(true); // 12, four classes
    expect(passwordStrongEnough('county', 'abcdefghij1!')).toBe(true); // three classes
    expect(passwordStrongEnough('county', 'Abcdefgh1!')).toBe(false); // 10 characters
    expect(passwordStrongEnough('province', 'abcdefghijkl1')).toBe(false); // two classes
    expect(passwordStrongEnough('prefecture', 'ABCDEFGHIJKL!')).toBe(false); // two classes
    expect(passwordStrongEnough('agency_admin', 'ABCDEFghijkl')).toBe(false);
    expect(passwordStrongEnough('agency_admin', 'ABCDEFghijk9')).toBe(true);
    expect(passwordStrongEnough('prefecture', '密码密码密码密码Aa1x')).toBe(true); // CJK counts as a symbol
  });

  it('asks others for 8 characters', () => {
    expect(passwordStrongEnough('seeker', '1234567')).toBe(false);
    expect(passwordStrongEnough('seeker', '12345678')).toBe(true);
    expect(passwordStrongEnough('employer', 'abcdefgh')).toBe(true);
  });

  it('lets only agency staff and job seekers sign in by SMS', () => {
    expect([...SMS_LOGIN_ROLES].sort()).toEqual(['agency_staff', 'seeker']);
  });

  describe('the level above (unlock, a new phone)', () => {
    const official = (role: 'province' | 'prefecture' | 'county', code: string, prefix: string): Overseer => ({ accountId: 1, role, divisionCode: code, prefixes: [prefix] });
    const province = official('province', '530000', '53');
    const kunming = official('prefecture', '530100', '5301');
    const wuhua = official('county', '530102', '530102');
    const admin: Overseer = { accountId: 2, role: 'agency_admin', divisionCode: '530102', agencyId: 7, prefixes: [] };
    const m = (role: string, place: { official?: string; org?: string; agency?: number } = {}, status = 'active') => ({
      role,
      official_division: place.official ?? null,
      org_division: place.org ?? null,
      agency_id: place.agency ?? null,
      status,
    });
    const person = (...memberships: ReturnType<typeof m>[]) => ({ accountId: 99, memberships });

    it('an official over the roles below it in its reach; an agency administrator over its own staff', () => {
      const staff = m('agency_staff', { org: '530102', agency: 7 });
      expect(overseenThrough(wuhua, person(staff))).toBe(staff);
      expect(overseenThrough(wuhua, person(m('agency_admin', { org: '530102', agency: 7 })))).toBeDefined();
      expect(overseenThrough(wuhua, person(m('employer', { org: '530102' })))).toBeDefined();
      expect(overseenThrough(wuhua, person(m('agency_staff', { org: '530103', agency: 8 })))).toBeUndefined(); // another county
      expect(overseenThrough(wuhua, person(m('county', { official: '530102' })))).toBeUndefined(); // the same level
      expect(overseenThrough(kunming, person(m('county', { official: '530102' })))).toBeDefined();
      expect(overseenThrough(kunming, person(m('prefecture', { official: '530100' })))).toBeUndefined();
      expect(overseenThrough(province, person(m('prefecture', { official: '530100' })))).toBeDefined();
      expect(overseenThrough(province, person(m('province', { official: '530000' })))).toBeUndefined();
      expect(overseenThrough(admin, person(staff))).toBe(staff);
      expect(overseenThrough(admin, person(m('agency_staff', { org: '530102', agency: 8 })))).toBeUndefined();
      expect(overseenThrough(admin, person(m('employer', { org: '530102' })))).toBeUndefined();
    });

    it('judges by the highest active membership; job seekers belong to the province; never oneself', () => {
      const both = person(m('agency_staff', { org: '530102', agency: 7 }), m('county', { official: '530103' }));
      expect(overseenThrough(wuhua, both)).toBeUndefined();
      expect(overseenThrough(admin, both)).toBeUndefined();
      expect(overseenThrough(kunming, both)?.role).toBe('county');
      // a disabled membership counts for nothing
      const former = person(m('agency_staff', { org: '530102', agency: 7 }), m('county', { official: '530103' }, 'disabled'));
      expect(overseenThrough(wuhua, former)?.role).toBe('agency_staff');
      expect(overseenThrough(wuhua, person(m('agency_staff', { org: '530102', agency: 7 }, 'disabled')))).toBeUndefined();
      expect(overseenThrough(wuhua, person(m('seeker')))).toBeUndefined();
      expect(overseenThrough(province, person(m('seeker')))).toBeDefined();
      expect(overseenThrough(kunming, { accountId: 1, memberships: [m('agency_staff', { org: '530102', agency: 7 })] })).toBeUndefined();
    });

    it("a reset's password rule is the strictest membership's", () => {
      expect(strictestRole([])).toBe('seeker');
      expect(strictestRole(['agency_staff', 'seeker'])).toBe('agency_staff');
      expect(strictestRole(['employer', 'agency_admin'])).toBe('agency_admin');
      expect(strictestRole(['agency_staff', 'county', 'agency_admin'])).toBe('county');
      expect(passwordRuleMessage(strictestRole(['agency_staff', 'agency_admin']))).toBe('password_too_weak');
      expect(passwordRuleMessage(strictestRole(['agency_staff', 'employer']))).toBe('password_too_short');
    });
  });
});
