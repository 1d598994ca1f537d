// The per-address limit of anonymous QR registrations (decision 0028): with the default numbers,
// 5 registrations per address in 10 minutes; the 6th gets 429 and takes no place, so one address
// cannot fill a 10-person hall and the door check still admits a real visitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseApp, caseApp, createVenue, V1 } from './venues-helpers.ts';

describe('one address with made-up phones', () => {
  let t: CaseApp;
  beforeAll(async () => {
    t = await caseApp('qrlimit', '2020-02-17T09:00:00+08:00', { YUNQIAO_LIMITS: 'default' });
  }, 60_000);
  afterAll(() => t?.close());

  it('registers 5 in 10 minutes, the 6th is refused 429 with nothing written; the door still admits; the window ends', async () => {
    const agency = await t.login('agency-wh');
    const venue = await createVenue(t, agency, { name: 'V-L 五华区人才服务站', address: '昆明市五华区', areaM2: 40 });
    const register = (n: number, ip = '198.51.100.7') =>
      t.app.inject({
        method: 'POST',
        url: `${V1}/prevention/venue-codes/${venue.code}/visits`,
        remoteAddress: ip,
        headers: { 'x-requested-with': 't', 'content-type': 'application/json' },
        payload: JSON.stringify({ name: `访客${n}`, phone: `1390005000${n}`, visitorType: 'seeker', consent: true }),
      });
    for (let n = 1; n <= 5; n++) expect((await register(n)).statusCode).toBe(201);
    const sixth = await register(6);
    expect(sixth.statusCode, sixth.body).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect((await t.get(`${V1}/prevention/venue-codes/${venue.code}`)).json().inside).toBe(5);
    const door = await t.send('POST', `${V1}/prevention/venues/${venue.id}/entry-checks`, { visitorType: 'seeker', name: '李四', mask: true, temperature: '36.5' }, agency);
    expect(door.statusCode, door.body).toBe(201);
    // another address is counted on its own; this one again after 10 minutes
    expect((await register(7, '203.0.113.9')).statusCode).toBe(201);
    t.clock.set('2020-02-17T09:10:01+08:00');
    expect((await register(8)).statusCode).toBe(201);
  });
});
