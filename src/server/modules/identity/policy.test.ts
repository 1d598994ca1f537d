// The sign-in and session rules as plain functions.
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { passwordStrongEnough, SMS_LOGIN_ROLES, sessionLimits } from './policy.ts';

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
});
