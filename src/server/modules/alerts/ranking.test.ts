// The digest's ranking against brute force (no database): for generated subscribers and postings,
// every class bound holds (no posting of a class scores above it: the walk may stop there), and the
// walk's top five are exactly the best five of every posting the subscriber reaches, scored one by
// one with the matcher's own scoreMatch. And the pure helpers: quiet hours, tokens, TD.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beijingInstant } from '../../../shared/beijing-day.ts';
import { createFieldCrypto } from '../../platform/crypto.ts';
import { corpusOf, type MatchPosting, type MatchSeeker, scoreMatch } from '../matching/service.ts';
import { deliverAfter, isQuiet } from './quiet-hours.ts';
import { classesOf, type DayPosting, indexPostings, reachOf, scratchFor, topPostings } from './ranking.ts';
import { asksToStop, replySignature } from './replies.service.ts';
import { readUnsubscribeToken, unsubscribeToken, wechatState, wechatStateHolds } from './tokens.ts';

const NOW = new Date('2025-03-11T00:00:00Z');
type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;
const COUNTIES = ['530102', '530103', '530111', '530381', '530402', '532301', '533102', '530100'];
const CODES = [null, '6', '6-01', '6-01-02', '6-01-02-03', '6-02-01', '4', '4-01-01', '4-01-02-01', '2-02-01-01', '3'];
const WORDS = ['缝纫', '平车', '叉车', '司机', '保安', '厨师', '会计', '宿舍', '包吃住', '电工', '焊工', '服务员', '收银', '夜班'];
const UNITS = ['MONTH', 'DAY', 'HOUR', null] as const;

const posting = fc.record({
  division: fc.constantFrom(...COUNTIES),
  code: fc.constantFrom(...CODES),
  salary: fc.option(fc.integer({ min: 100, max: 12_000 })),
  unit: fc.constantFrom(...UNITS),
  education: fc.constantFrom('', '不限', '初中及以上', '高中', '大专及以上', '本科'),
  experience: fc.constantFrom('', '1-3年', '3年以上', '无经验'),
  grade: fc.constantFrom('', '初级工', '高级工'),
  hoursOld: fc.integer({ min: 0, max: 40 }),
  epidemic: fc.boolean(),
  groups: fc.subarray(['graduate', 'migrant']),
  words: fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }),
});

const seeker = fc.record({
  desired: fc.subarray(['6-01-02', '6', '4-01-01-01', '2-02-01-01', '6-02'], { maxLength: 2 }),
  places: fc.subarray(['530102', '530300', '530000', '532301'], { maxLength: 2 }),
  residence: fc.option(fc.constantFrom('530102', '530111', '530402')),
  home: fc.option(fc.constantFrom('533102', '530381')),
  salary: fc.option(fc.integer({ min: 2000, max: 9000 })),
  educationRank: fc.option(fc.integer({ min: 1, max: 8 })),
  years: fc.option(fc.integer({ min: 0, max: 10 })),
  grade: fc.option(fc.constantFrom('初级工', '高级工')),
  groups: fc.subarray(['college_graduate', 'migrant_worker']),
  words: fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }),
});

function dayPostings(list: Of<typeof posting>[]): DayPosting[] {
  return list.map((p, i) => {
    const words = new Map<string, number>();
    for (const w of p.words) words.set(w, (words.get(w) ?? 0) + 1);
    const match: MatchPosting = {
      occupationCode: p.code,
      divisionCode: p.division,
      salaryMin: p.salary && p.unit ? p.salary : null,
      salaryMax: p.salary && p.unit ? p.salary + 500 : null,
      salaryUnit: p.salary ? p.unit : null,
      education: p.education,
      experience: p.experience,
      skillGrade: p.grade,
      publishedAt: new Date(NOW.getTime() - p.hoursOld * 3_600_000),
      epidemicSupplies: p.epidemic,
      priorityGroups: p.groups,
      words,
      length: p.words.length,
    };
    return { divisionCode: p.division, id: i + 1, match, view: { publicCode: `C${i}`, title: `t${i}`, employerName: 'e', salaryMin: null, salaryMax: null, salaryUnit: null } };
  });
}

function matchSeeker(s: Of<typeof seeker>): MatchSeeker {
  return {
    desiredOccupations: s.desired,
    desiredDivisions: s.places,
    residenceDivision: s.residence,
    homeDivision: s.home,
    salaryMin: s.salary,
    salaryMax: s.salary,
    salaryUnit: s.salary ? 'month' : null,
    educationRank: s.educationRank,
    skillGrade: s.grade,
    experienceYears: s.years,
    priorityGroups: s.groups,
    words: s.words,
  };
}

