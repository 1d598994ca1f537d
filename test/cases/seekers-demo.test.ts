// The demo's job seekers (issue 9; src/server/seed/seekers-demo.ts): 王大山 (`seeker`) and 李思雨
// (`graduate`) are registered, 王大山 authorised agency-wh, applied to 防护服缝纫工 (shortlisted) and
// was referred by agency-wh to 口罩机操作工, to which 李思雨 applied. Checked through the API as each
// person sees it. Other files of this worker change the demo people (the access matrix rewrites
// their profiles and withdraws their applications), so this file reads a clone of the seeded template.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEKER_DEMO_POSTINGS, seedSeekersDemo } from '../../src/server/seed/seekers-demo.ts';
import { currentNoticeVersion } from '../../src/server/modules/seekers/service.ts';
import { DEMO_PHONES } from '../../src/server/seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { cloneTemplate } from '../helpers/db.ts';

const V1 = '/api/v1';
const AGENCY = '昆明五华人力资源服务有限公司';
const EMPLOYER = '昆明康泰医用防护用品有限公司';

type Own = { id: number; postingTitle: string; employerName: string; divisionCode: string; stage: string; referral: { agencyName: string } | null; withdrawable: boolean };
type Listed = { id: number; postingTitle: string; stage: string; referral: { agencyId: number; agencyName: string } | null; applicant: { name: string | null; phoneMasked: string | null; profile: { educationCode: string | null; resume: string | null } | null }; phoneRevealable: boolean };

let t: TestApp;
let clone: Awaited<ReturnType<typeof cloneTemplate>>;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  clone = await cloneTemplate('seekersdemo');
  t = await createTestApp({ database: clone });
  for (const u of ['seeker', 'graduate', 'employer-km', 'agency-wh', 'wh', 'km']) cookies[u] = await t.login(u);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await clone?.drop();
});

const mine = async (who: string) => {
  const res = await t.get(`${V1}/applications/mine?limit=50`, cookies[who]);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Own[];
};

describe('demo seeker 王大山 (seeker)', () => {
  it('is registered as a migrant worker from 镇雄县 living in 五华区, seen by agencies and the employers he applied to', async () => {
    const res = await t.get(`${V1}/seekers/me`, cookies.seeker);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '王大山',
      phone: DEMO_PHONES.seeker,
      divisionCode: '530102',
      residenceDivision: '530102',
      homeDivision: '530627',
      categories: ['from_outside_city'],
      priorityGroups: ['migrant_worker'],
      desiredOccupations: ['6'],
      salaryMin: 4500,
      salaryMax: 6000,
      salaryUnit: 'month',
      educationCode: '70',
      visibility: 'applied',
    });
    expect(res.json().idNumberMasked).toMatch(/^530627\*{8}\d{3}[\dX]$/);
    expect(res.json().resume).toContain('缝纫工');
    // he agreed to the notice as registering records it, and separately to his ID number
    const version = currentNoticeVersion(t.deps.config);
    expect(res.json()).toMatchObject({ expired: false, consent: { noticeVersion: version, givenAt: expect.any(String) }, idNumberConsent: { noticeVersion: version, givenAt: expect.any(String) } });
  });

  it('has authorised agency-wh', async () => {
    const agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', AGENCY).executeTakeFirstOrThrow();
    const res = await t.get(`${V1}/seekers/me/authorisations`, cookies.seeker);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ agencyId: agency.id, agencyDivision: agency.division_code, revokedAt: null })]);
  });

  it('sees his own application shortlisted and the agency\'s referral applied', async () => {
    const items = await mine('seeker');
    expect(items.map((a) => [a.postingTitle, a.stage, a.referral?.agencyName ?? null])).toEqual([
      [SEEKER_DEMO_POSTINGS.sewing, 'shortlisted', null],
      [SEEKER_DEMO_POSTINGS.maskMachine, 'applied', AGENCY],
    ]);
    for (const a of items) expect(a).toMatchObject({ employerName: EMPLOYER, divisionCode: '530102', withdrawable: true });
  });
});

