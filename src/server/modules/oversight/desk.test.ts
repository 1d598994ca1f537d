// The prevention desk on seeded data (issue 8 R1/G4, decision 0031): the figures per agency,
// county and prefecture; scope (a county never sees another county, a prefecture sees its
// counties); the no-daily-values rule; a chosen day; the export. On a database of its own (cloned
// from the seeded template) with a manual clock: 宜良县 530125 and 石林县 530126, which the demo
// seed leaves empty.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { cloneTemplate } from '../../../../test/helpers/db.ts';
import { agencyInput, createAccount, createStaffRow } from '../../../../test/helpers/factories.ts';
import {
  accountId,
  createVenueRow,
  escalateIncident,
  feverIncident,
  giveConsent,
  missHygiene,
  recordCheckin,
  setInside,
  stepIncident,
} from '../../../../test/helpers/prevention.ts';

const PASSWORD = 'Desk-test-2020';
const A = '530125';
const B = '530126';
const TODAY = '2026-03-10';
const YESTERDAY = '2026-03-09';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

let t: TestApp;
let drop: () => Promise<void>;
const cookies: Record<'prov' | 'km' | 'countyA' | 'countyB' | 'qj' | 'agency', string> = {} as never;
const ids: { a1: { division_code: string; id: number }; a2: { division_code: string; id: number }; b1: { division_code: string; id: number }; incident: number; staffNames: string[] } = {} as never;

type Figures = Record<string, number | null> & { incidentsByStage: Record<string, number> };
type Line = Figures & { kind: string; code: string; agencyId: number | null; name: string; responsible: { name: string; phoneMasked: string | null }; supervisor: { code: string; name: string }; drillable: boolean };
type Desk = { division: { code: string }; trail: { code: string }[]; day: string; lineKind: string; total: Figures; lines: Line[]; incidents: Record<string, unknown>[]; gaps: Record<string, unknown>[]; plansCounted: boolean };

