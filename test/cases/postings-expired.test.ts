// Case 07 (../shared/cases/postings-and-search/07-expired-postings.json, copied to
// test/fixtures/cases): at 23:30 Beijing time on 2025-03-31, with the process in UTC, before and
// after the expiry job: public reads show only the open postings (E1 valid until today, E5); an
// expired one (E2 yesterday, E6 noon today) reads as expired even before the job ran; a closed one
// reads as ended, a taken-down one is gone (its page 410 with nothing of it); "valid until
// 2025-03-31" is 23:59:59+08:00; the job expires each posting exactly once, and expiries reach the
// change feed with closes and take-downs; search, its facets, a title + company lookup and the
// company's listing count the open ones only; an ended posting takes no application, from a seeker
// or from an agency for one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketJobs } from '../../src/server/modules/market/jobs.ts';
import { expirePostingsContract } from '../../src/server/modules/market/schemas.ts';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAccount, creditCode, mobile, unique } from '../helpers/factories.ts';
import { jobOf, runJob } from '../helpers/jobs.ts';

type CasePosting = { key: string; divisionCode: string; validUntil: string; status: string; title: string; description: string; company: string; salaryMin: number; salaryMax: number };
const CASE = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/cases/postings-and-search/07-expired-postings.json'), 'utf8')) as { postings: CasePosting[] };

const previousTz = process.env.TZ;
process.env.TZ = 'UTC';

let t: TestApp;
const clock = new ManualClock('2025-03-20T02:00:00Z');
const tag = `翠湖${unique()}x${Date.now() % 100000}`;
const ids = new Map<string, number>();
/** Each posting's page code (/m/jobs/{code}), as its publication gave it. */
const codes = new Map<string, string>();
const PASSWORD = 'Test-password-2020';
/** A job seeker with a profile who authorised agency-wh to refer them. */
const applicant = { username: '', profileId: 0 };
const expire = jobOf(marketJobs, expirePostingsContract);
let c0 = '';

const as = (name: string) => t.login(name);

/** Every feed item after `after`, paging to the end. */
async function feedFrom(after: string) {
  const items: Array<{ postingId: number; kind: string; reason: string | null; position: number }> = [];
  let cursor = after;
  for (;;) {
    const res = await t.get(`/api/v1/feeds/postings?limit=500${cursor ? `&after=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    items.push(...page.items);
    if (!page.items.length) return { items, next: page.next as string };
    cursor = page.next;
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const prov = await as('prov');
  const employers = new Map<string, number>();
  for (const division of ['530102', '530103', '530402']) {
    const e = await t.send('POST', '/api/v1/employers', { creditCode: creditCode(division), name: `${CASE.postings[0]?.company}（${tag}）`, industryCode: '5211', divisionCode: division, address: '测试路 1 号', contactName: '联系人', contactPhone: mobile() }, prov);
    expect(e.statusCode, e.body).toBe(201);
    employers.set(division, e.json().id);
  }
  for (const p of CASE.postings) {
    const body = { employerId: employers.get(p.divisionCode), title: p.title, description: p.description, salaryMin: p.salaryMin, salaryMax: p.salaryMax, salaryUnit: 'MONTH', validUntil: p.validUntil };
    const res = await t.send('POST', '/api/v1/postings', body, prov);
    expect(res.statusCode, res.body).toBe(201);
    ids.set(p.key, res.json().id);
    const pub = await t.send('POST', `/api/v1/postings/${res.json().id}/publish`, undefined, prov);
    expect(pub.statusCode, pub.body).toBe(200);
    codes.set(p.key, pub.json().code);
  }
  applicant.username = await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD });
  const seekerCookie = await t.login(applicant.username, PASSWORD);
  const profile = await t.send('PUT', '/api/v1/seekers/me', { name: `求职者${unique()}`, residenceDivision: '530102', educationCode: '20', experienceYears: 2, skills: '收银', visibility: 'applied' }, seekerCookie);
  expect(profile.statusCode, profile.body).toBe(200);
  applicant.profileId = profile.json().id;
  const agencyId = (await t.get('/api/v1/me', await as('agency-wh'))).json().agencyId;
  expect((await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId }, seekerCookie)).statusCode).toBe(201);
  // the consumer last read on 2025-03-29
  clock.set('2025-03-29T04:00:00Z');
  c0 = (await feedFrom('')).next;
  // then, on 03-30, the employer closes E3 and an official takes E4 down
  clock.set('2025-03-30T04:00:00Z');
  const prov2 = await as('prov');
  for (const p of CASE.postings) {
    const id = ids.get(p.key) as number;
    if (p.status === 'closed') expect((await t.send('POST', `/api/v1/postings/${id}/close`, undefined, prov2)).statusCode).toBe(200);
    if (p.status === 'taken_down') expect((await t.send('POST', `/api/v1/postings/${id}/take-down`, { reason: '虚假信息' }, prov2)).statusCode).toBe(200);
  }
  clock.set('2025-03-31T15:30:00Z');
}, 60_000);
afterAll(async () => {
  process.env.TZ = previousTz;
  await t?.close();
});

