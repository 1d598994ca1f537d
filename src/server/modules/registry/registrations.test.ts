// Employers who register themselves (issue 9; decision 0035) and the attachments they upload: the
// type judged from the bytes, limits, scope, audited reads; no credit-code claim until the county
// approves; every registration of the same code visible to the reviewing county; the applicant
// told through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { creditCode } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { purgeExpiredAttachments } from '../attachments/service.ts';
import { erasePersonalData, exportPersonalData } from '../index.ts';
import { resolveSession } from '../identity/service.ts';
import { findEmployer } from './repository/employers.ts';
import { isApprovedEmployer } from './service.ts';

let t: TestApp;
let clock: ManualClock;
let seeker: string;
let graduate: string;
beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
  t = await createTestApp({ clock });
  [seeker, graduate] = await Promise.all([t.login('seeker'), t.login('graduate')]);
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function upload(cookie: string, body: Buffer, division = '530102', contentType = 'application/pdf') {
  return t.app.inject({ method: 'POST', url: `/api/v1/attachments?kind=business_licence&divisionCode=${division}`, payload: body, headers: { cookie, 'content-type': contentType, 'x-requested-with': 'fetch' } });
}

const body = (over: Record<string, unknown>) => ({
  name: '昆明自主登记餐饮有限公司',
  industryCode: '2770',
  ownershipType: 'private',
  divisionCode: '530102',
  address: '五华区测试路 8 号',
  contactName: '赵六',
  contactPhone: '13900000077',
  ...over,
});

const claims = (code: string) => t.deps.db.selectFrom('credit_code_claims').select('kind').where('credit_code', '=', code).execute();

describe('attachments', () => {
  it('keeps a PDF, judges the type by the bytes, refuses others, and audits every read', async () => {
    const ok = await upload(seeker, PDF, '530102', 'application/octet-stream');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'business_licence', mediaType: 'application/pdf', sizeBytes: PDF.length, divisionCode: '530102', retainUntil: '2029-11-30' }); // 1096 days: 3 years with 29 Feb 2028
    // a text file sent as image/png is refused: 415
    const fake = await upload(seeker, Buffer.from('just text, not a picture'), '530102', 'image/png');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('attachment_type_refused');
    // a content type the route does not take: 415 naming the types it does (not the spreadsheet routes' .xlsx)
    const html = await upload(seeker, PDF, '530102', 'text/html');
    expect(html.statusCode).toBe(415);
    expect(html.json().error.message).toBe('不支持的文件类型，请上传 PDF/JPEG/PNG 文件');
    // too large: 413
    expect((await upload(seeker, Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]))).statusCode).toBe(413);
    // the uploader and the county read it; another seeker and another county do not (404)
    const id = ok.json().id;
    const content = await t.get(`/api/v1/attachments/${id}/content`, seeker);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.rawPayload.equals(PDF)).toBe(true);
    expect((await t.get(`/api/v1/attachments/${id}/content`, await t.login('wh'))).statusCode).toBe(200);
    expect((await t.get(`/api/v1/attachments/${id}/content`, graduate)).statusCode).toBe(404);
    expect((await t.get(`/api/v1/attachments/${id}`, await t.login('pl'))).statusCode).toBe(404);
    const reads = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'attachment').where('target_id', '=', String(id)).where('action', '=', 'attachments.read').execute();
    expect(reads).toHaveLength(2);
  });

  it('each role uploads only its own kinds, to a county of the province (an authorisation or paper consent to its own); 400 naming the field, nothing kept', async () => {
    const count = () => t.deps.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const before = await count();
    const send = (cookie: string, query: string) => t.app.inject({ method: 'POST', url: `/api/v1/attachments?${query}`, payload: PDF, headers: { cookie, 'content-type': 'application/pdf', 'x-requested-with': 'fetch' } });
    const employer = await t.login('employer-km'); // 康泰 in 530102
    const agency = await t.login('agency-qlz'); // in 530302
    const refusals: Array<[string, string, string]> = [
      [seeker, 'kind=paper_consent&divisionCode=530103', 'kind'],
      [seeker, 'kind=employer_authorisation&divisionCode=530102', 'kind'],
      [agency, 'kind=employer_authorisation&divisionCode=530302', 'kind'],
      [agency, 'kind=business_licence&divisionCode=530302', 'kind'],
      [seeker, 'kind=business_licence&divisionCode=650102', 'divisionCode'], // a county of Xinjiang: no bureau of this province approves there
      [employer, 'kind=business_licence&divisionCode=650102', 'divisionCode'],
      [employer, 'kind=employer_authorisation&divisionCode=530303', 'divisionCode'],
      [agency, 'kind=paper_consent&divisionCode=530102', 'divisionCode'],
    ];
    for (const [cookie, query, field] of refusals) {
      const res = await send(cookie, query);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field), query).toEqual([field]);
    }
    expect(await count()).toEqual(before);
    // what each may do
    expect((await send(seeker, 'kind=business_licence&divisionCode=530303')).statusCode).toBe(201); // registering anywhere in the province
    expect((await send(employer, 'kind=employer_authorisation&divisionCode=530102')).statusCode).toBe(201);
    expect((await send(agency, 'kind=paper_consent&divisionCode=530302')).statusCode).toBe(201);
  });

  it('an upload tied to no row is deleted a day after it came; one in use stays until its retention ends', async () => {
    const unused = (await upload(seeker, PDF)).json().id;
    const used = (await upload(seeker, PDF)).json().id;
    await t.deps.db.updateTable('attachments').set({ owner_table: 'employer_registrations', owner_id: 0 }).where('id', '=', used).execute();
    clock.advance(23 * 3_600_000);
    try {
      await purgeExpiredAttachments(t.deps);
      expect(await t.deps.db.selectFrom('attachments').select('id').where('id', '=', unused).execute()).toHaveLength(1);
      clock.advance(2 * 3_600_000);
      await purgeExpiredAttachments(t.deps);
      expect(await t.deps.db.selectFrom('attachments').select('id').where('id', '=', unused).execute()).toEqual([]);
      // a file tied to its row is untouched by the day's rule
      expect(await t.deps.db.selectFrom('attachments').select('id').where('id', '=', used).execute()).toHaveLength(1);
    } finally {
      clock.advance(-25 * 3_600_000);
    }
  });

  it('deletes files past their retention (the job)', async () => {
    const ok = await upload(seeker, PDF);
    const id = ok.json().id;
    clock.advance(1097 * 86_400_000);
    try {
      expect(await purgeExpiredAttachments(t.deps)).toBeGreaterThanOrEqual(1);
      expect(await t.deps.db.selectFrom('attachments').select('id').where('id', '=', id).execute()).toEqual([]);
    } finally {
      clock.advance(-1097 * 86_400_000);
    }
  });
});

