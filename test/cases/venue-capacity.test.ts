// A venue's capacity rules (P7, decision 0028) on real PostgreSQL: the density floor, a change of
// area or density refused below the people inside or the places booked (and nothing changed),
// unbooked places of live slots withdrawn, overlapping slots sharing the capacity, the races of a
// shrinking venue against its door and its bookings, and officials reading a venue's visits and
// QR content in their jurisdiction only (404 outside it).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config.ts';
import { type CaseApp, caseApp, createVenue, inParallel, json, seeker, slotState, V1 } from './venues-helpers.ts';

let t: CaseApp;
let agency: string;

beforeAll(async () => {
  t = await caseApp('venuecap', '2020-02-17T09:00:00+08:00', { YUNQIAO_VENUE_MIN_M2_PER_PERSON: '2.5', YUNQIAO_VENUE_M2_PER_PERSON: '4' });
  agency = await t.login('agency-wh');
}, 120_000);
afterAll(() => t?.close());

/** Moves the clock and signs agency-wh in again (a session idles out over a jump). */
async function clockAt(iso: string) {
  t.clock.set(iso);
  agency = await t.login('agency-wh');
}

type VenueState = { area_m2: string; m2_per_person: string; capacity: number; updated_at: Date };
const venueState = async (id: number) =>
  (await t.deps.db.selectFrom('venues').select(['area_m2', 'm2_per_person', 'capacity', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow()) as VenueState;
const slotCaps = async (venueId: number) =>
  (await t.deps.db.selectFrom('venue_slots').select(['id', 'capacity', 'booked']).where('venue_id', '=', venueId).orderBy('starts_at').orderBy('id').execute()).map((s) => `${s.capacity}/${s.booked}`);
const patch = (id: number, body: Record<string, unknown>) => t.send('PATCH', `${V1}/prevention/venues/${id}`, body, agency);
const openSlot = (venueId: number, startsAt: string, capacity: number, minutes?: number) =>
  t.send('POST', `${V1}/prevention/venues/${venueId}/slots`, { startsAt, capacity, ...(minutes ? { minutes } : {}) }, agency);
const admit = (venueId: number, name: string) => t.send('POST', `${V1}/prevention/venues/${venueId}/entry-checks`, { visitorType: 'seeker', name, mask: true, temperature: '36.5' }, agency);
/** Occupancy invariant: the counter equals today's open visits and never passes the capacity. */
async function inside(venueId: number) {
  const r = await sql<{ inside: number; counter: number; capacity: number }>`
    select (select count(*) from visits x where x.venue_id = v.id and x.division_code = v.division_code and x.outcome = 'admitted' and x.checked_out_at is null)::int as inside,
           coalesce((select o.inside from venue_occupancy o where o.venue_id = v.id and o.division_code = v.division_code and o.day = '2020-02-17'), 0)::int as counter,
           v.capacity
      from venues v where v.id = ${venueId}`.execute(t.deps.db);
  const row = r.rows[0] as { inside: number; counter: number; capacity: number };
  expect(row.counter, 'the occupancy counter equals the open visits').toBe(row.inside);
  expect(row.inside, 'never more inside than the capacity').toBeLessThanOrEqual(row.capacity);
  return row;
}

describe('the density comes from configuration and never goes below its floor', () => {
  it('a new venue takes the configured density (YUNQIAO_VENUE_M2_PER_PERSON)', async () => {
    const v = await createVenue(t, agency, { name: `密度默认${Date.now()}`, address: '五华区 1 号', areaM2: 100 });
    expect(v.capacity).toBe(25);
  });

  it.each([
    ['create at 2 m² (below the floor of 2.5)', 'create', 2, 400],
    ['create at 2.5 m² (the floor itself)', 'create', 2.5, 201],
    ['edit to 2.4 m²', 'edit', 2.4, 400],
    ['edit to 2.5 m²', 'edit', 2.5, 200],
    ['edit to 5 m² (stricter)', 'edit', 5, 200],
  ] as const)('%s', async (_name, how, m2, status) => {
    if (how === 'create') {
      const name = `密度${m2}-${Date.now()}`;
      const res = await t.send('POST', `${V1}/prevention/venues`, { name, address: '五华区 2 号', areaM2: 100, m2PerPerson: m2 }, agency);
      expect(res.statusCode, res.body).toBe(status);
      const rows = await t.deps.db.selectFrom('venues').select('capacity').where('name', '=', name).execute();
      expect(rows.map((r) => r.capacity)).toEqual(status === 201 ? [Math.floor(100 / m2)] : []);
      if (status === 400) {
        expect(json(res).error?.details?.[0]).toMatchObject({ field: 'm2PerPerson' });
        expect(json(res).error?.details?.[0]?.message).toContain('2.5 平方米');
      }
      return;
    }
    const v = await createVenue(t, agency, { name: `密度改${m2}-${Date.now()}`, address: '五华区 3 号', areaM2: 100 });
    const before = await venueState(v.id);
    const res = await patch(v.id, { m2PerPerson: m2 });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 400) {
      expect(json(res).error?.details?.[0]?.field).toBe('m2PerPerson');
      expect(await venueState(v.id)).toEqual(before);
    } else {
      expect(res.json().capacity).toBe(Math.floor(100 / m2));
    }
  });

  it('a configured density below the floor is a configuration error', () => {
    expect(() => parseConfig({ YUNQIAO_VENUE_M2_PER_PERSON: '3', YUNQIAO_VENUE_MIN_M2_PER_PERSON: '4' })).toThrow(/YUNQIAO_VENUE_MIN_M2_PER_PERSON/);
    expect(parseConfig({}).venues).toMatchObject({ m2PerPerson: 4, minM2PerPerson: 4 });
  });
});

describe('a change of area or density may not leave fewer places than the people inside', () => {
  let venueId: number;
  beforeAll(async () => {
    await clockAt('2020-02-17T09:30:00+08:00');
    venueId = (await createVenue(t, agency, { name: `在场${Date.now()}`, address: '五华区 4 号', areaM2: 200 })).id; // 50 at 4 m²
    for (let i = 0; i < 10; i++) expect((await admit(venueId, `来访${i}`)).statusCode).toBe(201);
  });

  it.each([
    ['area to 36 m² (9 people)', { areaM2: 36 }, 'areaM2', 400, 9],
    ['density to 25 m² (8 people)', { m2PerPerson: 25 }, 'm2PerPerson', 400, 8],
    ['both, area named first (10 m² → 2)', { areaM2: 10, m2PerPerson: 5 }, 'areaM2', 400, 2],
    ['area to 40 m² (exactly the 10 inside)', { areaM2: 40 }, null, 200, 10],
    ['area back to 200 m²', { areaM2: 200 }, null, 200, 50],
  ] as const)('%s', async (_name, body, field, status, capacity) => {
    const before = await venueState(venueId);
    const res = await patch(venueId, body);
    expect(res.statusCode, res.body).toBe(status);
    if (status === 400) {
      const d = json(res).error?.details?.[0];
      expect(d?.field).toBe(field);
      expect(d?.message).toContain(`修改后可容纳 ${capacity} 人，少于场内现有的 10 人；请待人员离场后再修改`);
      expect(await venueState(venueId)).toEqual(before);
    } else {
      expect(res.json().capacity).toBe(capacity);
    }
    expect((await inside(venueId)).inside).toBe(10);
  });

  it('the door then admits up to the new capacity only', async () => {
    expect((await patch(venueId, { areaM2: 48 })).statusCode).toBe(200); // 12
    expect((await admit(venueId, '第十一位')).statusCode).toBe(201);
    expect((await admit(venueId, '第十二位')).statusCode).toBe(201);
    const full = await admit(venueId, '第十三位');
    expect(full.statusCode).toBe(409);
    expect(json(full).error?.code).toBe('venue_full');
    expect(await inside(venueId)).toMatchObject({ inside: 12, capacity: 12 });
  });
});

describe('a change of area may not leave fewer places than a live slot has booked; unbooked places are withdrawn', () => {
  let venueId: number;
  let slotA: number;
  beforeAll(async () => {
    await clockAt('2020-02-17T10:00:00+08:00');
    venueId = (await createVenue(t, agency, { name: `预约${Date.now()}`, address: '五华区 5 号', areaM2: 200 })).id; // 50
    const a = await openSlot(venueId, '2020-02-18T09:00:00+08:00', 30, 60);
    const b = await openSlot(venueId, '2020-02-18T09:30:00+08:00', 20, 60);
    const c = await openSlot(venueId, '2020-02-18T11:00:00+08:00', 40);
    for (const r of [a, b, c]) expect(r.statusCode, r.body).toBe(201);
    slotA = a.json().id;
    const book = async (slotId: number, n: number, prefix: string) => {
      for (let i = 0; i < n; i++) expect((await t.send('POST', `${V1}/prevention/slots/${slotId}/bookings`, { name: '预约人', phone: `1390${prefix}${String(i).padStart(4, '0')}` }, agency)).statusCode).toBe(201);
    };
    await book(slotA, 8, '100');
    await book(b.json().id, 6, '200');
    await book(c.json().id, 12, '300');
    expect(await slotCaps(venueId)).toEqual(['30/8', '20/6', '40/12']);
  }, 60_000);

  it.each([
    // promised at once: 8 + 6 = 14 from 09:30 (overlap), 12 at 11:00
    ['13 people: fewer than the 14 booked from 09:30', { areaM2: 52 }, 400, 13, ['30/8', '20/6', '40/12']],
    ['a density leaving 10: refused the same way', { m2PerPerson: 20 }, 400, 10, ['30/8', '20/6', '40/12']],
    ['20 people: unbooked places withdrawn, bookings kept', { areaM2: 80 }, 200, 20, ['14/8', '6/6', '20/12']],
    ['50 again: withdrawn places do not come back by themselves', { areaM2: 200 }, 200, 50, ['14/8', '6/6', '20/12']],
  ] as const)('%s', async (_name, body, status, capacity, slotsAfter) => {
    const before = await venueState(venueId);
    const res = await patch(venueId, body);
    expect(res.statusCode, res.body).toBe(status);
    if (status === 400) {
      const d = json(res).error?.details?.[0];
      expect(d?.field).toBe(Object.keys(body)[0]);
      expect(d?.message).toContain(`修改后可容纳 ${capacity} 人，少于 2020-02-18 09:30 起的时段已预约的 14 人；请先取消部分预约`);
      expect(await venueState(venueId)).toEqual(before);
    } else {
      expect(res.json().capacity).toBe(capacity);
    }
    expect(await slotCaps(venueId)).toEqual(slotsAfter);
  });

  it('a slot that has ended no longer holds the venue to its bookings', async () => {
    await clockAt('2020-02-18T12:00:00+08:00');
    expect((await patch(venueId, { areaM2: 20 })).statusCode).toBe(200); // 5: every slot ended
    expect(await slotCaps(venueId)).toEqual(['14/8', '6/6', '20/12']);
    expect((await slotState(t, slotA)).active).toBe(8);
    await clockAt('2020-02-17T10:00:00+08:00');
  });
});

describe('slots running at the same time share the venue\'s capacity', () => {
  let venueId: number;
  beforeAll(async () => {
    await clockAt('2020-02-17T10:00:00+08:00');
    venueId = (await createVenue(t, agency, { name: `重叠${Date.now()}`, address: '五华区 6 号', areaM2: 200 })).id; // 50
  });

  it.each([
    ['09:00–10:00, 30 places', '2020-02-19T09:00:00+08:00', 60, 30, 201, null],
    ['09:30–10:30, 20 places (50 together)', '2020-02-19T09:30:00+08:00', 60, 20, 201, null],
    ['09:45–10:15, 1 more place', '2020-02-19T09:45:00+08:00', 30, 1, 400, { offered: 50, free: 0 }],
    ['10:00–10:30, 31 places (the 20 still running)', '2020-02-19T10:00:00+08:00', 30, 31, 400, { offered: 20, free: 30 }],
    ['10:00–10:30, 30 places', '2020-02-19T10:00:00+08:00', 30, 30, 201, null],
    ['10:30–11:00, 50 places (back to back)', '2020-02-19T10:30:00+08:00', 30, 50, 201, null],
    ['08:30–09:00, 50 places (ends as the first starts)', '2020-02-19T08:30:00+08:00', 30, 50, 201, null],
  ] as const)('%s', async (_name, startsAt, minutes, capacity, status, refusal) => {
    const before = await slotCaps(venueId);
    const res = await openSlot(venueId, startsAt, capacity, minutes);
    expect(res.statusCode, res.body).toBe(status);
    if (refusal) {
      const d = json(res).error?.details?.[0];
      expect(d?.field).toBe('capacity');
      expect(d?.message).toBe(`名额：与同一时间开放的其他时段合计不能超过场所可容纳人数 50 人（其他时段已开放 ${refusal.offered} 个名额，此时段最多 ${refusal.free} 个）`);
      expect(await slotCaps(venueId)).toEqual(before);
    }
  });

  it('two slots opened together over the last places: one succeeds', async () => {
    const cookie = agency;
    const answers = await inParallel(
      t,
      Array.from({ length: 6 }, (_, i) => ({ method: 'POST' as const, url: `${V1}/prevention/venues/${venueId}/slots`, body: { startsAt: `2020-02-20T09:0${i}:00+08:00`, capacity: 30, minutes: 60 }, cookie })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400, 400, 400, 400]);
    const caps = await t.deps.db.selectFrom('venue_slots').select('capacity').where('venue_id', '=', venueId).where('starts_at', '>=', new Date('2020-02-20T00:00:00+08:00')).execute();
    expect(caps.map((c) => c.capacity)).toEqual([30]);
  });
});

describe('a venue shrinking while its door admits and its slot books', () => {
  it('the door: never more inside than the capacity that stands, whichever commits first (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const v = await createVenue(t, agency, { name: `门口竞争${round}-${Date.now()}`, address: '五华区 7 号', areaM2: 200 }); // 50
      const requests = [
        ...Array.from({ length: 20 }, (_, i) => ({ method: 'POST' as const, url: `${V1}/prevention/venues/${v.id}/entry-checks`, body: { visitorType: 'seeker', name: `竞争${i}`, mask: true, temperature: '36.5' }, cookie: agency })),
        { method: 'PATCH' as const, url: `${V1}/prevention/venues/${v.id}`, body: { areaM2: 40 }, cookie: agency }, // 10
      ];
      const answers = await inParallel(t, requests);
      const shrink = answers[20] as { status: number };
      const admitted = answers.slice(0, 20).filter((a) => a.status === 201).length;
      const state = await inside(v.id);
      expect(state.inside).toBe(admitted);
      if (shrink.status === 200) expect(state.capacity).toBe(10);
      else {
        expect(shrink.status).toBe(400);
        expect(state.capacity).toBe(50);
        expect(admitted).toBeGreaterThan(10);
      }
      for (const a of answers.slice(0, 20)) expect([201, 409]).toContain(a.status);
    }
  }, 120_000);

  it('the bookings: never more booked than the slot offers, nor offered than the venue holds (3 rounds)', async () => {
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await seeker(t, `1370000${String(i).padStart(4, '0')}`));
    for (let round = 0; round < 3; round++) {
      const v = await createVenue(t, agency, { name: `预约竞争${round}-${Date.now()}`, address: '五华区 8 号', areaM2: 200 });
      const slot = await openSlot(v.id, '2020-02-21T09:00:00+08:00', 30);
      expect(slot.statusCode).toBe(201);
      const requests = [
        ...people.map((p) => ({ method: 'POST' as const, url: `${V1}/prevention/slots/${slot.json().id}/bookings`, body: {}, cookie: p.cookie })),
        { method: 'PATCH' as const, url: `${V1}/prevention/venues/${v.id}`, body: { areaM2: 40 }, cookie: agency },
      ];
      const answers = await inParallel(t, requests);
      const shrink = answers[20] as { status: number };
      const booked = answers.slice(0, 20).filter((a) => a.status === 201).length;
      const s = await slotState(t, slot.json().id);
      expect(s.active).toBe(booked);
      const venue = await venueState(v.id);
      expect(s.capacity).toBeLessThanOrEqual(venue.capacity);
      if (shrink.status === 200) expect(venue.capacity).toBe(10);
      else expect(booked).toBeGreaterThan(10);
    }
  }, 120_000);
});