const id = (key: string) => ids.get(key) as number;
/** The JSON-LD blocks of a page. */
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string));
const page = (key: string) => t.get(`/m/jobs/${codes.get(key)}`);
const apply = async (key: string) => t.send('POST', '/api/v1/applications', { postingId: id(key) }, await t.login(applicant.username, PASSWORD));
const refer = async (key: string) => t.send('POST', '/api/v1/applications/referrals', { postingId: id(key), seekerId: applicant.profileId }, await as('agency-wh'));
const idsOf = (items: Array<{ id: number }>) => items.map((x) => x.id).sort((a, b) => a - b);
const keysOf = (...keys: string[]) => keys.map(id).sort((a, b) => a - b);

function publicChecks(when: string) {
  it(`${when}: the public list shows E1 and E5 only; 5301 shows E1 only`, async () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    const all = (await t.get(`/api/v1/public/postings?q=${encodeURIComponent(tag)}`)).json().items;
    expect(idsOf(all)).toEqual(keysOf('E1', 'E5'));
    const km = (await t.get(`/api/v1/public/postings?q=${encodeURIComponent(tag)}&county=5301`)).json().items;
    expect(idsOf(km)).toEqual(keysOf('E1'));
    expect(all.every((x: { open: boolean; status: string }) => x.open && x.status === 'published')).toBe(true);
  });

  it(`${when}: search finds E1 and E5 only, and its facets count them alone: 530100 1, 530400 1 (decision 0043)`, async () => {
    // a page of 2, which the two open ones fill: a larger page would fall back to any word (收银员 alone)
    const q = encodeURIComponent(`收银员 ${tag}`);
    const page = (await t.get(`/api/v1/postings/search?q=${q}&limit=2`)).json();
    expect(idsOf(page.items)).toEqual(keysOf('E1', 'E5'));
    expect(page.next).toBeNull();
    const facets = (await t.get(`/api/v1/postings/search/facets?q=${q}&limit=2`)).json();
    expect(facets).toMatchObject({ total: 2, approximate: false, match: 'all' });
    expect(facets.prefectures).toEqual([
      { code: '530100', name: '昆明市', count: 1 },
      { code: '530400', name: '玉溪市', count: 1 },
    ]);
    expect(facets.salaryBands).toEqual([{ unit: 'MONTH', band: { min: 3000, max: 5000 }, count: 2 }]);
  });

  it(`${when}: E1 is open until 2025-03-31T23:59:59+08:00, not midnight UTC`, async () => {
    const e1 = (await t.get(`/api/v1/public/postings/${id('E1')}`)).json();
    expect(e1).toMatchObject({ status: 'published', open: true, validThrough: '2025-03-31T23:59:59+08:00' });
  });

  it(`${when}: E2 and E6 open by direct link read as expired (200, not open), E3 as closed, E4 is 404`, async () => {
    const e2 = await t.get(`/api/v1/public/postings/${id('E2')}`);
    expect(e2.statusCode).toBe(200);
    expect(e2.json()).toMatchObject({ status: 'expired', open: false, validThrough: '2025-03-30T23:59:59+08:00' });
    expect((await t.get(`/api/v1/public/postings/${id('E6')}`)).json()).toMatchObject({ status: 'expired', open: false, validThrough: '2025-03-31T12:00:00+08:00' });
    expect((await t.get(`/api/v1/public/postings/${id('E3')}`)).json()).toMatchObject({ status: 'closed', open: false });
    const e4 = await t.get(`/api/v1/public/postings/${id('E4')}`);
    expect(e4.statusCode).toBe(404);
    expect(e4.body).not.toContain('收银');
  });

  it(`${when}: a title + company lookup lists the open ones only (E1, E5: their text is the same), never E2, E3, E4 or E6; so does the company's listing`, async () => {
    const company = `${CASE.postings[0]?.company}（${tag}）`;
    // a page of 2, which the two open ones fill, and no next page: the whole list
    const lookup = (await t.get(`/api/v1/postings/search?q=${encodeURIComponent(`收银员 ${company}`)}&limit=2`)).json();
    expect(idsOf(lookup.items)).toEqual(keysOf('E1', 'E5'));
    expect(lookup.next).toBeNull();
    const listing = (await t.get(`/api/v1/public/postings?q=${encodeURIComponent(company)}`)).json();
    expect(idsOf(listing.items)).toEqual(keysOf('E1', 'E5'));
    expect(listing.next ?? null).toBeNull();
  });

  it(`${when}: the pages by direct link — E1 open until 23:59:59+08:00 with its apply link; E2 and E6 200 saying expired, no application, no markup; E3 closed; E4 410 with nothing of it`, async () => {
    const e1 = await page('E1');
    expect(e1.statusCode).toBe(200);
    expect(jsonLd(e1.body).map((m) => m.validThrough)).toEqual(['2025-03-31T23:59:59+08:00']);
    expect(e1.body).toContain(`/m/apply/${id('E1')}`);
    for (const key of ['E2', 'E6']) {
      const res = await page(key);
      expect(res.statusCode, key).toBe(200);
      expect(res.body, key).toContain('该岗位已过有效期');
      expect(res.body, key).toContain('data-status="expired"');
      expect(res.body, key).not.toContain('/m/apply/');
      expect(jsonLd(res.body), key).toEqual([]);
      expect(res.body, key).not.toContain('validThrough');
    }
    const e3 = await page('E3');
    expect(e3.statusCode).toBe(200);
    expect(e3.body).toContain('data-status="closed"');
    expect(e3.body).not.toContain('/m/apply/');
    const e4 = await page('E4');
    expect(e4.statusCode).toBe(410);
    expect(e4.body).toContain('该岗位已下架');
    expect(e4.body).not.toContain('收银');
    expect(e4.body).not.toContain(tag);
  });

  it(`${when}: applying to E2 or E6 (or the closed E3) is refused (409 with a message), by the seeker and by an agency for them`, async () => {
    for (const key of ['E2', 'E6', 'E3']) {
      for (const [who, res] of [['seeker', await apply(key)], ['agency', await refer(key)]] as const) {
        expect(res.statusCode, `${who} ${key}: ${res.body}`).toBe(409);
        expect(res.json().error, `${who} ${key}`).toEqual({ code: 'posting_not_accepting', message: '该职位当前不接受网上申请' });
      }
    }
    // the taken-down one is no public posting at all: 400 naming it
    for (const res of [await apply('E4'), await refer('E4')]) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['postingId']);
    }
    const none = await t.deps.db.selectFrom('applications').select('id').where('posting_id', 'in', ['E2', 'E3', 'E4', 'E6'].map(id)).execute();
    expect(none).toEqual([]);
  });

  it(`${when}: the province's list of postings marks E2 and E6 expired, E1 and E5 open`, async () => {
    const prov = await as('prov');
    const items = (await t.get(`/api/v1/postings?q=${encodeURIComponent(tag)}&limit=50`, prov)).json().items as Array<{ id: number; status: string }>;
    const status = Object.fromEntries(CASE.postings.map((p) => [p.key, items.find((x) => x.id === id(p.key))?.status]));
    expect(status).toEqual({ E1: 'published', E2: 'expired', E3: 'closed', E4: 'taken_down', E5: 'published', E6: 'expired' });
  });
}

