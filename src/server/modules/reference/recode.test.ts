// A county that changed its code (issue 7 §2, decision 0022): 530422 澄江县 became 530481 澄江市 in
// 2019 (民函〔2019〕124号), and the shipped change file says so. Rows registered under 530422 before
// the change (an agency with its roster and administrator, an employer, their credit-code claims,
// the county bureau's official, grants, audit history) are set up here as a system carried over
// from then would hold them. Then: the stale code is refused naming its successor; a credit code
// issued under it stays valid; the successor's official reads what still carries the old code;
// `yunqiao reference recode 530422 530481` moves the rows in one audited command; the audit
// history stays under 530422, chained and readable by 530481's official. On a cloned database.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { cloneTemplate } from '../../../../test/helpers/db.ts';
import { agencyInput, citizenId, createAccount, creditCode, mobile } from '../../../../test/helpers/factories.ts';
import type { AppError } from '../../http/errors.ts';
import { appendAuditChains, recordAuditAlone, verifyAuditChains } from '../audit/service.ts';
import { recodeDivision } from '../index.ts';

const ROOT = join(import.meta.dirname, '../../../..');
const PASSWORD = 'Recode-test-2020';
const OLD = '530422';
const NEW = '530481';
const run = promisify(execFile);

let db: Awaited<ReturnType<typeof cloneTemplate>>;
let t: TestApp;
let prov: string;
/** 530481's bureau (created after the change), 530422's (carried over), and 五华区's (a control). */
let successorOfficial: string;
let oldOfficial: string;
let whOfficial: string;
let agencyAdmin: string;
const ids = { agency: 0, staff: 0, employer: 0, otherEmployer: 0 };
const codes = { agency: creditCode(OLD), employer: creditCode(OLD) };

const countUnder = async (table: 'agencies' | 'employers' | 'agency_staff' | 'access_grants', division: string) =>
  Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('division_code', '=', division).executeTakeFirstOrThrow()).n);

