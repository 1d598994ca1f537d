// The leak check of the health-data tests finds health values and only them.
import { describe, expect, it } from 'vitest';
import { healthValuesIn } from './health-values.ts';

describe('healthValuesIn', () => {
  it('finds a temperature as a number or a numeric string and a symptom inside text, at any depth', () => {
    expect(healthValuesIn({ a: [{ t: 36.4 }], b: ' 37.8 ', c: 'symptoms: cough' }, [36.4, 37.8], ['cough'])).toEqual([36.4, ' 37.8 ', 'symptoms: cough']);
    expect(healthValuesIn('{"nested": {"t": 37.8}}', [37.8])).toEqual([37.8]);
  });

  it('passes timestamps, ids and other numbers whose text holds the digits', () => {
    const detail = { to: '530100', deadlineAt: '2026-12-02T09:46:36.384Z', escalatedAt: '2026-12-02T10:46:36.407Z', id: 364, share: 0.364, note: '' };
    expect(healthValuesIn(detail, [36.4, 37.8], ['cough'])).toEqual([]);
    expect(healthValuesIn(JSON.stringify(detail), [36.4, 37.8], ['cough'])).toEqual([]);
  });
});