describe('case 07 at 23:30 Beijing time, the process in UTC', () => {
  publicChecks('before the expiry job');

  it('the job expires E2 and E6 only, each once; a second run changes nothing', async () => {
    await runJob(t.deps, expire, {});
    const rows = await t.deps.db.selectFrom('postings').select(['id', 'status']).where('id', 'in', [...ids.values()]).execute();
    const status = Object.fromEntries(CASE.postings.map((p) => [p.key, rows.find((r) => r.id === id(p.key))?.status]));
    expect(status).toEqual({ E1: 'published', E2: 'expired', E3: 'closed', E4: 'taken_down', E5: 'published', E6: 'expired' });
    await runJob(t.deps, expire, {});
    const expiries = await t.deps.db.selectFrom('posting_changes').select('posting_id').where('reason', '=', 'expired').where('posting_id', 'in', [...ids.values()]).execute();
    expect(expiries.map((r) => r.posting_id).sort((a, b) => a - b)).toEqual(keysOf('E2', 'E6'));
  });

  publicChecks('after the expiry job');

  it('E1 and E5 take applications meanwhile: the seeker applies to E1, the agency refers them to E5', async () => {
    const own = await apply('E1');
    expect(own.statusCode, own.body).toBe(201);
    const referred = await refer('E5');
    expect(referred.statusCode, referred.body).toBe(201);
  });

  it('at 00:05 on 04-01 E1 has expired too; a consumer that last read on 03-29 gets one removal each for E2, E6, E1, E3 (closed), E4 (taken down)', async () => {
    clock.set('2025-03-31T16:05:00Z');
    expect((await t.get(`/api/v1/public/postings/${id('E1')}`)).json()).toMatchObject({ status: 'expired', open: false });
    await runJob(t.deps, expire, {});
    const { items } = await feedFrom(c0);
    const ours = items.filter((x) => [...ids.values()].includes(x.postingId));
    const removals = Object.fromEntries(ours.map((x) => [CASE.postings.find((p) => id(p.key) === x.postingId)?.key, `${x.kind}:${x.reason}`]));
    expect(ours).toHaveLength(5);
    expect(removals).toEqual({ E1: 'removed:expired', E2: 'removed:expired', E3: 'removed:closed', E4: 'removed:taken_down', E6: 'removed:expired' });
  });
});
