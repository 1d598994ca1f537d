// The desk's three views of the interviews list as queries: upcoming from now, past before now
// (90 days back), cancelled from 90 days back; the boundary rounded down to the minute.
import { describe, expect, it } from 'vitest';
import { LOOK_BACK_DAYS, viewQuery } from './interviews.ts';

const NOW = new Date('2026-12-02T04:50:37.120Z');
const MINUTE = '2026-12-02T04:50:00.000Z';
const BACK = new Date(Date.parse(MINUTE) - LOOK_BACK_DAYS * 86_400_000).toISOString();

describe('viewQuery', () => {
  it('asks for the live ones from now, the live ones that started before now, and the cancelled ones', () => {
    expect(viewQuery('upcoming', NOW)).toEqual({ status: 'scheduled', from: MINUTE });
    expect(viewQuery('past', NOW)).toEqual({ status: 'scheduled', from: BACK, before: MINUTE });
    expect(viewQuery('cancelled', NOW)).toEqual({ status: 'cancelled', from: BACK });
    expect(BACK).toBe('2026-09-03T04:50:00.000Z');
  });

  it('narrows to one application when asked, and keeps the same key within a minute', () => {
    expect(viewQuery('upcoming', NOW, 17)).toEqual({ applicationId: 17, status: 'scheduled', from: MINUTE });
    expect(viewQuery('past', new Date('2026-12-02T04:50:59.999Z'))).toEqual(viewQuery('past', NOW));
  });
});
