// The check-in rules as tables (checkins.rules.ts): timing by the server's clock and the phone's
// queue time (cases 03, 04), the trigger, the fingerprint (retry or edit, case 01), the day status
// (case 06: withdrawn is never missing).
import { describe, expect, it } from 'vitest';
import { canonicalSymptoms, dayStatus, fingerprintText, MAX_QUEUE_MS, timingOf, triggerOf } from './checkins.rules.ts';
import { SYMPTOMS } from './schemas.ts';

const at = (s: string) => new Date(s);

describe('timingOf: the server decides the day and lateness; the phone only its queue time', () => {
  it.each([
    ['07:30 Beijing (23:30 UTC the day before) counts for the Beijing day, on time', '2020-02-17T07:30:00+08:00', null, null, '2020-02-17', true, false, '2020-02-17T07:30:00+08:00'],
    ['09:59:59.999 is on time', '2020-02-17T09:59:59.999+08:00', null, null, '2020-02-17', true, false, '2020-02-17T09:59:59.999+08:00'],
    ['10:00:00.000 exactly is late (strictly before the cut-off is on time)', '2020-02-17T10:00:00+08:00', null, null, '2020-02-17', false, false, '2020-02-17T10:00:00+08:00'],
    ['10:00:00.001 is late', '2020-02-17T10:00:00.001+08:00', null, null, '2020-02-17', false, false, '2020-02-17T10:00:00.001+08:00'],
    ['23:59:30 belongs to its day', '2020-02-17T23:59:30+08:00', null, null, '2020-02-17', false, false, '2020-02-17T23:59:30+08:00'],
    ['00:00:30 is the next day, on time', '2020-02-18T00:00:30+08:00', null, null, '2020-02-18', true, false, '2020-02-18T00:00:30+08:00'],
    ['a phone a day ahead, 1 s in the queue: today, on time', '2020-02-17T09:00:00+08:00', '2020-02-18T09:00:00+08:00', '2020-02-18T09:00:01+08:00', '2020-02-17', true, false, '2020-02-17T08:59:59+08:00'],
    ['yesterday 21:00 queued overnight: yesterday, late', '2020-02-17T08:10:00+08:00', '2020-02-16T21:00:00+08:00', '2020-02-17T08:10:00+08:00', '2020-02-16', false, false, '2020-02-16T21:00:00+08:00'],
    ['three hours slow, 45 min in the queue: measured 09:40 by the server, on time', '2020-02-17T10:25:00+08:00', '2020-02-17T06:40:00+08:00', '2020-02-17T07:25:00+08:00', '2020-02-17', true, false, '2020-02-17T09:40:00+08:00'],
    ['a negative queue time: unreliable, measured = received', '2020-02-17T10:30:00+08:00', '2020-02-17T08:00:00+08:00', '2020-02-17T07:00:00+08:00', '2020-02-17', false, true, '2020-02-17T10:30:00+08:00'],
    ['more than 48 h in the queue: unreliable, measured = received', '2020-02-17T08:30:00+08:00', '2020-02-10T08:00:00+08:00', '2020-02-17T08:00:00+08:00', '2020-02-17', true, true, '2020-02-17T08:30:00+08:00'],
    ['measuredAt alone: no queue time, measured = received, not unreliable', '2020-02-17T08:30:00+08:00', '2020-02-17T06:00:00+08:00', null, '2020-02-17', true, false, '2020-02-17T08:30:00+08:00'],
  ])('%s', (_, received, measured, sent, day, onTime, unreliable, measuredAt) => {
    const r = timingOf(at(received), measured ? at(measured) : null, sent ? at(sent) : null, 600);
    expect(r).toEqual({ day, onTime, unreliable, measuredAt: at(measuredAt) });
  });

  it('exactly 48 h in the queue is believed', () => {
    const received = at('2020-02-17T09:00:00+08:00');
    const r = timingOf(received, at('2020-02-10T00:00:00Z'), new Date(at('2020-02-10T00:00:00Z').getTime() + MAX_QUEUE_MS), 600);
    expect(r.unreliable).toBe(false);
    expect(r.measuredAt.getTime()).toBe(received.getTime() - MAX_QUEUE_MS);
  });

  it('an agency cut-off of 09:00 makes 09:30 late', () => {
    expect(timingOf(at('2020-02-17T09:30:00+08:00'), null, null, 540).onTime).toBe(false);
  });
});

