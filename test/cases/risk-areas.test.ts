// Case 12 (../shared/cases/checkins-and-bookings/12-risk-area-dates-and-codes.json): stays in 大理市,
// 祥云县 and 楚雄市 matched against the risk areas in force on the stays' dates (one lifted since),
// areas imported with 532300-style codes, a name-only row refused naming its row and column.
// Rules chosen where the file leaves a boundary open (decision 0027): sheet rows are numbered as
// Excel shows them (the header is row 1, so the file's "row 3" is sheet row 4); a stay declared
// only at prefecture level is listed for follow-up, not refused; a declaration made on day D is
// current through D + 14.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSheet } from '../../src/server/platform/spreadsheet.ts';
import { screeningFigures } from '../../src/server/modules/screening/service.ts';
import { createAccount, createStaffRow } from '../helpers/factories.ts';
import { type CaseApp, caseApp, json, V1 } from './venues-helpers.ts';

let t: CaseApp;
let agency: { division_code: string; id: number };
const PASSWORD = 'Test-password-2020';
const users: Record<string, string> = {};

type Row = Record<'区划代码' | '名称' | '等级' | '起' | '止', string>;
const sheet = (rows: Row[]) =>
  writeSheet(
    '风险地区',
    (['区划代码', '名称', '等级', '起', '止'] as const).map((h) => ({ header: h, text: true, value: (r: Row) => r[h] })),
    rows,
  );
const ROWS: Row[] = [
  { 区划代码: '532901', 名称: '大理市', 等级: '高', 起: '2020-02-05', 止: '2020-02-12' },
  { 区划代码: '532300', 名称: '楚雄彝族自治州', 等级: '中', 起: '2020-02-10', 止: '' },
  { 区划代码: '', 名称: '大理', 等级: '高', 起: '2020-02-05', 止: '' },
];
// the demo seed's areas lie outside Yunnan (Hubei): the case counts and lists Yunnan's only
const areaCount = async () => (await sql<{ n: number }>`select count(*)::int as n from risk_areas where area_code like '53%'`.execute(t.deps.db)).rows[0]?.n;

/** A staff account on a roster row of the 五华 demo agency (by the row's name, or a new row). */
async function staffAccount(name: string | null, newName?: string): Promise<string> {
  let staffId: number;
  if (name) {
    const r = await sql<{ id: number }>`select id from agency_staff where division_code = ${agency.division_code} and agency_id = ${agency.id} and name = ${name}`.execute(t.deps.db);
    staffId = r.rows[0]?.id as number;
  } else {
    staffId = await createStaffRow(t.deps, agency);
    await sql`update agency_staff set name = ${newName as string} where division_code = ${agency.division_code} and id = ${staffId}`.execute(t.deps.db);
  }
  return createAccount(t.deps, { role: 'agency_staff', org_division: agency.division_code, agency_id: agency.id, staff_id: staffId });
}

const declare = async (username: string, stays: { division: string; from: string; to: string }[]) => {
  const cookie = username === 'staff-wh' ? await t.login('staff-wh') : await t.login(username, PASSWORD);
  const res = await t.send('POST', `${V1}/prevention/declarations`, { stays, closeContact: false, selfCase: 'none', relativeCase: 'none' }, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; findings: { id: number; kind: string; area: { divisionCode: string; level: string } | null; overlapFrom: string; overlapTo: string; incidentId: number | null }[] };
};

beforeAll(async () => {
  t = await caseApp('risk-areas', '2020-02-04T09:00:00+08:00');
  const a = await sql<{ division_code: string; id: number }>`select division_code, id from agencies where name = '昆明五华人力资源服务有限公司'`.execute(t.deps.db);
  agency = a.rows[0] as { division_code: string; id: number };
  users.wanglei = await staffAccount('王磊');
  users.zhaoli = await staffAccount('赵丽');
  users.yangfan = await staffAccount('杨帆');
  users.test5 = await staffAccount(null, '刘洋');
  users.test6 = await staffAccount(null, '陈静');
}, 120_000);
afterAll(() => t?.close());

