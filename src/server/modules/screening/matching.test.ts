// The matching rules of P2 as tables (decision 0027): codes read at any level, the division tree
// walked by code (never a name, never a text prefix), dates inclusive at both ends, and what goes
// to an incident, what to the agency's follow-up list and what says nothing.
import { describe, expect, it } from 'vitest';
import { type AreaForMatch, contains, freshFrom, isExposure, isStale, matchStay, readDay, readDivisionCode, readRiskLevel, type TreeDivision } from './matching.ts';

const d = (code: string, level: TreeDivision['level'], prefecture: string | null, province: string): TreeDivision => ({ code, level, prefecture, province });
const YUNNAN = d('530000', 'province', null, '530000');
const DALI_PREF = d('532900', 'prefecture', '532900', '530000');
const DALI_CITY = d('532901', 'county', '532900', '530000');
const XIANGYUN = d('532923', 'county', '532900', '530000');
const CHUXIONG_PREF = d('532300', 'prefecture', '532300', '530000');
const CHUXIONG_CITY = d('532301', 'county', '532300', '530000');
const WUHAN = d('420100', 'prefecture', '420100', '420000');
const WUCHANG = d('420106', 'county', '420100', '420000');
const HUBEI = d('420000', 'province', null, '420000');
// a county whose code starts like another's prefecture (text-prefix matching would confuse them)
const KUNMING = d('530100', 'prefecture', '530100', '530000');
const WUHUA = d('530102', 'county', '530100', '530000');

const area = (division: TreeDivision, from: string, to: string | null, sub: AreaForMatch['sub'] = null): AreaForMatch => ({ owner: '530000', id: 1, division, sub, riskLevel: 'high', from, to });

describe('reading a division code', () => {
  it.each([
    ['5323', { division: '532300', sub: null }],
    ['532300', { division: '532300', sub: null }],
    ['53', { division: '530000', sub: null }],
    ['530000', { division: '530000', sub: null }],
    ['532901', { division: '532901', sub: null }],
    ['５３２９０１', { division: '532901', sub: null }],
    ['532 901', { division: '532901', sub: null }],
    ['532901001', { division: '532901', sub: { kind: 'street', code: '532901001' } }],
    ['532901001002', { division: '532901', sub: { kind: 'community', code: '532901001002' } }],
    ['大理', null],
    ['', null],
    ['53290', null],
    ['5329010', null],
  ])('%s → %j', (raw, expected) => {
    expect(readDivisionCode(raw)).toEqual(expected);
  });
});

describe('the division tree', () => {
  it.each([
    [DALI_PREF, DALI_CITY, true],
    [DALI_PREF, XIANGYUN, true],
    [DALI_CITY, XIANGYUN, false],
    [DALI_CITY, DALI_CITY, true],
    [DALI_CITY, DALI_PREF, false],
    [YUNNAN, XIANGYUN, true],
    [YUNNAN, DALI_PREF, true],
    [HUBEI, WUCHANG, true],
    [YUNNAN, WUCHANG, false],
    [KUNMING, WUHUA, true],
    [CHUXIONG_PREF, DALI_CITY, false],
  ])('%j contains %j: %s', (outer, inner, expected) => {
    expect(contains(outer, inner)).toBe(expected);
  });
});

