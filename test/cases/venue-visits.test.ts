// Cases 09-forgotten-check-out, 10-visitor-purge-after-28-days and the disinfection part of
// 03-day-boundary-asia-shanghai (../shared/cases/checkins-and-bookings): QR check-in and check-out
// with live occupancy, the 11th person refused, one alert per overlong stay, the close at 24:00
// Beijing time (never at UTC midnight) and after downtime; the visitor purge on day 28/29 with
// counts kept, the raw daily check of the same day purged once its 30 days have passed, its completion figures kept on
// every desk; hygiene slots on the Beijing day whatever the process's zone.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../src/shared/beijing-day.ts';
import { findPersonalData } from '../../src/server/modules/index.ts';
import { checkinJobs } from '../../src/server/modules/prevention/checkins.jobs.ts';
import { dailyCountsContract, purgeCheckinsContract } from '../../src/server/modules/prevention/schemas.ts';
import { venuesJobs } from '../../src/server/modules/venues/jobs.ts';
import { closeOpenVisitsContract, flagMissedHygieneContract, purgeVisitorsContract, watchDwellContract } from '../../src/server/modules/venues/schemas.ts';
import { jobOf, runJob } from '../helpers/jobs.ts';
import { agencyWh, consent, report, type Staff, staffMember, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, createVenue, json, V1 } from './venues-helpers.ts';

const job = (c: Parameters<typeof jobOf>[1]) => jobOf(venuesJobs, c);
const register = (t: CaseApp, code: string, name: string, phone: string) => t.send('POST', `${V1}/prevention/venue-codes/${code}/visits`, { name, phone, visitorType: 'seeker', consent: true });
const checkOut = (t: CaseApp, token: string) => t.send('POST', `${V1}/prevention/visits/check-out`, { token });

