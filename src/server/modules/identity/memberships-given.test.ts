// Memberships kept by the officials above (decision 0024), through the real routes on a real
// database: creation down the hierarchy and its refusals (upward, sideways, out of reach, bad input:
// nothing written), a person found by phone gaining a membership, the one-time password that must
// be changed before anything else works, disabling that ends sessions, and the list and export
// scoped to the caller's reach.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { agencyInput, citizenId, creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';

let t: TestApp;
let prov: string;
let km: string;
let wh: string;
let pl: string;
let agencyWh: string;

beforeAll(async () => {
  t = await createTestApp();
  [prov, km, wh, pl, agencyWh] = await Promise.all([t.login('prov'), t.login('km'), t.login('wh'), t.login('pl'), t.login('agency-wh')]);
});
afterAll(() => t.close());

const V1 = '/api/v1';
const create = (cookie: string, body: unknown, headers: Record<string, string> = {}) => t.send('POST', `${V1}/memberships`, body, cookie, headers);
const person = (extra: Record<string, unknown> = {}) => ({ phone: mobile(), displayName: `测试人员${unique()}`, username: `user-${unique()}`, ...extra });
const login = (username: string, password: string) => t.send('POST', `${V1}/auth/login`, { username, password });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => `yq_sid=${res.cookies.find((c) => c.name === 'yq_sid')?.value}`;
const NEW_PASSWORD = 'Changed-password-2020!';

async function counts() {
  const n = async (table: 'accounts' | 'memberships') => Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { accounts: await n('accounts'), memberships: await n('memberships') };
}