describe('demo seeker 李思雨 (graduate)', () => {
  it('is registered as this year\'s college graduate in 呈贡区 and has applied to 口罩机操作工', async () => {
    const me = await t.get(`${V1}/seekers/me`, cookies.graduate);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ name: '李思雨', divisionCode: '530114', categories: ['new_entrant', 'new_graduate'], priorityGroups: ['college_graduate'], educationCode: '30', experienceYears: 0 });
    expect(me.json().consent).toEqual({ noticeVersion: currentNoticeVersion(t.deps.config), givenAt: expect.any(String) });
    expect(me.json().idNumberConsent).not.toBeNull();
    expect((await mine('graduate')).map((a) => [a.postingTitle, a.stage, a.referral])).toEqual([[SEEKER_DEMO_POSTINGS.maskMachine, 'applied', null]]);
    const auths = await t.get(`${V1}/seekers/me/authorisations`, cookies.graduate);
    expect(auths.json().items).toEqual([]);
  });
});

describe("the demo employer's 应聘管理 and the demo agency", () => {
  it("employer-km's 人才推荐 proposes 李思雨 (who lets employers find her) for the sewing job, masked, with reasons", async () => {
    const posting = await t.deps.db.selectFrom('postings').select('id').where('title', '=', SEEKER_DEMO_POSTINGS.sewing).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const res = await t.get(`${V1}/matches/for-posting/${posting.id}?limit=20`, cookies['employer-km']);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ score: number; reasons: Array<{ code: string; text: string }>; seeker: { name: string; authorisedUs: boolean } }>;
    const li = items.find((i) => i.seeker.name.startsWith('李'));
    expect(li, res.body).toBeDefined();
    expect(li?.seeker.name).not.toBe('李思雨'); // masked: she has not applied to this job
    expect(li?.score).toBeGreaterThan(0);
    expect(li?.reasons.length).toBeGreaterThan(0);
  });

  it('employer-km lists the shortlisted 王大山 with his phone masked, his referral and 李思雨', async () => {
    const res = await t.get(`${V1}/applications?limit=200`, cookies['employer-km']);
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json().items as Listed[]).filter((a) => a.applicant.name === '王大山' || a.applicant.name === '李思雨');
    const rows = items.map((a) => [a.applicant.name, a.postingTitle, a.stage, a.referral?.agencyName ?? null, a.applicant.phoneMasked, a.phoneRevealable]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['王大山', SEEKER_DEMO_POSTINGS.sewing, 'shortlisted', null, '139****0001', true],
        ['王大山', SEEKER_DEMO_POSTINGS.maskMachine, 'applied', AGENCY, '139****0001', false],
        ['李思雨', SEEKER_DEMO_POSTINGS.maskMachine, 'applied', null, '139****0002', false],
      ]),
    );
    expect(rows).toHaveLength(3);
    // his visibility ("employers I applied to") shows the employer his résumé; the whole phone never
    expect(items.find((a) => a.stage === 'shortlisted')?.applicant.profile).toMatchObject({ educationCode: '70', resume: expect.stringContaining('缝纫工') });
    expect(res.body).not.toContain(DEMO_PHONES.seeker);
    expect(res.body).not.toContain(DEMO_PHONES.graduate);
  });

  it('agency-wh sees 王大山 (who authorised it) and not 李思雨; its referral of him stands', async () => {
    const res = await t.get(`${V1}/seekers?limit=200`, cookies['agency-wh']);
    expect(res.statusCode, res.body).toBe(200);
    const names = (res.json().items as Array<{ id: number; name: string; phone: string }>).map((s) => [s.name, s.phone]);
    expect(names).toContainEqual(['王大山', '139****0001']);
    expect(names.map(([n]) => n)).not.toContain('李思雨');
    // the referral, as the agency made it (no agency route lists referrals yet): referring him again is refused
    const wang = (res.json().items as Array<{ id: number; name: string }>).find((s) => s.name === '王大山') as { id: number };
    const posting = await t.deps.db.selectFrom('postings').select('id').where('title', '=', SEEKER_DEMO_POSTINGS.maskMachine).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const again = await t.send('POST', `${V1}/applications/referrals`, { postingId: posting.id, seekerId: wang.id }, cookies['agency-wh']);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('application_exists');
    const refer = await t.deps.db.selectFrom('audit_log').select(['actor_username', 'detail']).where('action', '=', 'market.application.refer').execute();
    expect(refer).toEqual([expect.objectContaining({ actor_username: 'agency-wh' })]);
  });

  it('the county (五华区) reads 王大山 and the applications to its postings; 昆明 also 李思雨 (呈贡区)', async () => {
    const names = async (who: string) => ((await t.get(`${V1}/seekers?limit=200`, cookies[who])).json().items as Array<{ name: string }>).map((s) => s.name);
    const wh = await names('wh');
    expect(wh).toContain('王大山');
    expect(wh).not.toContain('李思雨');
    expect(await names('km')).toEqual(expect.arrayContaining(['王大山', '李思雨']));
    const apps = await t.get(`${V1}/applications?limit=200`, cookies.wh);
    expect((apps.json().items as Listed[]).filter((a) => a.applicant.name === '王大山' || a.applicant.name === '李思雨')).toHaveLength(3);
  });
});

