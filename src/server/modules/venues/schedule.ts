// A venue's hygiene schedule as slots of a Beijing day, and which log fills which slot (P5; case
// 03's 07:40 disinfection). Pure: the day function is shared/beijing-day.ts, the one every
// prevention list and job uses; no clock is read here.
//
// The rule: the day's window [from, to) (default 06:00–18:00 Beijing time) is split evenly into as
// many slots as a kind is due per day (disinfection twice: 06:00–12:00 and 12:00–18:00; ventilation
// three times: 06:00–10:00, 10:00–14:00, 14:00–18:00). A log fills the slot its time falls in; a log
// before the window opens fills the first slot of its day (the morning round before opening); a log
// at or after the window's end fills none (a night round at 23:50 belongs to its own day, case 03,
// and fills no slot of the next). A slot is missed once its end has passed with no log in it, and
// only when the venue existed for the whole slot.
import { beijingInstant, beijingMinutes } from '../../../shared/beijing-day.ts';
import type { HygieneKind } from './repository/hygiene.ts';

export const HYGIENE_KINDS = ['cleaning', 'ventilation', 'disinfection'] as const satisfies readonly HygieneKind[];

export type Schedule = { hygiene_from: number; hygiene_to: number; cleaning_per_day: number; ventilation_per_day: number; disinfection_per_day: number };

export type ScheduledSlot = { kind: HygieneKind; slot: number; fromMinute: number; toMinute: number; from: Date; to: Date };

/** How many times a kind is due per day under the schedule. */
export function timesPerDay(s: Schedule, kind: HygieneKind): number {
  return kind === 'cleaning' ? s.cleaning_per_day : kind === 'ventilation' ? s.ventilation_per_day : s.disinfection_per_day;
}

/** The slots of Beijing day `day` (`YYYY-MM-DD`) for every kind, in kind then slot order (slot numbers from 1). */
export function slotsOfDay(s: Schedule, day: string): ScheduledSlot[] {
  const out: ScheduledSlot[] = [];
  for (const kind of HYGIENE_KINDS) {
    const n = timesPerDay(s, kind);
    const span = s.hygiene_to - s.hygiene_from;
    for (let i = 0; i < n; i++) {
      const fromMinute = s.hygiene_from + Math.round((span * i) / n);
      const toMinute = s.hygiene_from + Math.round((span * (i + 1)) / n);
      out.push({ kind, slot: i + 1, fromMinute, toMinute, from: beijingInstant(day, fromMinute), to: beijingInstant(day, toMinute) });
    }
  }
  return out;
}

/**
 * The slot number (from 1) a log of `kind` done at `at` fills, given the Beijing day the log
 * belongs to; null when it fills none (at or after the window's end, or the kind is not due).
 */
export function slotOfLog(s: Schedule, kind: HygieneKind, at: Date): number | null {
  const n = timesPerDay(s, kind);
  if (n === 0) return null;
  const minute = beijingMinutes(at);
  if (minute >= s.hygiene_to) return null;
  if (minute < s.hygiene_from) return 1;
  const span = s.hygiene_to - s.hygiene_from;
  for (let i = 0; i < n; i++) {
    const toMinute = s.hygiene_from + Math.round((span * (i + 1)) / n);
    if (minute < toMinute) return i + 1;
  }
  return n;
}

export type SlotStatus = 'done' | 'missed' | 'due' | 'upcoming';

/**
 * Each slot of `day` with its status at `now`: `done` (a log fills it: the first such log's time),
 * `missed` (ended with none, the venue existed for all of it), `due` (open now), `upcoming`;
 * a slot that ended before the venue existed is left out.
 */
export function slotStatuses(s: Schedule, day: string, logs: readonly { kind: string; done_at: Date }[], now: Date, venueSince: Date) {
  return slotsOfDay(s, day)
    .filter((slot) => slot.to > venueSince)
    .map((slot) => {
      const filling = logs.find((l) => l.kind === slot.kind && slotOfLog(s, slot.kind, l.done_at) === slot.slot);
      const status: SlotStatus = filling ? 'done' : slot.to <= now ? (slot.from >= venueSince ? 'missed' : 'upcoming') : slot.from <= now ? 'due' : 'upcoming';
      return { ...slot, status, doneAt: filling?.done_at ?? null };
    })
    .filter((slot) => !(slot.status === 'upcoming' && slot.to <= now));
}