describe('case 09: four visitors leave without checking out; the next morning the hall fills up', () => {
  let t: CaseApp;
  let agency: string;
  let venue: { id: number; code: string; capacity: number };
  const tokens: Record<string, string> = {};
  const inside = async () => (await t.get(`${V1}/prevention/venue-codes/${venue.code}`)).json().inside as number;

  beforeAll(async () => {
    t = await caseApp('case09', '2020-02-17T08:30:00+08:00');
    agency = await t.login('agency-wh');
    venue = await createVenue(t, agency, { name: 'V-S 五华区人才服务站', address: '昆明市五华区', areaM2: 40 });
  }, 60_000);
  afterAll(() => t?.close());

  const v = (n: number) => `v${String(n).padStart(2, '0')}`;
  const phone = (n: number) => `139000300${String(n).padStart(2, '0')}`;

  it('capacity 10 at 4 m² per person (40 m²)', () => expect(venue.capacity).toBe(10));

  it('step 1: v01 … v10 check in by QR, one every 3 minutes: occupancy 1 … 10', async () => {
    for (let i = 1; i <= 10; i++) {
      t.clock.set(new Date(Date.parse('2020-02-17T09:00:00+08:00') + (i - 1) * 180_000));
      const res = await register(t, venue.code, `访客${v(i)}`, phone(i));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().inside).toBe(i);
      tokens[v(i)] = res.json().token;
    }
    expect(await inside()).toBe(10);
  });

  it('step 2: v11 is refused, the hall full at 10 of 10, and nothing is written', async () => {
    t.clock.set('2020-02-17T09:31:00+08:00');
    const before = await sql<{ n: number }>`select count(*)::int as n from visits`.execute(t.deps.db);
    const res = await register(t, venue.code, '访客v11', phone(11));
    expect(res.statusCode, res.body).toBe(409);
    expect(json(res).error?.code).toBe('venue_full');
    expect(json(res).error?.message).toContain('10/10');
    expect((await sql<{ n: number }>`select count(*)::int as n from visits`.execute(t.deps.db)).rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('step 3: v01 … v06 check out, v07 … v10 do not; one dwell alert per visitor past 30 minutes, never repeated', async () => {
    const watch = () => runJob(t.deps, job(watchDwellContract), {});
    for (let i = 1; i <= 6; i++) {
      t.clock.set(new Date(Date.parse('2020-02-17T09:45:00+08:00') + (i - 1) * 9 * 60_000));
      await watch();
      const res = await checkOut(t, tokens[v(i)] as string);
      expect(res.statusCode, res.body).toBe(200);
    }
    t.clock.set('2020-02-17T10:30:00+08:00');
    await watch();
    await watch();
    expect(await inside()).toBe(4);
    const alerts = await sql<{ key: string }>`select idempotency_key as key from outbox where template = 'venue_dwell_alert'`.execute(t.deps.db);
    expect(alerts.rows).toHaveLength(10);
    expect(new Set(alerts.rows.map((r) => r.key)).size).toBe(10);
    // the alert names the venue and the visit, never the visitor
    const payloads = await sql<{ p: string }>`select payload::text as p from outbox where template = 'venue_dwell_alert'`.execute(t.deps.db);
    for (const r of payloads.rows) expect(r.p).not.toMatch(/访客|13900030/);
  });

  it('step 4: at 24:00 Beijing time the four open visits close automatically, left out of dwell figures; occupancy 0', async () => {
    t.clock.set('2020-02-18T00:00:00+08:00');
    await runJob(t.deps, job(closeOpenVisitsContract), {});
    const rows = await sql<{ close_reason: string; checked_out_at: Date }>`select close_reason, checked_out_at from visits where venue_id = ${venue.id} and name in ('访客v07', '访客v08', '访客v09', '访客v10')`.execute(t.deps.db);
    expect(rows.rows).toHaveLength(4);
    for (const r of rows.rows) expect(r).toEqual({ close_reason: 'auto', checked_out_at: new Date('2020-02-18T00:00:00+08:00') });
    expect(await inside()).toBe(0);
    const counts = await t.get(`${V1}/prevention/venues/${venue.id}/counts?from=2020-02-17&to=2020-02-17`, await t.login('agency-wh'));
    expect(counts.statusCode, counts.body).toBe(200);
    const dwell = counts.json().days[0].dwell;
    expect(dwell.closed).toBe(6);
    expect(dwell.autoClosed).toBe(4);
    // the longest stay is a real one (v06: 09:15 → 10:30), not a 14-hour auto-closed visit
    expect(dwell.longestMinutes).toBeLessThanOrEqual(75);
  });

  it('step 5: v12 checks in at 07:55; UTC midnight (08:00 Beijing) closes nothing', async () => {
    t.clock.set('2020-02-18T07:55:00+08:00');
    const res = await register(t, venue.code, '访客v12', phone(12));
    expect(res.statusCode, res.body).toBe(201);
    t.clock.set('2020-02-18T08:00:00+08:00');
    await runJob(t.deps, job(closeOpenVisitsContract), {});
    expect(await inside()).toBe(1);
  });

  it('steps 6–9: nine more are admitted (earlier days never count), the 11th refused, check-out works while full', async () => {
    for (let i = 13; i <= 21; i++) {
      t.clock.set(new Date(Date.parse('2020-02-18T08:30:00+08:00') + (i - 13) * 200_000));
      const res = await register(t, venue.code, `访客${v(i)}`, phone(i));
      expect(res.statusCode, res.body).toBe(201);
      tokens[v(i)] = res.json().token;
    }
    expect(await inside()).toBe(10);
    t.clock.set('2020-02-18T09:01:00+08:00');
    expect((await register(t, venue.code, '访客v11', phone(11))).statusCode).toBe(409);
    t.clock.set('2020-02-18T09:02:00+08:00');
    const out = await checkOut(t, tokens.v15 as string);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().inside).toBe(9);
    // a second tap answers the same and frees nothing more
    expect((await checkOut(t, tokens.v15 as string)).json().inside).toBe(9);
    t.clock.set('2020-02-18T09:03:00+08:00');
    const again = await register(t, venue.code, '访客v11', phone(11));
    expect(again.statusCode, again.body).toBe(201);
    expect(await inside()).toBe(10);
  });

  it('step 10: after downtime over midnight, occupancy counts only today before any job; the first run closes the 18th once', async () => {
    t.clock.set('2020-02-19T09:00:00+08:00');
    expect(await inside()).toBe(0);
    const wh = await t.login('wh');
    const desk = (await t.get(`${V1}/prevention/venues?division=530102&limit=200`, wh)).json().items.find((x: { id: number }) => x.id === venue.id);
    expect(desk.inside).toBe(0);
    const open = async () => (await sql<{ n: number }>`select count(*)::int as n from visits where venue_id = ${venue.id} and checked_out_at is null and outcome = 'admitted'`.execute(t.deps.db)).rows[0]?.n;
    expect(await open()).toBe(10);
    await runJob(t.deps, job(closeOpenVisitsContract), {});
    expect(await open()).toBe(0);
    const closedAuto = await sql<{ n: number }>`select count(*)::int as n from visits where venue_id = ${venue.id} and close_reason = 'auto'`.execute(t.deps.db);
    expect(closedAuto.rows[0]?.n).toBe(14);
    await runJob(t.deps, job(closeOpenVisitsContract), {});
    expect((await sql<{ n: number }>`select count(*)::int as n from visits where venue_id = ${venue.id} and close_reason = 'auto'`.execute(t.deps.db)).rows[0]?.n).toBe(14);
    // every occupancy row back at 0, none negative
    const rows = await sql<{ inside: number }>`select inside from venue_occupancy where venue_id = ${venue.id}`.execute(t.deps.db);
    for (const r of rows.rows) expect(r.inside).toBe(0);
  });
});

describe('case 10: the visitor purge runs 27, 28 and 29 days later', () => {
  let t: CaseApp;
  let venue: { id: number; code: string };
  const PHONES = ['13900001111', '13900002222', '13900003333'];
  const NAMES = ['周雨桐', '孙志远', '何佳'];

  /** The audit entries the template already held (the demo seed's): a timestamp there can read …:37.6…Z. */
  let auditBase = 0;
  let zhang: Staff;
  beforeAll(async () => {
    t = await caseApp('case10', '2020-02-03T08:00:00+08:00');
    auditBase = (await sql<{ n: number }>`select coalesce(max(entry_id), 0)::int as n from audit_personal`.execute(t.deps.db)).rows[0]?.n ?? 0;
    // the demo seed's consents and check-ins are dated years after the case's clock: 张晓燕 is the
    // one who has consented (at 08:00 on the first day)
    await withoutDemoChecks(t);
    zhang = await staffMember(t, '张晓燕');
    await consent(t, zhang);
    const agency = await t.login('agency-wh');
    venue = await createVenue(t, agency, { name: 'V-WH 五华区人力资源市场服务大厅', address: '昆明市五华区人民中路 88 号', areaM2: 200 });
  }, 60_000);
  afterAll(() => t?.close());

  /** 张晓燕's raw check-ins of a day. */
  const rawChecks = async (day: string) => (await sql<{ n: number }>`select count(*)::int as n from prevention_checkins where staff_id = ${zhang.staffId} and day = ${day}::date`.execute(t.deps.db)).rows[0]?.n ?? 0;
  /** What a person search (the personal-data finder, by phone) finds: each record's kind, Beijing day and the name or message template it holds. */
  const found = async (phone: string) =>
    (await findPersonalData(t.deps, { phone }))
      .map((r) => {
        const d = r.data as { day?: string; createdAt?: string; name?: string | null; template?: string };
        return { kind: `${r.module}.${r.kind}`, day: d.day ?? (d.createdAt ? beijingDate(new Date(d.createdAt)) : null), what: d.name ?? d.template ?? null };
      })
      .sort((a, b) => `${a.kind} ${a.day}`.localeCompare(`${b.kind} ${b.day}`));
  /** The names in the agency's visitor export of a day (the workbook re-made from what is stored). */
  const exportedNames = async (date: string) => {
    const res = await t.get(`${V1}/prevention/venues/${venue.id}/visits/export.xlsx?date=${date}`, await t.login('agency-wh'));
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => text.push(row.values ? JSON.stringify(row.values) : '')));
    return NAMES.filter((n) => text.some((x) => x.includes(n)));
  };

  it('step 1: 张晓燕 reports 36.5 at 08:30, a raw daily check kept 30 days', async () => {
    t.clock.set('2020-02-03T08:30:00+08:00');
    const res = await report(t, zhang, { clientId: 'c10-0203-0830', temperature: 36.5, symptoms: [] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: res.json().id, abnormal: false });
    expect(await rawChecks('2020-02-03')).toBe(1);
    expect((await t.get(`${V1}/prevention/consent`, zhang.cookie)).json().retentionDays).toBe(30);
  });

  /** Where a person's name or phone could remain: visits, bookings, outbox rows and payloads, job payloads, audit details, incidents (subject, detail, step notes, desk notices). */
  async function traces(needle: string) {
    const like = `%${needle}%`;
    const q = async (text: ReturnType<typeof sql<{ n: number }>>) => (await text.execute(t.deps.db)).rows[0]?.n ?? 0;
    return {
      visits: await q(sql<{ n: number }>`select count(*)::int as n from visits where name like ${like} or phone like ${like}`),
      bookings: await q(sql<{ n: number }>`select count(*)::int as n from bookings where name like ${like} or phone like ${like}`),
      outbox: await q(sql<{ n: number }>`select count(*)::int as n from outbox where recipient like ${like} or payload::text like ${like}`),
      jobs: await q(sql<{ n: number }>`select count(*)::int as n from pgboss.job where data::text like ${like}`),
      audit: await q(sql<{ n: number }>`select count(*)::int as n from audit_personal where entry_id > ${auditBase} and detail::text like ${like}`),
      incidents: await q(sql<{ n: number }>`select ((select count(*) from prevention_incidents where subject_name like ${like} or detail::text like ${like})
        + (select count(*) from prevention_incident_steps where note like ${like}) + (select count(*) from prevention_inbox where payload::text like ${like}))::int as n`),
    };
  }
  const none = { visits: 0, bookings: 0, outbox: 0, jobs: 0, audit: 0, incidents: 0 };

  it('steps 2–6: two QR registrations, a refusal at the door with 37.6, an SMS receipt, an export and an audited read', async () => {
    t.clock.set('2020-02-03T09:15:00+08:00');
    const page = await t.get(`${V1}/prevention/venue-codes/${venue.code}`);
    expect(page.json()).toMatchObject({ status: 'active', retentionDays: 28 });
    expect((await t.send('POST', `${V1}/prevention/venue-codes/${venue.code}/visits`, { name: '周雨桐', phone: '13900001111', consent: true })).statusCode).toBe(201);
    t.clock.set('2020-02-03T10:00:00+08:00');
    const agency = await t.login('agency-wh');
    const refused = await t.send('POST', `${V1}/prevention/venues/${venue.id}/entry-checks`, { visitorType: 'seeker', name: '何佳', phone: '13900003333', mask: true, temperature: '37,6' }, agency);
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json()).toMatchObject({ outcome: 'refused', refusalReasons: ['fever'], temperature: 37.6, mask: true, visitorType: 'seeker' });
    expect(refused.json().incidentId).toEqual(expect.any(Number));
    t.clock.set('2020-02-03T14:00:00+08:00');
    expect((await t.send('POST', `${V1}/prevention/venue-codes/${venue.code}/visits`, { name: '孙志远', phone: '13900002222', consent: true })).statusCode).toBe(201);
    const receipts = await sql<{ n: number }>`select count(*)::int as n from outbox where channel = 'sms' and recipient = '13900002222' and template = 'venue_visit_receipt'`.execute(t.deps.db);
    expect(receipts.rows[0]?.n).toBe(1);
    t.clock.set('2020-02-03T16:00:00+08:00');
    const agency2 = await t.login('agency-wh');
    const exported = await t.get(`${V1}/prevention/venues/${venue.id}/visits/export.xlsx?date=2020-02-03`, agency2);
    expect(exported.statusCode).toBe(200);
    const list = (await t.get(`${V1}/prevention/venues/${venue.id}/visits?date=2020-02-03`, agency2)).json().items;
    expect(list.map((x: { phone: string }) => x.phone)).toEqual(['139****1111', '139****3333', '139****2222']);
    const read = await t.get(`${V1}/prevention/visits/${list[1].id}`, agency2);
    expect(read.json().temperature).toBe(37.6);
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_entries where action = 'venues.visit.read' and target_id = ${String(list[1].id)}`.execute(t.deps.db);
    expect(audited.rows[0]?.n).toBe(1);
    expect(await exportedNames('2020-02-03')).toEqual(NAMES);
    t.clock.set('2020-02-04T09:00:00+08:00');
    expect((await t.send('POST', `${V1}/prevention/venue-codes/${venue.code}/visits`, { name: '周雨桐', phone: '13900001111', consent: true })).statusCode).toBe(201);
    // the hourly count job of the next morning: 02-03's check-in counts, whole
    await runJob(t.deps, jobOf(checkinJobs, dailyCountsContract), {});
  });

  it('the audit trail never names a visitor, a phone or a temperature', async () => {
    for (const needle of [...NAMES, ...PHONES, '37.6']) expect((await traces(needle)).audit, needle).toBe(0);
  });

  let countsBefore: unknown;
  const counts = async () => {
    const wh = await t.login('wh');
    const res = await t.get(`${V1}/prevention/venues/${venue.id}/counts?from=2020-02-03&to=2020-02-04`, wh);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().days.map((d: { day: string; admitted: number; refused: number; byType: unknown }) => ({ day: d.day, admitted: d.admitted, refused: d.refused, byType: d.byType }));
  };

  /** The door-refusal incident on the county's desks: its row (the list) and the bureau desk's incident figures of 2020-02-03. */
  let incidentsBefore: unknown;
  const incidentFigures = async () => {
    const wh = await t.login('wh');
    const desk = await t.get(`${V1}/prevention/desk?day=2020-02-03`, wh);
    expect(desk.statusCode, desk.body).toBe(200);
    const f = desk.json().total;
    const list = await t.get(`${V1}/prevention/incidents?trigger=door_refusal&division=530102`, wh);
    expect(list.statusCode, list.body).toBe(200);
    return {
      desk: { open: f.incidentsOpen, byStage: f.incidentsByStage, late: f.incidentsLate, detected: f.incidentsDetectedThatDay },
      list: list.json().items.map((x: { trigger: string; stage: string; detectedAt: string; agencyName: string }) => ({ trigger: x.trigger, stage: x.stage, detectedAt: x.detectedAt, agencyName: x.agencyName })),
    };
  };

  it('step 7: the purge on day 27 keeps every record of 2020-02-03', async () => {
    countsBefore = await counts();
    expect(countsBefore).toEqual([
      { day: '2020-02-03', admitted: 2, refused: 1, byType: { staff: { admitted: 0, refused: 0 }, employer: { admitted: 0, refused: 0 }, seeker: { admitted: 2, refused: 1 } } },
      { day: '2020-02-04', admitted: 1, refused: 0, byType: { staff: { admitted: 0, refused: 0 }, employer: { admitted: 0, refused: 0 }, seeker: { admitted: 1, refused: 0 } } },
    ]);
    t.clock.set('2020-03-01T02:00:00+08:00');
    incidentsBefore = await incidentFigures();
    expect(incidentsBefore).toMatchObject({ desk: { detected: 1 }, list: [{ trigger: 'door_refusal', stage: 'detected', detectedAt: '2020-02-03T02:00:00.000Z' }] });
    await runJob(t.deps, job(purgeVisitorsContract), {});
    expect((await sql<{ n: number }>`select count(*)::int as n from visits where venue_id = ${venue.id}`.execute(t.deps.db)).rows[0]?.n).toBe(4);
    // 何佳's open incident still names her on day 27
    expect((await traces('何佳')).incidents).toBe(1);
    // a search for each of them still finds their visits (what step 9 must find no more)
    expect(await found('13900001111')).toEqual([
      { kind: 'channels.outbox', day: '2020-02-03', what: 'venue_visit_receipt' },
      { kind: 'channels.outbox', day: '2020-02-04', what: 'venue_visit_receipt' },
      { kind: 'venues.visit', day: '2020-02-03', what: '周雨桐' },
      { kind: 'venues.visit', day: '2020-02-04', what: '周雨桐' },
    ]);
    expect(await found('13900002222')).toEqual([
      { kind: 'channels.outbox', day: '2020-02-03', what: 'venue_visit_receipt' },
      { kind: 'venues.visit', day: '2020-02-03', what: '孙志远' },
    ]);
    expect(await found('13900003333')).toEqual([
      { kind: 'prevention.incident', day: null, what: '何佳' },
      { kind: 'venues.visit', day: '2020-02-03', what: '何佳' },
    ]);
  });

  it('step 8: on day 28 too (the rule: kept on the visit\'s day and the 28 days after it)', async () => {
    t.clock.set('2020-03-02T02:00:00+08:00');
    await runJob(t.deps, job(purgeVisitorsContract), {});
    expect((await sql<{ n: number }>`select count(*)::int as n from visits where venue_id = ${venue.id} and day = '2020-02-03'`.execute(t.deps.db)).rows[0]?.n).toBe(3);
    // and so does her incident (the same rule: the visit's day and the 28 days after it)
    expect((await traces('何佳')).incidents).toBe(1);
    expect(await found('13900003333')).toEqual([
      { kind: 'prevention.incident', day: null, what: '何佳' },
      { kind: 'venues.visit', day: '2020-02-03', what: '何佳' },
    ]);
  });

  it('step 9: on day 29 every trace of the 2020-02-03 visitors is gone; 周雨桐\'s 2020-02-04 visit stays', async () => {
    t.clock.set('2020-03-03T02:00:00+08:00');
    await runJob(t.deps, job(purgeVisitorsContract), {});
    expect(await traces('13900002222')).toEqual(none);
    expect(await traces('孙志远')).toEqual(none);
    expect(await traces('13900003333')).toEqual(none);
    expect(await traces('何佳')).toEqual({ ...none });
    const left = await sql<{ day: string; name: string }>`select day::text as day, name from visits where venue_id = ${venue.id}`.execute(t.deps.db);
    expect(left.rows).toEqual([{ day: '2020-02-04', name: '周雨桐' }]);
    // her second visit's receipt stays with it; the first one's is gone
    const hers = await sql<{ n: number }>`select count(*)::int as n from outbox where recipient = '13900001111'`.execute(t.deps.db);
    expect(hers.rows[0]?.n).toBe(1);
    const audit = await sql<{ detail: Record<string, unknown> }>`select p.detail from audit_entries e join audit_personal p on p.division_code = e.division_code and p.id = e.id where e.action = 'venues.visitors.purge'`.execute(t.deps.db).catch(async () => sql<{ detail: Record<string, unknown> }>`select detail from audit_log where action = 'venues.visitors.purge'`.execute(t.deps.db));
    expect(audit.rows.map((r) => r.detail)).toContainEqual(expect.objectContaining({ visits: 3, bookings: 0 }));
    // the purge audited once, with counts per table and its cutoff only (days 27 and 28 purged nothing)
    expect(audit.rows.map((r) => r.detail)).toEqual([{ before: '2020-02-04', visits: 3, bookings: 0, incidentSubjects: 1 }]);
    // 周雨桐: her 2020-02-04 visit and its receipt, nothing of the 02-03 one
    expect(await traces('13900001111')).toEqual({ ...none, visits: 1, outbox: 1 });
    expect(await traces('周雨桐')).toEqual({ ...none, visits: 1 });
    // searching finds nothing of 孙志远, and 周雨桐's 02-04 visit only
    expect(await found('13900002222')).toEqual([]);
    expect(await found('13900001111')).toEqual([
      { kind: 'channels.outbox', day: '2020-02-04', what: 'venue_visit_receipt' },
      { kind: 'venues.visit', day: '2020-02-04', what: '周雨桐' },
    ]);
    // 何佳's failed check is gone (no visit row, no temperature, no message), and so is her identity on
    // the fever incident it opened, still open: she was told 28 days (decision 0030, amended). The
    // incident stays — its category, stage and times, its agency and venue — named by nobody.
    expect(await found('13900003333')).toEqual([]);
    const incident = await sql<{ trigger: string; stage: string; subject_name: string | null; subject_phone_enc: string | null; erased: boolean; detail: unknown }>`
      select trigger, stage, subject_name, subject_phone_enc, erased_at is not null as erased, detail from prevention_incidents where subject_kind = 'visitor'`.execute(t.deps.db);
    expect(incident.rows).toEqual([
      { trigger: 'door_refusal', stage: 'detected', subject_name: null, subject_phone_enc: null, erased: true, detail: { venueId: venue.id, venueName: 'V-WH 五华区人力资源市场服务大厅' } },
    ]);
    const listed = (await t.get(`${V1}/prevention/incidents?trigger=door_refusal&division=530102`, await t.login('wh'))).json().items;
    expect(listed.map((x: { subject: unknown; stage: string }) => [x.stage, x.subject])).toEqual([['detected', { kind: 'visitor', name: null, phone: null, erased: true }]]);
    // the agency's lists and exports are made from what is stored: 02-03 lists nobody now, 02-04 her
    const agency = await t.login('agency-wh');
    expect((await t.get(`${V1}/prevention/venues/${venue.id}/visits?date=2020-02-03`, agency)).json().items).toEqual([]);
    expect((await t.get(`${V1}/prevention/venues/${venue.id}/visits?date=2020-02-04`, agency)).json().items.map((x: { name: string }) => x.name)).toEqual(['周雨桐']);
    expect(await exportedNames('2020-02-03')).toEqual([]);
    expect(await exportedNames('2020-02-04')).toEqual(['周雨桐']);
  });

  it('step 10: the county desk\'s counts for 2020-02-03 are exactly as before the purge, none negative', async () => {
    t.clock.set('2020-03-03T09:00:00+08:00');
    expect(await counts()).toEqual(countsBefore);
    // the incident behind the refusal is counted as before on the bureau desk and listed at its stage
    expect(await incidentFigures()).toEqual(incidentsBefore);
  });

  it('step 11: the raw check of 02-03 goes on 03-05 (30 days passed on 03-04), not on 03-04; the completion figures of 02-03 stay on the agency\'s counts and every desk', async () => {
    const completion = async () => {
      const wh = await agencyWh(t);
      const own = await t.get(`${V1}/prevention/daily-counts?from=2020-02-03&to=2020-02-03`, await t.login('agency-wh'));
      expect(own.statusCode, own.body).toBe(200);
      const desks: Record<string, unknown> = {};
      for (const [who, line] of [['wh', String(wh.id)], ['km', '530102'], ['prov', '530100']] as const) {
        const res = await t.get(`${V1}/prevention/desk?day=2020-02-03`, await t.login(who));
        expect(res.statusCode, res.body).toBe(200);
        const pick = (f: Record<string, unknown>) => ({ expected: f.checkinExpected, reported: f.checkinReported, onTime: f.checkinOnTime, missing: f.checkinMissing, rate: f.checkinRate, withdrawn: f.consentWithdrawn });
        const l = res.json().lines.find((x: { agencyId: number | null; code: string }) => (who === 'wh' ? String(x.agencyId) : x.code) === line);
        desks[who] = { total: pick(res.json().total), line: pick(l) };
      }
      return { own: own.json().items, desks };
    };
    const before = await completion();
    // 张晓燕, the one who consented, reported on time: 1 of 1 on every desk
    const one = { expected: 1, reported: 1, onTime: 1, missing: 0, rate: 1, withdrawn: 0 };
    expect(before.desks).toEqual({ wh: { total: one, line: one }, km: { total: one, line: one }, prov: { total: one, line: one } });
    expect(before.own).toEqual([expect.objectContaining({ day: '2020-02-03', expected: 1, reported: 1, onTime: 1, late: 0, abnormal: 0, withdrawn: 0 })]);
    const purge = () => runJob(t.deps, jobOf(checkinJobs, purgeCheckinsContract), {});
    t.clock.set('2020-03-04T02:00:00+08:00');
    await purge();
    expect(await rawChecks('2020-02-03'), 'no earlier').toBe(1);
    t.clock.set('2020-03-05T02:00:00+08:00');
    await purge();
    expect(await rawChecks('2020-02-03'), 'gone on time').toBe(0);
    expect(await completion()).toEqual(before);
  });
});

describe('case 03 (disinfection): the Beijing day decides which slot a log fills, whatever the process\'s zone', () => {
  for (const zone of ['UTC', 'America/Los_Angeles']) {
    it(`TZ=${zone}: 23:50 fills no slot of the next day; 07:40 fills today's morning slot; the 12:00 watcher flags it not`, async () => {
      const saved = process.env.TZ;
      process.env.TZ = zone;
      const t = await caseApp(`case03_${zone === 'UTC' ? 'utc' : 'la'}`, '2020-02-16T20:00:00+08:00');
      try {
        const agency = await t.login('agency-wh');
        const venue = await createVenue(t, agency, { name: 'V-WH 五华区人力资源市场服务大厅', address: '昆明市五华区', areaM2: 200 });
        t.clock.set('2020-02-16T23:50:00+08:00');
        const night = await t.send('POST', `${V1}/prevention/venues/${venue.id}/hygiene`, { kind: 'disinfection', note: '夜班保洁' }, await t.login('agency-wh'));
        expect(night.statusCode, night.body).toBe(201);
        expect(night.json()).toMatchObject({ day: '2020-02-16', slot: null });
        t.clock.set('2020-02-17T07:40:00+08:00');
        const agency2 = await t.login('agency-wh');
        const morning = await t.send('POST', `${V1}/prevention/venues/${venue.id}/hygiene`, { kind: 'disinfection' }, agency2);
        expect(morning.json()).toMatchObject({ day: '2020-02-17', slot: 1 });
        t.clock.set('2020-02-17T12:00:00+08:00');
        await runJob(t.deps, job(flagMissedHygieneContract), {});
        const flagged = await sql<{ kind: string; slot: number; day: string }>`select kind, slot, day::text as day from hygiene_misses where venue_id = ${venue.id} order by kind, slot`.execute(t.deps.db);
        // the morning disinfection is done; the morning's cleaning (06:00–18:00) is not over; the first two ventilations (06–10, 10–14) … only the one that ended
        expect(flagged.rows).toEqual([{ kind: 'ventilation', slot: 1, day: '2020-02-17' }]);
        const agency3 = await t.login('agency-wh');
        const day = (await t.get(`${V1}/prevention/venues/${venue.id}/hygiene?date=2020-02-17`, agency3)).json();
        expect(day.slots.find((x: { kind: string; slot: number }) => x.kind === 'disinfection' && x.slot === 1)).toMatchObject({ status: 'done', doneAt: '2020-02-16T23:40:00.000Z' });
        expect(day.slots.find((x: { kind: string; slot: number }) => x.kind === 'disinfection' && x.slot === 2)).toMatchObject({ status: 'due', from: '2020-02-17T04:00:00.000Z', to: '2020-02-17T10:00:00.000Z' });
        // a rerun flags nothing again
        await runJob(t.deps, job(flagMissedHygieneContract), {});
        expect((await sql<{ n: number }>`select count(*)::int as n from hygiene_misses where venue_id = ${venue.id}`.execute(t.deps.db)).rows[0]?.n).toBe(1);
        expect((await sql<{ n: number }>`select count(*)::int as n from outbox where template = 'venue_hygiene_missed'`.execute(t.deps.db)).rows[0]?.n).toBe(1);
      } finally {
        await t.close();
        process.env.TZ = saved;
      }
    }, 60_000);
  }
});
