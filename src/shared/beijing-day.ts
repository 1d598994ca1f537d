// "Which day" and "before the cut-off" in Asia/Shanghai (UTC+8 all year, no daylight saving since
// 1991), whatever the zone of the server process, the database session or the phone: the ONE day
// function of every prevention list, reminder, desk figure, hygiene slot, end-of-day close and
// purge (issue 8; case 03-day-boundary-asia-shanghai). Pure: no clock is read here.

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date in Asia/Shanghai that the instant `at` falls on, `YYYY-MM-DD`. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant `minutes` after midnight Asia/Shanghai on `day` (`YYYY-MM-DD`): the day's start
 * (0), a cut-off (600 = 10:00), the next day's start (1440).
 */
export function beijingInstant(day: string, minutes = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + minutes * 60_000);
}

/** `day` moved by `n` calendar days (negative: earlier). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes after midnight Asia/Shanghai of the instant `at` (0..1439). */
export function beijingMinutes(at: Date): number {
  return Math.floor((((at.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
}

/** `HH:MM` for minutes after midnight (600 → `10:00`). */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