describe('triggerOf', () => {
  it.each([
    [36.5, [], null],
    [37.2, [], null],
    [37.3, [], 'fever'],
    [38.0, ['cough'], 'fever'],
    [36.6, ['loss_of_smell'], 'symptom'],
    [36.6, ['fever'], 'symptom'],
  ] as const)('%s °C with %j → %s', (c, s, want) => {
    expect(triggerOf(c, [...s])).toBe(want);
  });
});

describe('the fingerprint tells a retry from an edit', () => {
  const base = fingerprintText(7, 37.8, canonicalSymptoms(['fatigue', 'cough'], SYMPTOMS), null);
  it.each([
    ['the same report, symptoms repeated and in another order', fingerprintText(7, 37.8, canonicalSymptoms(['cough', 'fatigue', 'cough'], SYMPTOMS), null), true],
    ['another temperature', fingerprintText(7, 36.6, ['cough', 'fatigue'], null), false],
    ['other symptoms', fingerprintText(7, 37.8, ['cough'], null), false],
    ['a measuredAt', fingerprintText(7, 37.8, ['cough', 'fatigue'], at('2020-02-17T08:05:00+08:00')), false],
    ['another person', fingerprintText(8, 37.8, ['cough', 'fatigue'], null), false],
  ])('%s', (_, other, same) => {
    expect(other === base).toBe(same);
  });
  it('the same instant in another zone is the same measuredAt', () => {
    expect(fingerprintText(7, 36.5, [], at('2020-02-17T08:05:00+08:00'))).toBe(fingerprintText(7, 36.5, [], at('2020-02-17T00:05:00Z')));
  });
});

describe('dayStatus', () => {
  const given = at('2020-02-10T08:00:00+08:00');
  const noon = at('2020-02-15T12:00:00+08:00');
  it.each([
    ['reported on time', { reports: 1, onTime: true, consentGivenAt: given, consentWithdrawnAt: null, at: noon, cutoffPassed: true }, 'on_time'],
    ['reported late only', { reports: 2, onTime: false, consentGivenAt: given, consentWithdrawnAt: null, at: noon, cutoffPassed: true }, 'late'],
    ['reported, consent withdrawn since: still reported', { reports: 1, onTime: true, consentGivenAt: given, consentWithdrawnAt: at('2020-02-15T11:00:00+08:00'), at: noon, cutoffPassed: true }, 'on_time'],
    ['no report, before the cut-off', { reports: 0, onTime: null, consentGivenAt: given, consentWithdrawnAt: null, at: noon, cutoffPassed: false }, 'pending'],
    ['no report, after the cut-off', { reports: 0, onTime: null, consentGivenAt: given, consentWithdrawnAt: null, at: noon, cutoffPassed: true }, 'missing'],
    ['withdrawn: never missing', { reports: 0, onTime: null, consentGivenAt: given, consentWithdrawnAt: at('2020-02-14T18:00:00+08:00'), at: noon, cutoffPassed: true }, 'withdrawn'],
    ['withdrawn after the moment judged: still expected', { reports: 0, onTime: null, consentGivenAt: given, consentWithdrawnAt: at('2020-02-16T08:00:00+08:00'), at: noon, cutoffPassed: true }, 'missing'],
    ['never consented', { reports: 0, onTime: null, consentGivenAt: null, consentWithdrawnAt: null, at: noon, cutoffPassed: true }, 'no_consent'],
  ] as const)('%s → %s', (_, x, want) => {
    expect(dayStatus(x)).toBe(want);
  });
});
