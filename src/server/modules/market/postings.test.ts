// Postings (issue 9): the lifecycle draft → screened → published → closed / expired / taken down,
// written by the employer's own account or an official for it, taken down by an official with a
// reason (the owner told through the outbox in the same transaction), public reads of open
// postings only, the lifecycle table, and no field for sex, age, ethnicity, hukou or marital status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ALLOWED_FROM, mayMove, type PostingAction } from './access.ts';
import { lastInstant } from './service.ts';

let t: TestApp;
const clock = new ManualClock('2025-03-10T02:00:00Z');
let employerKm: string;
let prov: string;
let wh: string;
let pl: string;
let ownId: number;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [employerKm, prov, wh, pl] = await Promise.all([t.login('employer-km'), t.login('prov'), t.login('wh'), t.login('pl')]);
  ownId = (await t.get('/api/v1/me', employerKm)).json().employerId;
});
afterAll(() => t.close());

const draft = (extra: object = {}) => ({
  title: `叉车司机${unique()}`,
  address: '昆明市五华区学府路 5 号',
  headcount: 3,
  salaryMin: 6000,
  salaryMax: 8000,
  salaryUnit: 'MONTH',
  salaryMonths: 13,
  education: '高中',
  experience: '1 年',
  description: '持叉车证，负责仓库装卸。\n包吃住。',
  benefits: '五险一金',
  contact: '王经理 0871-12345678',
  employmentType: 'full_time',
  validUntil: '2025-03-31',
  priorityGroups: ['migrant'],
  ...extra,
});

