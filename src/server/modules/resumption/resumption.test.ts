// Resumption plans (issue 13 M2, decision 0050): an employer saves its plan and imports its returning
// employees (all-or-nothing: a bad file names rows and columns and changes nothing); its county
// bureau sees demand against supply (求人倍率) and the workers waiting for transport by origin and
// day (masked); a Yunnan origin county sees the workers waiting to leave it only through the
// destination's grant, and no more once it ends; an origin outside Yunnan cannot be granted, its
// list is exported; a demand line becomes a posting once; other counties 404; a returning employee's
// rows are in their personal-data copy and go with an erasure.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, createAccount, creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SYSTEM_CALLER } from '../../platform/command.ts';
import { erasePersonalData, exportPersonalData, findPersonalData } from '../index.ts';

const PASSWORD = 'Test-password-2020';
const DEST = '530128'; // 禄劝彝族苗族自治县: the destination, a county no other suite counts in
const ORIGIN = '532301'; // 楚雄市: a Yunnan origin
const OTHER = '530129'; // 寻甸: a Yunnan county never granted
const OUTSIDE = '511602'; // 四川省广安市广安区: an origin outside Yunnan
const OCC = '6-18-01';
const OCC2 = '6-18-02';
const HEADER = ['姓名', '身份证号', '手机号', '始发县代码', '出行日期', '需要点对点运输'];

let t: TestApp;
const clock = new ManualClock('2025-02-10T02:00:00Z');
let employer: string;
let employerId: number;
let destBureau: string;
let originBureau: string;
let otherBureau: string;
let planId: number;

async function xlsx(rows: (string | number)[][], header: string[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('返岗员工');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return out;
}

const returneeCount = async () =>
  Number((await t.deps.db.selectFrom('resumption_returnees').select((eb) => eb.fn.countAll<number>().as('n')).where('division_code', '=', DEST).where('plan_id', '=', planId).executeTakeFirstOrThrow()).n);

const official = async (division: string) => t.login(await createAccount(t.deps, { role: 'county', official_division: division, password: PASSWORD }), PASSWORD);

beforeAll(async () => {
  t = await createTestApp({ clock });
  await t.deps.db
    .insertInto('occupations')
    .values([
      { code: '6-18', name: '汽车制造人员', level: 2, parent_code: '6' },
      { code: OCC, name: '汽车零部件装配工', level: 3, parent_code: '6-18' },
      { code: OCC2, name: '汽车整车装调工', level: 3, parent_code: '6-18' },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const prov = await t.login('prov');
  const e = await t.send('POST', '/api/v1/employers', { creditCode: creditCode(DEST), name: `禄劝复工企业${unique()}`, industryCode: '2770', divisionCode: DEST, address: '禄劝县工业园 1 号', contactName: '王经理', contactPhone: mobile() }, prov);
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id;
  employer = await t.login(await createAccount(t.deps, { role: 'employer', org_division: DEST, employer_id: employerId, password: PASSWORD }), PASSWORD);
  [destBureau, originBureau, otherBureau] = await Promise.all([official(DEST), official(ORIGIN), official(OTHER)]);
});
afterAll(() => t.close());

const planBody = (demand: { occupationCode: string; headcount: number }[]) => ({
  resumeOn: '2025-02-20',
  staffOnPost: 40,
  staffAway: 25,
  staffIsolated: 3,
  contactName: '王经理',
  contactPhone: '139 1234 5678',
  demand,
});

describe('the employer\'s plan', () => {
  it('refuses an occupation twice or unknown, naming demand, and saves nothing', async () => {
    const twice = await t.send('PUT', '/api/v1/resumption/plan', planBody([{ occupationCode: OCC, headcount: 3 }, { occupationCode: OCC, headcount: 4 }]), employer);
    expect(twice.statusCode, twice.body).toBe(400);
    expect(twice.json().error.details.map((d: { field: string }) => d.field)).toEqual(['demand']);
    const unknown = await t.send('PUT', '/api/v1/resumption/plan', planBody([{ occupationCode: '6-98-98', headcount: 3 }]), employer);
    expect(unknown.statusCode, unknown.body).toBe(400);
    const bad = await t.send('PUT', '/api/v1/resumption/plan', { ...planBody([]), contactPhone: '12345', staffAway: -1 }, employer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['contactPhone', 'staffAway']);
    expect((await t.get('/api/v1/resumption/plan', employer)).statusCode).toBe(404);
  });

  it('saves the plan with its demand, once per employer, audited; saving again updates it', async () => {
    const first = await t.send('PUT', '/api/v1/resumption/plan', planBody([{ occupationCode: OCC, headcount: 30 }]), employer);
    expect(first.statusCode, first.body).toBe(200);
    planId = first.json().id;
    const again = await t.send('PUT', '/api/v1/resumption/plan', planBody([{ occupationCode: OCC, headcount: 12 }, { occupationCode: OCC2, headcount: 5 }]), employer);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: planId, divisionCode: DEST, employerId, resumeOn: '2025-02-20', staffAway: 25, contactPhone: '13912345678', demandTotal: 17 });
    expect(again.json().demand.map((l: { occupationCode: string; headcount: number }) => [l.occupationCode, l.headcount])).toEqual([[OCC, 12], [OCC2, 5]]);
    const actions = await t.deps.db.selectFrom('audit_log').select('action').where('division_code', '=', DEST).where('target_id', '=', String(planId)).where('action', 'like', 'resumption.plan.%').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['resumption.plan.create', 'resumption.plan.update']);
    // the bureau sees the plan with the contact phone masked
    const seen = await t.get(`/api/v1/resumption/plans/${planId}`, destBureau);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().contactPhone).toBe('139****5678');
  });
});

