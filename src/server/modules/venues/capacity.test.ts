// Slots sharing a venue's capacity as a table (capacity.ts, decision 0028): the places offered or
// promised at once, and which unbooked places a smaller venue withdraws from its live slots.
import { describe, expect, it } from 'vitest';
import { peakLoad, promisedPeak, type SlotSpan, trimSlots } from './capacity.ts';

/** A slot from Beijing clock times of 2020-02-18: `09:00-09:30 cap/booked`. */
function slot(text: string): SlotSpan {
  const m = /^(\d\d:\d\d)-(\d\d:\d\d) (\d+)\/(\d+)$/.exec(text);
  if (!m) throw new Error(text);
  return { starts_at: at(m[1] as string), ends_at: at(m[2] as string), capacity: Number(m[3]), booked: Number(m[4]) };
}
const at = (clock: string) => new Date(`2020-02-18T${clock}:00+08:00`);
const slots = (...texts: string[]) => texts.map(slot);

describe('peakLoad: the most places slots offer together during a span', () => {
  it.each([
    ['no slot', [], '09:00', '09:30', 0],
    ['one slot inside the span', ['09:00-09:30 20/0'], '09:00', '09:30', 20],
    ['back to back never run together', ['09:00-09:30 20/0', '09:30-10:00 30/0'], '09:00', '10:00', 30],
    ['a slot ending as the span starts is not counted', ['08:30-09:00 40/0'], '09:00', '09:30', 0],
    ['a slot starting as the span ends is not counted', ['09:30-10:00 40/0'], '09:00', '09:30', 0],
    ['two overlapping slots add up', ['09:00-10:00 20/0', '09:30-10:30 15/0'], '09:00', '10:30', 35],
    ['the peak is where they overlap, not their sum over the day', ['09:00-09:40 20/0', '09:20-10:00 15/0', '09:50-10:30 25/0'], '09:00', '10:30', 40],
    ['a long slot under two short ones', ['09:00-11:00 10/0', '09:00-10:00 20/0', '10:00-11:00 30/0'], '09:00', '11:00', 40],
    ['only the span counts', ['09:00-11:00 10/0', '09:00-10:00 20/0', '10:00-11:00 30/0'], '09:15', '09:45', 30],
  ] as const)('%s', (_name, texts, from, to, expected) => {
    expect(peakLoad(slots(...texts), at(from), at(to))).toBe(expected);
  });

  it('counts promised places with "booked"', () => {
    expect(peakLoad(slots('09:00-10:00 20/7', '09:30-10:30 15/6'), at('09:00'), at('10:30'), 'booked')).toBe(13);
  });
});

describe('promisedPeak: the most places booked at once and from when', () => {
  it.each([
    ['none booked', ['09:00-09:30 20/0'], 0, null],
    ['one slot', ['09:00-09:30 20/12'], 12, '09:00'],
    ['overlap adds up at the later start', ['09:00-10:00 20/7', '09:30-10:30 15/6'], 13, '09:30'],
    ['back to back: the larger one', ['09:00-09:30 20/7', '09:30-10:00 15/9'], 9, '09:30'],
  ] as const)('%s', (_name, texts, booked, from) => {
    const p = promisedPeak(slots(...texts));
    expect(p.booked).toBe(booked);
    expect(p.at).toEqual(from === null ? null : at(from));
  });
});

describe('trimSlots: a smaller venue withdraws unbooked places only', () => {
  it.each([
    ['a slot within the new capacity keeps its places', ['09:00-09:30 20/5'], 30, [20]],
    ['a larger slot comes down to the capacity', ['09:00-09:30 50/5'], 30, [30]],
    ['back to back slots each come down on their own', ['09:00-09:30 50/5', '09:30-10:00 40/40'], 40, [40, 40]],
    ['overlapping slots share it: the earlier first, bookings always kept', ['09:00-10:00 20/2', '09:30-10:30 20/8'], 25, [17, 8]],
    ['a booked later slot is never squeezed below its bookings', ['09:00-10:00 30/1', '09:30-10:30 30/20'], 21, [1, 20]],
    ['down to the bookings exactly', ['09:00-09:30 50/12'], 12, [12]],
    ['an unbooked slot sharing a full hour is left with none', ['09:00-10:00 10/10', '09:00-10:00 5/0'], 10, [10, 0]],
  ] as const)('%s', (_name, texts, capacity, expected) => {
    const live = slots(...texts);
    const kept = trimSlots(live, capacity);
    expect(kept).toEqual(expected);
    // never more than the capacity at once, never below a slot's bookings, never above its places
    const after = live.map((s, i) => ({ ...s, capacity: kept[i] as number }));
    for (const s of after) expect(peakLoad(after, s.starts_at, s.ends_at)).toBeLessThanOrEqual(capacity);
    for (const [i, s] of live.entries()) {
      expect(kept[i]).toBeGreaterThanOrEqual(s.booked);
      expect(kept[i]).toBeLessThanOrEqual(s.capacity);
    }
  });
});