async function create(cookie: string, body: object = draft()) {
  const res = await t.send('POST', '/api/v1/postings', body, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('an employer writes its own postings', () => {
  it('creates a draft in its county, with the employer flag copied and no public trace', async () => {
    const p = await create(employerKm);
    expect(p).toMatchObject({ status: 'draft', employerId: ownId, divisionCode: '530102', open: false, salary: { min: 6000, max: 8000, unit: 'MONTH', monthsPaid: 13 } });
    expect(p.validThrough).toBe('2025-03-31T23:59:59+08:00');
    expect((await t.get(`/api/v1/public/postings/${p.id}`)).statusCode).toBe(404);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'posting').where('target_id', '=', String(p.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['market.posting.create']);
  });

  it('面议 is no salary at all, never 0; a unit without figures or min > max is a 400 naming the field, nothing written', async () => {
    const p = await create(employerKm, draft({ salaryMin: undefined, salaryMax: undefined, salaryUnit: undefined, salaryMonths: undefined }));
    expect(p.salary).toBeNull();
    const row = await t.deps.db.selectFrom('postings').select(['salary_min', 'salary_max', 'salary_unit']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ salary_min: null, salary_max: null, salary_unit: null });
    const title = `薪资有误${unique()}`;
    const bad = await t.send('POST', '/api/v1/postings', draft({ title, salaryMin: 9000, salaryMax: 8000 }), employerKm);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['salaryMin']);
    expect(bad.json().error.details[0].message).toMatch(/最低薪资不能高于最高薪资/);
    const noUnit = await t.send('POST', '/api/v1/postings', draft({ title, salaryUnit: undefined }), employerKm);
    expect(noUnit.json().error.details.map((d: { field: string }) => d.field)).toEqual(['salaryUnit']);
    expect(await t.deps.db.selectFrom('postings').select('id').where('title', '=', title).execute()).toEqual([]);
  });

  it('the form goes through the posting reader\'s text cleaning: a pasted description loses its tags and entities', async () => {
    const p = await create(employerKm, draft({ description: '负责装卸&amp;搬运<br />包吃住&nbsp;月休4天', benefits: '五险<br/>一金' }));
    expect(p.description).toBe('负责装卸&搬运\n包吃住 月休4天');
    expect(p.benefits).toBe('五险 一金');
  });

  it('a title of HTML tags only (empty once cleaned) is a 400 naming title, in the reader\'s language; nothing written, an edit refused alike', async () => {
    const emptyTitles = () => t.deps.db.selectFrom('postings').select((eb) => eb.fn.countAll<string>().as('n')).where('title', '=', '').executeTakeFirstOrThrow();
    const before = await emptyTitles();
    for (const title of ['<b></b>', '<script>alert(1)</script>', '<p>&nbsp;</p>', '<br />']) {
      const res = await t.send('POST', '/api/v1/postings', draft({ title }), employerKm);
      expect(res.statusCode, title).toBe(400);
      expect(res.json().error.details, title).toEqual([{ field: 'title', message: '职位名称：只有 HTML 标记，去掉标记后没有文字' }]);
    }
    const en = await t.send('POST', '/api/v1/postings', draft({ title: '<b></b>' }), employerKm, { 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([{ field: 'title', message: 'title: only HTML markup: nothing is left once the tags are removed' }]);
    expect(await emptyTitles()).toEqual(before);
    // tags around words keep the words
    expect((await create(employerKm, draft({ title: '<b>急招</b>叉车司机' }))).title).toBe('急招叉车司机');

    const p = await create(employerKm);
    const edit = await t.send('PATCH', `/api/v1/postings/${p.id}`, { title: '<span></span>', headcount: 9 }, employerKm);
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details.map((d: { field: string }) => d.field)).toEqual(['title']);
    expect((await t.get(`/api/v1/postings/${p.id}`, employerKm)).json()).toMatchObject({ title: p.title, headcount: 3 });
  });

  it('an occupation or industry code that is not in its table is a 400 naming the field; nothing written, an edit refused alike (was a 500 from the foreign key)', async () => {
    const count = () => t.deps.db.selectFrom('postings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const before = await count();
    const occupation = await t.send('POST', '/api/v1/postings', draft({ occupationCode: '9-99-99-99' }), employerKm);
    expect(occupation.statusCode, occupation.body).toBe(400);
    expect(occupation.json().error.details).toEqual([{ field: 'occupationCode', message: expect.stringContaining('9-99-99-99') }]);
    const industry = await t.send('POST', '/api/v1/postings', draft({ industryCode: '9999' }), employerKm);
    expect(industry.statusCode, industry.body).toBe(400);
    expect(industry.json().error.details.map((d: { field: string }) => d.field)).toEqual(['industryCode']);
    expect(await count()).toEqual(before);
    const p = await create(employerKm, draft({ occupationCode: '6', industryCode: '2770' }));
    expect(p).toMatchObject({ occupationCode: '6', industryCode: '2770' });
    const edit = await t.send('PATCH', `/api/v1/postings/${p.id}`, { occupationCode: '6-99-99-99', headcount: 9 }, employerKm);
    expect(edit.statusCode, edit.body).toBe(400);
    expect(edit.json().error.details.map((d: { field: string }) => d.field)).toEqual(['occupationCode']);
    expect((await t.get(`/api/v1/postings/${p.id}`, employerKm)).json()).toMatchObject({ occupationCode: '6', headcount: 3 });
  });

  it('validUntil outside 2000–2099 (Beijing time), as a day or an instant, is a 400 naming validUntil and the range; nothing written', async () => {
    const title = `年份有误${unique()}`;
    for (const validUntil of ['0001-01-01', '9999-12-31', '0001-01-01T00:00:00+08:00', '9999-12-31T23:59:59Z', '2099-12-31T20:00:00-05:00']) {
      const res = await t.send('POST', '/api/v1/postings', draft({ title, validUntil }), employerKm);
      expect(res.statusCode, validUntil).toBe(400);
      expect(res.json().error.details, validUntil).toEqual([{ field: 'validUntil', message: '有效期至：年份应在 2000 年至 2099 年之间（北京时间）' }]);
    }
    const en = await t.send('POST', '/api/v1/postings', draft({ title, validUntil: '9999-12-31T00:00:00Z' }), employerKm, { 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([{ field: 'validUntil', message: 'valid until: the year must be from 2000 to 2099 (Beijing time)' }]);
    expect(await t.deps.db.selectFrom('postings').select('id').where('title', '=', title).execute()).toEqual([]);
    const p = await create(employerKm);
    const edit = await t.send('PATCH', `/api/v1/postings/${p.id}`, { validUntil: '0001-01-01T00:00:00+08:00' }, employerKm);
    expect(edit.json().error.details.map((d: { field: string }) => d.field)).toEqual(['validUntil']);
    expect((await t.get(`/api/v1/postings/${p.id}`, employerKm)).json().validThrough).toBe('2025-03-31T23:59:59+08:00');
    // the range's last instant in Beijing time is in it
    expect((await create(employerKm, draft({ validUntil: '2099-12-31T23:59:59+08:00' }))).validThrough).toBe('2099-12-31T23:59:59+08:00');
  });

  it('refuses fields for sex, age, ethnicity, household registration or marital status (no such columns either)', async () => {
    for (const field of ['sex', 'gender', 'ageMax', 'ethnicity', 'hukou', 'maritalStatus']) {
      const res = await t.send('POST', '/api/v1/postings', draft({ [field]: 'x' }), employerKm);
      expect(res.statusCode, field).toBe(400);
    }
    const cols = await t.deps.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'postings' as never)
      .execute();
    const names = (cols as Array<{ column_name: string }>).map((c) => c.column_name).join(' ');
    expect(names).not.toMatch(/sex|gender|age|ethnic|hukou|household|marital/);
    expect(names).toMatch(/salary_min/);
  });

  it('publishes after the stub screener, lists publicly, edits stay published, closes; each step audited and in order', async () => {
    const p = await create(employerKm);
    const pub = await t.send('POST', `/api/v1/postings/${p.id}/publish`, undefined, employerKm);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', open: true, epidemicSupplies: expect.any(Boolean), datePosted: '2025-03-10T10:00:00+08:00' });
    const mine = (await t.get(`/api/v1/public/postings?q=${encodeURIComponent(p.title)}`)).json().items;
    expect(mine.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect(mine[0]).not.toHaveProperty('sourceId');

    const again = await t.send('POST', `/api/v1/postings/${p.id}/publish`, undefined, employerKm);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('posting_not_publishable');

    const edit = await t.send('PATCH', `/api/v1/postings/${p.id}`, { salaryMin: 6500, salaryMax: 8500 }, employerKm);
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ status: 'published', salary: { min: 6500, max: 8500 } });
    const over = await t.send('PATCH', `/api/v1/postings/${p.id}`, { salaryMin: 9000 }, employerKm);
    expect(over.statusCode).toBe(400);

    const close = await t.send('POST', `/api/v1/postings/${p.id}/close`, undefined, employerKm);
    expect(close.json()).toMatchObject({ status: 'closed', open: false });
    expect((await t.send('PATCH', `/api/v1/postings/${p.id}`, { title: '再改' }, employerKm)).statusCode).toBe(409);
    expect((await t.get(`/api/v1/public/postings?q=${encodeURIComponent(p.title)}`)).json().items).toEqual([]);
    expect((await t.get(`/api/v1/public/postings/${p.id}`)).json()).toMatchObject({ status: 'closed', open: false });

    const changes = await t.deps.db.selectFrom('posting_changes').select(['kind', 'reason']).where('posting_id', '=', p.id).orderBy('id').execute();
    expect(changes).toEqual([
      { kind: 'created', reason: null },
      { kind: 'updated', reason: null },
      { kind: 'removed', reason: 'closed' },
    ]);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'posting').where('target_id', '=', String(p.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['market.posting.create', 'market.posting.publish', 'market.posting.update', 'market.posting.close']);
  });

  it("names only itself: another employer's id is a 400; officials must name one", async () => {
    const res = await t.send('POST', '/api/v1/postings', draft({ employerId: ownId + 1000 }), employerKm);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('employerId');
    const none = await t.send('POST', '/api/v1/postings', draft(), wh);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0].field).toBe('employerId');
  });
});

