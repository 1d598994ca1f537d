// A posting's public page (GET /m/jobs/{code}, docs/urls.md), rendered on the server: an open posting carries one
// JobPosting block whose place comes from the division tree (county, 云南省, CN) and whose dates
// carry +08:00; the same page after the valid-until day says it has expired and carries no markup
// (case 07/09 through the real route); drafts and unknown ids are 404s; nothing on it runs script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
const clock = new ManualClock('2025-03-10T02:00:00Z');
let employer: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { YUNQIAO_PUBLIC_BASE_URL: 'https://jobs.example.cn' } });
  employer = await t.login('employer-km');
});
afterAll(() => t.close());

const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string));

async function published(extra: object = {}) {
  const created = await t.send('POST', '/api/v1/postings', { title: `仓库理货员${unique()}`, address: '学府路 5 号', headcount: 2, salaryMin: 4500, salaryMax: 6000, salaryUnit: 'MONTH', salaryMonths: 13, experience: '1 年', description: '负责入库、出库与盘点。\n能适应倒班 <夜班>。', benefits: '包吃住、五险一金', employmentType: 'full_time', validUntil: '2025-03-31', ...extra }, employer);
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const pub = await t.send('POST', `/api/v1/postings/${id}/publish`, undefined, employer);
  expect(pub.statusCode, pub.body).toBe(200);
  const code = pub.json().code as string;
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  return { id, code };
}

describe('GET /m/jobs/{code}', () => {
  it('an open posting: HTML with one JobPosting block, the place from the division tree', async () => {
    const { id, code } = await published();
    const res = await t.get(`/m/jobs/${code}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const blocks = jsonLd(res.body);
    expect(blocks).toHaveLength(1);
    const m = blocks[0];
    expect(m).toMatchObject({
      '@type': 'JobPosting',
      datePosted: '2025-03-10T10:00:00+08:00',
      validThrough: '2025-03-31T23:59:59+08:00',
      hiringOrganization: { '@type': 'Organization', name: expect.any(String) },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: '五华区', addressRegion: '云南省', addressCountry: 'CN', streetAddress: '学府路 5 号' } },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'CNY', value: { '@type': 'QuantitativeValue', minValue: 4500, maxValue: 6000, unitText: 'MONTH' } },
      employmentType: 'FULL_TIME',
      identifier: { '@type': 'PropertyValue', name: '云桥', value: String(id) },
      url: `https://jobs.example.cn/m/jobs/${code}`,
      experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 12 },
    });
    expect(m.hiringOrganization.name.length).toBeGreaterThan(0);
    expect(m.description).toContain('能适应倒班 &lt;夜班&gt;。');
    expect(m.jobBenefits).toBe('包吃住、五险一金、13薪');
    expect(res.body).toContain('4500–6000元/月');
    expect(res.body).toContain(`<link rel="canonical" href="https://jobs.example.cn/m/jobs/${code}">`);
    // read leniently, as typed from a notice board: lower case, in groups, O for 0
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase().replace(/0/g, 'o');
    expect(jsonLd((await t.get(`/m/jobs/${encodeURIComponent(typed)}`)).body)[0]?.identifier?.value).toBe(String(id));
    // the public API names the page's code
    expect((await t.get(`/api/v1/public/postings/${id}`)).json().code).toBe(code);
    // an employer's open posting takes applications on the platform (decision 0036): directApply, and an apply button to the phone shell's apply page
    expect(m.directApply).toBe(true);
    expect(res.body).toContain(`href="https://jobs.example.cn/m/apply/${id}"`);
  });

  it('after its last day (Beijing time), the page says it has expired and carries no markup, before any job ran', async () => {
    const { code } = await published({ validUntil: '2025-03-12' });
    clock.set('2025-03-12T15:59:00Z'); // 23:59 Beijing, the last day: still open
    expect(jsonLd((await t.get(`/m/jobs/${code}`)).body)).toHaveLength(1);
    clock.set('2025-03-12T16:00:01Z'); // 00:00:01 the next day
    const res = await t.get(`/m/jobs/${code}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('该岗位已过有效期');
    expect(jsonLd(res.body)).toEqual([]);
    expect(res.body).not.toContain('validThrough');
    clock.set('2025-03-10T02:00:00Z');
  });

  it('a taken-down posting keeps its address, saying so with nothing of the posting (410); a draft, an unknown or a malformed code is a 404', async () => {
    const { id, code } = await published();
    const before = await t.get(`/m/jobs/${code}`);
    const { title } = (await t.get(`/api/v1/public/postings/${id}`)).json();
    for (const shown of [title, '负责入库', '包吃住', '学府路']) expect(before.body).toContain(shown);
    const prov = await t.login('prov');
    const down = await t.send('POST', `/api/v1/postings/${id}/take-down`, { reason: '虚假信息' }, prov);
    expect(down.statusCode, down.body).toBe(200);
    const page = await t.get(`/m/jobs/${code}`);
    // as the public API's 404: what it was taken down for may be in its text, so none of it is served
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('该岗位已下架');
    expect(jsonLd(page.body)).toEqual([]);
    for (const shown of [title, '负责入库', '包吃住', '学府路']) expect(page.body).not.toContain(shown);
    expect(page.body).not.toContain('/m/apply/');
    expect((await t.get(`/api/v1/public/postings/${id}`)).statusCode).toBe(404);
    const draft = await t.send('POST', '/api/v1/postings', { title: `草稿${unique()}`, validUntil: '2025-03-31' }, employer);
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await t.get(`/m/jobs/${draft.json().code}`)).statusCode).toBe(404);
    expect((await t.get('/m/jobs/ZZZZZZZZZZ')).statusCode).toBe(404);
    expect((await t.get('/m/jobs/abc')).statusCode).toBe(404);
  });

  it('every posting gets a code of its own, the imported ones too (the database draws it)', async () => {
    const rows = await t.deps.db.selectFrom('postings as p').innerJoin('posting_codes as c', (j) => j.onRef('c.owner_division', '=', 'p.division_code').onRef('c.posting_id', '=', 'p.id')).select(['p.public_code', 'c.code']).execute();
    const total = await t.deps.db.selectFrom('postings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(rows.length).toBe(Number(total.n));
    for (const r of rows) expect(r.code).toBe(r.public_code);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('a posting that draws a code already taken gets another drawn in its own statement, not a 500', async () => {
    const { code } = await published();
    const taken = await t.deps.db.selectFrom('postings').select(['division_code', 'employer_id', 'employer_name', 'created_at', 'updated_at']).where('public_code', '=', code).executeTakeFirstOrThrow();
    // the code given as if the database had drawn it again (1 in 2^50 by chance)
    const row = await t.deps.db
      .insertInto('postings')
      .values({ ...taken, public_code: code, title: `撞号${unique()}`, status: 'draft', created_by: null } as never)
      .returning(['id', 'public_code'])
      .executeTakeFirstOrThrow();
    expect(row.public_code).not.toBe(code);
    expect(row.public_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const claims = await t.deps.db.selectFrom('posting_codes').select(['code', 'posting_id']).where('code', 'in', [code, row.public_code]).orderBy('code').execute();
    expect(claims).toHaveLength(2);
    expect(claims.find((c) => c.code === row.public_code)?.posting_id).toBe(row.id);
    expect((await t.get(`/m/jobs/${code}`)).statusCode).toBe(200); // the first keeps its page
  });
});