describe('a stay against one area', () => {
  it.each<[string, TreeDivision, string, string, AreaForMatch, ReturnType<typeof matchStay>]>([
    ['the county itself, inside the dates', DALI_CITY, '2020-02-08', '2020-02-10', area(DALI_CITY, '2020-02-05', '2020-02-12'), { kind: 'risk_area', reason: 'inside_area', overlapFrom: '2020-02-08', overlapTo: '2020-02-10' }],
    ['a neighbouring county of the same prefecture', XIANGYUN, '2020-02-08', '2020-02-10', area(DALI_CITY, '2020-02-05', '2020-02-12'), null],
    ['a county inside a listed prefecture, open-ended, partly before it', CHUXIONG_CITY, '2020-02-09', '2020-02-11', area(CHUXIONG_PREF, '2020-02-10', null), { kind: 'risk_area', reason: 'inside_area', overlapFrom: '2020-02-10', overlapTo: '2020-02-11' }],
    ['wholly before the area began', CHUXIONG_CITY, '2020-02-08', '2020-02-09', area(CHUXIONG_PREF, '2020-02-10', null), null],
    ['overlapping the last day (inclusive)', DALI_CITY, '2020-02-12', '2020-02-14', area(DALI_CITY, '2020-02-05', '2020-02-12'), { kind: 'risk_area', reason: 'inside_area', overlapFrom: '2020-02-12', overlapTo: '2020-02-12' }],
    ['starting the day after it ended', DALI_CITY, '2020-02-13', '2020-02-15', area(DALI_CITY, '2020-02-05', '2020-02-12'), null],
    ['ending on its first day (inclusive)', DALI_CITY, '2020-02-01', '2020-02-05', area(DALI_CITY, '2020-02-05', '2020-02-12'), { kind: 'risk_area', reason: 'inside_area', overlapFrom: '2020-02-05', overlapTo: '2020-02-05' }],
    ['declared only at prefecture level, a county of it listed: follow-up', DALI_PREF, '2020-02-06', '2020-02-07', area(DALI_CITY, '2020-02-05', '2020-02-12'), { kind: 'follow_up', reason: 'stay_above_area', overlapFrom: '2020-02-06', overlapTo: '2020-02-07' }],
    ['declared at prefecture level, the prefecture listed', DALI_PREF, '2020-02-06', '2020-02-07', area(DALI_PREF, '2020-02-05', null), { kind: 'risk_area', reason: 'inside_area', overlapFrom: '2020-02-06', overlapTo: '2020-02-07' }],
    ['declared at province level, a county listed: follow-up', YUNNAN, '2020-02-06', '2020-02-07', area(DALI_CITY, '2020-02-05', null), { kind: 'follow_up', reason: 'stay_above_area', overlapFrom: '2020-02-06', overlapTo: '2020-02-07' }],
    ['a whole province listed', WUCHANG, '2020-01-20', '2020-01-22', area(HUBEI, '2020-01-01', null), { kind: 'risk_area', reason: 'inside_area', overlapFrom: '2020-01-20', overlapTo: '2020-01-22' }],
    ['a street inside the declared county: follow-up', DALI_CITY, '2020-02-08', '2020-02-08', area(DALI_CITY, '2020-02-01', null, { kind: 'street', code: '532901001', name: null }), { kind: 'follow_up', reason: 'street_or_community', overlapFrom: '2020-02-08', overlapTo: '2020-02-08' }],
    ['a community by name inside the declared county: follow-up', DALI_CITY, '2020-02-08', '2020-02-09', area(DALI_CITY, '2020-02-01', null, { kind: 'community', code: null, name: '古城社区' }), { kind: 'follow_up', reason: 'street_or_community', overlapFrom: '2020-02-08', overlapTo: '2020-02-09' }],
    ['a street of another county: nothing', XIANGYUN, '2020-02-08', '2020-02-09', area(DALI_CITY, '2020-02-01', null, { kind: 'street', code: '532901001', name: null }), null],
    ['a street, the stay declared at prefecture level: follow-up', DALI_PREF, '2020-02-08', '2020-02-09', area(DALI_CITY, '2020-02-01', null, { kind: 'street', code: '532901001', name: null }), { kind: 'follow_up', reason: 'street_or_community', overlapFrom: '2020-02-08', overlapTo: '2020-02-09' }],
    ['another province altogether', DALI_CITY, '2020-02-08', '2020-02-09', area(WUHAN, '2020-01-01', null), null],
    ['a county whose code begins like a listed prefecture of another province', WUHUA, '2020-02-08', '2020-02-09', area(WUHAN, '2020-01-01', null), null],
  ])('%s', (_, division, from, to, a, expected) => {
    expect(matchStay({ division, from, to }, a)).toEqual(expected);
  });
});

describe('exposure, staleness, typed levels and days', () => {
  it.each([
    [{ closeContact: false, selfCase: 'none', relativeCase: 'none' }, false],
    [{ closeContact: true, selfCase: 'none', relativeCase: 'none' }, true],
    [{ closeContact: false, selfCase: 'suspected', relativeCase: 'none' }, true],
    [{ closeContact: false, selfCase: 'none', relativeCase: 'confirmed' }, true],
  ] as const)('%j → exposure %s', (decl, expected) => {
    expect(isExposure(decl)).toBe(expected);
  });

  it.each([
    ['2020-02-01', '2020-02-17', 14, true],
    ['2020-02-02', '2020-02-17', 14, true],
    ['2020-02-03', '2020-02-17', 14, false],
    ['2020-02-17', '2020-02-17', 14, false],
    [null, '2020-02-17', 14, true],
    ['2020-02-10', '2020-02-17', 7, false],
    ['2020-02-09', '2020-02-17', 7, true],
  ])('declared %s, today %s, stale after %i days: %s', (last, today, days, expected) => {
    expect(isStale(last, today, days)).toBe(expected);
  });

  it('fresh from crosses months and leap days', () => {
    expect(freshFrom('2020-03-01', 14)).toBe('2020-02-16');
  });

  it.each([
    ['高', 'high'],
    ['中风险', 'medium'],
    [' 低 ', 'low'],
    ['High', 'high'],
    ['高风险地区', 'high'],
    ['很高', null],
    ['', null],
    // names of Object.prototype's members are text like any other (the fuzzer found a 500)
    ['__proto__', null],
    ['constructor', null],
    ['toString', null],
  ])('level %j → %s', (raw, expected) => {
    expect(readRiskLevel(raw)).toBe(expected);
  });

  it.each([
    ['2020-02-05', '2020-02-05'],
    ['2020/2/5', '2020-02-05'],
    ['2020.2.5', '2020-02-05'],
    ['2020年2月5日', '2020-02-05'],
    ['２０２０－０２－０５', '2020-02-05'],
    ['2020-02-30', null],
    ['1999-12-31', null],
    ['明天', null],
  ])('day %j → %s', (raw, expected) => {
    expect(readDay(raw)).toBe(expected);
  });
});