describe('the seed itself', () => {
  it('wrote what the requests write: audit rows as each person and in-app messages through the outbox', async () => {
    const audit = await sql<{ action: string; actor_username: string; n: number }>`
      select action, actor_username, count(*)::int as n from audit_log
      where request_id = 'seed-demo' and (action like 'seekers.%' or action like 'market.application.%')
      group by action, actor_username order by action, actor_username`.execute(t.deps.db);
    expect(audit.rows).toEqual([
      { action: 'market.application.apply', actor_username: 'graduate', n: 1 },
      { action: 'market.application.apply', actor_username: 'seeker', n: 1 },
      { action: 'market.application.refer', actor_username: 'agency-wh', n: 1 },
      { action: 'market.application.stage', actor_username: 'employer-km', n: 1 },
      { action: 'seekers.authorisation.grant', actor_username: 'seeker', n: 1 },
      // each consents to the notice, then separately to the ID number given with the profile
      { action: 'seekers.consent.give', actor_username: 'graduate', n: 2 },
      { action: 'seekers.consent.give', actor_username: 'seeker', n: 2 },
      { action: 'seekers.profile.create', actor_username: 'graduate', n: 1 },
      { action: 'seekers.profile.create', actor_username: 'seeker', n: 1 },
    ]);
    const outbox = await sql<{ template: string; n: number }>`
      select template, count(*)::int as n from outbox where template like 'market_application_%' group by template order by template`.execute(t.deps.db);
    expect(outbox.rows).toEqual([
      { template: 'market_application_received', n: 3 },
      { template: 'market_application_referred', n: 1 },
      { template: 'market_application_stage', n: 1 },
    ]);
    // the authorisation is a grant on his profile, for the agency
    const grants = await sql<{ n: number }>`select count(*)::int as n from access_grants g join agencies a on g.grantee = 'agency:' || a.division_code || ':' || a.id where a.name = ${AGENCY} and g.target_table = 'seekers' and g.expires_at is null`.execute(t.deps.db);
    expect(grants.rows[0]?.n).toBe(1);
  });

  it('seeding again changes nothing', async () => {
    const count = async () => (await sql<{ s: number; a: number; g: number }>`select (select count(*) from seekers)::int as s, (select count(*) from applications)::int as a, (select count(*) from access_grants)::int as g`.execute(t.deps.db)).rows[0];
    const before = await count();
    expect(await seedSeekersDemo(t.deps)).toBe(0);
    expect(await count()).toEqual(before);
  });
});
