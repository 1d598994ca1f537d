// Cases 07-booking-race-and-repeat and 08-cancel-frees-seat-once (../shared/cases/checkins-and-bookings):
// a hundred requests for the last five places released together over real connections, one person
// asking three times, reception's walk-in, a slot promising more than the area holds; a cancel
// tapped twice and two people racing for the freed place; a cancelled booking's code at the door.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseApp, caseApp, createVenue, inParallel, json, seeker, slotState, V1 } from './venues-helpers.ts';

let t: CaseApp;
let agency: string;
let venue: { id: number; capacity: number; code: string };
/** seeker-016 … seeker-112: 97 job seekers of the test's own, signed in once. */
const crowd: { username: string; cookie: string }[] = [];
let wangDashan: string;

beforeAll(async () => {
  t = await caseApp('case07', '2020-02-17T14:59:00+08:00');
  agency = await t.login('agency-wh');
  wangDashan = await t.login('seeker');
  venue = await createVenue(t, agency, { name: 'V-WH 五华区人力资源市场服务大厅', address: '昆明市五华区人民中路 88 号', areaM2: 200 });
  for (let i = 16; i <= 112; i++) crowd.push(await seeker(t, `139000${10_000 + i}`));
}, 240_000);
afterAll(() => t?.close());

/** A slot of V-WH opened by agency-wh; returns its id. */
async function openSlot(startsAt: string, capacity: number) {
  const res = await t.send('POST', `${V1}/prevention/venues/${venue.id}/slots`, { startsAt, capacity }, agency);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

/** Books at the desk for walk-ins with these phones (the case's earlier bookings). */
async function deskBookings(slotId: number, phones: string[]) {
  for (const phone of phones) {
    const res = await t.send('POST', `${V1}/prevention/slots/${slotId}/bookings`, { name: '预约人', phone }, agency);
    expect(res.statusCode, res.body).toBe(201);
  }
}

const book = (slotId: number, cookie: string) => ({ method: 'POST' as const, url: `${V1}/prevention/slots/${slotId}/bookings`, body: {}, cookie });

describe('case 07: 100 job seekers (one of them three times) book the last 5 places at the same instant', () => {
  it('the venue holds 50 at 4 m² per person (200 m²)', () => {
    expect(venue.capacity).toBe(50);
  });

  async function raceOnce(startsAt: string, spreadMs = 0) {
    t.clock.set('2020-02-17T14:59:00+08:00');
    const s2 = await openSlot(startsAt, 20);
    await deskBookings(s2, Array.from({ length: 15 }, (_, i) => `139000${10_001 + i}`));
    t.clock.set('2020-02-17T15:00:00+08:00');
    const requests = [...crowd.map((c) => book(s2, c.cookie)), book(s2, wangDashan), book(s2, wangDashan), book(s2, wangDashan)];
    const answers = await inParallel(t, requests, spreadMs);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(95);
    for (const a of answers.filter((x) => x.status === 409)) expect(['slot_full', 'already_booked']).toContain(a.body.error?.code);
    // 王大山's extra requests: at most one booking of his
    const his = await sql<{ n: number }>`select count(*)::int as n from bookings b join accounts a on a.id = b.account_id where a.username = 'seeker' and b.slot_id = ${s2} and b.status = 'active'`.execute(t.deps.db);
    expect(his.rows[0]?.n).toBeLessThanOrEqual(1);
    // each 409 names its cause: the 97 others can only find the slot full; 王大山's extras are
    // 'already_booked' when they met his one booking, 'slot_full' when the places had gone first —
    // and 'already_booked' only ever when he holds a place
    const crowdAnswers = answers.slice(0, crowd.length);
    const hisAnswers = answers.slice(crowd.length);
    for (const a of crowdAnswers.filter((x) => x.status !== 201)) expect(a).toMatchObject({ status: 409, body: { error: { code: 'slot_full' } } });
    const hisWins = hisAnswers.filter((a) => a.status === 201);
    expect(his.rows[0]?.n).toBe(hisWins.length);
    for (const a of hisAnswers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(hisWins.length === 1 ? ['already_booked', 'slot_full'] : ['slot_full']).toContain(a.body.error?.code);
    }
    const state = await slotState(t, s2);
    expect(state).toMatchObject({ capacity: 20, active: 20, free: 0 });
    const distinct = await sql<{ n: number }>`select count(distinct coalesce(account_id::text, phone))::int as n from bookings where slot_id = ${s2} and status = 'active'`.execute(t.deps.db);
    expect(distinct.rows[0]?.n).toBe(20);
    // one confirmation per booking in the outbox (15 at the desk, the 5 winners), none for a 409
    const confirmations = await sql<{ n: number }>`select count(*)::int as n from outbox where template = 'venue_booking_confirmed' and (payload->>'bookingId')::bigint in (select id from bookings where slot_id = ${s2})`.execute(t.deps.db);
    expect(confirmations.rows[0]?.n).toBe(20);
    const winners = answers.filter((a) => a.status === 201).map((a) => a.body.id as number);
    const wonMessages = await sql<{ n: number }>`select count(*)::int as n from outbox where template = 'venue_booking_confirmed' and channel = 'inapp' and (payload->>'bookingId')::bigint = any(${winners}::bigint[])`.execute(t.deps.db);
    expect(wonMessages.rows[0]?.n).toBe(5);
    return s2;
  }

  let s2 = 0;
  it('step 1: exactly 5 × 201 and 95 × 409, one place per person (first run)', async () => {
    s2 = await raceOnce('2020-02-18T09:00:00+08:00');
  }, 60_000);

  it('step 1 again on fresh slots: the same in every run, also with the requests spread over 2 seconds', async () => {
    await raceOnce('2020-02-18T10:00:00+08:00');
    await raceOnce('2020-02-18T11:00:00+08:00');
    await raceOnce('2020-02-18T12:00:00+08:00', 2_000);
  }, 120_000);

  it("step 1, 王大山's own race: his three requests at once with places left give one booking and two 409 already_booked", async () => {
    t.clock.set('2020-02-17T14:59:00+08:00');
    const slot = await openSlot('2020-02-18T13:00:00+08:00', 5);
    t.clock.set('2020-02-17T15:00:00+08:00');
    const answers = await inParallel(t, [book(slot, wangDashan), book(slot, wangDashan), book(slot, wangDashan)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.error?.code).toBe('already_booked');
      expect(a.body.error).toMatchObject({ message: expect.stringContaining('每人每个时段限一个名额') });
    }
    const won = answers.find((a) => a.status === 201)?.body.id;
    const rows = await sql<{ id: number; username: string }>`select b.id, a.username from bookings b join accounts a on a.id = b.account_id where b.slot_id = ${slot} and b.status = 'active'`.execute(t.deps.db);
    expect(rows.rows).toEqual([{ id: won, username: 'seeker' }]);
    expect(await slotState(t, slot)).toMatchObject({ capacity: 5, active: 1, free: 4 });
    // one confirmation, for his one booking
    const confirmations = await sql<{ id: number }>`select (payload->>'bookingId')::int as id from outbox where template = 'venue_booking_confirmed' and (payload->>'bookingId')::bigint in (select id from bookings where slot_id = ${slot})`.execute(t.deps.db);
    expect(confirmations.rows).toEqual([{ id: won }]);
  });

  it('step 2: the slot list shows S2 as 20 of 20, full', async () => {
    t.clock.set('2020-02-17T15:00:05+08:00');
    const res = await t.get(`${V1}/prevention/venues/${venue.id}/slots?date=2020-02-18`, wangDashan);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.find((x: { id: number }) => x.id === s2)).toMatchObject({ capacity: 20, booked: 20, free: 0, full: true });
  });

  it('step 3: reception adds a walk-in from the console: 409, S2 stays at 20', async () => {
    t.clock.set('2020-02-17T15:01:00+08:00');
    const res = await t.send('POST', `${V1}/prevention/slots/${s2}/bookings`, { name: '临时来访', phone: '13900019999' }, agency);
    expect(res.statusCode, res.body).toBe(409);
    expect(json(res).error?.code).toBe('slot_full');
    expect((await slotState(t, s2)).active).toBe(20);
  });

  it('step 4: a slot of 60 places at a venue holding 50 is refused, naming the capacity its area gives', async () => {
    t.clock.set('2020-02-17T15:02:00+08:00');
    const before = await sql<{ n: number }>`select count(*)::int as n from venue_slots`.execute(t.deps.db);
    const res = await t.send('POST', `${V1}/prevention/venues/${venue.id}/slots`, { startsAt: '2020-02-18T09:30:00+08:00', capacity: 60 }, agency);
    expect(res.statusCode, res.body).toBe(400);
    const detail = json(res).error?.details?.[0];
    expect(detail?.field).toBe('capacity');
    expect(detail?.message).toContain('50');
    expect((await sql<{ n: number }>`select count(*)::int as n from venue_slots`.execute(t.deps.db)).rows[0]?.n).toBe(before.rows[0]?.n);
  });
});