describe('employer registration', () => {
  it('claims nothing while pending; the county sees every registration of the code; approval creates the employer and tells the applicant', async () => {
    const code = creditCode('530102');
    const scan1 = (await upload(seeker, PDF)).json().id;
    const first = await t.send('POST', '/api/v1/employer-registrations', body({ creditCode: code, licenceAttachmentId: scan1 }), seeker);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', employerId: null, ownershipType: 'private' });
    expect(await claims(code)).toEqual([]);
    // the same scan cannot serve twice; the applicant cannot apply twice for one code while pending
    expect((await t.send('POST', '/api/v1/employer-registrations', body({ creditCode: code, licenceAttachmentId: scan1 }), seeker)).json().error.details[0].field).toBe('creditCode');
    // someone else applies for the same code in another county
    const scan2 = (await upload(graduate, PDF, '530103')).json().id;
    const second = await t.send('POST', '/api/v1/employer-registrations', body({ creditCode: code, divisionCode: '530103', licenceAttachmentId: scan2 }), graduate);
    expect(second.statusCode, second.body).toBe(201);
    const wh = await t.login('wh');
    const seen = (await t.get(`/api/v1/employer-registrations/${first.json().id}`, wh)).json();
    expect(seen.sameCode.map((r: { id: number }) => r.id).sort()).toEqual([first.json().id, second.json().id].sort());
    // the other county cannot decide this one
    expect((await t.send('POST', `/api/v1/employer-registrations/${first.json().id}/decision`, { decision: 'approve' }, await t.login('pl'))).statusCode).toBe(404);
    const approved = await t.send('POST', `/api/v1/employer-registrations/${first.json().id}/decision`, { decision: 'approve' }, wh);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', employerId: expect.any(Number) });
    expect(await claims(code)).toEqual([{ kind: 'employer' }]);
    expect(await isApprovedEmployer(t.deps, '530102', approved.json().employerId)).toBe(true);
    expect(await isApprovedEmployer(t.deps, '530102', 987_654_321)).toBe(false);
    const employer = await t.deps.db.selectFrom('employers').select(['ownership_type', 'credit_code']).where('id', '=', approved.json().employerId).executeTakeFirstOrThrow();
    expect(employer).toEqual({ ownership_type: 'private', credit_code: code });
    const sms = await t.deps.db.selectFrom('outbox').select(['template', 'division_code']).where('idempotency_key', '=', `employer-registration:530102:${first.json().id}`).execute();
    expect(sms).toEqual([{ template: 'employer_registration_approved', division_code: '530102' }]);
    // decided once only
    expect((await t.send('POST', `/api/v1/employer-registrations/${first.json().id}/decision`, { decision: 'refuse', reason: '重复' }, wh)).statusCode).toBe(409);
    // the second county's approval of the same code now fails on the claim, naming creditCode, and changes nothing
    const pl = await t.login('pl');
    const late = await t.send('POST', `/api/v1/employer-registrations/${second.json().id}/decision`, { decision: 'approve' }, pl);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details[0].field).toBe('creditCode');
    expect((await t.get(`/api/v1/employer-registrations/${second.json().id}`, pl)).json().status).toBe('pending');
  });

  it('refusal needs a reason, is told to the applicant, and claims nothing', async () => {
    const code = creditCode('530102');
    const scan = (await upload(seeker, PDF)).json().id;
    const reg = (await t.send('POST', '/api/v1/employer-registrations', body({ creditCode: code, licenceAttachmentId: scan }), seeker)).json();
    const wh = await t.login('wh');
    const noReason = await t.send('POST', `/api/v1/employer-registrations/${reg.id}/decision`, { decision: 'refuse' }, wh);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('reason');
    const refused = await t.send('POST', `/api/v1/employer-registrations/${reg.id}/decision`, { decision: 'refuse', reason: '营业执照扫描件不清晰' }, wh);
    expect(refused.json()).toMatchObject({ status: 'refused', reason: '营业执照扫描件不清晰' });
    expect(await claims(code)).toEqual([]);
    const mine = (await t.get('/api/v1/employer-registrations', seeker)).json().items.map((r: { id: number }) => r.id);
    expect(mine).toContain(reg.id);
    expect((await t.get('/api/v1/employer-registrations', graduate)).json().items.map((r: { id: number }) => r.id)).not.toContain(reg.id);
  });

  it('refuses a missing or foreign licence scan naming the field', async () => {
    const scan = (await upload(graduate, PDF)).json().id;
    const res = await t.send('POST', '/api/v1/employer-registrations', body({ creditCode: creditCode('530102'), licenceAttachmentId: scan }), seeker);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('licenceAttachmentId');
    expect(res.json().error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("an employer's authorisation of an agency (人力资源市场暂行条例 第二十六条)", () => {
  it('is a grant on the employer for the agency, with the document attached; revocable', async () => {
    const employer = await t.login('employer-km');
    const me = (await t.get('/api/v1/me', employer)).json();
    const doc = await t.app.inject({ method: 'POST', url: `/api/v1/attachments?kind=employer_authorisation&divisionCode=${me.divisionCode}`, payload: PDF, headers: { cookie: employer, 'content-type': 'application/pdf', 'x-requested-with': 'fetch' } });
    expect(doc.statusCode, doc.body).toBe(201);
    const agencyCookie = await t.login('agency-qlz');
    const agencyId = (await t.get('/api/v1/me', agencyCookie)).json().agencyId as number;
    // a licence scan is not an authorisation document
    const licence = (await upload(seeker, PDF)).json().id;
    expect((await t.send('POST', '/api/v1/employers/me/authorisations', { agencyId, documentId: licence }, employer)).json().error.details[0].field).toBe('documentId');
    const made = await t.send('POST', '/api/v1/employers/me/authorisations', { agencyId, documentId: doc.json().id }, employer);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ agencyId, documentId: doc.json().id, revokedAt: null });
    // the document is used now (400 naming it); a fresh one for the same live agency: 409
    expect((await t.send('POST', '/api/v1/employers/me/authorisations', { agencyId, documentId: doc.json().id }, employer)).json().error.details[0].field).toBe('documentId');
    const doc2 = await t.app.inject({ method: 'POST', url: `/api/v1/attachments?kind=employer_authorisation&divisionCode=${me.divisionCode}`, payload: PDF, headers: { cookie: employer, 'content-type': 'application/pdf', 'x-requested-with': 'fetch' } });
    expect((await t.send('POST', '/api/v1/employers/me/authorisations', { agencyId, documentId: doc2.json().id }, employer)).statusCode).toBe(409);
    // the agency (another county) now reads the employer through its scope's grants
    const agencyActor = await resolveSession(t.deps, (await t.login('agency-qlz')).replace('yq_sid=', ''));
    expect(agencyActor).not.toBeNull();
    expect(await findEmployer(t.deps.db, agencyActor?.scope as never, me.employerId)).toMatchObject({ id: me.employerId });
    expect((await t.send('DELETE', `/api/v1/employers/me/authorisations/${made.json().id}`, undefined, employer)).statusCode).toBe(204);
    const after = await resolveSession(t.deps, (await t.login('agency-qlz')).replace('yq_sid=', ''));
    expect(await findEmployer(t.deps.db, after?.scope as never, me.employerId)).toBeUndefined();
    expect((await t.get('/api/v1/employers/me/authorisations', employer)).json().items[0]).toMatchObject({ id: made.json().id, revokedAt: expect.any(String) });
  });
});

describe('personal data in registrations', () => {
  it("exports a registration's contact whole and erases the contact, keeping the registration", async () => {
    const phone = '13900000188';
    const scan = (await upload(graduate, PDF)).json().id;
    const reg = (await t.send('POST', '/api/v1/employer-registrations', body({ creditCode: creditCode('530102'), contactPhone: phone, licenceAttachmentId: scan }), graduate)).json();
    const copy = (await exportPersonalData(t.deps, { phone })).filter((r) => r.kind === 'employer_registration');
    expect(copy).toEqual([expect.objectContaining({ id: reg.id, data: expect.objectContaining({ contactPhone: phone }) })]);
    const counts = await erasePersonalData(t.deps, { phone }, { actor: null, ctx: { requestId: 'erase-registration', ip: 'local' } });
    expect(counts.registry).toBe(1);
    const row = await t.deps.db.selectFrom('employer_registrations').select(['contact_phone', 'status']).where('id', '=', reg.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ contact_phone: '00000000000', status: 'pending' });
  });
});