describe('officials read a venue\'s visits and QR content in their jurisdiction; outside it, 404 as for a missing id', () => {
  let venueId: number;
  beforeAll(async () => {
    venueId = (await createVenue(t, agency, { name: `官员${Date.now()}`, address: '五华区 9 号', areaM2: 100 })).id;
    expect((await admit(venueId, '官员可见')).statusCode).toBe(201);
  });

  it.each([
    ['wh (五华区, the venue\'s county)', 'wh', 200],
    ['km (昆明市, above it)', 'km', 200],
    ['pl (盘龙区, a neighbouring county)', 'pl', 404],
    ['qj (曲靖市, another prefecture)', 'qj', 404],
  ] as const)('%s', async (_name, who, status) => {
    const cookie = await t.login(who);
    const visits = await t.get(`${V1}/prevention/venues/${venueId}/visits`, cookie);
    expect(visits.statusCode, visits.body).toBe(status);
    if (status === 200) expect(visits.json().items.map((x: { name: string }) => x.name)).toEqual(['官员可见']);
    const qr = await t.get(`${V1}/prevention/venues/${venueId}/qr`, cookie);
    expect(qr.statusCode, qr.body).toBe(status);
    if (status === 200) expect(qr.json().url).toMatch(/^https:\/\/yq\.hrss\.yn\.gov\.cn\/m\/v\/[0-9A-Z]{12}$/);
    else expect(json(qr).error?.code).toBe(json(await t.get(`${V1}/prevention/venues/999999999/qr`, cookie)).error?.code);
  });
});

