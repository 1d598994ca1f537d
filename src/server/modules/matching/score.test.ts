// The matcher's pure parts (issue 12, decision 0046), table-driven: what a posting's free text
// asks for, monthly equivalents, the stored tsvector read back, and the score's rules — each fit
// moving the score the way its rule says, the bounds, the boosts, the reasons.
import { describe, expect, it } from 'vitest';
import { educationRankOf, experienceYearsOf, monthlyOf, skillGradeOf } from './requirements.ts';
import { BOOSTS, corpusOf, type MatchPosting, type MatchSeeker, occupationLevel, postingWords, REASON_CODES, scoreMatch, within } from './score.ts';
import { parseTsvector, weightedWordsOf } from './tsvector.ts';

describe('educationRankOf (学历 text → education_levels.rank)', () => {
  it.each([
    ['不限', null], ['学历不限', null], ['', null], ['初中', 2], ['初中及以上', 2], ['高中', 3], ['中专/中技', 4], ['技校', 4], ['大专', 5], ['大专及以上', 5],
    ['本科', 6], ['统招本科', 6], ['本科/硕士', 6], ['硕士', 7], ['研究生', 7], ['博士', 8], ['小学', 1], ['其他', null],
  ])('%s → %s', (text, rank) => expect(educationRankOf(text)).toBe(rank));
});

describe('experienceYearsOf (经验 text → years)', () => {
  it.each([
    ['1-3年', 1], ['3-5年', 3], ['3年以上', 3], ['5年', 5], ['一年以上', 1], ['两年', 2], ['无经验', 0], ['经验不限', 0], ['应届生', 0], ['', 0], ['在校生', 0], ['若干', null],
  ])('%s → %s', (text, years) => expect(experienceYearsOf(text)).toBe(years));
});

describe('skillGradeOf (国家职业资格 five levels)', () => {
  it.each([
    ['电工（五级/初级工）', 1], ['中级工', 2], ['四级', 2], ['高级工', 3], ['技师', 4], ['二级/技师', 4], ['高级技师', 5], ['一级', 5], ['电工证', null], ['', null],
  ])('%s → %s', (text, grade) => expect(skillGradeOf(text)).toBe(grade));
});

describe('monthlyOf (人社部发〔2008〕3号: 21.75 days, 174 hours a month)', () => {
  it.each([
    [5000, 'MONTH', 5000], [5000, 'month', 5000], [60000, 'YEAR', 5000], [200, 'DAY', 4350], [200, 'day', 4350], [25, 'HOUR', 4350], [3, 'PIECE', null], [5000, null, null], [0, 'MONTH', null], [Number.NaN, 'MONTH', null],
  ])('%s %s → %s', (amount, unit, monthly) => expect(monthlyOf(amount, unit)).toBe(monthly));
});

describe('parseTsvector', () => {
  it('reads weights and positions, doubled quotes, weightless positions and stripped lexemes', () => {
    expect(parseTsvector("'c':2B 'it''s':5 '叉车':1A,4C 'x'")).toEqual({ A: ['叉车'], B: ['c'], C: ['叉车'], D: ["it's", 'x'] });
  });
  it('never throws on text it cannot read', () => {
    for (const s of ['', "'", "'a", "'a':", "'a':1Z", 'garbage', "'a':1A,,2B"]) expect(() => parseTsvector(s)).not.toThrow();
  });
});

describe('weightedWordsOf: one pass over the text form, as postingWords(parseTsvector(…)) counts', () => {
  const texts = [
    "'c':2B 'it''s':5 '叉车':1A,4C 'x'",
    "'平缝':3C,9C '缝纫':1A,5B,7C,12 '工':2A 'dv530102':20 '宿舍':14C 'a''''b':8A,9B",
    '', "'", "'a", "'a':", "'a':1Z", 'garbage', "'a':1A,,2B", "'a':1A,2Z 'b':3A", "'a':1A 'b",
  ];
  it.each(texts)('%j', (text) => {
    const expected = postingWords(parseTsvector(text));
    expect(weightedWordsOf(text)).toEqual(expected);
    // for one seeker's words: theirs alone, the length of every word
    const only = new Set(['缝纫', 'b', '宿舍', 'it\'s', 'nowhere']);
    const mine = weightedWordsOf(text, only);
    expect(mine.length).toBe(expected.length);
    expect(mine.words).toEqual(new Map([...expected.words].filter(([w]) => only.has(w))));
  });
});

