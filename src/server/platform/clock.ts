// The one source of "now" for rules: deadlines, lockouts, session expiry, retention.
// Tests pass a ManualClock and move time instead of waiting.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  #t: number;
  constructor(start: Date | string = '2020-02-07T01:00:00Z') {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
  set(at: Date | string): void {
    this.#t = new Date(at).getTime();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