describe('case 12: risk areas by date and division tree', () => {
  let areaIds: number[] = [];

  it('step 1: a file with a name-only row is refused whole, naming its row and column; nothing stored', async () => {
    const prov = await t.login('prov');
    const res = await t.send('POST', `${V1}/prevention/risk-areas/import`, await sheet(ROWS), prov);
    expect(res.statusCode, res.body).toBe(400);
    expect(json(res).error?.code).toBe('import_failed');
    const details = json(res).error?.details as { row?: number; column?: string; message: string }[];
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ row: 4, column: '区划代码' });
    expect(details[0]?.message).toContain('大理');
    expect(await areaCount()).toBe(0);
  });

  it('step 1: without row 3 both rows are stored, 532300 read as the prefecture 5323, each audited', async () => {
    const prov = await t.login('prov');
    const res = await t.send('POST', `${V1}/prevention/risk-areas/import`, await sheet(ROWS.slice(0, 2)), prov);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    const list = (await t.get(`${V1}/prevention/risk-areas?area=53`, prov)).json() as { items: { id: number; divisionCode: string; divisionName: string; divisionLevel: string; level: string; from: string; to: string | null }[] };
    const byCode = Object.fromEntries(list.items.map((i) => [i.divisionCode, i]));
    expect(byCode['532901']).toMatchObject({ divisionName: '大理市', divisionLevel: 'county', level: 'high', from: '2020-02-05', to: '2020-02-12' });
    expect(byCode['532300']).toMatchObject({ divisionName: '楚雄彝族自治州', divisionLevel: 'prefecture', level: 'medium', from: '2020-02-10', to: null });
    // '5323' names the same division: the filter by it finds the area
    const filtered = (await t.get(`${V1}/prevention/risk-areas?area=5323`, prov)).json() as { items: { divisionCode: string }[] };
    expect(filtered.items.map((i) => i.divisionCode)).toEqual(['532300']);
    areaIds = [byCode['532901']?.id as number, byCode['532300']?.id as number];
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_entries where action = 'screening.risk_area.create' and at > '2020-01-01' and at < '2020-12-31'`.execute(t.deps.db);
    expect(audited.rows[0]?.n).toBe(2);
  });

  it('a code typed as 5323 in the form is the same division as 532300', async () => {
    const prov = await t.login('prov');
    const res = await t.send('POST', `${V1}/prevention/risk-areas`, { code: '5323', level: 'low', from: '2020-01-01', to: '2020-01-02' }, prov);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ divisionCode: '532300', divisionLevel: 'prefecture' });
  });

  it('step 2: the 大理市 area is lifted, its end date kept, the edit audited, the row kept as history', async () => {
    t.clock.set('2020-02-13T09:00:00+08:00');
    const prov = await t.login('prov');
    const res = await t.send('PATCH', `${V1}/prevention/risk-areas/${areaIds[0]}`, { to: '2020-02-12', note: '已解除' }, prov);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ to: '2020-02-12', inForce: false });
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_entries where action = 'screening.risk_area.update' and target_id = ${String(areaIds[0])}`.execute(t.deps.db);
    expect(audited.rows[0]?.n).toBe(1);
    const inForceToday = (await t.get(`${V1}/prevention/risk-areas?on=2020-02-13&area=53`, prov)).json() as { items: { divisionCode: string }[] };
    expect(inForceToday.items.map((i) => i.divisionCode)).toEqual(['532300']);
  });

  it('陈静 declared on 2020-02-01 (before any area)', async () => {
    t.clock.set('2020-02-01T10:00:00+08:00');
    const d = await declare(users.test6 as string, []);
    expect(d.findings).toEqual([]);
  });

  it('step 3: stays are matched against the areas in force on their own dates, walking the tree', async () => {
    t.clock.set('2020-02-17T09:00:00+08:00');
    const zhang = await declare('staff-wh', [{ division: '532901', from: '2020-02-08', to: '2020-02-10' }]);
    expect(zhang.findings).toEqual([expect.objectContaining({ kind: 'risk_area', area: expect.objectContaining({ divisionCode: '532901', level: 'high' }), overlapFrom: '2020-02-08', overlapTo: '2020-02-10', incidentId: expect.any(Number) })]);

    const wang = await declare(users.wanglei as string, [{ division: '532923', from: '2020-02-08', to: '2020-02-10' }]);
    expect(wang.findings).toEqual([]);

    const zhao = await declare(users.zhaoli as string, [{ division: '532301', from: '2020-02-09', to: '2020-02-11' }]);
    expect(zhao.findings).toEqual([expect.objectContaining({ kind: 'risk_area', area: expect.objectContaining({ divisionCode: '532300', level: 'medium' }), overlapFrom: '2020-02-10', overlapTo: '2020-02-11' })]);

    const yang = await declare(users.yangfan as string, [{ division: '532901', from: '2020-02-12', to: '2020-02-14' }]);
    expect(yang.findings).toEqual([expect.objectContaining({ kind: 'risk_area', overlapFrom: '2020-02-12', overlapTo: '2020-02-12' })]);

    const liu = await declare(users.test5 as string, [
      { division: '532901', from: '2020-02-13', to: '2020-02-15' },
      { division: '5329', from: '2020-02-06', to: '2020-02-07' },
    ]);
    expect(liu.findings).toEqual([expect.objectContaining({ kind: 'follow_up', area: expect.objectContaining({ divisionCode: '532901' }), overlapFrom: '2020-02-06', overlapTo: '2020-02-07', incidentId: null })]);
  });

  it('declaring the same trip again opens no second incident, and the answer still names the match and the open follow-up', async () => {
    const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.deps.db)).rows[0]?.n;
    const before = { incidents: await count('prevention_incidents'), findings: await count('screening_findings') };
    const recorded = async (stay: string, from: string) =>
      (await sql<{ id: number; incident_id: number | null }>`select id, incident_id from screening_findings where stay_code = ${stay} and overlap_from = ${from}::date`.execute(t.deps.db)).rows;
    const again = await declare('staff-wh', [{ division: '532901', from: '2020-02-08', to: '2020-02-10' }]);
    const [match] = await recorded('532901', '2020-02-08');
    expect(match?.incident_id).toEqual(expect.any(Number));
    expect(again.findings).toEqual([expect.objectContaining({ id: match?.id, kind: 'risk_area', area: expect.objectContaining({ divisionCode: '532901', level: 'high' }), overlapFrom: '2020-02-08', overlapTo: '2020-02-10', incidentId: match?.incident_id })]);
    const liu = await declare(users.test5 as string, [{ division: '5329', from: '2020-02-06', to: '2020-02-07' }]);
    const [followUp] = await recorded('532900', '2020-02-06');
    expect(liu.findings).toEqual([expect.objectContaining({ id: followUp?.id, kind: 'follow_up', incidentId: null })]);
    expect({ incidents: await count('prevention_incidents'), findings: await count('screening_findings') }).toEqual(before);
  });

  it('step 4: the agency sees three matches (one incident each, naming area, level and dates), one follow-up, and 陈静 stale', async () => {
    t.clock.set('2020-02-17T09:30:00+08:00');
    const admin = await t.login('agency-wh');
    const matches = (await t.get(`${V1}/prevention/declarations/findings?kind=risk_area`, admin)).json() as { items: { staffName: string; area: { divisionName: string; level: string }; incidentId: number }[] };
    expect(matches.items.map((m) => [m.staffName, m.area.level, m.area.divisionName]).sort()).toEqual(
      [
        ['张晓燕', 'high', '大理市'],
        ['杨帆', 'high', '大理市'],
        ['赵丽', 'medium', '楚雄彝族自治州'],
      ].sort(),
    );
    // each match exactly: who, the area, its level, the shared days and its own incident
    type Found = { staffName: string; area: { divisionCode: string; divisionName: string; level: string }; stayDivision: string; overlapFrom: string; overlapTo: string; incidentId: number | null };
    const exact = (m: Found) => [m.staffName, m.stayDivision, m.area.divisionCode, m.area.divisionName, m.area.level, m.overlapFrom, m.overlapTo];
    expect((matches.items as unknown as Found[]).map(exact).sort()).toEqual([
      ['张晓燕', '532901', '532901', '大理市', 'high', '2020-02-08', '2020-02-10'],
      ['杨帆', '532901', '532901', '大理市', 'high', '2020-02-12', '2020-02-12'],
      ['赵丽', '532301', '532300', '楚雄彝族自治州', 'medium', '2020-02-10', '2020-02-11'],
    ].sort());
    const incidentIds = (matches.items as unknown as Found[]).map((m) => m.incidentId);
    expect(new Set(incidentIds).size).toBe(3);
    // the incidents, as the agency's incident list shows them: one per match, each naming the area, its level and the shared days
    const listed = (await t.get(`${V1}/prevention/incidents?trigger=risk_area&limit=50`, admin)).json() as { items: { id: number; stage: string; subject: { name: string }; detail: Record<string, string | number> }[] };
    expect(listed.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([...incidentIds].sort((a, b) => (a as number) - (b as number)));
    expect(listed.items.map((i) => [i.subject.name, i.stage, i.detail.areaCode, i.detail.areaName, i.detail.level, i.detail.overlapFrom, i.detail.overlapTo]).sort()).toEqual([
      ['张晓燕', 'detected', '532901', '大理市', 'high', '2020-02-08', '2020-02-10'],
      ['杨帆', 'detected', '532901', '大理市', 'high', '2020-02-12', '2020-02-12'],
      ['赵丽', 'detected', '532300', '楚雄彝族自治州', 'medium', '2020-02-10', '2020-02-11'],
    ].sort());
    const incidents = await sql<{ trigger: string; detail: { areaName: string; level: string; overlapFrom: string; overlapTo: string }; subject_name: string }>`
      select trigger, detail, subject_name from prevention_incidents where trigger = 'risk_area' order by id`.execute(t.deps.db);
    expect(incidents.rows).toHaveLength(3);
    for (const i of incidents.rows) expect(i.detail).toMatchObject({ areaName: expect.any(String), level: expect.stringMatching(/high|medium/), overlapFrom: expect.any(String), overlapTo: expect.any(String) });
    // each was notified: the agency's inbox holds one notice per incident
    const inbox = await sql<{ n: number }>`select count(*)::int as n from prevention_inbox i join prevention_incidents p on p.division_code = i.incident_division and p.id = i.incident_id
        where i.desk = 'agency' and i.kind = 'incident_opened' and p.trigger = 'risk_area'`.execute(t.deps.db);
    expect(inbox.rows[0]?.n).toBe(3);
    const notified = await sql<{ incident_id: number; desk: string }>`select incident_id, desk from prevention_inbox where kind = 'incident_opened' and incident_id = any(${incidentIds}::bigint[]) order by incident_id, desk`.execute(t.deps.db);
    expect(notified.rows).toEqual([...incidentIds].sort((a, b) => (a as number) - (b as number)).flatMap((id) => [{ incident_id: id, desk: 'agency' }, { incident_id: id, desk: 'bureau' }]));

    const followUps = (await t.get(`${V1}/prevention/declarations/findings`, admin)).json() as { items: { staffName: string; stayDivision: string }[] };
    expect(followUps.items.map((f) => [f.staffName, f.stayDivision])).toEqual([['刘洋', '532900']]);
    // the follow-up is 刘洋's prefecture-level stay of 02-06…02-07 (大理市 high then), with no incident; his later stay and 王磊's are clear
    expect((followUps.items as unknown as Found[]).map((f) => [f.overlapFrom, f.overlapTo, f.area.divisionCode, f.incidentId])).toEqual([['2020-02-06', '2020-02-07', '532901', null]]);
    expect(((await t.get(`${V1}/prevention/declarations/findings?kind=exposure`, admin)).json() as { items: unknown[] }).items).toEqual([]);

    const list = (await t.get(`${V1}/prevention/declarations`, admin)).json() as { staff: { name: string; status: string }[] };
    const status = Object.fromEntries(list.staff.map((s) => [s.name, s.status]));
    expect(status).toMatchObject({ 陈静: 'stale', 张晓燕: 'current', 王磊: 'current', 赵丽: 'current', 杨帆: 'current', 刘洋: 'current' });
    // 陈静 the only stale one; the five who declared today the only current ones
    const named = (st: string) => list.staff.filter((x) => x.status === st).map((x) => x.name).sort();
    expect(named('stale')).toEqual(['陈静']);
    expect(named('current')).toEqual(['刘洋', '张晓燕', '杨帆', '王磊', '赵丽'].sort());
  });

  it('step 5: the county desk counts 3 matches and 1 follow-up, no names or places', async () => {
    t.clock.set('2020-02-17T10:00:00+08:00');
    const figures = await screeningFigures(t.deps, { kind: 'official', prefixes: ['530102'], grants: [] });
    const mine = figures.find((f) => f.agencyId === agency.id);
    expect(mine).toMatchObject({ riskAreaMatches: 3, openFollowUps: 1, staleDeclarations: 1 });
    expect(Object.keys(mine as object).sort()).toEqual(['agencyId', 'agencyName', 'declaredCurrent', 'divisionCode', 'exposures', 'neverDeclared', 'openFollowUps', 'riskAreaMatches', 'staff', 'staleDeclarations']);
    // what the county official's desk answers (GET /prevention/desk): the agency's line and the county's total
    const res = await t.get(`${V1}/prevention/desk`, await t.login('wh'));
    expect(res.statusCode, res.body).toBe(200);
    const desk = res.json() as { total: Record<string, number>; lines: (Record<string, number> & { agencyId: number | null })[]; incidents: { trigger: string; agencyId: number }[] };
    const line = desk.lines.find((l) => l.agencyId === agency.id) as Record<string, number>;
    const screening = (f: Record<string, number>) => ({ riskAreaMatches: f.riskAreaMatches, openFollowUps: f.openFollowUps, exposures: f.exposures, staffDeclarationsDue: f.staffDeclarationsDue });
    expect(screening(line)).toEqual({ riskAreaMatches: 3, openFollowUps: 1, exposures: 0, staffDeclarationsDue: (mine?.staleDeclarations ?? 0) + (mine?.neverDeclared ?? 0) });
    // no other agency of 五华区 declared anything: the county's total is this agency's
    expect(screening(desk.total)).toEqual(screening(line));
    expect(desk.incidents.filter((i) => i.trigger === 'risk_area').map((i) => i.agencyId)).toEqual([agency.id, agency.id, agency.id]);
    // the same findings on every desk above (declarations due there count other agencies' staff too) and in the county's workbook
    const findings = ({ riskAreaMatches, openFollowUps, exposures }: Record<string, number>) => ({ riskAreaMatches, openFollowUps, exposures });
    for (const [who, code] of [['km', '530102'], ['prov', '530100']] as const) {
      const above = (await t.get(`${V1}/prevention/desk`, await t.login(who))).json() as { total: Record<string, number>; lines: (Record<string, number> & { code: string })[] };
      expect(findings(above.lines.find((l) => l.code === code) as Record<string, number>), who).toEqual({ riskAreaMatches: 3, openFollowUps: 1, exposures: 0 });
      expect(findings(above.total), who).toEqual({ riskAreaMatches: 3, openFollowUps: 1, exposures: 0 });
    }
    const xlsx = await t.get(`${V1}/prevention/desk/export.xlsx`, await t.login('wh'));
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const overview = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (overview.getRow(1).values as unknown[]).slice(1).map(String);
    const rows = (overview.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    const row = rows.find((r) => r[0] === '昆明五华人力资源服务有限公司') as unknown[];
    expect(['风险地区匹配', '接触史申报', '待核查行程'].map((h) => row[header.indexOf(h)])).toEqual([3, 0, 1]);
    // counts only: no staff member's name, no place of a stay and none of its dates
    for (const never of ['张晓燕', '赵丽', '杨帆', '刘洋', '王磊', '陈静', '大理', '楚雄', '祥云', '532901', '532300', '532301', '5329', '2020-02-08', '2020-02-10', '2020-02-12']) expect(res.body, never).not.toContain(never);
  });

  it('the follow-up is cleared with a note, once', async () => {
    const admin = await t.login('agency-wh');
    const [f] = ((await t.get(`${V1}/prevention/declarations/findings`, admin)).json() as { items: { id: number }[] }).items;
    const first = await t.send('POST', `${V1}/prevention/declarations/findings/${f?.id}/clear`, { note: '已电话核实：途经大理州高速，未停留大理市' }, admin);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ clearedAt: expect.any(String), note: '已电话核实：途经大理州高速，未停留大理市' });
    const second = await t.send('POST', `${V1}/prevention/declarations/findings/${f?.id}/clear`, { note: '再次' }, admin);
    expect(second.statusCode).toBe(409);
    expect(((await t.get(`${V1}/prevention/declarations/findings`, admin)).json() as { items: unknown[] }).items).toEqual([]);
    // 刘洋 declares the same trip once more: the cleared follow-up is not raised again
    const again = await declare(users.test5 as string, [{ division: '5329', from: '2020-02-06', to: '2020-02-07' }]);
    expect(again.findings).toEqual([]);
    expect(((await t.get(`${V1}/prevention/declarations/findings`, admin)).json() as { items: unknown[] }).items).toEqual([]);
    // the note is health data: stored encrypted, never in the audit trail
    const stored = await sql<{ note_enc: string }>`select note_enc from screening_findings where id = ${f?.id}`.execute(t.deps.db);
    expect(stored.rows[0]?.note_enc).not.toContain('大理');
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_personal where detail::text like '%大理州高速%'`.execute(t.deps.db);
    expect(audit.rows[0]?.n).toBe(0);
  });

  it('a declared close contact opens an exposure incident; the declaration is stored encrypted', async () => {
    const cookie = await t.login(users.wanglei as string, PASSWORD);
    const res = await t.send('POST', `${V1}/prevention/declarations`, { stays: [{ division: '532923', from: '2020-02-15', to: '2020-02-16' }], closeContact: true, selfCase: 'none', relativeCase: 'none' }, cookie);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().findings).toEqual([expect.objectContaining({ kind: 'exposure', incidentId: expect.any(Number) })]);
    const row = await sql<{ trigger: string }>`select trigger from prevention_incidents where id = ${res.json().findings[0].incidentId}`.execute(t.deps.db);
    expect(row.rows[0]?.trigger).toBe('exposure');
    const stored = await sql<{ content_enc: string }>`select content_enc from screening_declarations where id = ${res.json().id}`.execute(t.deps.db);
    expect(stored.rows[0]?.content_enc).not.toContain('532923');
  });

  it('a close contact declared again joins the open exposure incident; once it is ruled out, a new declaration opens another', async () => {
    const cookie = await t.login(users.wanglei as string, PASSWORD);
    const body = { stays: [], closeContact: true, selfCase: 'none', relativeCase: 'none' };
    const first = await t.send('POST', `${V1}/prevention/declarations`, body, cookie);
    expect(first.statusCode, first.body).toBe(201);
    const incidentId = first.json().findings[0].incidentId as number;
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from prevention_incidents where trigger = 'exposure' and staff_id = (select staff_id from prevention_incidents where id = ${incidentId})`.execute(t.deps.db)).rows[0]?.n;
    const before = await count();
    const again = await t.send('POST', `${V1}/prevention/declarations`, body, cookie);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().findings).toEqual([expect.objectContaining({ kind: 'exposure', incidentId })]);
    expect(await count()).toBe(before);
    await sql`update prevention_incidents set stage = 'ruled_out' where id = ${incidentId}`.execute(t.deps.db);
    const later = await t.send('POST', `${V1}/prevention/declarations`, body, cookie);
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json().findings[0].incidentId).not.toBe(incidentId);
    expect(await count()).toBe((before ?? 0) + 1);
  });

  it('a stay in the future or at an unknown division is refused naming the field', async () => {
    const cookie = await t.login(users.wanglei as string, PASSWORD);
    const future = await t.send('POST', `${V1}/prevention/declarations`, { stays: [{ division: '532923', from: '2020-02-17', to: '2020-02-18' }], closeContact: false, selfCase: 'none', relativeCase: 'none' }, cookie);
    expect(future.statusCode).toBe(400);
    expect(json(future).error?.details?.map((d) => d.field)).toEqual(['stays.0.to']);
    const unknown = await t.send('POST', `${V1}/prevention/declarations`, { stays: [{ division: '539999', from: '2020-02-10', to: '2020-02-11' }], closeContact: false, selfCase: 'none', relativeCase: 'none' }, cookie);
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown).error?.details?.map((d) => d.field)).toEqual(['stays.0.division']);
  });
});
