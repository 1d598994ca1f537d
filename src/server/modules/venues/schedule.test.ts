// The hygiene schedule as a table (schedule.ts): slots of a Beijing day, which slot a log fills,
// and each slot's status — the rule decision 0028 states, case 03's 23:50 and 07:40 among the rows.
import { describe, expect, it } from 'vitest';
import { groupCode, readCode, venueUrl } from '../../../shared/printed-codes.ts';
import { slotOfLog, slotStatuses, slotsOfDay } from './schedule.ts';

const DEFAULT = { hygiene_from: 360, hygiene_to: 1080, cleaning_per_day: 1, ventilation_per_day: 3, disinfection_per_day: 2 };
const at = (iso: string) => new Date(iso);

describe('hygiene slots of a Beijing day', () => {
  it('splits 06:00–18:00 evenly: disinfection twice, ventilation three times, cleaning once', () => {
    const slots = slotsOfDay(DEFAULT, '2020-02-17').map((s) => `${s.kind}#${s.slot} ${s.from.toISOString()}–${s.to.toISOString()}`);
    expect(slots).toEqual([
      'cleaning#1 2020-02-16T22:00:00.000Z–2020-02-17T10:00:00.000Z',
      'ventilation#1 2020-02-16T22:00:00.000Z–2020-02-17T02:00:00.000Z',
      'ventilation#2 2020-02-17T02:00:00.000Z–2020-02-17T06:00:00.000Z',
      'ventilation#3 2020-02-17T06:00:00.000Z–2020-02-17T10:00:00.000Z',
      'disinfection#1 2020-02-16T22:00:00.000Z–2020-02-17T04:00:00.000Z',
      'disinfection#2 2020-02-17T04:00:00.000Z–2020-02-17T10:00:00.000Z',
    ]);
  });

  it.each([
    ['07:40 fills the morning disinfection (case 03)', 'disinfection', '2020-02-17T07:40:00+08:00', 1],
    ['05:30, before the window, fills the first slot of its day', 'disinfection', '2020-02-17T05:30:00+08:00', 1],
    ['11:59:59 is still the morning', 'disinfection', '2020-02-17T11:59:59+08:00', 1],
    ['12:00 starts the afternoon', 'disinfection', '2020-02-17T12:00:00+08:00', 2],
    ['18:00, the window\'s end, fills none', 'disinfection', '2020-02-17T18:00:00+08:00', null],
    ['23:50 (night crew) fills none (case 03)', 'disinfection', '2020-02-16T23:50:00+08:00', null],
    ['10:00 is the second ventilation', 'ventilation', '2020-02-17T10:00:00+08:00', 2],
    ['a kind not due fills none', 'cleaning', '2020-02-17T09:00:00+08:00', 1],
  ])('%s', (_, kind, time, slot) => {
    expect(slotOfLog(DEFAULT, kind as 'disinfection', at(time))).toBe(slot);
    expect(slotOfLog({ ...DEFAULT, cleaning_per_day: 0 }, 'cleaning', at(time))).toBeNull();
  });

  it('statuses at 12:00: done, missed, due, upcoming; slots before the venue existed are left out', () => {
    const logs = [{ kind: 'disinfection', done_at: at('2020-02-17T07:40:00+08:00') }];
    const s = slotStatuses(DEFAULT, '2020-02-17', logs, at('2020-02-17T12:00:00+08:00'), at('2020-02-01T00:00:00Z'));
    const status = Object.fromEntries(s.map((x) => [`${x.kind}#${x.slot}`, x.status]));
    expect(status).toEqual({ 'cleaning#1': 'due', 'ventilation#1': 'missed', 'ventilation#2': 'due', 'ventilation#3': 'upcoming', 'disinfection#1': 'done', 'disinfection#2': 'due' });
    const created = slotStatuses(DEFAULT, '2020-02-17', [], at('2020-02-17T12:00:00+08:00'), at('2020-02-17T09:00:00+08:00'));
    expect(created.map((x) => `${x.kind}#${x.slot}:${x.status}`)).toEqual(['cleaning#1:due', 'ventilation#2:due', 'ventilation#3:upcoming', 'disinfection#2:due']);
  });
});

describe('printed venue codes (docs/urls.md)', () => {
  it.each([
    ['K7Q2M9XPT4CA', 'K7Q2M9XPT4CA'],
    ['k7q2-m9xp-t4ca', 'K7Q2M9XPT4CA'],
    ['K7Q2 M9XP T4CA', 'K7Q2M9XPT4CA'],
    ['Ｋ７Ｑ２－Ｍ９ＸＰ－Ｔ４ＣＡ', 'K7Q2M9XPT4CA'],
    ['OOOOIIIILLLL', '000011111111'],
    ['K7Q2M9XPT4C', null],
    ['K7Q2M9XPT4CU', null],
  ])('%s reads as %s', (raw, code) => expect(readCode(raw)).toBe(code));

  it('groups in fours for print and builds the QR link from the public base URL', () => {
    expect(groupCode('K7Q2M9XPT4CA')).toBe('K7Q2-M9XP-T4CA');
    expect(venueUrl('https://yq.hrss.yn.gov.cn', 'K7Q2M9XPT4CA')).toBe('https://yq.hrss.yn.gov.cn/m/v/K7Q2M9XPT4CA');
  });
});