describe('occupationLevel and within', () => {
  it.each([
    ['4-02-01-01', '4-02-01-01', 4], ['4-02-01-01', '4-02-01-02', 3], ['4-02-01', '4-02-03', 2], ['4', '4-02-01', 1], ['4', '6', 0],
  ])('%s ~ %s → %s', (a, b, level) => expect(occupationLevel(a, b)).toBe(level));
  it.each([
    ['530102', '530102', true], ['530102', '530100', true], ['530102', '530000', true], ['530102', '530103', false], ['532301', '530100', false], ['440305', '530000', false],
  ])('%s within %s → %s', (code, division, inside) => expect(within(code, division)).toBe(inside));
});

const NOW = new Date('2025-03-10T02:00:00Z');
const seeker = (o: Partial<MatchSeeker> = {}): MatchSeeker => ({
  desiredOccupations: ['6-04'], desiredDivisions: [], residenceDivision: '530102', homeDivision: '530627', salaryMin: 4500, salaryMax: 6000, salaryUnit: 'month',
  educationRank: 2, skillGrade: null, experienceYears: 5, priorityGroups: ['migrant_worker'], words: ['平缝', '缝纫'], ...o,
});
const words = postingWords({ A: ['缝纫', '工'], B: [], C: ['平缝', '缝纫', '宿舍'] });
const posting = (o: Partial<MatchPosting> = {}): MatchPosting => ({
  occupationCode: '6-04-01', divisionCode: '530102', salaryMin: 5000, salaryMax: 7000, salaryUnit: 'MONTH', education: '初中', experience: '1-3年', skillGrade: '',
  publishedAt: new Date('2025-03-09T02:00:00Z'), epidemicSupplies: false, priorityGroups: [], ...words, ...o,
});
const corpus = corpusOf([posting(), posting({ ...postingWords({ A: ['会计'], B: [], C: ['报表', '税务'] }) }), posting({ ...postingWords({ A: ['司机'], B: [], C: ['驾驶'] }) })]);
const score = (s: Partial<MatchSeeker>, p: Partial<MatchPosting>) => scoreMatch(seeker(s), posting(p), corpus, NOW);

