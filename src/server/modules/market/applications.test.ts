// Applications (issue 9; decision 0036): the stage table, applying and referring, one live
// application per seeker and posting (also when applies race), the employer's list and export
// with phones masked, the phone revealed one application at a time from the shortlist on and
// audited, the seeker's own list and withdrawal, outbox messages to the other side, the county's
// officials reading only, and every other county's people answered 404.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { SYSTEM_CALLER } from '../../platform/command.ts';
import { erasePersonalData, exportPersonalData } from '../index.ts';
import { APPLICATION_STAGES, mayMoveApplication, mayRevealPhone, STAGE_MOVES, type StageTarget } from './access.ts';
import { insertApplication } from './repository/applications.ts';

const PASSWORD = 'Test-password-2020';
let t: TestApp;
const clock = new ManualClock('2025-03-10T02:00:00Z');
let employerKm: string; // 昆明康泰 in 530102 (五华区)
let otherEmployer: string; // an employer of 530103 (盘龙区)
let wh: string;
let pl: string;
let agencyWh: string;
let agencyWhId: number;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [employerKm, wh, pl, agencyWh] = await Promise.all([t.login('employer-km'), t.login('wh'), t.login('pl'), t.login('agency-wh')]);
  agencyWhId = (await t.get('/api/v1/me', agencyWh)).json().agencyId;
  const prov = await t.login('prov');
  const e = await t.send('POST', '/api/v1/employers', { name: `盘龙用人单位${unique()}`, creditCode: creditCode('530103'), divisionCode: '530103', industryCode: '2770', address: '盘龙区 1 号', contactName: '张', contactPhone: mobile() }, prov);
  expect(e.statusCode, e.body).toBe(201);
  otherEmployer = await t.login(await createAccount(t.deps, { role: 'employer', org_division: '530103', employer_id: e.json().id, password: PASSWORD }), PASSWORD);
});
afterAll(() => t.close());