describe('officials', () => {
  it('write for an employer in reach only (out of reach answers 404 as a missing one)', async () => {
    const e = await t.send('POST', '/api/v1/employers', { creditCode: creditCode('530103'), name: `盘龙测试单位${unique()}`, industryCode: '2770', divisionCode: '530103', address: '盘龙路 1 号', contactName: '联系人', contactPhone: mobile() }, prov);
    expect(e.statusCode, e.body).toBe(201);
    const ok = await create(pl, draft({ employerId: e.json().id }));
    expect(ok).toMatchObject({ divisionCode: '530103', employerId: e.json().id });
    const out = await t.send('POST', '/api/v1/postings', draft({ employerId: e.json().id }), wh);
    expect(out.statusCode).toBe(404);
    expect((await t.get(`/api/v1/postings/${ok.id}`, wh)).statusCode).toBe(404);
    expect((await t.get(`/api/v1/postings/${ok.id}`, employerKm)).statusCode).toBe(404);
  });

  it('take a posting down with a reason: gone from public reads, a feed removal, the owner told in the same transaction', async () => {
    const p = await create(employerKm);
    await t.send('POST', `/api/v1/postings/${p.id}/publish`, undefined, employerKm);
    const empty = await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: ' ' }, wh);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('reason');
    const byEmployer = await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: '自行下架' }, employerKm);
    expect(byEmployer.statusCode).toBe(403);
    const down = await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: '含收费内容' }, wh);
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ status: 'taken_down', takedownReason: '含收费内容' });
    expect((await t.get(`/api/v1/public/postings/${p.id}`)).statusCode).toBe(404);
    const told = await t.deps.db.selectFrom('outbox').select(['recipient', 'template', 'payload', 'channel']).where('template', '=', 'market_posting_taken_down').where('recipient', '=', `employer:530102:${ownId}`).execute();
    expect(told.filter((m) => (m.payload as { postingId: number }).postingId === p.id)).toEqual([
      { recipient: `employer:530102:${ownId}`, template: 'market_posting_taken_down', channel: 'inapp', payload: expect.objectContaining({ postingId: p.id, reason: '含收费内容' }) },
    ]);
    const removed = await t.deps.db.selectFrom('posting_changes').select(['kind', 'reason', 'body']).where('posting_id', '=', p.id).where('kind', '=', 'removed').execute();
    expect(removed).toEqual([{ kind: 'removed', reason: 'taken_down', body: null }]);
    const twice = await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: '再次' }, wh);
    expect(twice.statusCode).toBe(409);
  });

  it('a draft never given a valid-until date can be taken down too: it ends now (the API fuzzer\'s find: a 500 on the table\'s CHECK)', async () => {
    const p = await create(employerKm, draft({ validUntil: undefined }));
    expect(p.validThrough).toBeNull();
    const down = await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: '虚假信息' }, wh);
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ status: 'taken_down', validThrough: expect.any(String), endedAt: expect.any(String) });
  });
});

