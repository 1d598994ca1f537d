// Moderation and reports (issue 9; decision 0037): a report from anyone opens a case at the desk of
// the posting's county (a second report joins it), officials of that reach list and close it
// (dismiss, or take down through the posting's one take-down path: the owner told once, a feed
// removal, every open case closed); a posting the screener flags waits in its county's queue and is
// released or taken down there; postings placed outside the province are the province's to see
// and take down, and no prefecture's or county's. Crafted input: 400 naming the field, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { unique } from '../../../../test/helpers/factories.ts';
import { importPostingRows } from '../../../../test/helpers/postings.ts';
import type { Actor } from '../../actor.ts';
import { ManualClock } from '../../platform/clock.ts';
import { readUpload } from '../../platform/sheets/read.ts';
import { moderatesOutside, type Screener } from './access.ts';
import { REPORT_TEXT_MAX } from './schemas.ts';
import * as market from './service.ts';

let t: TestApp;
const clock = new ManualClock('2025-03-10T02:00:00Z');
const CTX = { requestId: 'moderation-test', ip: '127.0.0.1', locale: 'zh-CN' as const };
let employerKm: string;
let prov: string;
let km: string;
let wh: string;
let pl: string;
let ownId: number;

beforeAll(async () => {
  t = await createTestApp({ clock });
  [employerKm, prov, km, wh, pl] = await Promise.all([t.login('employer-km'), t.login('prov'), t.login('km'), t.login('wh'), t.login('pl')]);
  ownId = (await t.get('/api/v1/me', employerKm)).json().employerId;
});
afterAll(() => t.close());

const actorOf = async (cookie: string) => (await t.deps.hooks.resolveSession(cookie.replace(/^yq_sid=/, ''))) as Actor;

async function published(title = `普工${unique()}`, description = '包吃住，长白班。') {
  const res = await t.send('POST', '/api/v1/postings', { title, description, validUntil: '2025-04-30' }, employerKm);
  expect(res.statusCode, res.body).toBe(201);
  const p = res.json();
  const pub = await t.send('POST', `/api/v1/postings/${p.id}/publish`, undefined, employerKm);
  expect(pub.statusCode, pub.body).toBe(200);
  return pub.json() as { id: number; code: string; divisionCode: string };
}

