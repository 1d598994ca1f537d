// Verified placements (issue 13 M6, decision 0051) through the HTTP API on a real database: the
// agency records a placement for a referral the employer hired (not before, not twice), the
// employer confirms it (a dispatch refused naming contractType, a bad ID number naming idNumber),
// the county bureau's insurance import (bad rows refuse the whole file naming rows and columns;
// unmatched rows reported; idempotent re-import) verifies it; another county's bureau matches
// nothing and sees nothing; counts per agency; the named rules on the detail; personal data.
// Counties of its own (官渡区 530111 for the employer, 呈贡区 530114 for the agency), not the demo one.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { agencyInput, citizenId, createAccount, creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { citizenIdCheckChar } from '../../../shared/checksums.ts';
import { SYSTEM_CALLER } from '../../platform/command.ts';
import { erasePersonalData, exportPersonalData } from '../index.ts';
import { insuranceSheet } from './insurance-sheet.ts';
import { simulateInsurance } from './simulate.ts';

const PASSWORD = 'Test-password-2020';
const clock = new ManualClock('2025-05-10T02:00:00Z');
let t: TestApp;
let employer: string;
let employerId: number;
let employerCode: string;
let otherEmployer: string;
let agency: string;
let agencyId: number;
let bureau: string; // 530111's county bureau
let farBureau: string; // 530114's: the agency's county, not the placement's

beforeAll(async () => {
  t = await createTestApp({ clock });
  const prov = await t.login('prov');
  employerCode = creditCode('530111');
  const e = await t.send('POST', '/api/v1/employers', { name: `官渡用人单位${unique()}`, creditCode: employerCode, divisionCode: '530111', industryCode: '2770', address: '官渡区 1 号', contactName: '张', contactPhone: mobile() }, prov);
  expect(e.statusCode, e.body).toBe(201);
  employerId = e.json().id;
  employer = await t.login(await createAccount(t.deps, { role: 'employer', org_division: '530111', employer_id: employerId, password: PASSWORD }), PASSWORD);
  const e2 = await t.send('POST', '/api/v1/employers', { name: `官渡另一单位${unique()}`, creditCode: creditCode('530111'), divisionCode: '530111', industryCode: '2770', address: '官渡区 2 号', contactName: '李', contactPhone: mobile() }, prov);
  otherEmployer = await t.login(await createAccount(t.deps, { role: 'employer', org_division: '530111', employer_id: e2.json().id, password: PASSWORD }), PASSWORD);
  const a = await t.send('POST', '/api/v1/agencies', agencyInput('530114'), prov);
  expect(a.statusCode, a.body).toBe(201);
  agencyId = a.json().id;
  agency = await t.login(await createAccount(t.deps, { role: 'agency_admin', org_division: '530114', agency_id: agencyId, password: PASSWORD }), PASSWORD);
  bureau = await t.login(await createAccount(t.deps, { role: 'county', official_division: '530111', password: PASSWORD }), PASSWORD);
  farBureau = await t.login(await createAccount(t.deps, { role: 'county', official_division: '530114', password: PASSWORD }), PASSWORD);
});
afterAll(() => t.close());

/** A seeker who authorised the agency, referred by it to a fresh posting of the employer, moved to `stage`; returns the application id and the seeker. */
async function referral(stage: 'applied' | 'hired' = 'hired') {
  const username = await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD });
  const cookie = await t.login(username, PASSWORD);
  const profile = await t.send('PUT', '/api/v1/seekers/me', { name: `求职者${unique()}`, residenceDivision: '530114', visibility: 'applied' }, cookie);
  expect([200, 201], profile.body).toContain(profile.statusCode);
  expect((await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId }, cookie)).statusCode).toBe(201);
  const posting = await t.send('POST', '/api/v1/postings', { title: `装配工${unique()}`, validUntil: '2025-06-30' }, employer);
  expect((await t.send('POST', `/api/v1/postings/${posting.json().id}/publish`, undefined, employer)).statusCode).toBe(200);
  const referred = await t.send('POST', '/api/v1/applications/referrals', { postingId: posting.json().id, seekerId: profile.json().id }, agency);
  expect(referred.statusCode, referred.body).toBe(201);
  const id = referred.json().id as number;
  if (stage === 'hired') for (const s of ['shortlisted', 'interview', 'offer', 'hired']) expect((await t.send('POST', `/api/v1/applications/${id}/stage`, { stage: s }, employer)).statusCode).toBe(200);
  const accountId = (await t.deps.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  return { applicationId: id, accountId, name: profile.json().name as string };
}