describe('valid until', () => {
  it('a date means until 23:59:59 Beijing time that day, whatever the process zone', () => {
    const tz = process.env.TZ;
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
      process.env.TZ = zone;
      expect(lastInstant('2025-03-31').toISOString(), zone).toBe('2025-03-31T15:59:59.000Z');
    }
    process.env.TZ = tz;
    expect(lastInstant('2025-03-31T12:00:00+08:00').toISOString()).toBe('2025-03-31T04:00:00.000Z');
  });
});

describe('the lifecycle table (access.ts)', () => {
  const all = ['draft', 'screened', 'published', 'closed', 'expired', 'taken_down'];
  const table: Record<PostingAction, string[]> = {
    edit: ['draft', 'screened', 'published'],
    publish: ['draft', 'screened'],
    close: ['published'],
    take_down: ['draft', 'screened', 'published', 'closed', 'expired'],
  };
  for (const [action, from] of Object.entries(table) as Array<[PostingAction, string[]]>) {
    it(`${action} starts from ${from.join(', ')} only`, () => {
      expect(all.filter((s) => mayMove(s, action))).toEqual(from);
      expect([...ALLOWED_FROM[action]]).toEqual(from);
    });
  }
});

describe('only an approved employer has a posting published', () => {
  it('publishes for an employer its county approved; a suspended one is refused 409 employer_not_approved, nothing changed', async () => {
    const e = await t.send('POST', '/api/v1/employers', { creditCode: creditCode('530102'), name: `五华审核测试单位${unique()}`, industryCode: '2770', divisionCode: '530102', address: '五华路 2 号', contactName: '联系人', contactPhone: mobile() }, prov);
    expect(e.statusCode, e.body).toBe(201);
    const ok = await create(wh, draft({ employerId: e.json().id }));
    expect((await t.send('POST', `/api/v1/postings/${ok.id}/publish`, undefined, wh)).json()).toMatchObject({ status: 'published' });
    const later = await create(wh, draft({ employerId: e.json().id }));
    expect((await t.send('PATCH', `/api/v1/employers/${e.json().id}`, { status: 'suspended' }, wh)).statusCode).toBe(200);
    const refused = await t.send('POST', `/api/v1/postings/${later.id}/publish`, undefined, wh);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('employer_not_approved');
    expect(refused.json().error.message).toMatch(/审核/);
    expect((await t.get(`/api/v1/postings/${later.id}`, wh)).json().status).toBe('draft');
    const feed = await t.deps.db.selectFrom('posting_changes').select('kind').where('posting_id', '=', later.id).execute();
    expect(feed).toEqual([]);
  });
});

