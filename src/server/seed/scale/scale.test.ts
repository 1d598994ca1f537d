// The scale generator (decision 0032) on a handful of rows: its sessions open as the identity
// module's own (the cookie works on a real route), its staff have consented and can check in at
// once, its history lies before today with on-time flags by the cut-off; its postings carry the
// search documents the write paths make; its job seekers are signed up as registering leaves them,
// in the asked mix, and get recommendations; a second run of a part refuses.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { beijingDate } from '../../../shared/beijing-day.ts';
import { writeFileSync } from 'node:fs';
import { analyzerOf, documentTexts, tsvectorOf } from '../../modules/market/search/document.ts';
import { PARTS, seedScale } from './index.ts';
import { SCALE_SOURCE } from './postings.part.ts';
import { SCALE_SEEKER_PHONE_PREFIX } from './seekers.part.ts';
import { currentNoticeVersion } from '../../modules/seekers/service.ts';
import * as matching from '../../modules/matching/service.ts';
import * as identityRepo from '../../modules/identity/repository.ts';
import { actorFromRow } from '../../modules/identity/service.ts';
import type { SessionsFile } from './staff.part.ts';

let t: TestApp;
const sessionsFile = join(tmpdir(), `yq-scale-${process.pid}-${Date.now()}.json`);
const opts = { scale: 'county' as const, sessionsFile, days: 3, size: { agencies: 3, staffPerAgency: 2 } };
let summary: Awaited<ReturnType<typeof seedScale>>;

beforeAll(async () => {
  t = await createTestApp();
  summary = await seedScale(t.deps, ['staff', 'checkins'], opts);
}, 120_000);
afterAll(() => t?.close());

describe('yunqiao seed --scale', () => {
  it('is a registry of parts run in order, unknown names refused before writing', async () => {
    expect(PARTS.map((p) => p.name)).toEqual(['staff', 'checkins', 'postings', 'seekers']);
    expect(summary.map((s) => s.part)).toEqual(['staff', 'checkins']);
    await expect(seedScale(t.deps, ['nonsense'], opts)).rejects.toThrow(/unknown part: nonsense/);
  });

  it('makes agencies, staff, consents and one session per staff member, written to the sessions file', async () => {
    expect(summary[0]?.rows).toMatchObject({ agencies: 3, staff: 6, consents: 6, sessions: 6, counties: 1 });
    const file = JSON.parse(readFileSync(sessionsFile, 'utf8')) as SessionsFile;
    expect(file.sessions).toHaveLength(6);
    expect(new Set(file.sessions.map((s) => s.token)).size).toBe(6);
    expect(file.sessions.every((s) => s.divisionCode === '530102')).toBe(true);
  });

  it('a generated session signs its staff member in: a check-in is accepted at once (consent given)', async () => {
    const { sessions } = JSON.parse(readFileSync(sessionsFile, 'utf8')) as SessionsFile;
    const s = sessions[0] as SessionsFile['sessions'][number];
    const me = await t.get('/api/v1/me', `yq_sid=${s.token}`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'agency_staff', agencyId: s.agencyId });
    const res = await t.send('POST', '/api/v1/prevention/checkins', { clientId: 'scale-test-1', temperature: '36,6', symptoms: [] }, `yq_sid=${s.token}`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ abnormal: false });
    const wrong = await t.get('/api/v1/me', 'yq_sid=not-a-generated-token');
    expect(wrong.statusCode).toBe(401);
  });

  it('the history lies on the days before today, reports on time before the cut-off and late after it', async () => {
    const today = beijingDate(t.clock.now());
    const rows = await t.deps.db
      .selectFrom('prevention_checkins')
      .select([sql<string>`day::text`.as('day'), 'on_time', 'measured_at', 'client_id'])
      .where('client_id', 'like', 'scale-2%')
      .execute();
    expect(summary[1]?.rows.checkins).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(6 * 3 * 0.8);
    const cutoff = t.deps.config.prevention.checkinCutoffMinutes;
    for (const r of rows) {
      expect(beijingDate(r.measured_at)).toBe(r.day);
      expect(r.day < today).toBe(true);
      const minute = (r.measured_at.getTime() + 8 * 3_600_000) % 86_400_000 / 60_000;
      expect(r.on_time).toBe(minute < cutoff);
    }
  });

  it('a second run refuses: the generated agencies are there', async () => {
    await expect(seedScale(t.deps, ['staff'], opts)).rejects.toThrow(/present already/);
  });
});