async function agencyIn(cookie: string, division: string): Promise<number> {
  const res = await t.send('POST', `${V1}/agencies`, agencyInput(division), cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function employerIn(cookie: string, division: string): Promise<number> {
  const body = { creditCode: creditCode(division), name: `测试用人单位${unique()}`, industryCode: '2770', divisionCode: division, address: '测试路 2 号', contactName: '联系人', contactPhone: mobile() };
  const res = await t.send('POST', `${V1}/employers`, body, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Signs in with the one-time password and changes it; returns the session. */
async function firstSignIn(username: string, oneTimePassword: string): Promise<string> {
  const res = await login(username, oneTimePassword);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = cookieOf(res);
  const changed = await t.send('POST', `${V1}/auth/password`, { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD }, cookie);
  expect(changed.statusCode, changed.body).toBe(204);
  return cookie;
}

const auditOf = (action: string, targetId: number) =>
  t.deps.db.selectFrom('audit_log').select(['action', 'division_code', 'outcome']).where('action', '=', action).where('target_id', '=', String(targetId)).execute();

describe('creating memberships down the hierarchy', () => {
  it('province → prefecture → county → agency administrator and employer, each a new person with a one-time password', async () => {
    const pref = person();
    const a = await create(prov, { role: 'prefecture', divisionCode: '530100', person: pref });
    expect(a.statusCode, a.body).toBe(201);
    const made = a.json();
    expect(made).toMatchObject({
      personCreated: true,
      oneTimePassword: expect.stringMatching(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/),
      membership: {
        role: 'prefecture',
        status: 'active',
        divisionCode: '530100',
        divisionName: '昆明市',
        agencyId: null,
        organisationName: null,
        person: { username: pref.username, displayName: pref.displayName, phone: `${pref.phone.slice(0, 3)}****${pref.phone.slice(-4)}`, mustChangePassword: true },
      },
    });
    // the password is stored as a hash only, and must be changed at first sign-in
    const account = await t.deps.db.selectFrom('accounts').select(['password_hash', 'must_change_password']).where('username', '=', pref.username).executeTakeFirstOrThrow();
    expect(account.must_change_password).toBe(true);
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    expect(account.password_hash).not.toContain(made.oneTimePassword);
    expect((await auditOf('identity.membership.create', made.membership.id)).map((r) => r.division_code)).toEqual(['530100']);
    expect(await auditOf('identity.account.create', made.membership.person.accountId)).toHaveLength(1);

    // the new prefecture official creates a county official in its prefecture
    const prefCookie = await firstSignIn(pref.username, made.oneTimePassword);
    const county = person();
    const b = await create(prefCookie, { role: 'county', divisionCode: '530103', person: county });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().membership).toMatchObject({ role: 'county', divisionCode: '530103', divisionName: '盘龙区' });
    const createdBy = await t.deps.db.selectFrom('memberships').select('created_by').where('id', '=', b.json().membership.id).executeTakeFirstOrThrow();
    expect(createdBy.created_by).toBe(made.membership.person.accountId);

    // the county official gives an agency's and an employer's administrator memberships in its county
    const countyCookie = await firstSignIn(county.username, b.json().oneTimePassword);
    const agencyId = await agencyIn(countyCookie, '530103');
    const admin = person();
    const c = await create(countyCookie, { role: 'agency_admin', agencyId, person: admin });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().membership).toMatchObject({ role: 'agency_admin', divisionCode: '530103', agencyId, organisationName: expect.stringContaining('测试人力资源服务机构') });
    const employerId = await employerIn(countyCookie, '530103');
    const d = await create(countyCookie, { role: 'employer', employerId, person: person() });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().membership).toMatchObject({ role: 'employer', divisionCode: '530103', employerId });

    // the administrator signs in, changes the password and acts for the agency
    const adminCookie = await firstSignIn(admin.username, c.json().oneTimePassword);
    const me = (await t.get(`${V1}/me`, adminCookie)).json();
    expect(me).toMatchObject({ role: 'agency_admin', agencyId, mustChangePassword: false });
    expect((await t.get(`${V1}/agencies/${agencyId}/staff`, adminCookie)).statusCode).toBe(200);
  });

  it('the province and a prefecture give agency and employer memberships within their reach too', async () => {
    const agencyId = await agencyIn(prov, '530102');
    expect((await create(km, { role: 'agency_admin', agencyId, person: person() })).statusCode).toBe(201);
    const employerId = await employerIn(prov, '532801');
    expect((await create(prov, { role: 'employer', employerId, person: person() })).statusCode).toBe(201);
  });

  it('refuses upward, sideways and out of reach, and bad input, naming the field; nothing is written', async () => {
    const before = await counts();
    const agencyElsewhere = await agencyIn(prov, '530302');
    const agencyHere = await agencyIn(prov, '530102');
    const refusals: [string, unknown, number, string, string | undefined][] = [
      // [caller, body, status, error code, field]
      [wh, { role: 'county', divisionCode: '530102', person: person() }, 400, 'validation_failed', 'role'],
      [wh, { role: 'prefecture', divisionCode: '530100', person: person() }, 400, 'validation_failed', 'role'],
      [km, { role: 'prefecture', divisionCode: '530300', person: person() }, 400, 'validation_failed', 'role'],
      [prov, { role: 'province', divisionCode: '530000', person: person() }, 400, 'validation_failed', 'role'],
      [km, { role: 'county', divisionCode: '530302', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [km, { role: 'county', divisionCode: '530100', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [prov, { role: 'prefecture', divisionCode: '530102', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [prov, { role: 'county', divisionCode: '110101', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [prov, { role: 'county', divisionCode: '539999', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [prov, { role: 'county', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [prov, { role: 'county', divisionCode: '530102', agencyId: agencyHere, person: person() }, 400, 'validation_failed', 'agencyId'],
      [wh, { role: 'agency_admin', agencyId: agencyElsewhere, person: person() }, 404, 'not_found', undefined],
      [wh, { role: 'agency_admin', agencyId: 987_654_321, person: person() }, 404, 'not_found', undefined],
      [wh, { role: 'agency_admin', person: person() }, 400, 'validation_failed', 'agencyId'],
      [wh, { role: 'agency_admin', agencyId: agencyHere, divisionCode: '530102', person: person() }, 400, 'validation_failed', 'divisionCode'],
      [wh, { role: 'employer', agencyId: agencyHere, person: person() }, 400, 'validation_failed', 'agencyId'],
      [wh, { role: 'employer', person: person() }, 400, 'validation_failed', 'employerId'],
      [wh, { role: 'agency_admin', agencyId: agencyHere, person: person({ phone: '1234' }) }, 400, 'validation_failed', 'person.phone'],
      [wh, { role: 'agency_admin', agencyId: agencyHere, person: person({ username: '张三' }) }, 400, 'validation_failed', 'person.username'],
      [wh, { role: 'agency_admin', agencyId: agencyHere, person: person({ username: undefined }) }, 400, 'validation_failed', 'person.username'],
      [wh, { role: 'agency_admin', agencyId: agencyHere, person: person({ displayName: ' ' }) }, 400, 'validation_failed', 'person.displayName'],
      [wh, { role: 'agency_admin', agencyId: agencyHere, person: person({ username: 'prov' }) }, 409, 'username_taken', 'person.username'],
      [agencyWh, { role: 'agency_admin', agencyId: agencyHere, person: person() }, 403, 'forbidden', undefined],
    ];
    const afterAgencies = await counts();
    for (const [cookie, body, status, code, field] of refusals) {
      const res = await create(cookie, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (field) expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
    expect(await counts()).toEqual(afterAgencies);
    expect(afterAgencies.accounts).toBe(before.accounts);
  });

  it('localises the refusals and says which field', async () => {
    const res = await create(km, { role: 'county', divisionCode: '530302', person: person() });
    expect(res.json().error.details[0].message).toBe('行政区划：所选行政区划不在您的管辖范围内');
    const agencyId = await agencyIn(wh, '530102');
    const taken = await create(wh, { role: 'agency_admin', agencyId, person: person({ username: 'prov' }) }, { 'accept-language': 'en' });
    expect(taken.json().error).toMatchObject({ code: 'username_taken', details: [{ field: 'person.username', message: 'username: belongs to someone else' }] });
    const abolished = await create(prov, { role: 'county', divisionCode: '530422', person: person() });
    expect(abolished.json().error.details).toEqual([{ field: 'divisionCode', message: expect.stringContaining('530481') }]);
    const sideways = await create(wh, { role: 'county', divisionCode: '530102', person: person() });
    expect(sideways.json().error.details[0].message).toMatch(/^角色：只能开设下级的身份/);
  });
});

describe('a person found by phone', () => {
  it('an existing person with a password gains the membership; the password stays', async () => {
    const first = person();
    const a = await create(prov, { role: 'county', divisionCode: '530112', person: first });
    expect(a.statusCode, a.body).toBe(201);
    const hashBefore = (await t.deps.db.selectFrom('accounts').select('password_hash').where('username', '=', first.username).executeTakeFirstOrThrow()).password_hash;
    const employerId = await employerIn(wh, '530102');
    // another name and user name given: the person keeps theirs
    const b = await create(wh, { role: 'employer', employerId, person: { phone: first.phone, displayName: '别的名字', username: `other-${unique()}` } });
    expect(b.statusCode, b.body).toBe(201);
    // … and the desk that added it does not learn the person's user name (their login for other roles);
    // the person is told by SMS
    expect(b.json()).toMatchObject({ personCreated: false, oneTimePassword: null, membership: { role: 'employer', person: { accountId: a.json().membership.person.accountId, username: null, displayName: first.displayName } } });
    const told = await t.deps.db.selectFrom('outbox').select(['template', 'payload']).where('recipient', '=', first.phone).where('template', '=', 'membership_granted').execute();
    expect(told).toEqual([{ template: 'membership_granted', payload: { role: 'employer', divisionCode: '530102' } }]);
    const hashAfter = (await t.deps.db.selectFrom('accounts').select('password_hash').where('username', '=', first.username).executeTakeFirstOrThrow()).password_hash;
    expect(hashAfter).toBe(hashBefore);
    // the one-time password still signs in, and both memberships are offered
    const signedIn = await login(first.username, a.json().oneTimePassword);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().memberships.map((m: { role: string }) => m.role).sort()).toEqual(['county', 'employer']);
    // the same membership again: 409, nothing changes
    const again = await create(wh, { role: 'employer', employerId, person: { phone: first.phone, displayName: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('membership_exists');
  });

  it('a roster row\'s person (phone only) gets a user name and a one-time password for an administrator membership', async () => {
    const agencyId = (await t.get(`${V1}/me`, agencyWh)).json().agencyId as number;
    const phone = mobile();
    const staff = await t.send('POST', `${V1}/agencies/${agencyId}/staff`, { name: `花名册${unique()}`, phone, idNumber: citizenId(), position: '招聘专员' }, agencyWh);
    expect(staff.statusCode, staff.body).toBe(201);
    const before = await t.deps.db.selectFrom('accounts').select(['id', 'username', 'password_hash']).where('phone', '=', phone).executeTakeFirstOrThrow();
    expect(before).toMatchObject({ username: null, password_hash: null });
    // no user name given: one is needed for a password role
    const missing = await create(wh, { role: 'agency_admin', agencyId, person: { phone, displayName: '新管理员' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual(['person.username']);
    const username = `roster-${unique()}`;
    const res = await create(wh, { role: 'agency_admin', agencyId, person: { phone, displayName: '新管理员', username } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ personCreated: false, oneTimePassword: expect.any(String), membership: { person: { accountId: before.id, username, mustChangePassword: true } } });
    const cookie = await firstSignIn(username, res.json().oneTimePassword);
    const me = (await t.get(`${V1}/me`, cookie)).json();
    expect(me.memberships.map((m: { role: string }) => m.role).sort()).toEqual(['agency_admin', 'agency_staff']);
    expect(await auditOf('identity.account.issue_password', before.id)).toHaveLength(1);
  });
});

describe('at once', () => {
  it('two grants naming the same new phone make one person; two naming the same new user name, one account', async () => {
    const phone = mobile();
    const [a, b] = await Promise.all([agencyIn(wh, '530102'), agencyIn(wh, '530102')]);
    const both = await Promise.all([a, b].map((agencyId) => create(wh, { role: 'agency_admin', agencyId, person: person({ phone }) })));
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(both.filter((r) => r.json().personCreated)).toHaveLength(1);
    const people = await t.deps.db.selectFrom('accounts').select('id').where('phone', '=', phone).execute();
    expect(people).toHaveLength(1);
    expect(await t.deps.db.selectFrom('memberships').select('id').where('account_id', '=', people[0]?.id as number).execute()).toHaveLength(2);

    const username = `race-${unique()}`;
    const raced = await Promise.all([a, b].map((agencyId) => create(wh, { role: 'agency_admin', agencyId, person: person({ username }) })));
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(raced.find((r) => r.statusCode === 409)?.json().error.code).toBe('username_taken');
    expect(await t.deps.db.selectFrom('accounts').select('id').where('username', '=', username).execute()).toHaveLength(1);
  });
});

describe('the one-time password', () => {
  it('opens only /me, sign-out and changing it until it is changed', async () => {
    const p = person();
    const made = (await create(prov, { role: 'prefecture', divisionCode: '530300', person: p })).json();
    const res = await login(p.username, made.oneTimePassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(res);
    for (const url of ['/registry/summary', '/memberships', '/agencies']) {
      const r = await t.get(`${V1}${url}`, cookie);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code).toBe('password_change_required');
    }
    const write = await create(cookie, { role: 'county', divisionCode: '530302', person: person() });
    expect(write.json().error.code).toBe('password_change_required');
    expect((await t.get(`${V1}/me`, cookie)).statusCode).toBe(200);
    // a weak new password is refused and changes nothing
    const weak = await t.send('POST', `${V1}/auth/password`, { currentPassword: made.oneTimePassword, newPassword: 'short' }, cookie);
    expect(weak.statusCode).toBe(400);
    expect((await t.get(`${V1}/registry/summary`, cookie)).statusCode).toBe(403);
    const ok = await t.send('POST', `${V1}/auth/password`, { currentPassword: made.oneTimePassword, newPassword: NEW_PASSWORD }, cookie);
    expect(ok.statusCode).toBe(204);
    expect((await t.get(`${V1}/registry/summary`, cookie)).statusCode).toBe(200);
    expect((await t.get(`${V1}/me`, cookie)).json().mustChangePassword).toBe(false);
    // the one-time password no longer signs in
    expect((await login(p.username, made.oneTimePassword)).statusCode).toBe(401);
  });
});

describe('disabling and enabling', () => {
  it('the level above disables a membership in its reach: its sessions end, it no longer signs in; enabling restores it', async () => {
    const p = person();
    const made = (await create(km, { role: 'county', divisionCode: '530111', person: p })).json();
    const cookie = await firstSignIn(p.username, made.oneTimePassword);
    expect((await t.get(`${V1}/registry/summary`, cookie)).statusCode).toBe(200);

    const off = await t.send('POST', `${V1}/memberships/${made.membership.id}/disable`, undefined, km);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ id: made.membership.id, status: 'disabled' });
    expect(await t.deps.db.selectFrom('sessions').select('token_hash').where('membership_id', '=', made.membership.id).execute()).toEqual([]);
    expect((await t.get(`${V1}/registry/summary`, cookie)).statusCode).toBe(401);
    expect((await login(p.username, NEW_PASSWORD)).statusCode).toBe(401);
    expect(await auditOf('identity.membership.disable', made.membership.id)).toEqual([{ action: 'identity.membership.disable', division_code: '530111', outcome: 'ok' }]);

    const on = await t.send('POST', `${V1}/memberships/${made.membership.id}/enable`, undefined, prov);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().status).toBe('active');
    expect((await login(p.username, NEW_PASSWORD)).statusCode).toBe(200);
    expect(await auditOf('identity.membership.enable', made.membership.id)).toHaveLength(1);
  });

  it('refuses the same level (403), out of reach (404 as missing), roster rows (409) and agency administrators (403)', async () => {
    const county = (await create(prov, { role: 'county', divisionCode: '530102', person: person() })).json().membership.id;
    const elsewhere = (await create(prov, { role: 'county', divisionCode: '530302', person: person() })).json().membership.id;
    const staffMembership = await t.deps.db.selectFrom('memberships').select('id').where('role', '=', 'agency_staff').where('org_division', '=', '530102').where('status', '=', 'active').executeTakeFirstOrThrow();
    const disable = (id: number, cookie: string) => t.send('POST', `${V1}/memberships/${id}/disable`, undefined, cookie);
    const same = await disable(county, wh);
    expect(same.statusCode).toBe(403);
    expect(same.json().error.code).toBe('membership_not_below');
    const out = await disable(elsewhere, km);
    const missing = await disable(987_654_321, km);
    expect(out.statusCode).toBe(404);
    expect(out.json()).toEqual(missing.json());
    const roster = await disable(staffMembership.id, wh);
    expect(roster.statusCode).toBe(409);
    expect(roster.json().error.code).toBe('membership_follows_roster');
    expect((await disable(county, agencyWh)).statusCode).toBe(403);
    const statuses = await t.deps.db.selectFrom('memberships').select('status').where('id', 'in', [county, elsewhere, staffMembership.id]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['active', 'active', 'active']);
  });
});

describe('the list and its export', () => {
  it('officials see the memberships in their division subtree, phones masked, filtered and paged', async () => {
    const token = `列表${unique()}`;
    await create(prov, { role: 'county', divisionCode: '530102', person: person({ displayName: `${token}五华` }) });
    await create(prov, { role: 'county', divisionCode: '530302', person: person({ displayName: `${token}麒麟` }) });
    const mine = await t.get(`${V1}/memberships?q=${encodeURIComponent(token)}`, km);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((m: { person: { displayName: string } }) => m.person.displayName)).toEqual([`${token}五华`]);
    const all = await t.get(`${V1}/memberships?q=${encodeURIComponent(token)}`, prov);
    expect(all.json().items).toHaveLength(2);
    for (const m of all.json().items) expect(m.person.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);

    // km's whole reach, page by page: every row under 5301, no row twice
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json: () => { items: { id: number; divisionCode: string }[]; next: string | null } } = await t.get(`${V1}/memberships?limit=7${cursor ? `&cursor=${cursor}` : ''}`, km);
      expect(page.statusCode).toBe(200);
      for (const m of page.json().items) {
        expect(m.divisionCode.startsWith('5301'), m.divisionCode).toBe(true);
        seen.push(m.id);
      }
      cursor = page.json().next;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const filtered = (await t.get(`${V1}/memberships?role=county&division=530102&status=active&limit=200`, km)).json().items;
    expect(filtered.length).toBeGreaterThan(0);
    for (const m of filtered) expect(m).toMatchObject({ role: 'county', divisionCode: '530102', status: 'active' });
    expect((await t.get(`${V1}/memberships?division=5303`, km)).json().items).toEqual([]);
    const bad = await t.get(`${V1}/memberships?role=king`, km);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('role');
  });

  it("an agency administrator sees its agency's memberships only, its roster's included", async () => {
    const me = (await t.get(`${V1}/me`, agencyWh)).json();
    const items = (await t.get(`${V1}/memberships?limit=200`, agencyWh)).json().items as { agencyId: number; role: string }[];
    expect(items.length).toBeGreaterThan(1);
    for (const m of items) expect(m.agencyId).toBe(me.agencyId);
    expect(new Set(items.map((m) => m.role))).toEqual(new Set(['agency_admin', 'agency_staff']));
    const employer = await t.login('employer-km');
    expect((await t.get(`${V1}/memberships`, employer)).statusCode).toBe(403);
  });

  it('exports the same rows as a workbook, phones masked; the export is audited', async () => {
    const token = `导出${unique()}`;
    await create(prov, { role: 'county', divisionCode: '530103', person: person({ displayName: `${token}盘龙` }) });
    await create(prov, { role: 'county', divisionCode: '530302', person: person({ displayName: `${token}麒麟` }) });
    const res = await t.get(`${V1}/memberships/export.xlsx?q=${encodeURIComponent(token)}`, pl);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
    expect(res.headers['cache-control']).toBe('no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['姓名或名称', '用户名', '手机号', '身份', '行政区划代码', '所在地', '机构或单位', '状态', '初始密码未修改', '开设日期', '最近使用']);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4], r[5], r[7], r[8]])).toEqual([[`${token}盘龙`, '县（市、区）人社局', '530103', '盘龙区', '正常', '是']]);
    expect(rows[1]?.[2]).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'division_code']).where('action', '=', 'identity.membership.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.division_code).toBe('530103');
  });
});