describe('returning employees', () => {
  it('the template has the columns the import reads', async () => {
    const res = await t.get('/api/v1/resumption/returnees/template.xlsx', employer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    expect((await readXlsx(res.rawPayload))[0]).toEqual(HEADER);
  });

  it('a file with bad rows is refused whole, naming each row and column, and changes nothing', async () => {
    const id = citizenId(ORIGIN);
    const file = await xlsx([
      ['张一', id, mobile(), ORIGIN, '2025-02-18', '是'],
      ['张二', '532301199001011234', mobile(), ORIGIN, '2025-02-18', '是'], // check digit wrong
      ['张三', citizenId(ORIGIN), '1381234', ORIGIN, '2025-02-18', '是'],
      ['张四', citizenId(ORIGIN), mobile(), '539999', '2025-02-31', '也许'],
      ['张五', id, mobile(), ORIGIN, '2025-02-18', '否'],
      ['张六', citizenId(ORIGIN), mobile(), '539999', '2025-02-18', '否'], // no such county
      ['张七', citizenId(ORIGIN), mobile(), '532300', '2025-02-18', '否'], // a prefecture
    ]);
    const res = await t.send('POST', `/api/v1/resumption/plans/${planId}/returnees/import`, file, employer);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('import_failed');
    const details = res.json().error.details.map((d: { row: number; column: string }) => `${d.row}:${d.column}`);
    expect(details).toEqual(expect.arrayContaining(['3:身份证号', '4:手机号', '5:出行日期', '5:需要点对点运输', '6:身份证号', '7:始发县代码', '8:始发县代码']));
    expect(details.some((d: string) => d.startsWith('2:'))).toBe(false);
    expect(await returneeCount()).toBe(0);
  });

  it('a good file replaces the list (ID numbers encrypted, shown masked), in or outside Yunnan', async () => {
    const rows = [
      ['李一', citizenId(ORIGIN), mobile(), ORIGIN, '2025-02-18', '是'],
      ['李二', citizenId(ORIGIN), Number(mobile()), Number(ORIGIN), '2025-02-18', '是'],
      ['李三', citizenId(ORIGIN), mobile(), ORIGIN, '2025-02-19', '是'],
      ['李四', citizenId(OUTSIDE), mobile(), OUTSIDE, '2025-02-18', '是'],
      ['李五', citizenId(OTHER), mobile(), OTHER, '2025-02-18', '否'],
    ];
    const first = await t.send('POST', `/api/v1/resumption/plans/${planId}/returnees/import`, await xlsx(rows.slice(0, 2)), employer);
    expect(first.statusCode, first.body).toBe(200);
    const res = await t.send('POST', `/api/v1/resumption/plans/${planId}/returnees/import`, await xlsx(rows), employer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 5, needingTransport: 4, replaced: 2 });
    expect(await returneeCount()).toBe(5);
    const stored = await t.deps.db.selectFrom('resumption_returnees').select(['id_number_enc', 'id_number_masked']).where('division_code', '=', DEST).where('name', '=', '李一').executeTakeFirstOrThrow();
    expect(t.deps.crypto.decrypt(stored.id_number_enc)).toBe(rows[0]?.[1]);
    const list = await t.get(`/api/v1/resumption/plans/${planId}/returnees`, destBureau);
    expect(list.statusCode).toBe(200);
    const li = list.json().items.find((r: { name: string }) => r.name === '李一');
    expect(li.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(li.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(list.json().items.find((r: { name: string }) => r.name === '李四')).toMatchObject({ originDivision: OUTSIDE, originInProvince: false });
    const exported = await t.get(`/api/v1/resumption/plans/${planId}/returnees/export.xlsx`, employer);
    expect(exported.statusCode).toBe(200);
    const sheet = await readXlsx(exported.rawPayload);
    expect(sheet).toHaveLength(6);
    expect(sheet.flat().join()).not.toContain(String(rows[0]?.[2]));
  });

  it('only the employer imports, and only into its own plan', async () => {
    const file = await xlsx([['王一', citizenId(ORIGIN), mobile(), ORIGIN, '2025-02-18', '是']]);
    expect((await t.send('POST', `/api/v1/resumption/plans/${planId}/returnees/import`, file, destBureau)).statusCode).toBe(403);
    const km = await t.login('employer-km');
    expect((await t.send('POST', `/api/v1/resumption/plans/${planId}/returnees/import`, file, km)).statusCode).toBe(404);
    expect((await t.get(`/api/v1/resumption/plans/${planId}`, km)).statusCode).toBe(404);
    expect((await t.get(`/api/v1/resumption/plans/${planId}/returnees`, otherBureau)).statusCode).toBe(404);
    expect(await returneeCount()).toBe(5);
  });
});

describe('bureaus', () => {
  it('demand against supply: the plans\' headcount, the job seekers wanting it, their ratio', async () => {
    for (let i = 0; i < 4; i++) {
      const username = await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD });
      const cookie = await t.login(username, PASSWORD);
      const res = await t.send('PUT', '/api/v1/seekers/me', { name: `求职者${unique()}`, residenceDivision: DEST, desiredOccupations: [OCC], educationCode: '20', visibility: 'agencies' }, cookie);
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await t.get(`/api/v1/resumption/demand?division=${DEST}`, destBureau);
    expect(res.statusCode, res.body).toBe(200);
    const byOcc = Object.fromEntries(res.json().items.map((r: { occupationCode: string }) => [r.occupationCode, r]));
    expect(byOcc[OCC]).toMatchObject({ divisionCode: DEST, demand: 12, plans: 1, seekers: 4, ratio: 3 });
    expect(byOcc[OCC2]).toMatchObject({ demand: 5, seekers: 0, ratio: null });
    expect((await t.get('/api/v1/resumption/demand', otherBureau)).json().items.filter((r: { divisionCode: string }) => r.divisionCode === DEST)).toEqual([]);
    const file = await t.get(`/api/v1/resumption/demand/export.xlsx?division=${DEST}`, destBureau);
    expect(file.statusCode).toBe(200);
    expect((await readXlsx(file.rawPayload)).find((r) => r[1] === OCC)).toEqual(expect.arrayContaining(['12', '4', '3']));
  });

  it('the destination sees the waiting workers by origin and day', async () => {
    const res = await t.get(`/api/v1/resumption/transport?division=${DEST}`, destBureau);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((g: { originDivision: string; travelOn: string; workers: number; shared: boolean }) => [g.originDivision, g.travelOn, g.workers, g.shared])).toEqual([
      [OUTSIDE, '2025-02-18', 1, false],
      [ORIGIN, '2025-02-18', 2, false],
      [ORIGIN, '2025-02-19', 1, false],
    ]);
    const workers = await t.get(`/api/v1/resumption/transport/workers?origin=${ORIGIN}&travelOn=2025-02-18`, destBureau);
    expect(workers.json().items.map((w: { name: string }) => w.name).sort()).toEqual(['李一', '李二']);
    expect((await t.get('/api/v1/resumption/transport', otherBureau)).json().items).toEqual([]);
  });

  it('an origin outside Yunnan is not granted: its list is exported', async () => {
    const refused = await t.send('POST', '/api/v1/resumption/transport/shares', { originDivision: OUTSIDE }, destBureau);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ field: 'originDivision' })]);
    const same = await t.send('POST', '/api/v1/resumption/transport/shares', { originDivision: DEST }, destBureau);
    expect(same.statusCode).toBe(400);
    const file = await t.get(`/api/v1/resumption/transport/export.xlsx?origin=${OUTSIDE}`, destBureau);
    expect(file.statusCode).toBe(200);
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain(OUTSIDE);
    const sheet = await readXlsx(file.rawPayload);
    expect(sheet).toHaveLength(2);
    expect(sheet[1]).toEqual(expect.arrayContaining(['李四', OUTSIDE, '2025-02-18']));
    expect(sheet[1]?.join()).toMatch(/\d{3}\*{4}\d{4}/);
    const audit = await t.deps.db.selectFrom('audit_log').select('detail').where('action', '=', 'resumption.export').where('division_code', '=', DEST).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ table: 'transport', rows: 1, origin: OUTSIDE });
  });

  it('a Yunnan origin sees the workers waiting to leave it only through the destination\'s grant', async () => {
    expect((await t.get('/api/v1/resumption/departures', originBureau)).json().items).toEqual([]);
    const granted = await t.send('POST', '/api/v1/resumption/transport/shares', { originDivision: ORIGIN }, destBureau);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ divisionCode: DEST, originDivision: ORIGIN });
    expect(granted.json().grantId).toBeGreaterThan(0);
    // a second grant while one is live adds none
    expect((await t.send('POST', '/api/v1/resumption/transport/shares', { originDivision: ORIGIN }, destBureau)).json().grantId).toBeNull();
    const seen = await t.get('/api/v1/resumption/departures', originBureau);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((w: { name: string; travelOn: string; divisionCode: string }) => [w.name, w.travelOn, w.divisionCode]).sort()).toEqual([
      ['李一', '2025-02-18', DEST],
      ['李三', '2025-02-19', DEST],
      ['李二', '2025-02-18', DEST],
    ].sort());
    expect(seen.json().items[0].phone).toMatch(/\*{4}/);
    const file = await t.get('/api/v1/resumption/departures/export.xlsx', originBureau);
    expect((await readXlsx(file.rawPayload))).toHaveLength(4);
    // the grant reaches the share only: not the plan, not another county's list
    expect((await t.get(`/api/v1/resumption/plans/${planId}`, originBureau)).statusCode).toBe(404);
    expect((await t.get('/api/v1/resumption/departures', otherBureau)).json().items).toEqual([]);
    expect((await t.get(`/api/v1/resumption/transport?division=${DEST}`, destBureau)).json().items.filter((g: { shared: boolean }) => g.shared).map((g: { originDivision: string }) => g.originDivision)).toEqual([ORIGIN, ORIGIN]);
    // the origin cannot end the destination's grant; the destination can
    const shareId = granted.json().shareId;
    expect((await t.send('POST', `/api/v1/resumption/transport/shares/${shareId}/end`, undefined, originBureau)).statusCode).toBe(404);
    const ended = await t.send('POST', `/api/v1/resumption/transport/shares/${shareId}/end`, undefined, destBureau);
    expect(ended.json()).toEqual({ ended: true });
    expect((await t.get('/api/v1/resumption/departures', originBureau)).json().items).toEqual([]);
    const actions = await t.deps.db.selectFrom('audit_log').select('action').where('division_code', '=', DEST).where('target_id', '=', String(shareId)).where('target_type', '=', 'resumption_transport_share').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['resumption.transport.share', 'resumption.transport.unshare']);
  });
});