describe('yunqiao seed --scale --parts postings', () => {
  const adsFile = join(tmpdir(), `yq-scale-ads-${process.pid}-${Date.now()}.csv`);
  const header = '职位自编号,发布平台,职位访问地址,职位,公司,公司是否为全称,地区,地址,经度,纬度,职位描述,学历,所需经验,最低薪资,最高薪资,几薪,首次发布时间,招聘公司,首次扫描日期,记录更新日期,技能,福利';
  const ad = (id: string, title: string, company: string, description: string, min: number, max: number) =>
    [id, 'BOSS', '', title, company, '1', '昆明·五华区', '', '', '', `"${description}"`, '高中', '不限', min, max, '', '2025-03-01', '', '', '', '', '"包吃住"'].join(',');
  let rows: { postings: number; open: number; expired: number; closed: number; ads: number };

  beforeAll(async () => {
    writeFileSync(adsFile, `${[header, ad('A1', '普工', '昆明滇池电子有限公司', '负责流水线装配，两班倒。', 4000, 5500), ad('A2', 'Java开发工程师', '昆明云数科技有限公司', '负责后台开发，熟悉Spring。', 9000, 15000)].join('\r\n')}\r\n`);
    const out = await seedScale(t.deps, ['postings'], { ...opts, size: { postings: 350 }, adsFile });
    rows = out[0]?.rows as typeof rows;
  }, 120_000);

  it('makes the asked number of postings from the ads, weighted toward county trades, open, expired and closed', async () => {
    expect(rows).toMatchObject({ postings: 350, ads: 2 });
    expect(rows.open + rows.expired + rows.closed).toBe(350);
    const made = await t.deps.db.selectFrom('postings').select(['title', 'status', 'division_code', 'valid_through', 'occupation_code']).where('source_platform', '=', SCALE_SOURCE).execute();
    expect(made).toHaveLength(350);
    const trades = made.filter((p) => p.title === '普工').length;
    // weights 6 to 1: about 300 to 50
    expect(trades).toBeGreaterThan(250);
    expect(made.length - trades).toBeGreaterThan(20);
    expect(new Set(made.map((p) => p.division_code))).toEqual(new Set(['530102']));
    expect(made.filter((p) => p.title === '普工').every((p) => p.occupation_code === '6')).toBe(true);
    const now = t.clock.now();
    expect(made.filter((p) => p.status === 'published' && (p.valid_through as Date) < now)).toHaveLength(rows.expired);
    expect(made.filter((p) => p.status === 'closed')).toHaveLength(rows.closed);
    // claimed province-wide, as an import claims its keys
    const claims = await t.deps.db.selectFrom('posting_sources').select((eb) => eb.fn.countAll<string>().as('n')).where('source_platform', '=', SCALE_SOURCE).executeTakeFirstOrThrow();
    expect(Number(claims.n)).toBe(350);
  });

  it("each posting's search document is the one the write paths make for that text in that county", async () => {
    const p = await t.deps.db.selectFrom('postings').select(['title', 'employer_name', 'benefits', 'description', 'division_code', 'search_document']).where('source_platform', '=', SCALE_SOURCE).where('title', '=', '普工').limit(1).executeTakeFirstOrThrow();
    const analyzer = await analyzerOf(t.deps);
    const texts = documentTexts(analyzer, { title: p.title, company: p.employer_name, benefits: p.benefits, description: p.description, divisionCode: p.division_code });
    const same = await sql<{ same: boolean }>`select ${tsvectorOf(texts)} = ${p.search_document}::tsvector as same`.execute(t.deps.db);
    expect(same.rows[0]?.same).toBe(true);
    const found = await t.get(`/api/v1/postings/search?${new URLSearchParams({ q: '流水线 普工', division: '530102', limit: '5' })}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.length).toBe(5);
  });

  it('a second run refuses: the generated postings are there', async () => {
    await expect(seedScale(t.deps, ['postings'], { ...opts, size: { postings: 10 }, adsFile })).rejects.toThrow(/present already/);
  });
});

describe('yunqiao seed --scale --parts seekers', () => {
  let rows: Record<string, number>;
  const SIZE = 600;

  beforeAll(async () => {
    const out = await seedScale(t.deps, ['seekers'], { ...opts, size: { seekers: SIZE } });
    rows = out[0]?.rows as typeof rows;
  }, 120_000);

  const generated = () =>
    t.deps.db
      .selectFrom('seekers as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select(['s.id', 's.account_id', 's.division_code', 's.residence_division', 's.home_division', 's.priority_groups', 's.categories', 's.desired_occupations', 's.desired_divisions',
        's.salary_min', 's.salary_max', 's.salary_unit', 's.education_code', 's.skills', 's.resume', 's.visibility', 's.recommendations', 's.match_keys', 'a.phone', 'a.display_name'])
      .select(sql<string>`s.valid_until::text`.as('valid_until'))
      .where('s.phone', 'like', `${SCALE_SEEKER_PHONE_PREFIX}%`)
      .execute();

  it('signs each person up as registering does: an account by phone, a seeker membership, the notice consent, a registration where they live', async () => {
    expect(rows).toMatchObject({ seekers: SIZE, accounts: SIZE });
    const made = await generated();
    expect(made).toHaveLength(SIZE);
    expect(new Set(made.map((s) => s.phone)).size).toBe(SIZE);
    // county scale: everyone lives in 五华区, whose rows they are
    expect(made.every((s) => s.residence_division === '530102' && s.division_code === '530102')).toBe(true);
    const ids = made.map((s) => s.account_id);
    const memberships = await t.deps.db.selectFrom('memberships').select(['account_id', 'role']).where('account_id', 'in', ids).execute();
    expect(memberships).toHaveLength(SIZE);
    expect(memberships.every((m) => m.role === 'seeker')).toBe(true);
    const consents = await t.deps.db.selectFrom('seeker_consents').select(['notice_version', 'subject']).where('account_id', 'in', ids).where('withdrawn_at', 'is', null).execute();
    expect(consents).toHaveLength(SIZE);
    expect(new Set(consents.map((c) => `${c.subject} ${c.notice_version}`))).toEqual(new Set([`notice ${currentNoticeVersion(t.deps.config)}`]));
    // the match keys are generated from the columns
    expect(made.every((s) => (s.match_keys as string[]).includes('c530102') && (s.match_keys as string[]).some((k) => k.startsWith('o')))).toBe(true);
  });

  it('mixes migrant workers from the rural prefectures, graduates and others, with the asked visibility, switches and validity', async () => {
    const made = await generated();
    const share = (f: (s: (typeof made)[number]) => boolean) => made.filter(f).length / made.length;
    const migrants = made.filter((s) => (s.priority_groups as string[]).includes('migrant_worker'));
    expect(migrants.length / SIZE).toBeGreaterThan(0.28);
    expect(migrants.length / SIZE).toBeLessThan(0.42);
    expect(migrants.every((s) => ['5306', '5303', '5326', '5325'].includes((s.home_division ?? '').slice(0, 4)))).toBe(true);
    const graduates = made.filter((s) => (s.priority_groups as string[]).includes('college_graduate'));
    expect(graduates.length / SIZE).toBeGreaterThan(0.14);
    expect(graduates.length / SIZE).toBeLessThan(0.26);
    expect(graduates.every((s) => s.education_code === '30' || s.education_code === '20')).toBe(true);
    expect((rows.migrant ?? 0) + (rows.graduate ?? 0) + (rows.other ?? 0)).toBe(SIZE);
    // occupations: the major groups 2–6, and finer codes only where the occupations table has them (other files in the
    // same database may add some); places: counties, a prefecture, the province or none
    const desired = made.flatMap((s) => s.desired_occupations as string[]);
    expect(new Set(desired.map((c) => c.slice(0, 1)))).toEqual(new Set(['2', '3', '4', '5', '6']));
    const finer = [...new Set(desired.filter((c) => c.length > 1))];
    const known = finer.length ? (await t.deps.db.selectFrom('occupations').select('code').where('code', 'in', finer).execute()).map((r) => r.code) : [];
    expect(new Set(known)).toEqual(new Set(finer));
    expect(share((s) => (s.desired_divisions as string[]).includes('530100'))).toBeGreaterThan(0.1);
    expect(share((s) => (s.desired_divisions as string[]).includes('530000'))).toBeGreaterThan(0.04);
    expect(share((s) => (s.desired_divisions as string[]).length === 0)).toBeGreaterThan(0.04);
    // pay: a month mostly, a day for some; the range in order
    expect(share((s) => s.salary_unit === 'month')).toBeGreaterThan(0.7);
    expect(share((s) => s.salary_unit === 'day')).toBeGreaterThan(0.08);
    expect(made.every((s) => (s.salary_min === null) === (s.salary_unit === null) && (s.salary_min === null || Number(s.salary_min) <= Number(s.salary_max)))).toBe(true);
    // Chinese skills and résumés from the phrase banks
    expect(made.every((s) => /\p{Script=Han}{2}/u.test(s.skills ?? '') && /\p{Script=Han}{6}/u.test(s.resume ?? ''))).toBe(true);
    expect(new Set(made.map((s) => s.resume)).size).toBeGreaterThan(SIZE / 3);
    expect(share((s) => s.visibility === 'agencies')).toBeGreaterThan(0.4);
    expect(share((s) => s.visibility === 'employers')).toBeGreaterThan(0.22);
    expect(share((s) => s.visibility === 'applied')).toBeGreaterThan(0.09);
    expect(share((s) => s.visibility === 'nobody')).toBeGreaterThan(0.01);
    expect(share((s) => !s.recommendations)).toBeLessThan(0.07);
    expect(made.filter((s) => !s.recommendations)).toHaveLength(rows.recommendationsOff as number);
    const today = beijingDate(t.clock.now());
    expect(made.filter((s) => s.valid_until < today)).toHaveLength(rows.lapsed as number);
    expect(share((s) => s.valid_until >= today)).toBeGreaterThan(0.9);
  });

  it('a generated seeker acts as one who signed up: their recommendations are computed from the postings of their places', async () => {
    const made = await generated();
    const s = made.find((x) => x.recommendations && (x.desired_occupations as string[]).includes('6') && (x.desired_divisions as string[]).includes('530102'));
    expect(s).toBeDefined();
    const membership = await t.deps.db.selectFrom('memberships').select('id').where('account_id', '=', s?.account_id as number).executeTakeFirstOrThrow();
    const row = await identityRepo.findMembershipActor(t.deps.db, membership.id, t.clock.now());
    const actor = actorFromRow(row as NonNullable<typeof row>);
    const found = await matching.forSeeker(t.deps, actor, s?.id as number, 20, 'zh-CN');
    expect(found.recommendations).toBe(true);
    // among them the postings part's 普工 in 五华区 (production, group 6)
    expect(found.items.length).toBe(20);
    expect(found.items.some((x) => x.reasons.some((r) => r.code === 'same_major_group'))).toBe(true);
  });

  it('a second run refuses: the generated seekers are there', async () => {
    await expect(seedScale(t.deps, ['seekers'], { ...opts, size: { seekers: 10 } })).rejects.toThrow(/present already/);
  });
});