describe('case 08: one of three bookers of a full slot cancels, taps cancel twice, two race for the freed place', () => {
  let s4 = 0;
  const ids: Record<string, number> = {};
  let graduate: string;
  let zyt: string;
  let szy: string;
  let hj: string;
  const users: Record<string, string> = {};
  /** Everyone signs in again after the clock moved on (sessions end after idling). */
  async function signInAll() {
    graduate = await t.login('graduate');
    wangDashan = await t.login('seeker');
    zyt = await t.login(users.zyt as string, 'Test-password-2020');
    szy = await t.login(users.szy as string, 'Test-password-2020');
    hj = await t.login(users.hj as string, 'Test-password-2020');
    agency = await t.login('agency-wh');
  }

  beforeAll(async () => {
    t.clock.set('2020-02-17T16:00:00+08:00');
    users.zyt = (await seeker(t, '13900020001')).username;
    users.szy = (await seeker(t, '13900020002')).username;
    users.hj = (await seeker(t, '13900020003')).username;
    await signInAll();
    s4 = await openSlot('2020-02-19T10:00:00+08:00', 3);
  }, 60_000);

  it('steps 1–4: three bookings, the fourth is refused', async () => {
    for (const [name, cookie, at] of [['B1', wangDashan, '16:01'], ['B2', graduate, '16:02'], ['B3', zyt, '16:03']] as const) {
      t.clock.set(`2020-02-17T${at}:00+08:00`);
      const res = await t.send('POST', `${V1}/prevention/slots/${s4}/bookings`, {}, cookie);
      expect(res.statusCode, res.body).toBe(201);
      ids[name] = res.json().id;
    }
    t.clock.set('2020-02-17T16:04:00+08:00');
    const res = await t.send('POST', `${V1}/prevention/slots/${s4}/bookings`, {}, szy);
    expect(res.statusCode, res.body).toBe(409);
    expect(await slotState(t, s4)).toMatchObject({ active: 3, free: 0 });
  });

  it('steps 5–6: cancelling B2 frees one place; the second tap frees nothing more and the others stay', async () => {
    t.clock.set('2020-02-18T08:00:00+08:00');
    await signInAll();
    const outboxBefore = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(t.deps.db);
    const first = await t.send('DELETE', `${V1}/prevention/bookings/${ids.B2}`, undefined, graduate);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('cancelled');
    expect(await slotState(t, s4)).toMatchObject({ active: 2, cancelled: 1, free: 1 });
    t.clock.set('2020-02-18T08:00:00.300+08:00');
    const again = await t.send('DELETE', `${V1}/prevention/bookings/${ids.B2}`, undefined, graduate);
    expect(again.statusCode, again.body).toBe(200);
    expect(await slotState(t, s4)).toMatchObject({ active: 2, cancelled: 1, free: 1 });
    const states = await sql<{ id: number; status: string }>`select id, status from bookings where slot_id = ${s4} order by id`.execute(t.deps.db);
    expect(states.rows).toEqual([
      { id: ids.B1, status: 'active' },
      { id: ids.B2, status: 'cancelled' },
      { id: ids.B3, status: 'active' },
    ]);
    // B1's and B3's holders are told nothing
    expect((await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(t.deps.db)).rows[0]?.n).toBe(outboxBefore.rows[0]?.n);
  });

  it('step 7: two people race for the freed place: exactly one gets it, 3 of 3', async () => {
    t.clock.set('2020-02-18T08:01:00+08:00');
    const answers = await inParallel(t, [book(s4, szy), book(s4, hj)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await slotState(t, s4)).toMatchObject({ active: 3, free: 0 });
  });

  it('step 8: the canceller books again: full, 409', async () => {
    t.clock.set('2020-02-18T09:00:00+08:00');
    const res = await t.send('POST', `${V1}/prevention/slots/${s4}/bookings`, {}, graduate);
    expect(res.statusCode, res.body).toBe(409);
    expect(json(res).error?.code).toBe('slot_full');
  });

  it("step 9: the cancelled booking's code is refused at the door and the occupancy is unchanged", async () => {
    t.clock.set('2020-02-19T10:02:00+08:00');
    await signInAll();
    const code = (await sql<{ code: string }>`select code from bookings where id = ${ids.B2}`.execute(t.deps.db)).rows[0]?.code as string;
    const before = (await t.get(`${V1}/prevention/venues/${venue.id}`, agency)).json().inside;
    const res = await t.send('POST', `${V1}/prevention/venues/${venue.id}/entry-checks`, { visitorType: 'seeker', name: '李思雨', mask: true, temperature: '36.5', bookingCode: code }, agency);
    expect(res.statusCode, res.body).toBe(409);
    expect(json(res).error?.code).toBe('booking_cancelled');
    expect(json(res).error?.message).toContain('临时来访');
    expect((await t.get(`${V1}/prevention/venues/${venue.id}`, agency)).json().inside).toBe(before);
    expect(await slotState(t, s4)).toMatchObject({ active: 3, cancelled: 1 });
  });
});

describe('one place per person across the two paths (a fresh-clone replay found two)', () => {
  it('the desk cannot book by phone for someone who booked the slot themselves, nor they after the desk did', async () => {
    t.clock.set('2020-02-17T14:59:00+08:00');
    const slot = await openSlot('2020-02-20T09:00:00+08:00', 5);
    const self = await seeker(t, '13900030001');
    const mine = await t.send('POST', `${V1}/prevention/slots/${slot}/bookings`, {}, self.cookie);
    expect(mine.statusCode, mine.body).toBe(201);
    const desk = await t.send('POST', `${V1}/prevention/slots/${slot}/bookings`, { name: '王大山', phone: '13900030001' }, agency);
    expect(desk.statusCode, desk.body).toBe(409);
    expect(json(desk).error?.code).toBe('already_booked');

    const walkIn = await t.send('POST', `${V1}/prevention/slots/${slot}/bookings`, { name: '李小花', phone: '13900030002' }, agency);
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const later = await seeker(t, '13900030002');
    const hers = await t.send('POST', `${V1}/prevention/slots/${slot}/bookings`, {}, later.cookie);
    expect(hers.statusCode, hers.body).toBe(409);
    expect(json(hers).error?.code).toBe('already_booked');
    const active = await sql<{ n: number }>`select count(*)::int as n from bookings where slot_id = ${slot} and status = 'active'`.execute(t.deps.db);
    expect(active.rows[0]?.n).toBe(2);
  });
});