/** A seeker account with a profile (visibility as given); returns the cookie, account id, profile id and phone. */
async function seeker(visibility = 'applied', texts: { skills?: string; resume?: string } = {}) {
  const phone = mobile();
  const username = await createAccount(t.deps, { role: 'seeker', phone, password: PASSWORD });
  const cookie = await t.login(username, PASSWORD);
  const res = await t.send('PUT', '/api/v1/seekers/me', { name: `求职者${unique()}`, residenceDivision: '530103', educationCode: '20', experienceYears: 2, skills: '叉车', visibility, ...texts }, cookie);
  expect(res.statusCode, res.body).toBe(200);
  const accountId = (await t.deps.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  return { cookie, accountId, profileId: res.json().id as number, phone, name: res.json().name as string };
}

/** A published posting of the cookie's employer; returns its id. */
async function openPosting(cookie = employerKm) {
  const res = await t.send('POST', '/api/v1/postings', { title: `仓库管理员${unique()}`, validUntil: '2025-04-30' }, cookie);
  expect(res.statusCode, res.body).toBe(201);
  expect((await t.send('POST', `/api/v1/postings/${res.json().id}/publish`, undefined, cookie)).statusCode).toBe(200);
  return res.json().id as number;
}

const apply = (cookie: string, postingId: number) => t.send('POST', '/api/v1/applications', { postingId }, cookie);
const stage = (id: number, s: string, cookie = employerKm) => t.send('POST', `/api/v1/applications/${id}/stage`, { stage: s }, cookie);
const outboxOf = (template: string, applicationId: number) =>
  t.deps.db.selectFrom('outbox').select(['recipient', 'template', 'payload', 'division_code']).where('template', '=', template).where(sql`(payload->>'applicationId')::bigint`, '=', applicationId).execute();
const auditOf = (id: number) => t.deps.db.selectFrom('audit_log').select(['action', 'division_code']).where('target_type', '=', 'application').where('target_id', '=', String(id)).orderBy('id').execute();

describe('the stage table', () => {
  it('the employer moves forward one stage at a time or rejects a live one; the seeker only withdraws a live one', () => {
    const live = ['applied', 'shortlisted', 'interview', 'offer'];
    const expected: Record<StageTarget, { by: string; from: string[] }> = {
      shortlisted: { by: 'employer', from: ['applied'] },
      interview: { by: 'employer', from: ['shortlisted'] },
      offer: { by: 'employer', from: ['interview'] },
      hired: { by: 'employer', from: ['offer'] },
      rejected: { by: 'employer', from: live },
      withdrawn: { by: 'seeker', from: live },
    };
    expect(STAGE_MOVES).toEqual(expected);
    for (const target of Object.keys(expected) as StageTarget[]) {
      for (const from of APPLICATION_STAGES) {
        for (const side of ['employer', 'seeker'] as const) {
          expect(mayMoveApplication(side, from, target), `${side}: ${from} → ${target}`).toBe(expected[target].by === side && expected[target].from.includes(from));
        }
      }
    }
    // ended stages go nowhere
    for (const end of ['hired', 'rejected', 'withdrawn']) for (const target of Object.keys(expected) as StageTarget[]) expect(mayMoveApplication(expected[target].by as 'employer', end, target)).toBe(false);
    expect(APPLICATION_STAGES.filter(mayRevealPhone)).toEqual(['shortlisted', 'interview', 'offer', 'hired']);
  });
});

describe('applying', () => {
  it('a seeker applies to an open posting: the application lives in the posting\'s county, the employer is told, audited; a second apply is 409', async () => {
    const s = await seeker();
    const postingId = await openPosting();
    const res = await apply(s.cookie, postingId);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ postingId, stage: 'applied', divisionCode: '530102', referral: null, withdrawable: true });
    const row = await t.deps.db.selectFrom('applications').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ division_code: '530102', seeker_account_id: s.accountId, agency_id: null, stage: 'applied' });
    const told = await outboxOf('market_application_received', a.id);
    expect(told).toEqual([expect.objectContaining({ recipient: `employer:530102:${row.employer_id}`, division_code: '530102' })]);
    expect((await auditOf(a.id)).map((x) => x.action)).toEqual(['market.application.apply']);
    const again = await apply(s.cookie, postingId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('application_exists');
    expect(await t.deps.db.selectFrom('applications').select('id').where('posting_id', '=', postingId).execute()).toHaveLength(1);
  });

  it('parallel applies of one seeker to one posting make one application', async () => {
    const s = await seeker();
    const postingId = await openPosting();
    const answers = await Promise.all(Array.from({ length: 8 }, () => apply(s.cookie, postingId)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await t.deps.db.selectFrom('applications').select('id').where('posting_id', '=', postingId).execute()).toHaveLength(1);
  });

  it('refuses what is not open: an unknown posting is a 400 naming postingId, a draft too, a closed one 409; no profile 404; nothing written', async () => {
    const s = await seeker();
    const unknown = await apply(s.cookie, 987654321);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { field: string }) => d.field)).toEqual(['postingId']);
    const draft = (await t.send('POST', '/api/v1/postings', { title: `草稿${unique()}` }, employerKm)).json().id;
    expect((await apply(s.cookie, draft)).statusCode).toBe(400);
    const closed = await openPosting();
    await t.send('POST', `/api/v1/postings/${closed}/close`, undefined, employerKm);
    const res = await apply(s.cookie, closed);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('posting_not_accepting');
    const bare = await t.login(await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD }), PASSWORD);
    const none = await apply(bare, await openPosting());
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('seeker_profile_missing');
    expect(await t.deps.db.selectFrom('applications').select('id').where('posting_id', 'in', [draft, closed]).execute()).toEqual([]);
  });

  it('a posting past its valid-until instant that the expiry job has not yet closed takes no application or referral: 409, nothing written', async () => {
    const s = await seeker();
    expect((await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId: agencyWhId }, s.cookie)).statusCode).toBe(201);
    // open until 10:05 Beijing time today (the clock reads 10:00; a short step: sessions stay alive)
    const created = await t.send('POST', '/api/v1/postings', { title: `当天截止${unique()}`, validUntil: '2025-03-10T10:05:00+08:00' }, employerKm);
    const postingId = created.json().id as number;
    expect((await t.send('POST', `/api/v1/postings/${postingId}/publish`, undefined, employerKm)).statusCode).toBe(200);
    const start = clock.now();
    try {
      clock.set('2025-03-10T02:05:01Z'); // 10:05:01 Beijing: one second past it
      // no expiry job ran: the row still says published
      expect((await t.deps.db.selectFrom('postings').select('status').where('id', '=', postingId).executeTakeFirstOrThrow()).status).toBe('published');
      expect((await t.get(`/api/v1/public/postings/${postingId}`)).json()).toMatchObject({ status: 'expired', open: false, directApply: false });
      const applied = await apply(s.cookie, postingId);
      expect(applied.statusCode, applied.body).toBe(409);
      expect(applied.json().error.code).toBe('posting_not_accepting');
      const referred = await t.send('POST', '/api/v1/applications/referrals', { postingId, seekerId: s.profileId }, agencyWh);
      expect(referred.statusCode, referred.body).toBe(409);
      expect(referred.json().error.code).toBe('posting_not_accepting');
      // the insert's own guard holds too (a posting that ends between the check and the write)
      const row = await t.deps.db.selectFrom('postings').select(['division_code', 'id']).where('id', '=', postingId).executeTakeFirstOrThrow();
      const key = systemKey(systemScope('test: the posting applied to'), 'postings', row.division_code, row.id);
      expect(await insertApplication(t.deps.db, key, { seekerAccountId: s.accountId, referral: null }, clock.now())).toBeUndefined();
      expect(await t.deps.db.selectFrom('applications').select('id').where('posting_id', '=', postingId).execute()).toEqual([]);
    } finally {
      clock.set(start);
    }
  });

  it('the public posting says directApply while applications are possible', async () => {
    const postingId = await openPosting();
    expect((await t.get(`/api/v1/public/postings/${postingId}`)).json()).toMatchObject({ open: true, directApply: true });
    await t.send('POST', `/api/v1/postings/${postingId}/close`, undefined, employerKm);
    expect((await t.get(`/api/v1/public/postings/${postingId}`)).json()).toMatchObject({ open: false, directApply: false });
  });
});

