// Quiet hours (免打扰时段): the time of day, Beijing time, in which nothing is delivered to a
// subscriber; a message written inside them falls due at their end. Pure: no clock is read here.
import { beijingInstant, beijingDate, beijingMinutes, clockText } from '../../../shared/beijing-day.ts';

/** Minutes after midnight Beijing time; `start` after `end` runs over midnight (21:00–08:00). */
export type QuietHours = { start: number; end: number };

/** The default a new subscription gets: 21:00 to 08:00. */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21 * 60, end: 8 * 60 };

/** Whether the minute of day `m` lies inside `q` (start included, end excluded). */
export function isQuiet(m: number, q: QuietHours): boolean {
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/**
 * The instant a message written at `now` may be delivered: null (at once) outside quiet hours or
 * without them; else the next end of the quiet hours in Beijing time — today's when it is still
 * ahead, else tomorrow's (written at 23:00 with 21:00–08:00: 08:00 the next day; at 07:30: 08:00
 * the same day).
 */
export function deliverAfter(now: Date, q: QuietHours | null): Date | null {
  if (!q) return null;
  const m = beijingMinutes(now);
  if (!isQuiet(m, q)) return null;
  const today = beijingInstant(beijingDate(now), q.end);
  return today.getTime() > now.getTime() ? today : new Date(today.getTime() + 86_400_000);
}

/** `HH:MM` → minutes after midnight (the API's form; the schema checked the shape). */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Quiet hours as the API shows them. */
export const quietHoursText = (q: QuietHours | null) => (q ? { start: clockText(q.start), end: clockText(q.end) } : null);
