// The rules of the daily check-in (issue 8 P3; decision 0026), pure: no clock, no database.
// Table-driven tests in checkins.rules.test.ts.
//
// Time (cases 03 and 04): the server's receipt time decides; the phone's clock only tells how
// long a report waited in the queue (sentAt − measuredAt). measured_at = received_at − queue time
// when that is between 0 and 48 hours, else received_at (the phone's clock is flagged unreliable).
// The day is the Asia/Shanghai date of measured_at; the report is on time when measured_at is
// strictly before that day's cut-off (09:59:59.999 on time, 10:00:00.000 late).
import { beijingDate, beijingInstant } from '../../../shared/beijing-day.ts';
import { isFever } from '../../../shared/temperature.ts';
import type { Symptom } from './schemas.ts';

/** The longest a report may have waited in the phone's queue for its queue time to be believed (ms). */
export const MAX_QUEUE_MS = 48 * 3_600_000;

export type Timing = { measuredAt: Date; unreliable: boolean; day: string; onTime: boolean };

/**
 * When a report was measured and which day it counts for. `receivedAt`: the server's clock at
 * the first copy's arrival; `phoneMeasuredAt`, `phoneSentAt`: the phone's own claims (either may
 * be missing: then there is no queue time, and nothing is unreliable); `cutoffMinutes`: the
 * agency's cut-off, minutes after midnight Beijing time.
 */
export function timingOf(receivedAt: Date, phoneMeasuredAt: Date | null, phoneSentAt: Date | null, cutoffMinutes: number): Timing {
  let measuredAt = receivedAt;
  let unreliable = false;
  if (phoneMeasuredAt && phoneSentAt) {
    const queued = phoneSentAt.getTime() - phoneMeasuredAt.getTime();
    if (queued < 0 || queued > MAX_QUEUE_MS) unreliable = true;
    else measuredAt = new Date(receivedAt.getTime() - queued);
  }
  const day = beijingDate(measuredAt);
  return { measuredAt, unreliable, day, onTime: measuredAt.getTime() < beijingInstant(day, cutoffMinutes).getTime() };
}

/** What a report raises: `fever` at 37.3 °C and above (before symptoms), `symptom` for any listed symptom, else nothing. */
export function triggerOf(celsius: number, symptoms: readonly Symptom[]): 'fever' | 'symptom' | null {
  if (isFever(celsius)) return 'fever';
  if (symptoms.length) return 'symptom';
  return null;
}

/** Symptoms as stored and compared: each once, in the checklist's order. */
export function canonicalSymptoms(symptoms: readonly Symptom[], order: readonly Symptom[]): Symptom[] {
  const set = new Set(symptoms);
  return order.filter((s) => set.has(s));
}

/**
 * What the fingerprint hashes: whose report, the temperature (one decimal), the symptoms (canonical)
 * and the phone's measuredAt (as an instant; absent is its own value). `sentAt` is left out: a new
 * sentAt is a retry, not a change.
 */
export function fingerprintText(staffId: number, celsius: number, symptoms: readonly Symptom[], phoneMeasuredAt: Date | null): string {
  return JSON.stringify(['checkin/v1', staffId, celsius.toFixed(1), symptoms, phoneMeasuredAt ? phoneMeasuredAt.toISOString() : null]);
}

export type DayStatus = 'on_time' | 'late' | 'pending' | 'missing' | 'withdrawn' | 'no_consent';

/**
 * A roster member's status for a day: reported (on time when any report was), else by the consent
 * latest given at the moment of judgement (the day's end, or now for today): none → `no_consent`;
 * withdrawn by then → `withdrawn` (never "missing", case 06); in force → `missing` once the cut-off
 * passed, `pending` before it.
 */
export function dayStatus(x: { reports: number; onTime: boolean | null; consentGivenAt: Date | null; consentWithdrawnAt: Date | null; at: Date; cutoffPassed: boolean }): DayStatus {
  if (x.reports > 0) return x.onTime ? 'on_time' : 'late';
  if (!x.consentGivenAt) return 'no_consent';
  if (x.consentWithdrawnAt && x.consentWithdrawnAt.getTime() <= x.at.getTime()) return 'withdrawn';
  return x.cutoffPassed ? 'missing' : 'pending';
}