/** A confirmed placement: recorded and confirmed with a fresh ID number and contract start. */
async function confirmed(contractStart = '2025-03-15') {
  const r = await referral();
  const p = await t.send('POST', '/api/v1/placements', { applicationId: r.applicationId }, agency);
  expect(p.statusCode, p.body).toBe(201);
  const idNumber = citizenId('530114');
  const c = await t.send('POST', `/api/v1/placements/${p.json().id}/confirm`, { contractStart, contractType: 'labour_contract', idNumber }, employer);
  expect(c.statusCode, c.body).toBe(200);
  return { ...r, id: p.json().id as number, idNumber };
}

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参保明细');
  ws.addRow(['身份证号', '单位统一社会信用代码', '参保年月', '险种']);
  for (const r of rows) ws.addRow(r);
  for (const col of [1, 2, 3]) ws.getColumn(col).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importFile = (file: Buffer, cookie = bureau, headers: Record<string, string> = {}) => t.send('POST', '/api/v1/placements/insurance/import', file, cookie, headers);
const insuranceRows = (id: number) => t.deps.db.selectFrom('placement_insurance').select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'insurance_type']).where('placement_id', '=', id).orderBy('month').orderBy('insurance_type').execute();
const statusOf = async (id: number) => (await t.deps.db.selectFrom('placements').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('recording and confirming', () => {
  it('the agency records a placement only for a referral the employer hired, once; the employer is told; audited', async () => {
    const early = await referral('applied');
    const notHired = await t.send('POST', '/api/v1/placements', { applicationId: early.applicationId }, agency);
    expect(notHired.statusCode).toBe(400);
    expect(notHired.json().error.details).toEqual([expect.objectContaining({ field: 'applicationId' })]);

    const r = await referral();
    // another agency (the demo one) referred no such application
    const stranger = await t.send('POST', '/api/v1/placements', { applicationId: r.applicationId }, await t.login('agency-wh'));
    expect(stranger.statusCode).toBe(400);
    const res = await t.send('POST', '/api/v1/placements', { applicationId: r.applicationId }, agency);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending_employer', divisionCode: '530111', agencyId, agencyDivision: '530114', employerId, worker: { name: r.name, idNumberMasked: null }, contractStart: null, rules: [] });
    const again = await t.send('POST', '/api/v1/placements', { applicationId: r.applicationId }, agency);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('placement_exists');
    expect(await t.deps.db.selectFrom('placements').select('id').where('application_id', '=', r.applicationId).execute()).toHaveLength(1);
    const told = await t.deps.db.selectFrom('outbox').select(['recipient', 'division_code']).where('template', '=', 'placements_confirm_requested').where(sql`(payload->>'placementId')::bigint`, '=', res.json().id).execute();
    expect(told).toEqual([{ recipient: `employer:530111:${employerId}`, division_code: '530111' }]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'division_code']).where('target_type', '=', 'placement').where('target_id', '=', String(res.json().id)).execute();
    expect(audit).toEqual([{ action: 'placements.placement.record', division_code: '530111' }]);
    // the agency's referral list shows the hired application
    const referred = (await t.get('/api/v1/applications/referred?stage=hired&limit=200', agency)).json().items.map((x: { id: number }) => x.id);
    expect(referred).toContain(r.applicationId);
    expect(referred).not.toContain(early.applicationId);
  });

  it('the employer confirms with a labour contract; a dispatch is refused naming contractType, a bad ID naming idNumber; nothing changes until then; a second confirmation is 409', async () => {
    const r = await referral();
    const id = (await t.send('POST', '/api/v1/placements', { applicationId: r.applicationId }, agency)).json().id as number;
    const idNumber = citizenId('530114');
    const url = `/api/v1/placements/${id}/confirm`;
    const dispatch = await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'dispatch', idNumber }, employer);
    expect(dispatch.statusCode).toBe(400);
    expect(dispatch.json().error.details.map((d: { field: string }) => d.field)).toEqual(['contractType']);
    expect(dispatch.json().error.details[0].message).toContain('劳务派遣');
    const badId = await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}` }, employer);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details.map((d: { field: string }) => d.field)).toEqual(['idNumber']);
    // a child's ID number (born 2014, eleven on the clock's day): refused, as rosters and returnee lists refuse it
    const child17 = '53011420140808123';
    const child = await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber: child17 + citizenIdCheckChar(child17) }, employer);
    expect(child.statusCode, child.body).toBe(400);
    expect(child.json().error.details).toEqual([expect.objectContaining({ field: 'idNumber', message: expect.stringContaining('劳动法第十五条') })]);
    const future = await t.send('POST', url, { contractStart: '2025-06-01', contractType: 'labour_contract', idNumber }, employer, { 'accept-language': 'en' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([expect.objectContaining({ field: 'contractStart', message: expect.stringContaining('after today') })]);
    expect(await statusOf(id)).toBe('pending_employer');
    // another employer (same county) and the agency cannot confirm
    expect((await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber }, otherEmployer)).statusCode).toBe(404);
    expect((await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber }, agency)).statusCode).toBe(403);
    const ok = await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber }, employer);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', contractType: 'labour_contract', contractStart: '2025-04-01', worker: { idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` } });
    const row = await t.deps.db.selectFrom('placements').select(['id_number_enc', 'id_number_hash']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(idNumber);
    expect(t.deps.crypto.decrypt(row.id_number_enc as string)).toBe(idNumber);
    expect(row.id_number_hash).toBe(t.deps.crypto.keyedHash(idNumber));
    const twice = await t.send('POST', url, { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber }, employer);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('placement_not_pending');
    expect(await t.deps.db.selectFrom('outbox').select('recipient').where('template', '=', 'placements_confirmed').where(sql`(payload->>'placementId')::bigint`, '=', id).execute()).toEqual([{ recipient: `agency:530114:${agencyId}` }]);
  });
});