describe('agency referrals', () => {
  it('an agency refers only a seeker who authorised it, to an open posting; the agency is recorded; employer and seeker are told', async () => {
    const s = await seeker();
    const postingId = await openPosting();
    const refused = await t.send('POST', '/api/v1/applications/referrals', { postingId, seekerId: s.profileId }, agencyWh);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { field: string }) => d.field)).toEqual(['seekerId']);
    const grant = await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId: agencyWhId }, s.cookie);
    expect(grant.statusCode).toBe(201);
    const res = await t.send('POST', '/api/v1/applications/referrals', { postingId, seekerId: s.profileId }, agencyWh);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ stage: 'applied', referral: { agencyId: agencyWhId, agencyDivision: '530102' }, applicant: { name: s.name } });
    expect(a.applicant.phoneMasked).not.toBe(s.phone);
    expect((await outboxOf('market_application_received', a.id)).map((m) => m.recipient)).toEqual([expect.stringMatching(/^employer:530102:/)]);
    expect((await outboxOf('market_application_referred', a.id)).map((m) => m.recipient)).toEqual([`account:${s.accountId}`]);
    // it is the seeker's one live application to the posting
    expect((await apply(s.cookie, postingId)).statusCode).toBe(409);
    const mine = (await t.get('/api/v1/applications/mine', s.cookie)).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: a.id, referral: expect.objectContaining({ agencyId: agencyWhId }) })]);
    // revoked: no more referrals
    await t.send('DELETE', `/api/v1/seekers/me/authorisations/${grant.json().id}`, undefined, s.cookie);
    const other = await openPosting();
    expect((await t.send('POST', '/api/v1/applications/referrals', { postingId: other, seekerId: s.profileId }, agencyWh)).statusCode).toBe(400);
    expect((await auditOf(a.id)).map((x) => x.action)).toEqual(['market.application.refer']);
  });
});