describe('demand to postings', () => {
  it('one action makes a posting from a line, once; the line records it', async () => {
    const plan = (await t.get('/api/v1/resumption/plan', employer)).json();
    const line = plan.demand.find((l: { occupationCode: string }) => l.occupationCode === OCC);
    const [a, b] = await Promise.all([
      t.send('POST', `/api/v1/resumption/plans/${planId}/demand/${line.id}/posting`, { publish: true }, employer),
      t.send('POST', `/api/v1/resumption/plans/${planId}/demand/${line.id}/posting`, { publish: true }, employer),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses, `${a.body} ${b.body}`).toEqual([201, 409]);
    const made = (a.statusCode === 201 ? a : b).json();
    expect(made.status).toBe('published');
    const posting = (await t.get(`/api/v1/postings/${made.postingId}`, employer)).json();
    expect(posting).toMatchObject({ title: '汽车零部件装配工', occupationCode: OCC, headcount: 12, divisionCode: DEST });
    expect((await t.get('/api/v1/resumption/plan', employer)).json().demand.find((l: { id: number }) => l.id === line.id).postingId).toBe(made.postingId);
    // the county bureau may make the other line's posting (a draft), another county may not see the plan
    const other = plan.demand.find((l: { occupationCode: string }) => l.occupationCode === OCC2);
    expect((await t.send('POST', `/api/v1/resumption/plans/${planId}/demand/${other.id}/posting`, {}, otherBureau)).statusCode).toBe(404);
    const draft = await t.send('POST', `/api/v1/resumption/plans/${planId}/demand/${other.id}/posting`, {}, destBureau);
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().status).toBe('draft');
  });
});