describe('races', () => {
  it('parallel recordings of one application make one placement; parallel confirmations confirm it once', async () => {
    const r = await referral();
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.send('POST', '/api/v1/placements', { applicationId: r.applicationId }, agency)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const created = answers.find((a) => a.statusCode === 201);
    if (!created) throw new Error('no recording answered 201');
    const id = (created.json() as { id: number }).id;
    const body = { contractStart: '2025-04-01', contractType: 'labour_contract', idNumber: citizenId('530114') };
    const confirms = await Promise.all(Array.from({ length: 4 }, () => t.send('POST', `/api/v1/placements/${id}/confirm`, body, employer)));
    expect(confirms.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'placement').where('target_id', '=', String(id)).orderBy('id').execute()).toEqual([{ action: 'placements.placement.record' }, { action: 'placements.placement.confirm' }]);
  });
});

describe('scope', () => {
  it('the placement\'s county bureau, the employer and the agency read it; the agency\'s county bureau and another employer get 404; lists hold only what each reaches', async () => {
    const p = await confirmed();
    for (const cookie of [bureau, employer, agency, await t.login('prov')]) expect((await t.get(`/api/v1/placements/${p.id}`, cookie)).statusCode).toBe(200);
    for (const cookie of [farBureau, otherEmployer, await t.login('agency-wh'), await t.login('wh')]) expect((await t.get(`/api/v1/placements/${p.id}`, cookie)).statusCode).toBe(404);
    const ids = async (cookie: string) => (await t.get('/api/v1/placements?limit=200', cookie)).json().items.map((x: { id: number }) => x.id);
    expect(await ids(bureau)).toContain(p.id);
    expect(await ids(agency)).toContain(p.id);
    expect(await ids(farBureau)).not.toContain(p.id);
    expect(await ids(otherEmployer)).not.toContain(p.id);
    // the bureau's worklist: confirmed, awaiting verification
    const awaiting = (await t.get('/api/v1/placements?status=confirmed&limit=200', bureau)).json().items;
    expect(awaiting.map((x: { id: number }) => x.id)).toContain(p.id);
    for (const x of awaiting) expect(x.status).toBe('confirmed');
    const seeker = await t.login(await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD }), PASSWORD);
    expect((await t.get('/api/v1/placements', seeker)).statusCode).toBe(403);
    expect((await t.get(`/api/v1/placements/${p.id}`)).statusCode).toBe(401);
  });
});