describe('scoreMatch', () => {
  it('is in [0, 1], and its reasons come from the fixed list', () => {
    const best = score({}, { epidemicSupplies: true, priorityGroups: ['migrant'] });
    const worst = score({ words: [] }, { occupationCode: '2-01', divisionCode: '440305', salaryMax: 1000, salaryMin: 1000, education: '博士', experience: '10年', skillGrade: '高级技师', publishedAt: new Date('2024-01-01') });
    for (const s of [best, worst]) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      for (const r of s.reasons) expect(REASON_CODES).toContain(r);
    }
    expect(best.score).toBeGreaterThan(0.6);
    expect(worst.score).toBeLessThan(0.2);
  });

  it('occupation: same occupation > same minor group > same middle group > same major group > another group', () => {
    const at = (code: string) => score({ desiredOccupations: ['6-04-01-02'] }, { occupationCode: code }).score;
    const ladder = [at('6-04-01-02'), at('6-04-01-05'), at('6-04-03'), at('6-21'), at('4-02')];
    for (let i = 1; i < ladder.length; i++) expect(ladder[i - 1]).toBeGreaterThan(ladder[i] as number);
    expect(score({ desiredOccupations: ['6-04-01-02'] }, { occupationCode: '6-04-01-02' }).reasons).toContain('same_occupation');
    expect(score({ desiredOccupations: ['6'] }, { occupationCode: '6-04' }).reasons).toContain('same_major_group');
  });

  it('place: same county > same prefecture > same province > elsewhere; home county and chosen places count', () => {
    const at = (d: string, s: Partial<MatchSeeker> = {}) => score(s, { divisionCode: d });
    expect(at('530102').score).toBeGreaterThan(at('530103').score);
    expect(at('530103').score).toBeGreaterThan(at('532301').score);
    expect(at('532301').score).toBeGreaterThan(at('440305').score);
    expect(at('530627').reasons).toContain('home_county');
    expect(at('530102').reasons).toContain('same_county');
    expect(at('532301', { desiredDivisions: ['532300'] }).reasons).toContain('chosen_place');
    expect(at('532301', { desiredDivisions: ['532300'] }).score).toBeGreaterThan(at('532301').score);
  });

  it('salary: on one monthly scale whatever the units; meeting the expectation says so', () => {
    expect(score({}, { salaryMin: 200, salaryMax: 260, salaryUnit: 'DAY' }).reasons).toContain('salary_fits'); // 260 × 21.75 = 5,655 ≥ 4,500
    expect(score({}, { salaryMin: 100, salaryMax: 150, salaryUnit: 'DAY' }).reasons).not.toContain('salary_fits');
    expect(score({}, { salaryMax: 7000 }).score).toBeGreaterThan(score({}, { salaryMax: 3500, salaryMin: 3000 }).score);
  });

  it('requirements: education, experience and skill grade below what is asked lower the score', () => {
    expect(score({ educationRank: 2 }, { education: '本科' }).score).toBeLessThan(score({ educationRank: 2 }, { education: '初中' }).score);
    expect(score({ experienceYears: 0 }, { experience: '3-5年' }).score).toBeLessThan(score({ experienceYears: 5 }, { experience: '3-5年' }).score);
    expect(score({ skillGrade: '初级工' }, { skillGrade: '技师' }).score).toBeLessThan(score({ skillGrade: '高级技师' }, { skillGrade: '技师' }).score);
    expect(score({ skillGrade: '高级技师' }, { skillGrade: '技师' }).reasons).toContain('skill_grade_fits');
  });

  it('text: one shared word is no reason to say the skills match', () => {
    expect(score({ words: ['缝纫'] }, {}).reasons).not.toContain('words_in_common');
  });

  it('text: shared words raise the score (BM25), rarer words more', () => {
    expect(score({ words: ['平缝', '缝纫'] }, {}).score).toBeGreaterThan(score({ words: ['会计'] }, {}).score);
    expect(score({ words: ['平缝', '缝纫'] }, {}).reasons).toContain('words_in_common');
  });

  it('freshness: a newer posting scores higher, all else equal', () => {
    expect(score({}, { publishedAt: new Date('2025-03-09T00:00:00Z') }).score).toBeGreaterThan(score({}, { publishedAt: new Date('2025-01-09T00:00:00Z') }).score);
  });

  it('boosts (M3): open to the seeker\'s priority group, and a producer of epidemic-prevention supplies — exactly their sizes', () => {
    const base = score({}, {}).score;
    expect(score({}, { priorityGroups: ['migrant'] }).score - base).toBeCloseTo(BOOSTS.priorityGroup, 6);
    expect(score({}, { priorityGroups: ['graduate'] }).score).toBe(base); // not this seeker's group
    expect(score({}, { epidemicSupplies: true }).score - base).toBeCloseTo(BOOSTS.epidemicSupplies, 6);
    // shown among the first four reasons (REASONS_SHOWN), after the occupation's: the boost is visible
    expect(score({}, { priorityGroups: ['migrant'] }).reasons.slice(0, 4)).toContain('open_to_migrant_workers');
  });
});

describe('seekerWordsOf (the text fit\'s words)', () => {
  it('keeps work words; drops lone characters, place names and a major group\'s generic name', async () => {
    const { createSearchAnalyzer } = await import('../market/service.ts');
    const { seekerWordsOf } = await import('./words.ts');
    const analyzer = createSearchAnalyzer({ divisions: [{ code: '530000', name: '云南省', level: 'province', parent_code: null, active: true }, { code: '530100', name: '昆明市', level: 'prefecture', parent_code: '530000', active: true }], province: '530000' });
    const words = seekerWordsOf(analyzer, {
      desiredOccupations: ['6', '6-04-01'],
      occupationNames: new Map([['6', '生产制造及有关人员'], ['6-04-01', '纺织针织印染人员']]),
      skills: '平缝机的操作',
      skillGrade: null,
      resume: '在昆明的服装厂做平车工，后回云南',
    });
    expect(words).toEqual(expect.arrayContaining(['缝', '服装厂', '纺织', '操作']));
    for (const w of ['的', '在', '昆明', '云南', '生产', '制造']) expect(words, w).not.toContain(w);
  });
});
