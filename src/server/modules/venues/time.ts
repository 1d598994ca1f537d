// Times as people read them here: Beijing time, whatever the server's zone.
import { beijingDate, beijingMinutes, clockText } from '../../../shared/beijing-day.ts';

/** `2020-02-17 09:05` for an instant (ISO text or Date), in Asia/Shanghai. */
export function toBeijingTime(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${beijingDate(d)} ${clockText(beijingMinutes(d))}`;
}
