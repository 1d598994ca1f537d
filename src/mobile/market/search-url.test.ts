// The phone search page's URL and highlight helpers: a search survives the trip through its URL,
// one search is one URL, hand-edited values reach the server as written, and marked parts always
// join back to the text whatever the offsets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiQuery, EMPTY_SEARCH, hasFilters, markParts, moreCount, readSearch, type SearchState, salaryRange, writeSearch } from './search-url.ts';

const search = (s: Partial<SearchState>): SearchState => ({ ...EMPTY_SEARCH, ...s });

describe('the search in the URL', () => {
  it('reads back what it wrote, set values only, in a fixed order', () => {
    const s = search({ q: '普工 包吃住', division: '5301', salaryMin: '4000', salaryUnit: 'MONTH', openTo: 'migrant', sort: 'newest' });
    const qs = writeSearch(s);
    expect(qs).toBe('q=%E6%99%AE%E5%B7%A5+%E5%8C%85%E5%90%83%E4%BD%8F&division=5301&salaryMin=4000&salaryUnit=MONTH&openTo=migrant&sort=newest');
    expect(readSearch(new URLSearchParams(qs))).toEqual(s);
    // the same search written in another order, with the default order named and a stranger parameter
    expect(readSearch(new URLSearchParams('sort=newest&utm=x&openTo=migrant&salaryUnit=MONTH&salaryMin=4000&division=5301&q=普工 包吃住'))).toEqual(s);
    expect(writeSearch(readSearch(new URLSearchParams('sort=relevance&q=%20电工%20')))).toBe('q=%E7%94%B5%E5%B7%A5');
    expect(writeSearch(EMPTY_SEARCH)).toBe('');
  });

  it('counts the 筛选 panel’s filters and tells a filtered search from words alone', () => {
    expect(moreCount(search({ education: '初中', postedWithin: '7', priority: 'true' }))).toBe(3);
    expect(hasFilters(search({ q: '普工', sort: 'newest' }))).toBe(false);
    expect(hasFilters(search({ salaryUnit: 'DAY' }))).toBe(true);
    expect(hasFilters(search({ openTo: 'graduate' }))).toBe(true);
  });

  it('asks the API per month when a bound comes without its unit, and passes values on as written', () => {
    expect(apiQuery(search({ salaryMin: '4000' }))).toEqual({ salaryMin: 4000, salaryUnit: 'MONTH' });
    expect(apiQuery(search({ salaryMax: '300', salaryUnit: 'DAY' }))).toEqual({ salaryMax: 300, salaryUnit: 'DAY' });
    expect(apiQuery(search({ salaryUnit: 'HOUR' }))).toEqual({ salaryUnit: 'HOUR' });
    expect(apiQuery(search({ q: '电焊', division: '530102', education: '初中', postedWithin: '3', openTo: 'graduate', priority: 'true', sort: 'newest' }))).toEqual({
      q: '电焊',
      division: '530102',
      education: '初中',
      postedWithin: 3,
      openTo: 'graduate',
      priority: 'true',
      sort: 'newest',
    });
    // a hand-edited link: the server names the field
    expect(apiQuery(search({ postedWithin: 'week' })).postedWithin).toBeNaN();
    expect(apiQuery(search({ openTo: 'everyone' })).openTo).toBe('everyone');
    expect(apiQuery(EMPTY_SEARCH)).toEqual({});
  });
});

describe('marked parts', () => {
  it('cuts the text at the spans', () => {
    expect(markParts('招聘普工，包吃住', [[2, 4], [5, 8]])).toEqual([
      { text: '招聘', mark: false },
      { text: '普工', mark: true },
      { text: '，', mark: false },
      { text: '包吃住', mark: true },
    ]);
    expect(markParts('普工', [[0, 2]])).toEqual([{ text: '普工', mark: true }]);
    expect(markParts('普工', [])).toEqual([{ text: '普工', mark: false }]);
    expect(markParts('', [[0, 3]])).toEqual([]);
  });

  it('keeps markup as text: a title with tags is never HTML', () => {
    const parts = markParts('<b>电工</b>', [[3, 5]]);
    expect(parts.map((p) => p.text)).toEqual(['<b>', '电工', '</b>']);
  });

  it('sorts, merges, clamps and drops bad spans without losing or repeating a character', () => {
    expect(markParts('abcdef', [[4, 9], [1, 3], [2, 5], [3, 3], [-2, 0]])).toEqual([
      { text: 'a', mark: false },
      { text: 'bcdef', mark: true },
    ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 })), { maxLength: 8 }), (text, spans) => {
        const parts = markParts(text, spans);
        expect(parts.map((p) => p.text).join('')).toBe(text);
        expect(parts.every((p) => p.text.length > 0)).toBe(true);
        // plain and marked alternate
        for (let i = 1; i < parts.length; i++) expect(parts[i]?.mark).not.toBe(parts[i - 1]?.mark);
      }),
    );
  });
});

describe('salary ranges', () => {
  it('groups digits and shows an open end', () => {
    expect(salaryRange(4000, 6000)).toBe('4,000–6,000');
    expect(salaryRange(5000, 5000)).toBe('5,000');
    expect(salaryRange(4000, null)).toBe('4,000+');
    expect(salaryRange(null, 6000)).toBe('≤6,000');
    expect(salaryRange(null, null)).toBe('');
  });
});