describe('personal data', () => {
  it('a returning employee\'s rows are in their copy (whole) and their findings (masked), and go with an erasure', async () => {
    const row = await t.deps.db.selectFrom('resumption_returnees').select(['phone', 'id_number_enc']).where('division_code', '=', DEST).where('name', '=', '李三').executeTakeFirstOrThrow();
    const idNumber = t.deps.crypto.decrypt(row.id_number_enc);
    const copy = (await exportPersonalData(t.deps, { phone: row.phone })).filter((r) => r.module === 'resumption');
    expect(copy).toEqual([expect.objectContaining({ kind: 'returning_employee', divisionCode: DEST, data: expect.objectContaining({ name: '李三', idNumber, phone: row.phone, originDivision: ORIGIN }) })]);
    const found = (await findPersonalData(t.deps, { idNumberHash: t.deps.crypto.keyedHash(idNumber) })).filter((r) => r.module === 'resumption');
    expect(found[0]?.data).toMatchObject({ phone: expect.stringMatching(/\*{4}/), idNumber: expect.stringMatching(/\*{8}/) });
    const erased = await erasePersonalData(t.deps, { phone: row.phone }, SYSTEM_CALLER);
    expect(erased.resumption).toBe(1);
    expect(await returneeCount()).toBe(4);
  });
});