describe('a venue that would hold no one (a fresh-clone replay made one of 1 m²)', () => {
  it('is refused at creation and at a change, naming the field; nothing changes', async () => {
    const t = await caseApp('venuezero', '2020-02-17T09:00:00+08:00');
    try {
      const agency = await t.login('agency-wh');
      const tiny = await t.send('POST', `${V1}/prevention/venues`, { name: '一平方', address: '昆明市五华区', areaM2: 1 }, agency);
      expect(tiny.statusCode, tiny.body).toBe(400);
      expect(json(tiny).error?.details?.map((d) => d.field)).toEqual(['areaM2']);
      const venue = await createVenue(t, agency, { name: '正常场所', address: '昆明市五华区', areaM2: 40 });
      for (const [body, field] of [[{ areaM2: 1 }, 'areaM2'], [{ m2PerPerson: 100 }, 'm2PerPerson']] as const) {
        const res = await t.send('PATCH', `${V1}/prevention/venues/${venue.id}`, body, agency);
        expect(res.statusCode, res.body).toBe(400);
        expect(json(res).error?.details?.map((d) => d.field)).toEqual([field]);
      }
      expect((await t.get(`${V1}/prevention/venues/${venue.id}`, agency)).json().capacity).toBe(venue.capacity);
    } finally {
      await t.close();
    }
  });
});
