// The matchmaker's routes (issue 12, decision 0046) on real PostgreSQL: GET /matches/for-seeker/{id}
// and /matches/for-posting/{id} — ranking with reasons in the caller's language, a posting
// published now a candidate at once, the PIPL art. 24 switch on both sides, who may ask (404 for
// everyone else), what an employer sees of a proposed person. Other files share the database:
// assertions are about this file's own rows (marker words), never totals.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { importPostingRows } from '../../../../test/helpers/postings.ts';
import { createAccount, mobile, unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { addDays } from '../../../shared/beijing-day.ts';
import * as seekersRepo from '../seekers/repository/seekers.ts';
import * as grantsRepo from '../seekers/repository/authorisations.ts';
import * as employerGrantsRepo from '../registry/repository/employer-authorisations.ts';
import { postingWords, REASON_CODES, scoreMatch } from './score.ts';
import { parseTsvector, weightedWordsOf } from './tsvector.ts';
import * as repo from './repository.ts';
import { candidateQueryOf, corpusStats, matchPostingOf, matchSeekerOf } from './matching.service.ts';
import { analyzerOf } from '../market/service.ts';
import { seekerWordsOf } from './words.ts';

const clock = new ManualClock('2025-03-10T02:00:00Z');
let t: TestApp;
const V1 = '/api/v1';
const FIXTURE = systemScope('matching test: fixture profiles');

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

type Profile = { desired?: string[]; places?: string[]; residence?: string; skills?: string; resume?: string; education?: string; visibility?: string; recommendations?: boolean; name?: string };
/** A seeker profile in 五华区 straight through the repository (an account without sign-in); returns its key and account. */
async function profile(p: Profile): Promise<{ division: string; id: number; accountId: number }> {
  const phone = mobile();
  const now = clock.now();
  const account = await t.deps.db.insertInto('accounts').values({ phone, display_name: p.name ?? '匹配测试', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const key = await seekersRepo.insertSeeker(t.deps.db, {
    division_code: p.residence ?? '530102', account_id: account.id, created_at: now, updated_at: now, name: p.name ?? '赵匹配', phone,
    id_number_enc: null, id_number_hash: null, id_number_masked: null, sex: null, birth_date: null, categories: ['other_unemployed'], priority_groups: ['migrant_worker'],
    residence_division: p.residence ?? '530102', home_division: null, desired_occupations: p.desired ?? [], desired_divisions: p.places ?? [], salary_min: '4000.00', salary_max: '6000.00', salary_unit: 'month',
    education_code: p.education ?? '70', skill_grade: null, experience_years: 5, skills: p.skills ?? null, resume: p.resume ?? null, valid_until: addDays('2025-03-10', 100), visibility: p.visibility ?? 'employers',
    ...(p.recommendations === false ? { recommendations: false } : {}),
  });
  return { division: key.division_code, id: key.id, accountId: account.id };
}

const PASSWORD = 'Match-test-2025';
/** One session per demo login for the whole file: sign-ins are counted per address in the shared database (a strict test elsewhere shares the count). */
const sessions = new Map<string, Promise<string>>();
const login = (name: string): Promise<string> => {
  let s = sessions.get(name);
  if (!s) {
    s = t.login(name);
    sessions.set(name, s);
  }
  return s;
};
/**
 * A sewing machinist from 镇雄县 living in 建水县 (as the demo's 王大山, but this file's own: other files
 * rewrite the demo profiles, and fill 五华区 with postings newer than this file's clock).
 */
const sewerBody = () => ({
  name: '郑平车', categories: ['from_outside_city'], priorityGroups: ['migrant_worker'], residenceDivision: '532524', homeDivision: '530627',
  desiredOccupations: ['6'], desiredDivisions: ['532524'], salaryMin: 4500, salaryMax: 6000, salaryUnit: 'month', educationCode: '70',
  skillGrade: '缝纫工（五级/初级工）', experienceYears: 8, skills: '平缝机、包缝机操作熟练，会看工艺单，能上夜班。',
  resume: '在服装厂做平车工六年，后在箱包厂做缝纫工两年，希望找提供宿舍的工厂岗位。', visibility: 'employers',
});
/** A seeker account signed in, with its profile saved through the API; returns the cookie and the profile id (from GET /me). */
async function signedInSeeker(body: Record<string, unknown> = sewerBody()): Promise<{ cookie: string; id: number }> {
  const cookie = await t.login(await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD }), PASSWORD);
  const saved = await t.send('PUT', `${V1}/seekers/me`, body, cookie);
  expect(saved.statusCode, saved.body).toBe(200);
  const me = (await t.get(`${V1}/me`, cookie)).json();
  expect(me.seekerId, '/me names the profile').toEqual(expect.any(Number));
  return { cookie, id: me.seekerId };
}

/** A published posting of employer-km (made and published by the province official), with the words given. */
async function employerPosting(title: string, description: string): Promise<number> {
  const prov = await login('prov');
  const employerId = (await t.get(`${V1}/me`, await login('employer-km'))).json().employerId;
  const res = await t.send('POST', `${V1}/postings`, { employerId, title, description, validUntil: '2099-12-31' }, prov);
  expect(res.statusCode, res.body).toBe(201);
  const pub = await t.send('POST', `${V1}/postings/${res.json().id}/publish`, undefined, prov);
  expect(pub.statusCode, pub.body).toBe(200);
  return res.json().id;
}

describe('GET /matches/for-seeker/{id}', () => {
  let marker: string;
  let ids: Map<string, number>;
  let wang: string;
  let wangId: number;

  beforeAll(async () => {
    marker = `匹配${unique()}`;
    ids = await importPostingRows(t, `MT${unique()}`, [
      { id: 'sew', title: '平车缝纫工', company: `${marker}服装厂`, description: '熟练操作平缝机、包缝机，会看工艺单，计件工资，提供宿舍', min: 5000, max: 7000, validUntil: '2099-12-31', region: '红河·建水县' },
      { id: 'acct', title: '总账会计', company: `${marker}会计师事务所`, description: '本科及以上学历，持中级会计职称，熟悉合并报表', min: 3000, max: 3500, validUntil: '2099-12-31', region: '红河·建水县' },
    ]);
    ({ cookie: wang, id: wangId } = await signedInSeeker());
  });

  it('ranks, explains and bounds: the sewing job above the accountant\'s for a machinist (平缝机, 初中, 4,500 a month)', async () => {
    const res = await t.get(`${V1}/matches/for-seeker/${wangId}?limit=50`, wang);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.recommendations).toBe(true);
    const items = body.items as Array<{ id: number; score: number; reasons: Array<{ code: string; text: string }> }>;
    for (let i = 1; i < items.length; i++) expect((items[i - 1] as { score: number }).score).toBeGreaterThanOrEqual((items[i] as { score: number }).score);
    for (const x of items) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
      for (const r of x.reasons) {
        expect(REASON_CODES).toContain(r.code);
        expect(r.text).toMatch(/\p{Script=Han}/u);
      }
    }
    const sew = items.findIndex((x) => x.id === ids.get('sew'));
    const acct = items.findIndex((x) => x.id === ids.get('acct'));
    expect(sew, 'the sewing job is recommended').toBeGreaterThanOrEqual(0);
    if (acct >= 0) expect(sew).toBeLessThan(acct);
    const codes = (items[sew] as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code);
    expect(codes).toContain('words_in_common');
    expect(codes.some((c) => c === 'same_county' || c === 'chosen_place')).toBe(true);
  });

  it('answers in English when asked', async () => {
    const res = await t.get(`${V1}/matches/for-seeker/${wangId}?limit=3`, wang, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    for (const x of res.json().items) for (const r of x.reasons) expect(r.text).toMatch(/^[\x20-\x7e]+$/);
  });

  it('a posting published now is a candidate at once', async () => {
    const fresh = await importPostingRows(t, `MF${unique()}`, [{ id: 'new', title: '包缝机缝纫工', company: `${marker}新厂`, description: '平缝机 包缝机 缝纫 提供宿舍', min: 5500, max: 7500, validUntil: '2099-12-31', region: '红河·建水县' }]);
    const res = await t.get(`${V1}/matches/for-seeker/${wangId}?limit=50`, wang);
    const hit = (res.json().items as Array<{ id: number; reasons: Array<{ code: string }> }>).find((x) => x.id === fresh.get('new'));
    expect(hit, 'the new posting is recommended').toBeDefined();
    expect(hit?.reasons.map((r) => r.code)).toContain('newly_published');
  });

  it('limit is 1–50, a number (400 naming it)', async () => {
    for (const bad of ['0', '51', 'x', '-1']) {
      const res = await t.get(`${V1}/matches/for-seeker/${wangId}?limit=${bad}`, wang);
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('limit');
    }
  });

  it('answers the seeker and agencies serving them; everyone else 404 (officials and employers 403)', async () => {
    const other = await profile({ desired: ['6'] });
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, wang)).statusCode).toBe(404);
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('agency-wh'))).statusCode).toBe(404);
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('agency-qlz'))).statusCode).toBe(404);
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('wh'))).statusCode).toBe(403);
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('employer-km'))).statusCode).toBe(403);
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`)).statusCode).toBe(401);
    // a seeker who authorised the 五华 agency: it sees their recommendations; the 麒麟 agency does not
    const wh = (await t.get(`${V1}/me`, await login('agency-wh'))).json();
    await grantsRepo.insertAuthorisation(t.deps.db, systemKey(FIXTURE, 'seekers', other.division, other.id), { divisionCode: wh.divisionCode, id: wh.agencyId }, clock.now());
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('agency-wh'))).statusCode).toBe(200);
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('agency-qlz'))).statusCode).toBe(404);
    // hidden from agencies by its seeker: 404 again
    await t.deps.db.updateTable('seekers').set({ visibility: 'nobody' }).where('id', '=', other.id).execute();
    expect((await t.get(`${V1}/matches/for-seeker/${other.id}`, await login('agency-wh'))).statusCode).toBe(404);
  });
});

describe('the demo', () => {
  it('its job seekers get recommendations out of the box', async () => {
    for (const name of ['seeker', 'graduate']) {
      const cookie = await t.login(name);
      const id = (await t.get(`${V1}/me`, cookie)).json().seekerId;
      const body = (await t.get(`${V1}/matches/for-seeker/${id}`, cookie)).json();
      expect(body.items.length, name).toBeGreaterThan(0);
      expect(body.items[0].reasons.length, name).toBeGreaterThan(0);
    }
  });
});

describe('for-seeker scores few candidates in full, and ranks as scoring them all would', () => {
  it('leaves out what the seeker applied to (withdrawn too): their applications list has it', async () => {
    // an employer's posting (imported ones take no online applications) in 景洪市 — a county other
    // files leave alone (五华区 fills with postings newer than this file's clock) — for a seeker there
    const jh = await t.deps.db.selectFrom('employers').select('id').where('division_code', '=', '532801').where('name', '=', '西双版纳热带水果种植合作社').executeTakeFirstOrThrow();
    const word = `缝纫${unique()}`;
    const made = await t.send('POST', `${V1}/postings`, { employerId: jh.id, title: `${word}平缝机缝纫工`, description: `${word} 平缝机 包缝机 缝纫 计件 提供宿舍`, validUntil: '2099-12-31' }, await login('prov'));
    expect(made.statusCode, made.body).toBe(201);
    const posting = made.json().id as number;
    expect((await t.send('POST', `${V1}/postings/${posting}/publish`, undefined, await login('prov'))).statusCode).toBe(200);
    const { cookie, id } = await signedInSeeker({ ...sewerBody(), residenceDivision: '532801', desiredDivisions: ['532801'], skills: `${word} 平缝机、包缝机操作熟练` });
    const listed = async () => ((await t.get(`${V1}/matches/for-seeker/${id}?limit=50`, cookie)).json().items as Array<{ id: number }>).map((x) => x.id);
    expect(await listed(), 'recommended before applying').toContain(posting);
    const applied = await t.send('POST', `${V1}/applications`, { postingId: posting }, cookie);
    expect(applied.statusCode, applied.body).toBe(201);
    expect(await listed()).not.toContain(posting);
    const withdrawn = await t.send('POST', `${V1}/applications/mine/${applied.json().id}/withdraw`, undefined, cookie);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await listed()).not.toContain(posting);
  });

  it('the same items, scores and order as every candidate scored in full', async () => {
    // more candidates than one batch of documents, of every kind of fit
    const titles = ['平车缝纫工', '包装工', '普工', '仓库管理员', '服务员', '会计', '保安', '电焊工'];
    const texts = ['平缝机 包缝机 计件 提供宿舍', '流水线 两班倒 包吃住', '负责货物收发 熟悉电脑', '热情 周末轮休', '持证上岗 五险一金'];
    await importPostingRows(
      t,
      `MB${unique()}`,
      Array.from({ length: 160 }, (_, i) => ({ id: `b${i}`, title: titles[i % titles.length] as string, company: `匹配批量${i % 7}厂`, description: texts[i % texts.length] as string, min: 3000 + 100 * (i % 30), max: 5000 + 100 * (i % 40), validUntil: '2099-12-31', region: '红河·建水县' })),
    );
    const { cookie, id } = await signedInSeeker();
    const res = await t.get(`${V1}/matches/for-seeker/${id}?limit=10`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    const got = (res.json().items as Array<{ id: number; score: number }>).map((x) => [x.id, x.score]);
    // every candidate with its document, scored in full
    const row = await repo.findSeekerForMatching(t.deps.db, FIXTURE, id);
    if (!row) throw new Error('profile missing');
    const analyzer = await analyzerOf(t.deps);
    const names = await repo.occupationNames(t.deps.db, row.desired_occupations);
    const seeker = matchSeekerOf(row, seekerWordsOf(analyzer, { desiredOccupations: row.desired_occupations, occupationNames: names, skills: row.skills, skillGrade: row.skill_grade, resume: row.resume }));
    const now = clock.now();
    const rows = await repo.candidatePostings(t.deps.db, FIXTURE, candidateQueryOf(seeker, t.deps.config.province), now);
    expect(rows.length).toBeGreaterThan(100);
    const corpus = await corpusStats(t.deps);
    // each candidate's every word, from its whole stored document (the candidate query prints the seeker's words only), read as the token lists the search stores
    const whole = new Map(
      (await t.deps.db.selectFrom('postings').select(['id', sql<string>`coalesce(search_document, ''::tsvector)::text`.as('document')]).where('id', 'in', rows.map((r) => r.id)).execute()).map((r) => [Number(r.id), r.document]),
    );
    const all = rows
      .map((r) => ({ r, s: scoreMatch(seeker, { ...matchPostingOf({ ...r, document: undefined }), ...postingWords(parseTsvector(whole.get(r.id) as string)) }, corpus, now).score }))
      .sort((a, b) => b.s - a.s || new Date(b.r.published_at).getTime() - new Date(a.r.published_at).getTime() || b.r.id - a.r.id)
      .slice(0, 10)
      .map(({ r, s }) => [r.id, Math.round(s * 1000) / 1000]);
    expect(got).toEqual(all);
  });
});

describe('a seeker\'s candidates in their occupation groups', () => {
  it('are a place\'s newest of the groups, however many newer postings of other groups it has; several groups merged newest first', async () => {
    // 云县, a county other files leave alone: p0–p4 production (6), the newest; p5–p7 farming (5), older
    const ids = await importPostingRows(
      t,
      `MG${unique()}`,
      Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, title: `分组候选${i}`, company: '分组候选测试厂', region: '临沧·云县', validUntil: '2099-12-31' })),
    );
    // later than anything else there (the demo's posting of the county, other files' clocks, this test's earlier runs)
    const base = Date.now() + 5 * 365 * 86_400_000;
    for (const [key, id] of ids) {
      const i = Number(key.slice(1));
      const at = new Date(base - i * 3_600_000);
      await t.deps.db.updateTable('postings').set({ occupation_code: i < 5 ? '6' : '5', first_published_at: at, published_at: at }).where('id', '=', id).execute();
    }
    const keyOf = new Map([...ids].map(([k, v]) => [v, k]));
    const county = (await t.deps.db.selectFrom('postings').select('division_code').where('id', '=', ids.get('p0') as number).executeTakeFirstOrThrow()).division_code;
    const found = async (groups: string[], perPlace: number) =>
      (await repo.candidatePostings(t.deps.db, FIXTURE, { counties: [county], prefectures: [], province: null, groups, exactFacts: [], perPlace, perOccupation: 100, words: [] }, clock.now()))
        .map((r) => keyOf.get(r.id))
        .filter((k) => k !== undefined)
        .sort();
    // the newest of any occupation (perPlace / 2: p0), and the two newest farming postings behind five production ones
    expect(await found(['5'], 2)).toEqual(['p0', 'p5', 'p6']);
    // both groups: the three newest of either, not three of each
    expect(await found(['5', '6'], 3)).toEqual(['p0', 'p1', 'p2']);
    // every candidate carries the lexemes of the seeker's words from its document, with their positions, and the whole document's length
    const stored = await t.deps.db.selectFrom('postings').select(sql<string>`search_document::text`.as('document')).where('id', '=', ids.get('p5') as number).executeTakeFirstOrThrow();
    const full = weightedWordsOf(stored.document);
    expect(full.words.size).toBeGreaterThan(2);
    const some = [...full.words.keys()].slice(0, 2);
    const words = [...some, '不在文中的词', "it's"];
    const rows = await repo.candidatePostings(t.deps.db, FIXTURE, { counties: [county], prefectures: [], province: null, groups: ['5'], exactFacts: [], perPlace: 2, perOccupation: 100, words }, clock.now());
    const p5 = rows.find((r) => r.id === ids.get('p5'));
    expect(weightedWordsOf(p5?.document ?? '').words).toEqual(new Map(some.map((w) => [w, full.words.get(w)])));
    expect(p5?.document_length).toBe(full.length);
    expect(p5?.document.length).toBeLessThan(stored.document.length);
  });
});

describe('a posting\'s stored document length (search_length, migration 0037)', () => {
  it('is the length weightedWordsOf reads from its document, for every posting stored, and follows a new document', async () => {
    const rows = await sql<{ document: string; length: number }>`select search_document::text as document, search_length as length from postings where search_document is not null`.execute(t.deps.db);
    expect(rows.rows.length).toBeGreaterThan(100);
    const wrong = rows.rows.filter((r) => weightedWordsOf(r.document).length !== r.length);
    expect(wrong).toEqual([]);
    // all four weights, a lexeme without positions, a quote
    const one = await sql<{ length: number }>`select match_document_length(${"'叉车':1A,4C 'c':2B 'it''s':3 '昆明':5D '无位置'"}::tsvector) as length`.execute(t.deps.db);
    expect(one.rows[0]?.length).toBe(weightedWordsOf("'叉车':1A,4C 'c':2B 'it''s':3 '昆明':5D '无位置'").length);
    expect(one.rows[0]?.length).toBe(3 + 1 + 1.5 + 0 + 0 + 0);
  });
});

describe('PIPL art. 24: recommendations switched off', () => {
  it('computes none for the seeker and proposes them to no employer; on again, both come back', async () => {
    const s = await profile({ desired: ['6'], skills: `平缝机 ${unique()}`, name: '钱停推' });
    const employer = await login('employer-km');
    const posting = { id: await employerPosting(`平车工${unique()}`, '平缝机 包缝机') };
    const proposed = async () => ((await t.get(`${V1}/matches/for-posting/${posting.id}?limit=50`, employer)).json().items as Array<{ id: number }>).some((x) => x.id === s.id);
    // on: proposed (visibility employers, in 五华区)
    expect(await proposed()).toBe(true);
    await t.deps.db.updateTable('seekers').set({ recommendations: false }).where('id', '=', s.id).execute();
    expect(await proposed()).toBe(false);
    await t.deps.db.updateTable('seekers').set({ recommendations: true }).where('id', '=', s.id).execute();
    expect(await proposed()).toBe(true);
  });

  it('the seeker switches it in their profile (PUT /seekers/me), and gets { recommendations: false, items: [] }', async () => {
    const { cookie, id } = await signedInSeeker();
    expect((await t.get(`${V1}/seekers/me`, cookie)).json().recommendations).toBe(true);
    const off = await t.send('PUT', `${V1}/seekers/me`, { ...sewerBody(), recommendations: false }, cookie);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().recommendations).toBe(false);
    expect((await t.get(`${V1}/matches/for-seeker/${id}`, cookie)).json()).toEqual({ recommendations: false, items: [] });
    // a form that does not send the field leaves it as it is
    expect((await t.send('PUT', `${V1}/seekers/me`, sewerBody(), cookie)).json().recommendations).toBe(false);
    expect((await t.send('PUT', `${V1}/seekers/me`, { ...sewerBody(), recommendations: true }, cookie)).json().recommendations).toBe(true);
    const back = (await t.get(`${V1}/matches/for-seeker/${id}`, cookie)).json();
    expect(back.recommendations).toBe(true);
    // the switch is audited with the profile write
    const audited = await t.deps.db.selectFrom('audit_log').select('detail').where('action', '=', 'seekers.profile.update').where('target_id', '=', String(id)).execute();
    expect(audited.map((a) => (a.detail as { recommendations?: boolean }).recommendations)).toEqual(expect.arrayContaining([false, true]));
  });
});

describe('GET /matches/for-posting/{id}', () => {
  beforeAll(async () => {
    // agency-qlz stands for an agency employer-km did not authorise; another file of this worker
    // may have authorised it and revoked it at a later clock (a revocation in this file's future):
    // end every such grant at this file's now
    const employer = await login('employer-km');
    const qlzId = (await t.get(`${V1}/me`, await login('agency-qlz'))).json().agencyId as number;
    for (const g of (await t.get(`${V1}/employers/me/authorisations`, employer)).json().items as Array<{ id: number; agencyId: number }>) {
      if (g.agencyId === qlzId) await t.send('DELETE', `${V1}/employers/me/authorisations/${g.id}`, undefined, employer);
    }
  });

  it('the employer sees proposed seekers by surname only, never those hidden from employers; others 404', async () => {
    const employer = await login('employer-km');
    const posting = { id: await employerPosting(`缝纫工${unique()}`, '平缝机') };
    const shown = await profile({ desired: ['6'], name: '孙可见' });
    const agenciesOnly = await profile({ desired: ['6'], name: '周机构', visibility: 'agencies' });
    const res = await t.get(`${V1}/matches/for-posting/${posting.id}?limit=50`, employer);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ id: number; score: number; seeker: { name: string; authorisedUs: boolean } }>;
    const mine = items.find((x) => x.id === shown.id);
    expect(mine?.seeker.name).toBe('孙**');
    expect(mine?.seeker.authorisedUs).toBe(false);
    expect(items.some((x) => x.id === agenciesOnly.id)).toBe(false);
    expect(JSON.stringify(res.json())).not.toContain('phone');
    // reasons shown to the employer are about the person, not the posting's own flags
    for (const x of items as unknown as Array<{ reasons: Array<{ code: string }> }>) for (const r of x.reasons) expect(['open_to_graduates', 'open_to_migrant_workers', 'epidemic_supplies_employer', 'newly_published']).not.toContain(r.code);
    // not its posting, or not an employer of it
    expect((await t.get(`${V1}/matches/for-posting/${posting.id}`, await login('agency-qlz'))).statusCode).toBe(404);
    expect((await t.get(`${V1}/matches/for-posting/${posting.id}`, await login('seeker'))).statusCode).toBe(403);
    expect((await t.get(`${V1}/matches/for-posting/99999999`, employer)).statusCode).toBe(404);
  });

  it('a phone or ID number typed into the skills reaches no employer; a closed posting proposes no one (409)', async () => {
    const employer = await login('employer-km');
    const id = await employerPosting(`熨烫工${unique()}`, '平缝机 熨烫');
    const s = await profile({ desired: ['6'], name: '冯联系', skills: '平缝机熟练 电话 137-0000-0401 微信：zxm1990 身份证530102199003070024 QQ 12345678' });
    const items = (await t.get(`${V1}/matches/for-posting/${id}?limit=50`, employer)).json().items as Array<{ id: number; seeker: { skills: string } }>;
    const skills = items.find((x) => x.id === s.id)?.seeker.skills ?? '';
    expect(skills).toContain('平缝机熟练');
    for (const secret of ['0401', 'zxm1990', '530102199003070024', '12345678']) expect(skills).not.toContain(secret);
    expect((await t.send('POST', `${V1}/postings/${id}/close`, undefined, employer)).statusCode).toBe(200);
    const closed = await t.get(`${V1}/matches/for-posting/${id}`, employer);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('match_posting_not_open');
    // not the owner: 404 before the state is told
    expect((await t.get(`${V1}/matches/for-posting/${id}`, await login('agency-qlz'))).statusCode).toBe(404);
  });

  it('an agency acting for the employer also sees, by name, the seekers who authorised it', async () => {
    const agency = await login('agency-wh');
    const me = (await t.get(`${V1}/me`, agency)).json();
    const employerKm = (await t.get(`${V1}/me`, await login('employer-km'))).json();
    const posting = { id: await employerPosting(`包缝工${unique()}`, '包缝机') };
    // before employer-km authorises the agency: 404
    expect((await t.get(`${V1}/matches/for-posting/${posting.id}`, agency)).statusCode).toBe(404);
    const employerKey = systemKey(FIXTURE, 'employers', employerKm.divisionCode, employerKm.employerId);
    const grantId = await employerGrantsRepo.insertAuthorisation(t.deps.db, employerKey, { divisionCode: me.divisionCode, id: me.agencyId }, clock.now());
    try {
      const served = await profile({ desired: ['6'], name: '吴授权', visibility: 'agencies' });
      await grantsRepo.insertAuthorisation(t.deps.db, systemKey(FIXTURE, 'seekers', served.division, served.id), { divisionCode: me.divisionCode, id: me.agencyId }, clock.now());
      const again = await login('agency-wh'); // grants load with the session's requests
      const items = (await t.get(`${V1}/matches/for-posting/${posting.id}?limit=50`, again)).json().items as Array<{ id: number; seeker: { name: string; authorisedUs: boolean } }>;
      const hit = items.find((x) => x.id === served.id);
      expect(hit?.seeker).toMatchObject({ name: '吴授权', authorisedUs: true });
    } finally {
      // other files share the database: the matrix lists exactly the employers that authorised agency-wh
      if (grantId !== undefined) await employerGrantsRepo.revokeAuthorisation(t.deps.db, employerKey, grantId, clock.now());
    }
  });
});