describe('the insurance import', () => {
  it('a file with bad rows is refused whole, each problem named by row and column; nothing stored', async () => {
    const p = await confirmed();
    const wrongCheck = `${p.idNumber.slice(0, 17)}${p.idNumber[17] === '0' ? '1' : '0'}`;
    const file = await sheet([
      [p.idNumber, employerCode, '202504', '养老'], // row 2: fine
      [wrongCheck, employerCode, '202504', '养老'], // row 3: check digit
      [p.idNumber, '91530111MA0000000X', '2025-04', '医疗'], // row 4: credit code check
      [p.idNumber, employerCode, '202513', '医疗'], // row 5: no such month
      [p.idNumber, employerCode, '202506', '医疗'], // row 6: after this month
      [p.idNumber, employerCode, '202504', '住房公积金'], // row 7: not an insurance type
    ]);
    const res = await importFile(file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('import_failed');
    expect(res.json().error.details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual([[3, '身份证号'], [4, '单位统一社会信用代码'], [5, '参保年月'], [6, '参保年月'], [7, '险种']]);
    expect(res.json().error.details[4].message).toBe('第 7 行，险种：险种应为 养老、医疗、失业、工伤、生育 之一（或代码 110、310、210、410、510）');
    expect(await insuranceRows(p.id)).toEqual([]);
    expect(await statusOf(p.id)).toBe('confirmed');
  });

  it('matches rows by ID number and credit code, stores them per placement, reports the unmatched, verifies; a re-import changes nothing; another county\'s bureau matches nothing', async () => {
    const p = await confirmed('2025-03-15');
    const early = await confirmed('2025-05-01'); // insured only before its contract: stays confirmed
    const stranger = citizenId('530111');
    const file = await insuranceSheet([
      { idNumber: p.idNumber, creditCode: employerCode, month: '2025-03', insuranceType: '110' },
      { idNumber: p.idNumber, creditCode: employerCode, month: '2025-03', insuranceType: '310' },
      { idNumber: p.idNumber, creditCode: employerCode, month: '2025-04', insuranceType: '110' },
      { idNumber: early.idNumber, creditCode: employerCode, month: '2025-04', insuranceType: '110' },
      { idNumber: stranger, creditCode: employerCode, month: '2025-04', insuranceType: '110' }, // row 6: nobody placed
      { idNumber: p.idNumber, creditCode: creditCode('530111'), month: '2025-04', insuranceType: '110' }, // row 7: at another employer
    ]);
    // the agency's county bureau: the placement is not in its divisions
    const far = await importFile(file, farBureau);
    expect(far.statusCode, far.body).toBe(200);
    expect(far.json()).toMatchObject({ imported: 0, matched: 0, verified: 0 });
    expect(far.json().unmatched).toHaveLength(6);
    expect(await insuranceRows(p.id)).toEqual([]);

    const res = await importFile(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 4, matched: 4, verified: 1 });
    expect(res.json().unmatched.map((u: { row: number }) => u.row)).toEqual([6, 7]);
    expect(res.json().unmatched[0].idNumberMasked).toContain('********');
    expect(await insuranceRows(p.id)).toEqual([{ month: '2025-03', insurance_type: '110' }, { month: '2025-03', insurance_type: '310' }, { month: '2025-04', insurance_type: '110' }]);
    expect(await statusOf(p.id)).toBe('verified');
    expect(await statusOf(early.id)).toBe('confirmed');
    expect(await t.deps.db.selectFrom('outbox').select('recipient').where('template', '=', 'placements_verified').where(sql`(payload->>'placementId')::bigint`, '=', p.id).execute()).toEqual([{ recipient: `agency:530114:${agencyId}` }]);

    const again = await importFile(file);
    expect(again.json()).toMatchObject({ imported: 0, matched: 4, verified: 0 });
    expect(await insuranceRows(p.id)).toHaveLength(3);

    // the detail evaluates the named rules on the kept rows: the latest imported month of the county decides "still employed"
    const detail = (await t.get(`/api/v1/placements/${p.id}`, agency)).json();
    expect(detail).toMatchObject({ status: 'verified', insuredMonths: ['2025-03', '2025-04'], latestImportedMonth: '2025-04' });
    expect(detail.rules.map((r: { rule: string; met: boolean }) => [r.rule, r.met])).toEqual([['verified', true], ['longhua-2020', true], ['half-1-6', false]]);
    expect(detail.rules[2].tranches.map((x: { met: boolean }) => x.met)).toEqual([true, false]);
  });

  it('the employer and the agency cannot import', async () => {
    const file = await insuranceSheet([{ idNumber: citizenId(), creditCode: employerCode, month: '2025-04', insuranceType: '110' }]);
    expect((await importFile(file, employer)).statusCode).toBe(403);
    expect((await importFile(file, agency)).statusCode).toBe(403);
  });
});

describe('counts', () => {
  it('verified placements count for the agency, in its own view and the bureau\'s; another county\'s bureau does not see them', async () => {
    const before = (await t.get('/api/v1/placements/counts', agency)).json().items[0] ?? { verified: 0, confirmed: 0 };
    const p = await confirmed('2025-04-02');
    const mid = (await t.get('/api/v1/placements/counts', agency)).json().items[0];
    expect(mid.confirmed).toBe(before.confirmed + 1);
    expect((await importFile(await insuranceSheet([{ idNumber: p.idNumber, creditCode: employerCode, month: '2025-04', insuranceType: '410' }]))).json().verified).toBe(1);
    const own = (await t.get('/api/v1/placements/counts', agency)).json().items;
    expect(own).toEqual([expect.objectContaining({ agencyId, agencyDivision: '530114', verified: before.verified + 1, confirmed: before.confirmed })]);
    const ofBureau = (await t.get('/api/v1/placements/counts', bureau)).json().items.find((x: { agencyId: number }) => x.agencyId === agencyId);
    expect(ofBureau).toMatchObject({ verified: own[0].verified, confirmed: own[0].confirmed, pendingEmployer: own[0].pendingEmployer });
    expect((await t.get('/api/v1/placements/counts', farBureau)).json().items.find((x: { agencyId: number }) => x.agencyId === agencyId)).toBeUndefined();
  });
});

describe('the dev simulation', () => {
  it('writes the file a bureau would import for the confirmed placements under a division: a 养老 and a 医疗 row per month from the contract start', async () => {
    const p = await confirmed('2025-04-20');
    const sim = await simulateInsurance(t.deps, '530111', { throughMonth: '2025-05' });
    expect(sim.rows).toBeGreaterThanOrEqual(4);
    const res = await importFile(sim.file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unmatched).toEqual([]);
    expect(await insuranceRows(p.id)).toEqual([
      { month: '2025-04', insurance_type: '110' },
      { month: '2025-04', insurance_type: '310' },
      { month: '2025-05', insurance_type: '110' },
      { month: '2025-05', insurance_type: '310' },
    ]);
    expect(await statusOf(p.id)).toBe('verified');
  });
});

describe('personal data', () => {
  it('the worker\'s placements are found by account and ID number, exported whole with the insurance months, erased with them', async () => {
    const p = await confirmed('2025-04-03');
    await importFile(await insuranceSheet([{ idNumber: p.idNumber, creditCode: employerCode, month: '2025-05', insuranceType: '110' }]));
    const exported = (await exportPersonalData(t.deps, { idNumberHash: t.deps.crypto.keyedHash(p.idNumber) })).filter((r) => r.module === 'placements');
    expect(exported).toEqual([expect.objectContaining({ kind: 'placement', id: p.id, divisionCode: '530111', data: expect.objectContaining({ idNumber: p.idNumber, status: 'verified', insurance: [{ month: '2025-05', insuranceType: '110' }] }) })]);
    const counts = await erasePersonalData(t.deps, { accountId: p.accountId }, SYSTEM_CALLER);
    expect(counts.placements).toBe(1);
    expect(await t.deps.db.selectFrom('placements').select('id').where('id', '=', p.id).execute()).toEqual([]);
    expect(await insuranceRows(p.id)).toEqual([]);
  });
});