const report = (body: object) => t.send('POST', '/api/v1/public/posting-reports', body);
const counts = async () => ({
  reports: Number((await t.deps.db.selectFrom('posting_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  cases: Number((await t.deps.db.selectFrom('moderation_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});
const casesOf = async (postingId: number) => t.deps.db.selectFrom('moderation_cases').select(['id', 'origin', 'status', 'report_count', 'division_code']).where('posting_id', '=', postingId).orderBy('id').execute();
const auditOf = async (action: string, targetId: number) => t.deps.db.selectFrom('audit_log').select(['action', 'detail', 'division_code']).where('action', '=', action).where('target_id', '=', String(targetId)).execute();

describe('reports from anyone', () => {
  it('a report opens a case at the desk of the posting\'s county; a second joins it; the phone is masked; no sign-in needed', async () => {
    const p = await published();
    const first = await report({ code: p.code.toLowerCase(), category: 'fee_charged', text: '面试要先交 300 元服装费', contactPhone: '13912345603' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ received: true, reference: expect.any(Number) });
    const second = await report({ code: p.code, category: 'discrimination', text: '电话里说只要男的' });
    expect(second.statusCode, second.body).toBe(201);
    const cases = await casesOf(p.id);
    expect(cases).toEqual([{ id: expect.any(Number), origin: 'report', status: 'open', report_count: 2, division_code: '530102' }]);
    const caseId = cases[0]?.id as number;

    const list = await t.get('/api/v1/moderation/cases?origin=report&status=open', wh);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(caseId);
    const detail = (await t.get(`/api/v1/moderation/cases/${caseId}`, wh)).json();
    expect(detail.posting).toMatchObject({ id: p.id, code: p.code, status: 'published', imported: false });
    expect(detail.reports.map((r: { category: string; contactPhone: string | null }) => [r.category, r.contactPhone])).toEqual([
      ['fee_charged', '139****5603'],
      ['discrimination', null],
    ]);
    // the prefecture above sees it; the neighbouring county does not (404 as a missing id)
    expect((await t.get(`/api/v1/moderation/cases/${caseId}`, km)).statusCode).toBe(200);
    expect((await t.get(`/api/v1/moderation/cases/${caseId}`, pl)).statusCode).toBe(404);
    expect((await t.get('/api/v1/moderation/cases?origin=report', pl)).json().items.map((c: { id: number }) => c.id)).not.toContain(caseId);
    // non-officials may not open the desk
    expect((await t.get('/api/v1/moderation/cases', employerKm)).statusCode).toBe(403);
    // audited without the reporter's text or phone
    const audit = await auditOf('market.posting.report', p.id);
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('13912345603');
    expect(JSON.stringify(audit)).not.toContain('服装费');
  });

  it('crafted input: 400 naming the field, nothing written; a posting that is not open: 404', async () => {
    const p = await published();
    const before = await counts();
    const cases: Array<[object, string]> = [
      [{ code: p.code, text: '没有类型' }, 'category'],
      [{ code: p.code, category: 'spam', text: 'x' }, 'category'],
      [{ code: p.code, category: 'other', text: '' }, 'text'],
      [{ code: p.code, category: 'other', text: 'x'.repeat(1001) }, 'text'],
      [{ code: p.code, category: 'other', text: '电话', contactPhone: '12345' }, 'contactPhone'],
      [{ code: 'not-a-code!', category: 'other', text: 'x' }, 'code'],
      [{ code: p.code, category: 'other', text: 'x', name: '张三' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await report(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field), JSON.stringify(body)).toContain(field);
    }
    const draft = (await t.send('POST', '/api/v1/postings', { title: `草稿${unique()}` }, employerKm)).json();
    expect((await report({ code: draft.code, category: 'other', text: '草稿' })).statusCode).toBe(404);
    expect((await report({ code: '0000000000', category: 'other', text: '无此职位' })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('closing a case', () => {
  it('dismiss: the case closes, the posting stays; a second decision is 409; release does not fit a report (400 outcome)', async () => {
    const p = await published();
    await report({ code: p.code, category: 'false_information', text: '工资写高了' });
    const [c] = await casesOf(p.id);
    const id = c?.id as number;
    const wrong = await t.send('POST', `/api/v1/moderation/cases/${id}/decision`, { outcome: 'release' }, wh);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('outcome');
    expect((await t.send('POST', `/api/v1/moderation/cases/${id}/decision`, { outcome: 'dismiss' }, pl)).statusCode).toBe(404);
    const ok = await t.send('POST', `/api/v1/moderation/cases/${id}/decision`, { outcome: 'dismiss', reason: '核实无误' }, wh);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'dismissed', reason: '核实无误', posting: { status: 'published' } });
    expect((await t.send('POST', `/api/v1/moderation/cases/${id}/decision`, { outcome: 'take_down', reason: '再议' }, wh)).statusCode).toBe(409);
    expect(await auditOf('market.moderation.decide', id)).toEqual([expect.objectContaining({ division_code: '530102', detail: expect.objectContaining({ outcome: 'dismiss' }) })]);
    // a later report opens a new case
    await report({ code: p.code, category: 'other', text: '又发现问题' });
    expect((await casesOf(p.id)).map((x) => x.status)).toEqual(['dismissed', 'open']);
  });

  it('take down: a reason is needed; through the one take-down path — owner told once, feed removal, every open case closed', async () => {
    const p = await published();
    await report({ code: p.code, category: 'fee_charged', text: '收押金' });
    const [c] = await casesOf(p.id);
    const id = c?.id as number;
    const noReason = await t.send('POST', `/api/v1/moderation/cases/${id}/decision`, { outcome: 'take_down' }, wh);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('reason');
    expect((await casesOf(p.id))[0]?.status).toBe('open');
    const down = await t.send('POST', `/api/v1/moderation/cases/${id}/decision`, { outcome: 'take_down', reason: '收取求职者费用' }, wh);
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ status: 'taken_down', reason: '收取求职者费用', posting: { status: 'taken_down' } });
    const posting = (await t.get(`/api/v1/postings/${p.id}`, wh)).json();
    expect(posting).toMatchObject({ status: 'taken_down', takedownReason: '收取求职者费用' });
    const told = await t.deps.db.selectFrom('outbox').select(['recipient', 'payload']).where('template', '=', 'market_posting_taken_down').execute();
    expect(told.filter((m) => (m.payload as { postingId: number }).postingId === p.id)).toEqual([{ recipient: `employer:530102:${ownId}`, payload: expect.objectContaining({ reason: '收取求职者费用' }) }]);
    const removed = await t.deps.db.selectFrom('posting_changes').select(['kind', 'reason']).where('posting_id', '=', p.id).where('kind', '=', 'removed').execute();
    expect(removed).toEqual([{ kind: 'removed', reason: 'taken_down' }]);
    expect(await auditOf('market.posting.take_down', p.id)).toHaveLength(1);
    // a taken-down posting can no longer be reported
    expect((await report({ code: p.code, category: 'other', text: 'x' })).statusCode).toBe(404);
  });

  it('a take-down straight from the posting closes its open report case too', async () => {
    const p = await published();
    await report({ code: p.code, category: 'discrimination', text: '限本地户籍' });
    const down = await t.send('POST', `/api/v1/postings/${p.id}/take-down`, { reason: '户籍限制' }, wh);
    expect(down.statusCode, down.body).toBe(200);
    expect((await casesOf(p.id)).map((c) => [c.status])).toEqual([['taken_down']]);
  });
});

describe('the screener\'s queue', () => {
  const flags: Screener = (text) => ((text.title ?? '').includes('限男') ? { verdict: 'review', hits: [{ rule: 'sex', text: '限男' }] } : { verdict: 'pass', hits: [] });

  it('a flagged posting is held back (screened, not public) in its county\'s queue; release publishes it', async () => {
    const draft = (await t.send('POST', '/api/v1/postings', { title: `保安限男${unique()}`, validUntil: '2025-04-30' }, employerKm)).json();
    const held = await market.publishPosting(t.deps, await actorOf(employerKm), draft.id, CTX, flags);
    expect(held.status).toBe('screened');
    expect((await t.get(`/api/v1/public/postings/${draft.id}`)).statusCode).toBe(404);
    const [c] = await casesOf(draft.id);
    expect(c).toMatchObject({ origin: 'screener', status: 'open', division_code: '530102' });
    const queue = (await t.get('/api/v1/moderation/cases?origin=screener&status=open', wh)).json();
    expect(queue.items.find((x: { id: number }) => x.id === c?.id)).toMatchObject({ hits: [{ rule: 'sex', text: '限男' }], posting: { status: 'screened' } });
    expect((await t.send('POST', `/api/v1/moderation/cases/${c?.id}/decision`, { outcome: 'dismiss' }, wh)).statusCode).toBe(400);
    const released = await t.send('POST', `/api/v1/moderation/cases/${c?.id}/decision`, { outcome: 'release', reason: '系误报' }, wh);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', posting: { status: 'published' } });
    expect((await t.get(`/api/v1/public/postings/${draft.id}`)).statusCode).toBe(200);
    const created = await t.deps.db.selectFrom('posting_changes').select('kind').where('posting_id', '=', draft.id).execute();
    expect(created).toEqual([{ kind: 'created' }]);
  });

  it('an edit of a public posting that draws hits opens a case; the posting stays public; release closes the case only', async () => {
    const p = await published();
    await market.updatePosting(t.deps, await actorOf(employerKm), p.id, { title: `保安限男${unique()}` }, CTX, flags);
    const [c] = await casesOf(p.id);
    expect(c).toMatchObject({ origin: 'screener', status: 'open' });
    expect((await t.get(`/api/v1/public/postings/${p.id}`)).statusCode).toBe(200);
    const released = await t.send('POST', `/api/v1/moderation/cases/${c?.id}/decision`, { outcome: 'release' }, wh);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', posting: { status: 'published' } });
    const kinds = await t.deps.db.selectFrom('posting_changes').select('kind').where('posting_id', '=', p.id).orderBy('id').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'updated']);
  });

  it('the screener (issue 11): a block is refused with its hits and changes nothing; a review waits in the queue with its spans', async () => {
    const draft = (await t.send('POST', '/api/v1/postings', { title: `保安${unique()}`, description: '限男性，身高170cm以上。', validUntil: '2025-04-30' }, employerKm)).json();
    const refused = await t.send('POST', `/api/v1/postings/${draft.id}/publish`, undefined, employerKm);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'posting_blocked', details: [{ field: 'description' }] });
    expect(refused.json().error.details[0].message).toContain('限男性');
    expect((await t.get(`/api/v1/postings/${draft.id}`, employerKm)).json().status).toBe('draft');
    expect(await casesOf(draft.id)).toEqual([]);

    // an age limit: published only through the queue, the hit's span into the stored description
    const aged = (await t.send('POST', '/api/v1/postings', { title: `收银员${unique()}`, description: '  年龄35岁以下，有经验优先。', validUntil: '2025-04-30' }, employerKm)).json();
    const held = await t.send('POST', `/api/v1/postings/${aged.id}/publish`, undefined, employerKm);
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('screened');
    const queue = (await t.get('/api/v1/moderation/cases?origin=screener&status=open', wh)).json();
    const c = queue.items.find((x: { posting: { id: number } }) => x.posting.id === aged.id);
    expect(c.hits).toMatchObject([{ category: 'age', verdict: 'review', field: 'description', text: '年龄35岁以下' }]);
    const stored = (await t.get(`/api/v1/postings/${aged.id}`, employerKm)).json().description as string;
    expect(stored.slice(c.hits[0].start, c.hits[0].end)).toBe('年龄35岁以下');

    // a lawful posting publishes at once; an edit of it that blocks is refused, the text unchanged
    const p = await published(`收银员${unique()}`, '男女不限，18周岁以上。');
    expect(await casesOf(p.id)).toEqual([]);
    const edit = await t.send('PATCH', `/api/v1/postings/${p.id}`, { description: '湖北人已满，请勿报名。' }, employerKm);
    expect(edit.statusCode, edit.body).toBe(422);
    expect((await t.get(`/api/v1/postings/${p.id}`, employerKm)).json()).toMatchObject({ status: 'published', description: '男女不限，18周岁以上。' });
  });

  it('every text field is screened: a benefit or a contact line blocks as the description does; a held posting edited is screened again, its case showing the text as it is now', async () => {
    const draft = (await t.send('POST', '/api/v1/postings', { title: `搬运工${unique()}`, description: '负责搬运。', benefits: '入职交押金500元', contact: '王先生（湖北人勿扰）', validUntil: '2025-04-30' }, employerKm)).json();
    const refused = await t.send('POST', `/api/v1/postings/${draft.id}/publish`, undefined, employerKm);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message.split('：')[0]])).toEqual([
      ['benefits', '福利待遇'],
      ['contact', '联系方式'],
    ]);
    const p = await published(`收银员${unique()}`, '男女不限。');
    expect((await t.send('PATCH', `/api/v1/postings/${p.id}`, { education: '限男性' }, employerKm)).statusCode).toBe(422);

    const aged = (await t.send('POST', '/api/v1/postings', { title: `理货员${unique()}`, description: '年龄18-35岁，能适应倒班。', validUntil: '2025-04-30' }, employerKm)).json();
    expect((await t.send('POST', `/api/v1/postings/${aged.id}/publish`, undefined, employerKm)).json().status).toBe('screened');
    // held: an edit that blocks is refused; one that asks for review again replaces the case's hits
    const worse = await t.send('PATCH', `/api/v1/postings/${aged.id}`, { description: '年龄18-35岁。限男性。' }, employerKm);
    expect(worse.statusCode, worse.body).toBe(422);
    expect(worse.json().error.message).not.toContain('发布');
    // the details are the phrases that block; the age limit (review) is not among them
    expect(worse.json().error.details.map((d: { message: string }) => d.message.includes('限男性'))).toEqual([true]);
    const edited = await t.send('PATCH', `/api/v1/postings/${aged.id}`, { description: '年龄18-40岁，已婚已育优先。' }, employerKm);
    expect(edited.statusCode, edited.body).toBe(200);
    const [c] = (await casesOf(aged.id)).filter((x) => x.status === 'open');
    const hits = (await t.deps.db.selectFrom('moderation_cases').select('hits').where('id', '=', c?.id as number).executeTakeFirstOrThrow()).hits as Array<{ category: string; text: string }>;
    expect(hits.map((h) => [h.category, h.text])).toEqual([
      ['age', '年龄18-40岁'],
      ['marital_or_childbearing', '已婚已育优先'],
    ]);
  });

  it('false information: a salary far above what like postings of the prefecture pay, held for review with a hit without a span', async () => {
    const platform = `PAY${unique()}`;
    await importPostingRows(t, platform, Array.from({ length: 40 }, (_, i) => ({ id: `P${i}`, title: '普工', company: `昆明测试工厂${i}有限公司`, description: '长白班，包吃住。', min: 4000 + 10 * i, max: 6000 + 10 * i })));
    // a bare number in the file has no unit (case 01): these rows say 元/月, as a form's would
    await t.deps.db.updateTable('postings').set({ salary_unit: 'MONTH' }).where('source_platform', '=', platform).execute();
    const sample = await t.deps.db.selectFrom('postings').select(['occupation_code']).where('source_platform', '=', platform).executeTakeFirstOrThrow();
    expect(sample.occupation_code, 'the import reads an occupation from the title 普工').toBeTruthy();
    const draft = (await t.send('POST', '/api/v1/postings', { title: `普工${unique()}`, description: '长白班。', occupationCode: sample.occupation_code, salaryMin: 50000, salaryMax: 80000, salaryUnit: 'MONTH', validUntil: '2025-04-30' }, employerKm)).json();
    const held = await t.send('POST', `/api/v1/postings/${draft.id}/publish`, undefined, employerKm);
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('screened');
    const queue = (await t.get('/api/v1/moderation/cases?origin=screener&status=open', wh)).json();
    const c = queue.items.find((x: { posting: { id: number } }) => x.posting.id === draft.id);
    expect(c.hits).toMatchObject([{ category: 'salary_outlier', verdict: 'review', field: null, start: null, end: null }]);
    // the same pay in range publishes at once
    const fair = (await t.send('POST', '/api/v1/postings', { title: `普工${unique()}`, description: '长白班。', occupationCode: sample.occupation_code, salaryMin: 5000, salaryMax: 7000, salaryUnit: 'MONTH', validUntil: '2025-04-30' }, employerKm)).json();
    expect((await t.send('POST', `/api/v1/postings/${fair.id}/publish`, undefined, employerKm)).json().status).toBe('published');
  });

  it('the form\'s live check: the cleaned texts and the hits into them; a seeker is refused', async () => {
    const r = await t.send('POST', '/api/v1/postings/screen', { title: '普工', description: '<p>限 男 性</p>，押金２００元' }, employerKm);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.verdict).toBe('block');
    for (const h of body.hits) expect(body.description.slice(h.start, h.end)).toBe(h.text);
    expect(body.hits.map((h: { category: string }) => h.category)).toEqual(['sex', 'fee']);
    expect((await t.send('POST', '/api/v1/postings/screen', { description: 'a\u0000b' }, employerKm)).statusCode).toBe(400);
    // every text field, the title still empty as the form first sends it
    const all = (await t.send('POST', '/api/v1/postings/screen', { title: '', description: '', address: '', education: '', skillGrade: '', experience: '', benefits: '押金300元', contact: '' }, employerKm)).json();
    expect(all.hits.map((h: { field: string; category: string }) => [h.field, h.category])).toEqual([['benefits', 'fee']]);
  });
});