describe('an agency writes for an employer that authorised it (人力资源市场暂行条例 第二十六条)', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

  it('creates, edits, publishes and closes for that employer only while the authorisation is live; other agencies and employers are out of reach', async () => {
    const [agencyQlz, agencyWh] = await Promise.all([t.login('agency-qlz'), t.login('agency-wh')]);
    // this employer's postings in a list (other files of this worker may authorise these agencies for their own employers)
    const own = (items: Array<{ employerId: number | null }>) => items.filter((x) => x.employerId === ownId);
    const qlzId = (await t.get('/api/v1/me', agencyQlz)).json().agencyId as number;
    // another file in this worker may have authorised and revoked the same agency at a later clock
    // (its revocation then lies in this file's future): end every such grant at this file's now
    for (const g of (await t.get('/api/v1/employers/me/authorisations', employerKm)).json().items as Array<{ id: number; agencyId: number }>) {
      if (g.agencyId === qlzId) await t.send('DELETE', `/api/v1/employers/me/authorisations/${g.id}`, undefined, employerKm);
    }
    // before any authorisation: the employer is out of reach (404, as a missing one), nothing written
    const before = await t.send('POST', '/api/v1/postings', draft({ employerId: ownId }), agencyQlz);
    expect(before.statusCode, before.body).toBe(404);
    expect(own((await t.get('/api/v1/postings?limit=200', agencyQlz)).json().items)).toEqual([]);
    // the employer authorises the 麒麟区 agency (another prefecture) with the signed document
    const doc = await t.app.inject({ method: 'POST', url: '/api/v1/attachments?kind=employer_authorisation&divisionCode=530102', payload: PDF, headers: { cookie: employerKm, 'content-type': 'application/pdf', 'x-requested-with': 'fetch' } });
    expect(doc.statusCode, doc.body).toBe(201);
    const grant = await t.send('POST', '/api/v1/employers/me/authorisations', { agencyId: qlzId, documentId: doc.json().id }, employerKm);
    expect(grant.statusCode, grant.body).toBe(201);
    // the agency lists the employers that authorised it: this one only
    expect((await t.get('/api/v1/employers?limit=200', agencyQlz)).json().items.map((x: { id: number }) => x.id)).toContain(ownId);
    // it must name the employer; then the posting is the employer's, in the employer's county
    expect((await t.send('POST', '/api/v1/postings', draft(), agencyQlz)).json().error.details[0].field).toBe('employerId');
    const p = await create(agencyQlz, draft({ employerId: ownId }));
    expect(p).toMatchObject({ employerId: ownId, divisionCode: '530102', status: 'draft' });
    const created = await t.deps.db.selectFrom('postings').select('created_by').where('id', '=', p.id).executeTakeFirstOrThrow();
    const agencyAccount = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', 'agency-qlz').executeTakeFirstOrThrow();
    expect(created.created_by).toBe(agencyAccount.id);
    expect((await t.send('PATCH', `/api/v1/postings/${p.id}`, { headcount: 5 }, agencyQlz)).json()).toMatchObject({ headcount: 5 });
    expect((await t.send('POST', `/api/v1/postings/${p.id}/publish`, undefined, agencyQlz)).json()).toMatchObject({ status: 'published' });
    // the employer sees what the agency wrote
    expect((await t.get(`/api/v1/postings/${p.id}`, employerKm)).json()).toMatchObject({ status: 'published', headcount: 5 });
    // the agency's list: this employer's postings only
    const listed = (await t.get('/api/v1/postings?limit=200', agencyQlz)).json().items as Array<{ employerId: number; id: number }>;
    const found = (await t.get(`/api/v1/postings?q=${encodeURIComponent(p.title)}`, agencyQlz)).json().items as Array<{ id: number }>;
    expect(found.map((x) => x.id)).toContain(p.id); // by title: the list is oldest first and other files fill it
    // (other files of this worker may authorise this agency for their own employers: only employers that authorised it appear)
    const granted = new Set(((await t.get('/api/v1/employers?limit=200', agencyQlz)).json().items as Array<{ id: number }>).map((x) => x.id));
    for (const x of listed) expect(granted.has(x.employerId)).toBe(true);
    // another agency (no authorisation) reaches none of it: 404 as a missing id, and writes nothing
    expect((await t.get(`/api/v1/postings/${p.id}`, agencyWh)).statusCode).toBe(404);
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/postings/${p.id}`, { headcount: 9 }],
      ['POST', `/api/v1/postings/${p.id}/close`, undefined],
      ['POST', '/api/v1/postings', draft({ employerId: ownId })],
    ] as const) {
      const res = await t.send(method, url, body, agencyWh);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(own((await t.get('/api/v1/postings?limit=200', agencyWh)).json().items)).toEqual([]);
    // the authorised agency cannot write for an employer that did not authorise it
    const other = await t.send('POST', '/api/v1/employers', { creditCode: creditCode('530302'), name: `麒麟测试单位${unique()}`, industryCode: '2770', divisionCode: '530302', address: '麒麟路 1 号', contactName: '联系人', contactPhone: mobile() }, prov);
    expect(other.statusCode, other.body).toBe(201);
    expect((await t.send('POST', '/api/v1/postings', draft({ employerId: other.json().id }), agencyQlz)).statusCode).toBe(404);
    // nor take a posting down (officials only)
    expect((await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: '代理下架' }, agencyQlz)).statusCode).toBe(403);
    const second = await create(agencyQlz, draft({ employerId: ownId }));
    // revoked: the agency's next request reaches nothing of the employer's, and writes nothing
    expect((await t.send('DELETE', `/api/v1/employers/me/authorisations/${grant.json().id}`, undefined, employerKm)).statusCode).toBe(204);
    expect((await t.send('POST', '/api/v1/postings', draft({ employerId: ownId }), agencyQlz)).statusCode).toBe(404);
    expect((await t.send('PATCH', `/api/v1/postings/${second.id}`, { headcount: 7 }, agencyQlz)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/v1/postings/${second.id}/publish`, undefined, agencyQlz)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/v1/postings/${p.id}/close`, undefined, agencyQlz)).statusCode).toBe(404);
    expect(own((await t.get('/api/v1/postings?limit=200', agencyQlz)).json().items)).toEqual([]);
    expect((await t.get('/api/v1/employers?limit=200', agencyQlz)).json().items.map((x: { id: number }) => x.id)).not.toContain(ownId);
    const still = await t.get(`/api/v1/postings/${second.id}`, employerKm);
    expect(still.json()).toMatchObject({ status: 'draft', headcount: 3 });
    expect((await t.get(`/api/v1/postings/${p.id}`, employerKm)).json().status).toBe('published');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'posting').where('target_id', '=', String(p.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['market.posting.create', 'market.posting.update', 'market.posting.publish']);
  });
});