describe('the employer\'s side', () => {
  it('lists its postings\' applications with stages, filters by posting and stage, phones masked, the profile as the seeker lets employers see it', async () => {
    const open = await seeker('employers');
    const hidden = await seeker('agencies');
    const postingId = await openPosting();
    const a1 = (await apply(open.cookie, postingId)).json().id;
    const a2 = (await apply(hidden.cookie, postingId)).json().id;
    const list = (await t.get(`/api/v1/applications?postingId=${postingId}`, employerKm)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([a1, a2]);
    const [x1, x2] = list.items;
    expect(x1.applicant).toMatchObject({ name: open.name, profile: { educationCode: '20', experienceYears: 2, skills: '叉车' } });
    expect(x2.applicant.profile).toBeNull();
    for (const x of list.items) {
      expect(x.applicant.phoneMasked).toMatch(/\*/);
      expect(JSON.stringify(x)).not.toContain(open.phone);
      expect(JSON.stringify(x)).not.toContain(hidden.phone);
    }
    expect((await stage(a1, 'shortlisted')).statusCode).toBe(200);
    const shortlisted = (await t.get(`/api/v1/applications?postingId=${postingId}&stage=shortlisted`, employerKm)).json().items;
    expect(shortlisted.map((x: { id: number }) => x.id)).toEqual([a1]);
    expect(shortlisted[0].phoneRevealable).toBe(true);
    // pages
    const p1 = (await t.get(`/api/v1/applications?postingId=${postingId}&limit=1`, employerKm)).json();
    expect(p1.items.map((x: { id: number }) => x.id)).toEqual([a1]);
    const p2 = (await t.get(`/api/v1/applications?postingId=${postingId}&limit=1&cursor=${p1.next}`, employerKm)).json();
    expect(p2.items.map((x: { id: number }) => x.id)).toEqual([a2]);
  });

  it('masks phones, ID numbers and WeChat ids written into the skills and résumé until the stage reveals the phone', async () => {
    const s = await seeker('employers', { skills: '叉车 电话:13987654321', resume: '在昆明做过仓管，微信 yq_worker88，身份证 53010219900307123X 可查' });
    const postingId = await openPosting();
    const id = (await apply(s.cookie, postingId)).json().id;
    const profileOf = async () => (await t.get(`/api/v1/applications?postingId=${postingId}`, employerKm)).json().items[0].applicant.profile;
    const early = await profileOf();
    expect(early).toMatchObject({ skills: '叉车 电话***', resume: '在昆明做过仓管，微信***，身份证*** 可查' });
    expect(JSON.stringify(early)).not.toMatch(/13987654321|yq_worker88|19900307/);
    expect((await stage(id, 'shortlisted')).statusCode).toBe(200);
    expect(await profileOf()).toMatchObject({ skills: '叉车 电话:13987654321', resume: '在昆明做过仓管，微信 yq_worker88，身份证 53010219900307123X 可查' });
  });

  it('moves stages as the table allows, telling the seeker each time; a wrong order is 409 and changes nothing', async () => {
    const s = await seeker();
    const id = (await apply(s.cookie, await openPosting())).json().id;
    const skip = await stage(id, 'offer');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('application_stage_refused');
    for (const next of ['shortlisted', 'interview', 'offer', 'hired']) {
      const res = await stage(id, next);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().stage).toBe(next);
    }
    expect((await stage(id, 'rejected')).statusCode).toBe(409);
    const told = await outboxOf('market_application_stage', id);
    expect(told.map((m) => [m.recipient, (m.payload as { stage: string }).stage])).toEqual(['shortlisted', 'interview', 'offer', 'hired'].map((x) => [`account:${s.accountId}`, x]));
    expect((await auditOf(id)).map((x) => x.action)).toEqual(['market.application.apply', ...Array(4).fill('market.application.stage')]);
    // the seeker can no longer withdraw a hire
    expect((await t.send('POST', `/api/v1/applications/mine/${id}/withdraw`, undefined, s.cookie)).statusCode).toBe(409);
  });

  it('racing moves of one application from one stage: one wins, the seeker is told once', async () => {
    const s = await seeker();
    const id = (await apply(s.cookie, await openPosting())).json().id;
    const answers = await Promise.all(Array.from({ length: 4 }, () => stage(id, 'shortlisted')));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(await outboxOf('market_application_stage', id)).toHaveLength(1);
  });

  it('reveals the full phone only from the shortlist on, one application at a time, each reveal audited with the application id', async () => {
    const s = await seeker();
    const id = (await apply(s.cookie, await openPosting())).json().id;
    const early = await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, employerKm);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('phone_not_revealable');
    await stage(id, 'shortlisted');
    const res = await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, employerKm);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ applicationId: id, phone: s.phone });
    await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, employerKm);
    const reveals = (await auditOf(id)).filter((x) => x.action === 'market.application.phone_reveal');
    expect(reveals).toEqual([{ action: 'market.application.phone_reveal', division_code: '530102' }, { action: 'market.application.phone_reveal', division_code: '530102' }]);
    // never in the list or one application's read
    expect((await t.get(`/api/v1/applications/${id}`, employerKm)).body).not.toContain(s.phone);
    // officials read but do not reveal or move
    expect((await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, wh)).statusCode).toBe(403);
    expect((await stage(id, 'interview', wh)).statusCode).toBe(403);
    // rejected: no more reveals
    await stage(id, 'rejected');
    expect((await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, employerKm)).statusCode).toBe(409);
  });

  it('exports the list as .xlsx with phones masked, never the full phone; the export is audited', async () => {
    const s = await seeker();
    const postingId = await openPosting();
    const id = (await apply(s.cookie, postingId)).json().id;
    await stage(id, 'shortlisted');
    await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, employerKm);
    const res = await t.get(`/api/v1/applications/export.xlsx?postingId=${postingId}`, employerKm);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? ''))));
    expect(cells).toEqual(expect.arrayContaining(['申请人', '手机号', '阶段', s.name, '入围']));
    expect(cells.some((c) => c.includes(s.phone))).toBe(false);
    expect(cells).toContain(`${s.phone.slice(0, 3)}****${s.phone.slice(7)}`);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'market.application.export').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});