describe('postings outside the province are the province\'s', () => {
  it('the province sees, is reported to and takes down a posting placed outside Yunnan; no prefecture or county does', async () => {
    const platform = `OUT${unique()}`;
    const file = await readUpload({
      format: 'csv',
      data: Buffer.from(`职位自编号,发布平台,职位,公司,地区,职位描述,最低薪资,最高薪资\r\nO1,${platform},仓管员,北京测试物流有限公司,北京·朝阳区,负责仓库。,5000,6000\r\n`),
      spec: market.POSTINGS_SPEC,
    });
    if (!file.ok) throw new Error(file.refused);
    await market.importPostings(t.deps, null, file, CTX, { batch: 10 });
    const row = await t.deps.db.selectFrom('postings').select(['id', 'division_code', 'public_code']).where('source_platform', '=', platform).executeTakeFirstOrThrow();
    expect(row.division_code.startsWith('53')).toBe(false);

    expect((await t.get(`/api/v1/postings/${row.id}`, prov)).statusCode).toBe(200);
    for (const c of [km, wh]) expect((await t.get(`/api/v1/postings/${row.id}`, c)).statusCode).toBe(404);
    expect((await t.get(`/api/v1/postings?q=${encodeURIComponent('北京测试物流')}`, prov)).json().items.map((x: { id: number }) => x.id)).toContain(row.id);

    expect((await report({ code: row.public_code, category: 'false_information', text: '地址是假的' })).statusCode).toBe(201);
    const [c] = await casesOf(row.id);
    expect(c?.division_code).toBe(row.division_code);
    expect((await t.get('/api/v1/moderation/cases?origin=report', prov)).json().items.map((x: { id: number }) => x.id)).toContain(c?.id);
    expect((await t.get(`/api/v1/moderation/cases/${c?.id}`, km)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/v1/postings/${row.id}/take-down`, { reason: 'x' }, km)).statusCode).toBe(404);

    const down = await t.send('POST', `/api/v1/postings/${row.id}/take-down`, { reason: '虚假招聘' }, prov);
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json().status).toBe('taken_down');
    expect((await casesOf(row.id)).map((x) => x.status)).toEqual(['taken_down']);
    // the province may read it but not rewrite it: writing stays with the scope
    expect((await t.send('PATCH', `/api/v1/postings/${row.id}`, { title: '改' }, prov)).statusCode).toBe(404);
  });

  it('only the province\'s own officials hold the rule', async () => {
    const province = await actorOf(prov);
    expect(moderatesOutside(province, '530000')).toBe('53');
    expect(moderatesOutside(province, '520000')).toBeNull();
    expect(moderatesOutside(await actorOf(km), '530000')).toBeNull();
    expect(moderatesOutside(await actorOf(wh), '530000')).toBeNull();
    expect(moderatesOutside(await actorOf(employerKm), '530000')).toBeNull();
  });
});

describe('the report form under a job page (/m/jobs/{code}/report)', () => {
  const form = (code: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/m/jobs/${code}/report`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

  it('an open job page links to it and keeps its one JobPosting block; an ended one has no link', async () => {
    const p = await published();
    const page = (await t.get(`/m/jobs/${p.code}`)).body;
    expect(page).toContain(`href="/m/jobs/${p.code}/report"`);
    expect([...page.matchAll(/<script type="application\/ld\+json">/g)]).toHaveLength(1);
    expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/);
    await t.send('POST', `/api/v1/postings/${p.id}/close`, undefined, employerKm);
    const closed = (await t.get(`/m/jobs/${p.code}`)).body;
    expect(closed).not.toContain('/report"');
    expect((await t.get(`/m/jobs/${p.code}/report`)).body).not.toContain('<form');
  });

  it('a plain form post files a report (no sign-in, no script); a refused one names the field, keeps the text escaped and writes nothing', async () => {
    const p = await published();
    const get = await t.get(`/m/jobs/${p.code}/report`);
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain(`<form method="post" action="/m/jobs/${p.code}/report">`);
    expect(get.body).not.toContain('<script');

    const before = await counts();
    const bad = await form(p.code, { category: 'fee_charged', text: '</textarea><script>alert(1)</script>', contactPhone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('联系电话');
    expect(bad.body).not.toContain('<script>alert(1)');
    expect(bad.body).toContain('&lt;/textarea&gt;&lt;script&gt;');
    const empty = await form(p.code, { category: 'nonsense', text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/举报类型.*举报内容|举报内容.*举报类型/);
    expect(await counts()).toEqual(before);

    // one limit, REPORT_TEXT_MAX: the form's maxlength, the page's refusal (naming it) and the API's
    expect(REPORT_TEXT_MAX).toBe(1000);
    expect(get.body).toContain(`maxlength="${REPORT_TEXT_MAX}"`);
    const long = await form(p.code, { category: 'fee_charged', text: '收'.repeat(REPORT_TEXT_MAX + 1) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain(`请检查：举报内容（最多 ${REPORT_TEXT_MAX} 个字）`);
    const api = await report({ code: p.code, category: 'fee_charged', text: '收'.repeat(REPORT_TEXT_MAX + 1) });
    expect(api.json().error.details).toEqual([{ field: 'text', message: `举报内容：最多 ${REPORT_TEXT_MAX} 个字` }]);
    expect(await counts()).toEqual(before);

    const ok = await form(p.code, { category: 'fee_charged', text: '要交 200 元体检费', contactPhone: '139 1234 5603' });
    expect(ok.statusCode, ok.body).toBe(201);
    const reference = Number(/data-reference="(\d+)"/.exec(ok.body)?.[1]);
    const row = await t.deps.db.selectFrom('posting_reports').select(['category', 'body', 'contact_phone', 'posting_id']).where('id', '=', reference).executeTakeFirstOrThrow();
    expect(row).toEqual({ category: 'fee_charged', body: '要交 200 元体检费', contact_phone: '13912345603', posting_id: p.id });
    // the longest text a report takes, in the widest characters, fits the form's body and is filed
    expect((await form(p.code, { category: 'other', text: '𠀀'.repeat(REPORT_TEXT_MAX) })).statusCode).toBe(201);
  });
});

describe('reports are rate-limited like every anonymous write', () => {
  it('the API and the page\'s form answer 429 past the per-address count', async () => {
    const limited = await createTestApp({ clock, env: { YUNQIAO_LIMITS: 'default', YUNQIAO_ANONYMOUS_WRITES_PER_ADDRESS: '3' } });
    try {
      const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
      const api = () => limited.app.inject({ method: 'POST', url: '/api/v1/public/posting-reports', remoteAddress: ip, headers: { 'x-requested-with': 't', 'content-type': 'application/json' }, payload: '{}' });
      for (let i = 0; i < 3; i++) expect((await api()).statusCode).toBe(400);
      expect((await api()).statusCode).toBe(429);
      const page = () => limited.app.inject({ method: 'POST', url: '/m/jobs/0000000000/report', remoteAddress: `${ip}1`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=x' });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await page()).statusCode);
      expect(answers[3]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