async function cli(args: string[], locale = 'zh-CN') {
  const env = { ...process.env, DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, YUNQIAO_LOCALE: locale, LOG_LEVEL: 'silent' };
  return run(process.execPath, ['bin/yunqiao.mjs', ...args], { cwd: ROOT, env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  db = await cloneTemplate('recode');
  t = await createTestApp({ database: db });
  prov = await t.login('prov');
  const now = t.deps.clock.now();
  const tx = t.deps.db;
  // what 澄江县 held before 2019, carried over into this system
  const agency = await tx
    .insertInto('agencies')
    .values({ division_code: OLD, name: '澄江县劳务服务中心', kind: 'public', licence_no: 'CJ-2018-01', credit_code: codes.agency, address: '澄江县凤麓街道', responsible_person: '李梅', responsible_phone: mobile(), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.agency = agency.id;
  const id = citizenId(OLD);
  const staff = await tx
    .insertInto('agency_staff')
    .values({ division_code: OLD, agency_id: ids.agency, name: '王芳', phone: mobile(), id_number_enc: t.deps.crypto.encrypt(id), id_number_hash: t.deps.crypto.keyedHash(id), id_number_masked: `${id.slice(0, 6)}********${id.slice(-4)}`, position: '窗口受理', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.staff = staff.id;
  const employer = await tx
    .insertInto('employers')
    .values({ division_code: OLD, credit_code: codes.employer, name: '澄江抚仙湖食品有限公司', industry_code: '1530', address: '澄江县右所镇', contact_name: '赵强', contact_phone: mobile(), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.employer = employer.id;
  await tx
    .insertInto('credit_code_claims')
    .values([
      { credit_code: codes.agency, kind: 'agency', owner_division: OLD, owner_id: ids.agency, claimed_at: now },
      { credit_code: codes.employer, kind: 'employer', owner_division: OLD, owner_id: ids.employer, claimed_at: now },
    ])
    .execute();
  const other = await tx.selectFrom('employers').select('id').where('division_code', '=', '530102').executeTakeFirstOrThrow();
  ids.otherEmployer = other.id;
  await tx
    .insertInto('access_grants')
    .values([
      { division_code: OLD, grantee: 'division:530102', target_table: 'agencies', target_id: ids.agency, reason: 'test: a neighbour reads it', granted_at: now },
      { division_code: '530102', grantee: `agency:${OLD}:${ids.agency}`, target_table: 'employers', target_id: ids.otherEmployer, reason: 'test: the agency reads an employer', granted_at: now },
    ])
    .execute();
  oldOfficial = await createAccount(t.deps, { role: 'county', official_division: OLD, password: PASSWORD });
  successorOfficial = await createAccount(t.deps, { role: 'county', official_division: NEW, password: PASSWORD });
  whOfficial = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
  agencyAdmin = await createAccount(t.deps, { role: 'agency_admin', org_division: OLD, agency_id: ids.agency, password: PASSWORD });
  // the roster row's staff membership (as the roster routes make it)
  await createAccount(t.deps, { role: 'agency_staff', org_division: OLD, agency_id: ids.agency, staff_id: ids.staff, password: PASSWORD });
  for (const action of ['test.history.register', 'test.history.inspect']) {
    await recordAuditAlone(t.deps.db, t.deps.clock, { actor: null, ctx: { requestId: 'history', ip: '127.0.0.1' } }, { action, divisionCode: OLD, targetType: 'agency', targetId: ids.agency });
  }
});
afterAll(async () => {
  await t.close();
  await db.drop();
});

const audit = async (cookie: string, action: string) => {
  const res = await t.get(`/api/v1/audit?action=${action}&limit=50`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { divisionCode: string; action: string; targetId: string | null; chained: boolean }[];
};

describe('a stale code', () => {
  it('is refused where a county is chosen, naming its successor (zh-CN and en); nothing is created', async () => {
    const before = await countUnder('agencies', OLD);
    const zh = await t.send('POST', '/api/v1/agencies', agencyInput(OLD), prov);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([{ field: 'divisionCode', message: '所在县（市、区）：530422 已撤销，请使用 530481（澄江市）' }]);
    const en = await t.send('POST', '/api/v1/employers', { creditCode: creditCode(), name: '测试企业', industryCode: '1530', divisionCode: OLD, address: '地址', contactName: '张三', contactPhone: mobile() }, prov, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details).toEqual([{ field: 'divisionCode', message: 'county: 530422 was abolished; use 530481 (澄江市) instead' }]);
    expect(await countUnder('agencies', OLD)).toBe(before);
  });

  it('a credit code issued under it stays valid; a code naming no division of any edition is still refused', async () => {
    const ok = await t.send('POST', '/api/v1/agencies', { ...agencyInput(NEW), creditCode: creditCode(OLD) }, prov);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().divisionCode).toBe(NEW);
    const unknown = await t.send('POST', '/api/v1/agencies', { ...agencyInput(NEW), creditCode: creditCode('530499') }, prov);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('creditCode');
  });
});

describe('before the rows move', () => {
  it("the successor's official reads the rows still under the old code (its predecessor prefix); a neighbour does not", async () => {
    const cjs = await t.login(successorOfficial, PASSWORD);
    const list = (await t.get('/api/v1/agencies?limit=100', cjs)).json().items as { id: number; divisionCode: string }[];
    expect(list.find((a) => a.id === ids.agency)?.divisionCode).toBe(OLD);
    expect((await t.get(`/api/v1/agencies/${ids.agency}`, cjs)).statusCode).toBe(200);
    expect((await audit(cjs, 'test.history.register')).map((e) => e.divisionCode)).toEqual([OLD]);
    const summary = (await t.get('/api/v1/registry/summary', cjs)).json();
    expect(summary.byDivision).toEqual([expect.objectContaining({ code: NEW, name: '澄江市', agencies: 2, staff: 1, employers: 1 })]);
    const wh = await t.login(whOfficial, PASSWORD);
    expect((await t.get(`/api/v1/agencies/${ids.agency}`, wh)).statusCode).toBe(200); // granted to 530102's bureau
    expect(await audit(wh, 'test.history.register')).toEqual([]);
    expect((await t.get(`/api/v1/employers/${ids.employer}`, wh)).statusCode).toBe(404);
  });

  it('a recode is refused unless OLD is abolished and NEW its successor; nothing moves', async () => {
    const caller = { actor: null, ctx: { requestId: 'test', ip: '127.0.0.1' } };
    const refusal = (from: string, to: string) => recodeDivision(t.deps, from, to, caller).then(() => null, (e: AppError) => [e.code, e.params]);
    expect(await refusal(NEW, OLD)).toEqual(['recode_not_abolished', { code: NEW }]);
    expect(await refusal(OLD, '530102')).toEqual(['recode_not_successor', { from: OLD, to: '530102', successor: NEW }]);
    expect(await refusal('530499', NEW)).toEqual(['recode_unknown_division', { code: '530499' }]);
    const cli1 = await cli(['reference', 'recode', OLD, '５３０１０２'], 'en');
    expect(cli1.code).toBe(1);
    expect(cli1.stderr.trim()).toBe('yunqiao: 530102 is not the successor of 530422 (the successor of 530422 is 530481)');
    expect(await countUnder('agencies', OLD)).toBe(1);
  }, 60_000);
});

describe('yunqiao reference recode 530422 530481', () => {
  let printed: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    printed = await cli(['reference', 'recode', OLD, NEW]);
  }, 60_000);

  it('moves the agency, its roster, the employer, the grants on them, keeping their ids; reports the counts', async () => {
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(
      '已将 530422 的数据迁移到 530481：access_grants 1, attachments 0, agencies 1, employers 1, agency_staff 1, employer_registrations 0, prevention_settings 0, prevention_consents 0, prevention_incidents 0, prevention_incident_steps 0, prevention_escalations 0, prevention_checkins 0, prevention_daily_counts 0, venues 0, hygiene_logs 0, hygiene_misses 0, venue_slots 0, bookings 0, visits 0, venue_occupancy 0, venue_daily_counts 0, prevention_plans 0, prevention_stock_items 0, prevention_education_sessions 0, prevention_education_attendees 0, screening_declarations 0, screening_findings 0, postings 0, applications 0, interviews 0, moderation_cases 0, posting_reports 0, seekers 0, alert_subscriptions 0, alert_digests 0, alert_new_postings 0, resumption_plans 0, resumption_demand 0, resumption_returnees 0, resumption_transport_shares 0, placements 0, placement_insurance 0, identity.officials 0, identity.officialsDisabled 1, identity.organisations 2, identity.grantees 1, registry.credit_code_claims 2, venues.venue_codes 0, screening.risk_areas 0, market.posting_sources 0, market.posting_codes 0, market.application_agencies 0, market.posting_search_stale 0, seekers.seeker_places 0, resumption.returnee_origins 0, resumption.share_origins 0, placements.placement_agencies 0',
    );
    for (const table of ['agencies', 'employers', 'agency_staff', 'access_grants'] as const) expect(await countUnder(table, OLD)).toBe(0);
    const agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'name']).where('id', '=', ids.agency).executeTakeFirstOrThrow();
    expect(agency).toEqual({ division_code: NEW, name: '澄江县劳务服务中心' });
    const staff = await t.deps.db.selectFrom('agency_staff').select(['division_code', 'agency_id']).where('id', '=', ids.staff).executeTakeFirstOrThrow();
    expect(staff).toEqual({ division_code: NEW, agency_id: ids.agency });
    expect((await t.deps.db.selectFrom('employers').select('division_code').where('id', '=', ids.employer).executeTakeFirstOrThrow()).division_code).toBe(NEW);
  });

  it('claims, accounts and grantee keys follow: the old bureau answers for 530481, the administrator signs in to the moved agency', async () => {
    const claims = await t.deps.db.selectFrom('credit_code_claims').select(['credit_code', 'owner_division', 'owner_id']).where('credit_code', 'in', [codes.agency, codes.employer]).orderBy('kind').execute();
    expect(claims).toEqual([
      { credit_code: codes.agency, owner_division: NEW, owner_id: ids.agency },
      { credit_code: codes.employer, owner_division: NEW, owner_id: ids.employer },
    ]);
    const accounts = await t.deps.db
      .selectFrom('memberships as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['a.username', 'm.official_division', 'm.org_division', 'm.status'])
      .where('a.username', 'in', [oldOfficial, agencyAdmin])
      .orderBy('m.role')
      .execute();
    expect(accounts).toEqual([
      { username: agencyAdmin, official_division: null, org_division: NEW, status: 'active' },
      { username: oldOfficial, official_division: NEW, org_division: null, status: 'disabled' },
    ]);
    const grants = await t.deps.db.selectFrom('access_grants').select(['division_code', 'grantee', 'target_id']).where('reason', 'like', 'test:%').orderBy('target_table').execute();
    expect(grants).toEqual([
      { division_code: NEW, grantee: 'division:530102', target_id: ids.agency },
      { division_code: '530102', grantee: `agency:${NEW}:${ids.agency}`, target_id: ids.otherEmployer },
    ]);
    const admin = await t.login(agencyAdmin, PASSWORD);
    const me = (await t.get('/api/v1/me', admin)).json();
    expect(me).toMatchObject({ divisionCode: NEW, agencyId: ids.agency });
    expect((await t.get(`/api/v1/agencies/${ids.agency}/staff`, admin)).json().items).toHaveLength(1);
    // the roster row's staff membership followed its row
    const staffMemberships = await t.deps.db.selectFrom('memberships').select(['org_division']).where('role', '=', 'agency_staff').where('agency_id', '=', ids.agency).execute();
    expect(staffMemberships).toEqual([{ org_division: NEW }]);
  });

  it('is audited under both codes; the old history stays under 530422, chained, and 530481 reads it', async () => {
    const entries = await t.deps.db.selectFrom('audit_log').select(['division_code', 'target_id', 'request_id', 'detail']).where('action', '=', 'reference.division.recode').orderBy('division_code').execute();
    expect(entries.map((e) => [e.division_code, e.target_id, e.request_id])).toEqual([
      [OLD, OLD, 'cli'],
      [NEW, OLD, 'cli'],
    ]);
    expect(entries[0]?.detail).toMatchObject({ from: OLD, to: NEW, moved: { agencies: 1, agency_staff: 1, employers: 1 } });
    await appendAuditChains({ db: t.deps.db, clock: t.deps.clock });
    const cjs = await t.login(successorOfficial, PASSWORD);
    const history = await audit(cjs, 'test.history.register');
    expect(history).toEqual([expect.objectContaining({ divisionCode: OLD, targetId: String(ids.agency), chained: true })]);
    expect((await audit(cjs, 'reference.division.recode')).map((e) => e.divisionCode).sort()).toEqual([OLD, NEW]);
    // 530481 had a bureau of its own already: 530422's official is not widened to it but disabled
    // (its sessions ended); 530481's bureau reads 530422's past through the predecessor prefix
    expect((await t.send('POST', '/api/v1/auth/login', { username: oldOfficial, password: PASSWORD })).statusCode).toBe(401);
    expect(await audit(cjs, 'test.history.inspect')).toHaveLength(1);
    const verified = await verifyAuditChains(t.deps.db);
    expect(verified.problems).toEqual([]);
    expect((await t.get('/api/v1/registry/summary', cjs)).json().byDivision).toEqual([expect.objectContaining({ code: NEW, agencies: 2, staff: 1, employers: 1 })]);
  });

  it('running it again moves nothing', async () => {
    const again = await recodeDivision(t.deps, OLD, NEW, { actor: null, ctx: null });
    expect(Object.values(again.moved).every((n) => n === 0)).toBe(true);
    expect(await countUnder('agencies', NEW)).toBe(2);
  });
});