/** The profile's match keys as migration 0030's seeker_match_keys makes them. */
function matchKeys(s: Of<typeof seeker>): string[] {
  const keys = new Set<string>();
  for (const o of s.desired) for (const n of [1, 4, 7, 10]) if (n <= o.length) keys.add(`o${o.slice(0, n)}`);
  if (!s.desired.length) keys.add('oany');
  const all = [s.residence, s.home, ...s.places].filter((d): d is string => Boolean(d));
  for (const d of all) {
    if (/^\d{4}(0[1-9]|[1-9]\d)$/.test(d)) keys.add(`c${d}`);
    if (/^\d{6}$/.test(d) && !/^\d{2}0000$/.test(d)) keys.add(`f${d.slice(0, 4)}`);
  }
  for (const d of s.places) if (/^\d{2}0000$/.test(d)) keys.add(`v${d.slice(0, 2)}`);
  return [...keys];
}

/** Whether the subscriber reaches the posting, by the rule ranking.ts states (places; occupations named, or none). */
function reaches(keys: string[], p: DayPosting): boolean {
  const r = reachOf(keys, '530000');
  const d = p.divisionCode;
  const code = p.match.occupationCode;
  const prefixes = code ? code.split('-').map((_, i, a) => a.slice(0, i + 1).join('-')) : [];
  const occupationOk = !r.occupations.length || !code || prefixes.some((x) => r.occupations.includes(x));
  const placeOk = r.counties.includes(d) || r.prefectures.includes(d.slice(0, 4)) || r.provinces.includes(d.slice(0, 2));
  const anywhere = Boolean(code) && prefixes.some((x) => r.occupations.includes(x) && x.includes('-')) && d.startsWith(r.home);
  return (placeOk && occupationOk) || anywhere;
}

