// QR self-registration once per phone (decision 0028, migration 0016): the same phone with its
// visit still open at the venue gets that visit back (200, the same body) and never a second place,
// also when its scans arrive at the same instant; after check-out it may register again. Only the
// same registration (name and type) gets the token back: a stranger with the phone gets 409.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseApp, caseApp, createVenue, inParallel, V1 } from './venues-helpers.ts';

const body = (phone: string) => ({ name: '周雨桐', phone, visitorType: 'seeker', consent: true });

describe('the same phone scans twice while inside', () => {
  let t: CaseApp;
  let venue: { id: number; code: string; capacity: number };
  const url = () => `${V1}/prevention/venue-codes/${venue.code}/visits`;
  const open = async (phone: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from visits where venue_id = ${venue.id} and phone = ${phone} and checked_out_at is null`.execute(t.deps.db)).rows[0]?.n;

  beforeAll(async () => {
    t = await caseApp('qrrepeat', '2020-02-17T09:00:00+08:00');
    const agency = await t.login('agency-wh');
    venue = await createVenue(t, agency, { name: 'V-Q 五华区人才服务站', address: '昆明市五华区', areaM2: 40 });
  }, 60_000);
  afterAll(() => t?.close());

  it('a second scan answers 200 with the same visit and token; occupancy stays 1', async () => {
    const first = await t.send('POST', url(), body('13900040001'));
    expect(first.statusCode, first.body).toBe(201);
    t.clock.set('2020-02-17T09:05:00+08:00');
    const again = await t.send('POST', url(), body('13900040001'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await open('13900040001')).toBe(1);
    expect((await t.get(`${V1}/prevention/venue-codes/${venue.code}`)).json().inside).toBe(1);
    // after check-out the phone may register again (a new visit)
    expect((await t.send('POST', `${V1}/prevention/visits/check-out`, { token: first.json().token })).statusCode).toBe(200);
    const later = await t.send('POST', url(), body('13900040001'));
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().visitId).not.toBe(first.json().visitId);
  });

  it('someone else who knows only the phone gets 409 with no visit or token, and cannot check its owner out', async () => {
    const owner = await t.send('POST', url(), body('13900040003'));
    expect(owner.statusCode, owner.body).toBe(201);
    for (const other of [{ ...body('13900040003'), name: '冒名者' }, { ...body('13900040003'), visitorType: 'employer' }]) {
      const res = await t.send('POST', url(), other);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('visit_already_open');
      expect(res.body).not.toContain(owner.json().token);
      expect(res.json()).not.toHaveProperty('visitId');
    }
    expect(await open('13900040003')).toBe(1);
    // the owner's own page still checks out with its token
    expect((await t.send('POST', `${V1}/prevention/visits/check-out`, { token: owner.json().token })).statusCode).toBe(200);
  });

  it('six scans of one phone at the same instant: one visit, one place, every answer names it', async () => {
    const answers = await inParallel(t, Array.from({ length: 6 }, () => ({ method: 'POST' as const, url: url(), body: body('13900040002'), cookie: '' })));
    for (const a of answers) expect([200, 201], JSON.stringify(a.body)).toContain(a.status);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.visitId)).size).toBe(1);
    expect(await open('13900040002')).toBe(1);
    expect((await t.get(`${V1}/prevention/venue-codes/${venue.code}`)).json().inside).toBe(2);
  });
});

describe('names and addresses go through the shared text normaliser', () => {
  let t: CaseApp;
  beforeAll(async () => {
    t = await caseApp('venuetext', '2020-02-17T09:00:00+08:00');
  }, 60_000);
  afterAll(() => t?.close());

  it('a direction override, zero-width and control characters are removed from venue and visitor names (stored as typed, NFC)', async () => {
    const agency = await t.login('agency-wh');
    const venue = await createVenue(t, agency, { name: '\u202eV-T\u200b 服务站', address: '昆明市\u0007五华区\u2066', areaM2: 40 });
    const reg = await t.send('POST', `${V1}/prevention/venue-codes/${venue.code}/visits`, body('13900040009'));
    expect(reg.statusCode, reg.body).toBe(201);
    const named = await t.send('POST', `${V1}/prevention/venue-codes/${venue.code}/visits`, { ...body('13900040010'), name: '\u202e张三' });
    expect(named.statusCode, named.body).toBe(201);
    const door = await t.send('POST', `${V1}/prevention/venues/${venue.id}/entry-checks`, { visitorType: 'seeker', name: '李\u200d四\u202c', mask: true, temperature: '36.5' }, agency);
    expect(door.statusCode, door.body).toBe(201);
    const v = (await sql<{ name: string; address: string }>`select name, address from venues where id = ${venue.id}`.execute(t.deps.db)).rows[0];
    expect(v).toEqual({ name: 'V-T 服务站', address: '昆明市五华区' });
    const names = (await sql<{ name: string }>`select name from visits where venue_id = ${venue.id} order by id`.execute(t.deps.db)).rows.map((r) => r.name);
    expect(names).toEqual(['周雨桐', '张三', '李四']);
  });
});