async function desk(cookie: string, query = ''): Promise<Desk> {
  const res = await t.get(`/api/v1/prevention/desk${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function agency(division: string) {
  const res = await t.send('POST', '/api/v1/agencies', agencyInput(division), cookies.prov);
  expect(res.statusCode, res.body).toBe(201);
  return { division_code: division, id: (res.json() as { id: number }).id };
}

beforeAll(async () => {
  const db = await cloneTemplate('desk');
  drop = db.drop;
  t = await createTestApp({ clock: new ManualClock(at(TODAY, '12:00')), database: db });
  cookies.prov = await t.login('prov');
  cookies.km = await t.login('km');
  cookies.qj = await t.login('qj');
  cookies.countyA = await t.login(await createAccount(t.deps, { role: 'county', official_division: A, password: PASSWORD }), PASSWORD);
  cookies.countyB = await t.login(await createAccount(t.deps, { role: 'county', official_division: B, password: PASSWORD }), PASSWORD);
  const by = await accountId(t.deps, 'prov');

  ids.a1 = await agency(A);
  ids.a2 = await agency(A);
  ids.b1 = await agency(B);
  cookies.agency = await t.login(await createAccount(t.deps, { role: 'agency_admin', org_division: A, agency_id: ids.a1.id, password: PASSWORD }), PASSWORD);
  const before = at('2026-03-01', '09:00');
  // agency 1: five on the roster; four consented, one of them withdrew yesterday
  const [s1, s2, s3, s4, s5] = [0, 1, 2, 3, 4].map(() => 0);
  const staff = await Promise.all([s1, s2, s3, s4, s5].map(() => createStaffRow(t.deps, ids.a1)));
  const [k1, k2, k3, k4] = staff as [number, number, number, number, number];
  for (const s of [k1, k2, k3, k4]) await giveConsent(t.deps, ids.a1, s, by, before, s === k4 ? at(YESTERDAY, '08:00') : null);
  await recordCheckin(t.deps, ids.a1, k1, by, at(TODAY, '08:30'), { temperature: '36.5' });
  const fever = await recordCheckin(t.deps, ids.a1, k2, by, at(TODAY, '09:00'), { temperature: '38.5', symptoms: ['cough'] });
  await recordCheckin(t.deps, ids.a1, k1, by, at(YESTERDAY, '11:00'), { temperature: '36.6', onTime: false });
  ids.incident = await feverIncident(t.deps, ids.a1, k2, fever, at(TODAY, '09:00'));
  await stepIncident(t.deps, A, ids.incident, 'reported', at(TODAY, '09:30'));
  await escalateIncident(t.deps, A, ids.incident, 'isolated', at(TODAY, '10:30'), at(TODAY, '10:40'));
  const venue = await createVenueRow(t.deps, ids.a1);
  await missHygiene(t.deps, A, venue, TODAY, 'disinfection', 1);
  await missHygiene(t.deps, A, venue, TODAY, 'ventilation', 1);
  await setInside(t.deps, A, venue, TODAY, 3);
  // agency 1 keeps a plan naming its responsible person, its masks below the minimum; agency 2 has none
  const plan = await t.send('PUT', `/api/v1/prevention/plans/${ids.a1.id}`, { measures: ['responsible_person', 'masks'], responsibleName: '王芳', responsiblePosition: '办公室主任' }, cookies.agency);
  expect(plan.statusCode, plan.body).toBe(200);
  const stock = await t.send('POST', `/api/v1/prevention/plans/${ids.a1.id}/stock`, { kind: 'mask', name: '医用外科口罩', unit: '只', quantity: 40, minimum: 200 }, cookies.agency);
  expect(stock.statusCode, stock.body).toBe(201);
  // agency 2: one who reported
  const only = await createStaffRow(t.deps, ids.a2);
  await giveConsent(t.deps, ids.a2, only, by, before);
  await recordCheckin(t.deps, ids.a2, only, by, at(TODAY, '07:50'), { temperature: '36.4' });
  // 石林: one who did not
  const b = await createStaffRow(t.deps, ids.b1);
  await giveConsent(t.deps, ids.b1, b, by, before);
  const names = await t.deps.db.selectFrom('agency_staff').select('name').where('division_code', 'in', [A, B]).execute();
  ids.staffNames = names.map((n) => n.name);
});
afterAll(async () => {
  await t?.close();
  await drop?.();
});

describe('GET /api/v1/prevention/desk — figures', () => {
  it("a county's desk: one line per agency with the day's completion, incidents, hygiene, occupancy and who answers", async () => {
    const d = await desk(cookies.countyA);
    expect(d.division.code).toBe(A);
    expect(d.lineKind).toBe('agency');
    expect(d.day).toBe(TODAY);
    expect(d.lines.map((l) => l.agencyId).sort()).toEqual([ids.a1.id, ids.a2.id].sort());
    const a1 = d.lines.find((l) => l.agencyId === ids.a1.id) as Line;
    expect(a1).toMatchObject({
      kind: 'agency',
      drillable: false,
      checkinExpected: 3,
      checkinReported: 2,
      checkinOnTime: 2,
      checkinMissing: 1,
      consentWithdrawn: 1,
      incidentsOpen: 1,
      incidentsLate: 1,
      incidentsDetectedThatDay: 1,
      hygieneMissed: 2,
      agenciesHygieneMissed: 1,
      venues: 1,
      occupancyNow: 3,
      capacity: 25,
      agenciesWithGaps: 1,
      agenciesWithoutPlan: 0,
      agenciesLowStock: 1,
      lowStockItems: 1,
      staffDeclarationsDue: 5,
      planResponsible: '王芳（办公室主任）',
    });
    expect(a1.checkinRate).toBeCloseTo(2 / 3, 4);
    expect(a1.incidentsByStage).toEqual({ detected: 0, reported: 1, isolated: 0, diagnosed: 0, treated: 0 });
    expect(a1.responsible).toEqual({ name: '测试负责人', phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) });
    expect(a1.supervisor).toEqual({ code: A, name: '宜良县人力资源和社会保障局' });
    expect(d.total).toMatchObject({ agencies: 2, checkinExpected: 4, checkinReported: 3, checkinMissing: 1, incidentsOpen: 1, agenciesWithGaps: 2, agenciesWithoutPlan: 1, agenciesLowStock: 1, staffDeclarationsDue: 6 });
    // the incident: category and stage times
    expect(d.incidents).toEqual([
      {
        id: ids.incident,
        divisionCode: A,
        divisionName: '宜良县',
        agencyId: ids.a1.id,
        agencyName: a1.name,
        responsiblePerson: '测试负责人',
        trigger: 'fever',
        stage: 'reported',
        late: true,
        detectedAt: at(TODAY, '09:00').toISOString(),
        stageTimes: [
          { stage: 'detected', at: at(TODAY, '09:00').toISOString() },
          { stage: 'reported', at: at(TODAY, '09:30').toISOString() },
        ],
      },
    ]);
    // the gap lands on the county bureau's desk, with the agency's responsible person
    expect(d.gaps).toEqual([
      expect.objectContaining({
        agencyId: ids.a1.id,
        kinds: ['checkin_missing', 'incident_late', 'hygiene_missed', 'low_stock', 'stale_declarations'],
        planResponsible: '王芳（办公室主任）',
        lowStock: ['医用外科口罩'],
        checkinMissing: 1,
        incidentsLate: 1,
        hygieneMissed: 2,
        supervisor: { code: A, name: '宜良县人力资源和社会保障局' },
      }),
      expect.objectContaining({ agencyId: ids.a2.id, kinds: ['no_plan', 'stale_declarations'], planResponsible: null, responsible: expect.objectContaining({ name: '测试负责人' }) }),
    ]);
  });

  it("a prefecture's desk: one line per county, each equal to that county's own total; the province's line equals the prefecture's total", async () => {
    const km = await desk(cookies.km);
    expect(km.lineKind).toBe('county');
    const lineA = km.lines.find((l) => l.code === A) as Line;
    const countyA = await desk(cookies.countyA);
    const { checkinRate: _r, ...totalA } = countyA.total;
    expect(lineA).toMatchObject(totalA);
    expect(lineA).toMatchObject({ kind: 'division', drillable: true, responsible: { name: '宜良县人力资源和社会保障局' } });
    expect(km.lines.find((l) => l.code === B)).toMatchObject({ agencies: 1, checkinExpected: 1, checkinMissing: 1, agenciesWithGaps: 1, agenciesWithoutPlan: 1 });
    for (const k of ['agencies', 'checkinExpected', 'checkinReported', 'incidentsOpen', 'hygieneMissed', 'occupancyNow', 'agenciesWithGaps', 'agenciesWithoutPlan', 'agenciesLowStock'] as const) {
      expect(km.lines.reduce((n, l) => n + (l[k] as number), 0), k).toBe(km.total[k]);
    }
    const prov = await desk(cookies.prov);
    expect(prov.lineKind).toBe('prefecture');
    expect(prov.lines).toHaveLength(16);
    const { checkinRate: _k, ...kmTotal } = km.total;
    expect(prov.lines.find((l) => l.code === '530100')).toMatchObject(kmTotal);
    // the gaps of both counties reach the prefecture and the province, each with its county bureau
    for (const d of [km, prov]) {
      const gapCounties = d.gaps.filter((g) => [A, B].includes(g.divisionCode as string)).map((g) => (g.supervisor as { code: string }).code).sort();
      expect(gapCounties).toEqual([A, A, B]);
    }
  });

  it('the province drills to a prefecture and to a county: the same lines as their own officials see', async () => {
    const viaProv = await desk(cookies.prov, '?division=5301');
    const own = await desk(cookies.km);
    expect(viaProv.lines).toEqual(own.lines);
    const county = await desk(cookies.prov, `?division=${A}`);
    expect(county.lines).toEqual((await desk(cookies.countyA)).lines);
    expect(county.trail.map((x) => x.code)).toEqual(['530000', '530100', A]);
    expect((await desk(cookies.km, `?division=${A}`)).trail.map((x) => x.code)).toEqual(['530100', A]);
  });

  it('an earlier day counts that day: its check-ins and consents, and no incident detected later', async () => {
    const d = await desk(cookies.countyA, `?day=${YESTERDAY}`);
    const a1 = d.lines.find((l) => l.agencyId === ids.a1.id) as Line;
    // k4 withdrew at 08:00 yesterday: not expected, shown as withdrawn; k1 reported late
    expect(a1).toMatchObject({ checkinExpected: 3, checkinReported: 1, checkinOnTime: 0, checkinMissing: 2, consentWithdrawn: 1, incidentsOpen: 0, hygieneMissed: 0 });
    expect(d.incidents).toEqual([]);
  });

  it('kept daily counts stand in for purged check-ins', async () => {
    const day = '2026-02-20';
    await t.deps.db.insertInto('prevention_daily_counts').values({ division_code: A, agency_id: ids.a2.id, day: new Date(`${day}T00:00:00Z`), expected: 7, reported: 5, on_time: 4, late: 1, abnormal: 0, withdrawn: 2, computed_at: t.clock.now() }).execute();
    const a2 = (await desk(cookies.countyA, `?day=${day}`)).lines.find((l) => l.agencyId === ids.a2.id);
    expect(a2).toMatchObject({ checkinExpected: 7, checkinReported: 5, checkinOnTime: 4, checkinMissing: 2, consentWithdrawn: 2 });
  });
});

describe('GET /api/v1/prevention/desk — scope and input', () => {
  it('a county official never sees another county or the prefecture above it; a prefecture sees only its counties', async () => {
    for (const q of [`?division=${B}`, '?division=5301', '?division=530100', '?division=53', '?division=530302']) {
      expect((await t.get(`/api/v1/prevention/desk${q}`, cookies.countyA)).statusCode, q).toBe(404);
    }
    expect((await desk(cookies.countyB)).lines.map((l) => l.agencyId)).toEqual([ids.b1.id]);
    expect((await t.get(`/api/v1/prevention/desk?division=${A}`, cookies.qj)).statusCode).toBe(404);
    expect((await t.get('/api/v1/prevention/desk?division=5301', cookies.qj)).statusCode).toBe(404);
    expect((await desk(cookies.qj)).lines.map((l) => l.code)).not.toContain(A);
    expect((await desk(cookies.km, `?division=${B}`)).lines.map((l) => l.agencyId)).toEqual([ids.b1.id]);
    expect((await t.get('/api/v1/prevention/desk/export.xlsx?division=530126', cookies.countyA)).statusCode).toBe(404);
  });

  it('agencies and staff have no desk: 403', async () => {
    expect((await t.get('/api/v1/prevention/desk', cookies.agency)).statusCode).toBe(403);
    expect((await t.get('/api/v1/prevention/desk/export.xlsx', cookies.agency)).statusCode).toBe(403);
  });

  it('a day after today or not a date is refused naming the field, in the caller’s language', async () => {
    const later = await t.get('/api/v1/prevention/desk?day=2026-03-11', cookies.countyA);
    expect(later.statusCode).toBe(400);
    expect(later.json().error.details).toEqual([{ field: 'day', message: expect.stringContaining('今天以后') }]);
    const en = await t.get('/api/v1/prevention/desk?day=2026-02-30', cookies.countyA, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details[0].field).toBe('day');
    expect((await t.get('/api/v1/prevention/desk?division=5', cookies.prov)).statusCode).toBe(400);
  });
});

describe('officials never see daily values', () => {
  it('no temperature, symptom, staff name or check-in row in any desk or export', async () => {
    const bodies: string[] = [];
    for (const [cookie, q] of [[cookies.countyA, ''], [cookies.km, ''], [cookies.prov, ''], [cookies.prov, `?division=${A}`], [cookies.countyA, `?day=${YESTERDAY}`]] as const) {
      const res = await t.get(`/api/v1/prevention/desk${q}`, cookie);
      expect(res.statusCode).toBe(200);
      bodies.push(res.body);
    }
    for (const body of bodies) {
      for (const value of ['38.5', '36.5', '36.6', '36.4', 'cough', 'temperature', 'symptom', 'subject', ...ids.staffNames]) expect(body, value).not.toContain(value);
    }
    const xlsx = await t.get(`/api/v1/prevention/desk/export.xlsx?division=${A}`, cookies.prov);
    const text = await workbookText(xlsx.rawPayload);
    for (const value of ['38.5', '36.5', 'cough', ...ids.staffNames]) expect(text, value).not.toContain(value);
  });
});

async function workbookText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((r) => out.push((r.values as unknown[]).map((v) => String(v ?? '')).join('|'))));
  return out.join('\n');
}

describe('GET /api/v1/prevention/desk/export.xlsx', () => {
  it('the lines with a total, the incidents and the gaps, phones masked, audited', async () => {
    const res = await t.get('/api/v1/prevention/desk/export.xlsx', cookies.countyA);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`防控监管-宜良县-${TODAY}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([`概况 ${TODAY}`, '事件', '缺口']);
    const overview = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (overview.getRow(1).values as unknown[]).slice(1);
    const rowOf = (name: string) => {
      const r: Record<string, unknown> = {};
      overview.eachRow((row, n) => {
        const v = (row.values as unknown[]).slice(1);
        if (n > 1 && String(v[0]).startsWith(name)) {
          header.forEach((h, i) => {
            r[String(h)] = v[i];
          });
        }
      });
      return r;
    };
    const d = await desk(cookies.countyA);
    const a1 = d.lines.find((l) => l.agencyId === ids.a1.id) as Line;
    expect(rowOf(a1.name)).toMatchObject({ 应打卡人数: 3, 已打卡: 2, 未打卡: 1, 打卡完成率: '66.7%', 在办事件: 1, 其中报告: 1, 超时事件: 1, 消杀漏项: 2, 当前在场人数: 3, 责任人: '测试负责人', 监管部门: '宜良县人力资源和社会保障局' });
    expect(String(rowOf(a1.name).联系电话)).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(rowOf('合计')).toMatchObject({ 机构数: 2, 应打卡人数: 4, 已打卡: 3, 无防控方案机构: 1, 防护物资不足机构: 1 });
    const incidents = (wb.worksheets[1] as ExcelJS.Worksheet).getRow(2).values as unknown[];
    expect(incidents).toEqual(expect.arrayContaining([ids.incident, '宜良县', a1.name, '发热', '报告', '是']));
    const gaps = (wb.worksheets[2] as ExcelJS.Worksheet).getRow(2).values as unknown[];
    expect(gaps).toEqual(expect.arrayContaining([a1.name, '健康打卡未完成、事件处置超时、消杀漏项、防护物资不足、排查申报待更新', '宜良县人力资源和社会保障局', '王芳（办公室主任）', '医用外科口罩']));
    const audit = await t.deps.db.selectFrom('audit_entries').select(['action']).where('action', '=', 'oversight.desk.export').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