describe('the digest ranking', () => {
  it('no posting of a class scores above its bound', () => {
    fc.assert(
      fc.property(seeker, fc.array(posting, { minLength: 1, maxLength: 60 }), (s, ps) => {
        const postings = dayPostings(ps);
        const index = indexPostings(postings);
        const corpus = corpusOf(postings.map((p) => p.match));
        const m = matchSeeker(s);
        const reach = reachOf(matchKeys(s), '530000');
        for (const c of classesOf(index, m, reach, NOW)) {
          for (const i of index.lists.get(c.place)?.get(c.occupation)?.[c.flags] ?? []) {
            const p = postings[i] as DayPosting;
            const d = p.divisionCode;
            // the class's own postings (the others in its list belong to classes walked before it: a
            // county of the subscriber's before a prefecture, a closer occupation before a wider one)
            const nearer = c.rank === 0 ? d !== c.place : c.rank === 1 ? reach.counties.includes(d) : reach.counties.includes(d) || reach.prefectures.includes(d.slice(0, 4));
            const own = !nearer && classLevel(m, p.match.occupationCode) === c.level;
            if (own) expect(scoreMatch(m, p.match, corpus, NOW).score).toBeLessThanOrEqual(c.bound + 1e-9);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the walk finds the best five of everything reached, as brute force does', () => {
    fc.assert(
      fc.property(seeker, fc.array(posting, { minLength: 1, maxLength: 80 }), fc.constantFrom(0, 0.4, 0.55, 0.7), (s, ps, threshold) => {
        const postings = dayPostings(ps);
        const index = indexPostings(postings);
        const corpus = corpusOf(postings.map((p) => p.match));
        const m = matchSeeker(s);
        const keys = matchKeys(s);
        const want = postings
          .filter((p) => reaches(keys, p))
          .map((p) => ({ p, score: scoreMatch(m, p.match, corpus, NOW).score }))
          .filter((x) => x.score >= threshold)
          .sort((a, b) => b.score - a.score || b.p.match.publishedAt.getTime() - a.p.match.publishedAt.getTime() || b.p.id - a.p.id)
          .slice(0, 5)
          .map((x) => x.p.id);
        const got = topPostings(index, m, reachOf(keys, '530000'), corpus, NOW, { size: 5, threshold, candidates: Number.POSITIVE_INFINITY }, scratchFor(index));
        expect(got.picks.map((x) => (postings[x.i] as DayPosting).id)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('scores no more than the shortlist; the shortlist keeps the postings the estimate ranks first, the subscriber\'s words among them', () => {
    // 200 postings alike but for their words, in the subscriber's county; one with the subscriber's rare words, listed last
    const base: Of<typeof posting> = { division: '530102', code: null, salary: 5000, unit: 'MONTH', education: '', experience: '', grade: '', hoursOld: 5, epidemic: false, groups: [], words: ['宿舍'] };
    const ps = Array.from({ length: 200 }, (_, k) => ({ ...base, words: ['宿舍', (WORDS[k % WORDS.length] as string) === '叉车' ? '保安' : (WORDS[k % WORDS.length] as string)] }));
    ps.push({ ...base, words: ['叉车', '夜班', '叉车'] });
    const postings = dayPostings(ps);
    const index = indexPostings(postings);
    const s = { ...(fc.sample(seeker, { numRuns: 1, seed: 3 })[0] as Of<typeof seeker>), residence: '530102' as const, words: ['叉车', '夜班'] };
    const scratch = scratchFor(index);
    const r = topPostings(index, matchSeeker(s), reachOf(['c530102', 'f5301', 'oany'], '530000'), corpusOf(postings.map((p) => p.match)), NOW, { size: 5, threshold: 0, candidates: 30 }, scratch);
    expect(r.scored).toBeLessThanOrEqual(30);
    expect(r.picks[0]?.i).toBe(postings.length - 1);
    // the work arrays are left clean for the next subscriber
    expect(scratch.text.every((x) => x === 0)).toBe(true);
  });
});

/** The occupation level of a posting's code against the seeker's (the class it belongs to): 4 … 1, 0 for no code or other groups. */
function classLevel(m: MatchSeeker, code: string | null): number {
  if (!code || !m.desiredOccupations.length) return 0;
  let best = 0;
  for (const o of m.desiredOccupations) {
    const a = o.split('-');
    const b = code.split('-');
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    best = Math.max(best, n);
  }
  return best;
}

describe('quiet hours', () => {
  const q = { start: 21 * 60, end: 8 * 60 };
  it('inside them a message falls due at their end, Beijing time; outside, at once', () => {
    expect(deliverAfter(beijingInstant('2025-03-11', 7 * 60 + 30), q)).toEqual(beijingInstant('2025-03-11', 8 * 60));
    expect(deliverAfter(beijingInstant('2025-03-11', 23 * 60), q)).toEqual(beijingInstant('2025-03-12', 8 * 60));
    expect(deliverAfter(beijingInstant('2025-03-11', 21 * 60), q)).toEqual(beijingInstant('2025-03-12', 8 * 60));
    expect(deliverAfter(beijingInstant('2025-03-11', 8 * 60), q)).toBeNull();
    expect(deliverAfter(beijingInstant('2025-03-11', 12 * 60), q)).toBeNull();
    expect(deliverAfter(beijingInstant('2025-03-11', 23 * 60), null)).toBeNull();
    // within one day
    const noon = { start: 12 * 60, end: 14 * 60 };
    expect(deliverAfter(beijingInstant('2025-03-11', 13 * 60), noon)).toEqual(beijingInstant('2025-03-11', 14 * 60));
    expect(isQuiet(11 * 60, noon)).toBe(false);
  });
});

describe('signed values', () => {
  const crypto = createFieldCrypto(Buffer.alloc(32, 7));
  const other = createFieldCrypto(Buffer.alloc(32, 8));
  it('an unsubscribe token names its account; a changed digit or another key does not hold', () => {
    const tok = unsubscribeToken(crypto, 4242);
    expect(readUnsubscribeToken(crypto, tok)).toBe(4242);
    expect(readUnsubscribeToken(crypto, tok.replace(/^4242/, '4243'))).toBeNull();
    expect(readUnsubscribeToken(crypto, `${tok.slice(0, -1)}${tok.endsWith('0') ? '1' : '0'}`)).toBeNull();
    expect(readUnsubscribeToken(other, tok)).toBeNull();
    for (const bad of [undefined, '', 'x', '4242.', '4242.zz', `${tok}x`]) expect(readUnsubscribeToken(crypto, bad)).toBeNull();
  });
  it('a WeChat state holds for its account until its deadline, letters and digits only', () => {
    const state = wechatState(crypto, 7, NOW);
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(wechatStateHolds(crypto, state, 7, NOW)).toBe(true);
    expect(wechatStateHolds(crypto, state, 8, NOW)).toBe(false);
    expect(wechatStateHolds(crypto, state, 7, new Date(NOW.getTime() + 11 * 60_000))).toBe(false);
    expect(wechatStateHolds(other, state, 7, NOW)).toBe(false);
  });
  it('the webhook signature covers every field', () => {
    const a = replySignature('s'.repeat(16), '1741651200', 'm1', '13800000001', 'TD');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(replySignature('s'.repeat(16), '1741651200', 'm1', '13800000001', 'td')).not.toBe(a);
  });
});

describe('a reply asking to stop', () => {
  it('TD in any case and width, with spaces, 退订; nothing else', () => {
    for (const yes of ['TD', 'td', 'Td', ' T D ', 'ＴＤ', 'ｔｄ', 'T　D', '退订', ' 退 订 ', 'TD。', '退订TD']) expect(asksToStop(yes), yes).toBe(true);
    for (const no of ['', 'T', 'TDD', '谢谢', '不要退订', 'STOP TD now', 'D T']) expect(asksToStop(no), no).toBe(false);
  });
});