describe('scope', () => {
  it('officials of the posting\'s county read applications; another county\'s official and another employer get 404 and empty lists', async () => {
    const s = await seeker();
    const postingId = await openPosting();
    const id = (await apply(s.cookie, postingId)).json().id;
    expect((await t.get(`/api/v1/applications/${id}`, wh)).statusCode).toBe(200);
    expect((await t.get(`/api/v1/applications?postingId=${postingId}`, wh)).json().items.map((x: { id: number }) => x.id)).toEqual([id]);
    for (const other of [pl, otherEmployer]) {
      expect((await t.get(`/api/v1/applications/${id}`, other)).statusCode).toBe(404);
      expect((await t.get(`/api/v1/applications?postingId=${postingId}`, other)).json().items).toEqual([]);
    }
    expect((await stage(id, 'shortlisted', otherEmployer)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/v1/applications/${id}/phone`, undefined, otherEmployer)).statusCode).toBe(404);
    // another seeker cannot withdraw it
    const stranger = await seeker();
    expect((await t.send('POST', `/api/v1/applications/mine/${id}/withdraw`, undefined, stranger.cookie)).statusCode).toBe(404);
    expect((await t.get('/api/v1/applications/mine', stranger.cookie)).json().items).toEqual([]);
    expect((await t.get(`/api/v1/applications/${id}`, employerKm)).json().stage).toBe('applied');
  });
});

describe('the seeker\'s side', () => {
  it('lists own applications in every county and withdraws a live one (the employer told); may apply again after withdrawing', async () => {
    const s = await seeker();
    const here = await openPosting();
    const there = await openPosting(otherEmployer);
    const a = (await apply(s.cookie, here)).json().id;
    const b = (await apply(s.cookie, there)).json().id;
    const mine = (await t.get('/api/v1/applications/mine', s.cookie)).json().items;
    expect(mine.map((x: { id: number; divisionCode: string }) => [x.id, x.divisionCode])).toEqual([[a, '530102'], [b, '530103']]);
    const w = await t.send('POST', `/api/v1/applications/mine/${a}/withdraw`, undefined, s.cookie);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ stage: 'withdrawn', withdrawable: false });
    expect((await outboxOf('market_application_withdrawn', a)).map((m) => m.recipient)).toEqual([expect.stringMatching(/^employer:530102:/)]);
    expect((await t.send('POST', `/api/v1/applications/mine/${a}/withdraw`, undefined, s.cookie)).statusCode).toBe(409);
    expect((await stage(a, 'shortlisted')).statusCode).toBe(409);
    expect((await apply(s.cookie, here)).statusCode).toBe(201);
  });
});

describe('personal data', () => {
  it('a person\'s applications are in their copy and go with an erasure; the employer\'s list then holds none of theirs', async () => {
    const s = await seeker();
    const postingId = await openPosting();
    const id = (await apply(s.cookie, postingId)).json().id;
    const copy = (await exportPersonalData(t.deps, { phone: s.phone })).filter((r) => r.module === 'market');
    expect(copy).toEqual([expect.objectContaining({ kind: 'application', id, divisionCode: '530102', data: expect.objectContaining({ postingId, stage: 'applied' }) })]);
    await erasePersonalData(t.deps, { phone: s.phone }, SYSTEM_CALLER);
    expect(await t.deps.db.selectFrom('applications').select('id').where('id', '=', id).execute()).toEqual([]);
    expect((await t.get(`/api/v1/applications?postingId=${postingId}`, employerKm)).json().items).toEqual([]);
  });
});
