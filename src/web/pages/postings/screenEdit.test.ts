import { describe, expect, it } from 'vitest';
import { applySuggestion, sentenceAround } from './screenEdit.ts';

describe('the screener hits on the posting form', () => {
  it('replaces a phrase with the suggested wording', () => {
    const text = '招聘普工，限男性，年龄18-35岁。';
    const start = text.indexOf('限男性');
    expect(applySuggestion(text, start, start + 3, '男女不限')).toBe('招聘普工，男女不限，年龄18-35岁。');
  });

  it('removes the phrase for advice, without a doubled separator', () => {
    const text = '要求，已婚已育，能吃苦。';
    const start = text.indexOf('已婚已育');
    expect(applySuggestion(text, start, start + 4, '（删除婚育状况要求）')).toBe('要求，能吃苦。');
    const end = '能吃苦，已婚已育。';
    expect(applySuggestion(end, 4, 8, '（删除婚育状况要求）')).toBe('能吃苦。');
    expect(applySuggestion('已婚已育，能吃苦', 0, 4, '（删除）')).toBe('能吃苦');
  });

  it('shows the sentence around a phrase, not the whole text', () => {
    const text = '岗位职责：装配。\n任职要求：限男性，能吃苦。\n待遇：五险一金。';
    const start = text.indexOf('限男性');
    const s = sentenceAround(text, start, start + 3);
    expect([s.before, s.match, s.after]).toEqual(['任职要求：', '限男性', '，能吃苦。']);
    expect(s.cutBefore || s.cutAfter).toBe(false);
    const long = `${'甲'.repeat(100)}限男性${'乙'.repeat(100)}`;
    const c = sentenceAround(long, 100, 103);
    expect(c.before.length).toBe(40);
    expect(c.cutBefore && c.cutAfter).toBe(true);
  });
});
