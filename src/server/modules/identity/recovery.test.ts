// Getting a person back in (issue 7 §1): the level above unlocks a locked account; a county office
// moves a person to a new phone (sessions, devices and the old number's code gone, the roster rows
// re-pointed so the agency's next save keeps the person); a password reset by SMS code, whose codes
// do not cross purposes, counted and locked like an SMS sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { agencyInput, citizenId, createAccount, createStaffRow, mobile, unique } from '../../../../test/helpers/factories.ts';
import { jobOf, runQueuedJobs } from '../../../../test/helpers/jobs.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { HOUR, MINUTE, ManualClock } from '../../platform/clock.ts';
import { identityJobs } from './jobs.ts';
import * as repo from './repository.ts';
import { sendLoginCodeContract } from './schemas.ts';

const V1 = '/api/v1';
const PASSWORD = 'Recovery-test-2020';
const NEW_PASSWORD = 'Brand-new-pass-2021';
let t: TestApp;
let clock: ManualClock;
let whAgency: { division: string; id: number };

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock });
  const me = (await t.get(`${V1}/me`, await t.login('agency-wh'))).json();
  whAgency = { division: me.divisionCode, id: me.agencyId };
});
afterAll(() => t.close());

const db = () => t.deps.db;
const deliver = jobOf(identityJobs, sendLoginCodeContract);
const accountId = async (by: { username?: string; phone?: string }) => {
  const q = db().selectFrom('accounts').select('id');
  const row = await (by.username ? q.where('username', '=', by.username) : q.where('phone', '=', by.phone as string)).executeTakeFirstOrThrow();
  return row.id;
};
const login = (username: string, password = PASSWORD) => t.send('POST', `${V1}/auth/login`, { username, password });
const unlock = (cookie: string, id: number) => t.send('POST', `${V1}/accounts/${id}/unlock`, undefined, cookie);
const movePhone = (cookie: string, id: number, phone: string, lang?: string) => t.send('POST', `${V1}/accounts/${id}/phone`, { phone }, cookie, lang ? { 'accept-language': lang } : {});
const throttleRows = (logins: string[]) => db().selectFrom('login_throttle').select(['login', 'device', 'failures']).where('login', 'in', logins).execute();
const outboxFor = (phone: string) => db().selectFrom('outbox').selectAll().where('recipient', '=', phone).orderBy('id').execute();

/** Five wrong passwords: the fifth locks the name (423). */
async function lockOut(username: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await login(username, 'wrong-password-1')).statusCode);
  expect(statuses).toEqual([401, 401, 401, 401, 423]);
  expect((await login(username)).statusCode).toBe(423);
}

/** An agency administrator of a fresh agency in `division` (created by the province). */
async function agencyAdmin(division = '530102') {
  const res = await t.send('POST', `${V1}/agencies`, agencyInput(division), await t.login('prov'));
  expect(res.statusCode, res.body).toBe(201);
  const agency = { division_code: division, id: res.json().id as number };
  const username = await createAccount(t.deps, { role: 'agency_admin', org_division: division, agency_id: agency.id, password: PASSWORD });
  return { agency, username };
}

/** A staff member of `agency` with a phone (a roster row and its membership); returns the phone and the username. */
async function staffOf(agency: { division_code: string; id: number }) {
  const phone = mobile();
  const staffId = await createStaffRow(t.deps, agency, phone);
  const username = await createAccount(t.deps, { role: 'agency_staff', phone, org_division: agency.division_code, agency_id: agency.id, staff_id: staffId, password: PASSWORD });
  return { phone, username, staffId };
}

/** Asks for a code and runs its delivery job; returns the answer. */
async function requestCode(phone: string, purpose?: 'login' | 'password_reset') {
  const res = await t.send('POST', `${V1}/auth/sms-code`, purpose ? { phone, purpose } : { phone });
  await runQueuedJobs(t.deps, deliver, (d) => d.phone === phone, { clock });
  return res;
}
async function lastCode(phone: string): Promise<string> {
  const rows = await outboxFor(phone);
  const code = (rows[rows.length - 1]?.payload as { code?: string } | undefined)?.code;
  if (!code) throw new Error(`no code in the outbox for ${phone}`);
  return code;
}
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const reset = (body: Record<string, unknown>, lang?: string) => t.send('POST', `${V1}/auth/password-reset`, body, undefined, lang ? { 'accept-language': lang } : {});
const smsLogin = (phone: string, code: string, idTail?: string) => t.send('POST', `${V1}/auth/sms-login`, { phone, code, ...(idTail ? { idTail } : {}) });

describe('POST /accounts/{id}/unlock', () => {
  it("a county unlocks an agency administrator in its county: every counter of the name and phone cleared, audited", async () => {
    const { username } = await agencyAdmin('530102');
    const id = await accountId({ username });
    const phone = mobile();
    await db().updateTable('accounts').set({ phone }).where('id', '=', id).execute();
    await lockOut(username);
    // a remembered device's counter and the phone's counter as well
    await db().insertInto('login_throttle').values([
      { login: username, device: 'sha256:some-device', failures: 5, window_started_at: clock.now(), locked_until: new Date(clock.now().getTime() + 15 * MINUTE) },
      { login: phone, device: '', failures: 2, window_started_at: clock.now(), locked_until: null },
    ]).execute();
    expect(await throttleRows([username, phone])).toHaveLength(3);

    const res = await unlock(await t.login('wh'), id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ cleared: 3 });
    expect(await throttleRows([username, phone])).toEqual([]);
    expect((await login(username)).statusCode).toBe(200);
    const audit = await db().selectFrom('audit_log').select(['actor_username', 'division_code', 'target_id', 'detail', 'outcome']).where('action', '=', 'identity.account.unlock').where('target_id', '=', String(id)).execute();
    expect(audit).toEqual([{ actor_username: 'wh', division_code: '530102', target_id: String(id), detail: { cleared: 3, role: 'agency_admin' }, outcome: 'ok' }]);
  });

  it('answers out of reach exactly as a missing id, and leaves the lock', async () => {
    const { username } = await agencyAdmin('530102');
    const id = await accountId({ username });
    await lockOut(username);
    const pl = await t.login('pl'); // the neighbouring county
    const out = await unlock(pl, id);
    const missing = await unlock(pl, 987_654_321);
    expect(out.statusCode).toBe(404);
    expect(out.json()).toEqual(missing.json());
    expect((await login(username)).statusCode).toBe(423);
    // the refusal is audited as a refused write
    const refused = await db().selectFrom('audit_log').select(['action', 'outcome']).where('actor_username', '=', 'pl').where('action', '=', 'http.post').where('outcome', '=', 'denied').execute();
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });

  it('goes by level: a county not over another county official, the prefecture over both, the province over the prefecture', async () => {
    const county = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
    const prefecture = await createAccount(t.deps, { role: 'prefecture', official_division: '530100', password: PASSWORD });
    const countyId = await accountId({ username: county });
    const prefectureId = await accountId({ username: prefecture });
    const [wh, km, qj, prov] = [await t.login('wh'), await t.login('km'), await t.login('qj'), await t.login('prov')];
    expect((await unlock(wh, countyId)).statusCode).toBe(404);
    expect((await unlock(qj, countyId)).statusCode).toBe(404); // another prefecture
    expect((await unlock(km, countyId)).statusCode).toBe(200);
    expect((await unlock(km, prefectureId)).statusCode).toBe(404); // the same level
    expect((await unlock(prov, prefectureId)).statusCode).toBe(200);
    // nobody unlocks themselves
    expect((await unlock(km, await accountId({ username: 'km' }))).statusCode).toBe(404);
  });

  it("an agency administrator unlocks its own staff only", async () => {
    const own = await staffOf({ division_code: whAgency.division, id: whAgency.id });
    const other = await agencyAdmin('530102');
    const otherStaff = await staffOf(other.agency);
    const admin = await t.login('agency-wh');
    await lockOut(own.username);
    expect((await unlock(admin, await accountId({ username: own.username }))).json()).toEqual({ cleared: 1 });
    expect((await login(own.username)).statusCode).toBe(200);
    expect((await unlock(admin, await accountId({ username: otherStaff.username }))).statusCode).toBe(404);
    expect((await unlock(admin, await accountId({ username: other.username }))).statusCode).toBe(404);
    expect((await unlock(admin, await accountId({ username: 'wh' }))).statusCode).toBe(404);
  });

  it("judges a person by their highest membership: a county's roster row does not open a county official of elsewhere", async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530103', password: PASSWORD });
    const id = await accountId({ username });
    const staffId = await createStaffRow(t.deps, { division_code: whAgency.division, id: whAgency.id });
    await repo.upsertStaffMembership(db(), { account_id: id, org_division: whAgency.division, agency_id: whAgency.id, staff_id: staffId, created_at: clock.now(), created_by: null });
    expect((await unlock(await t.login('agency-wh'), id)).statusCode).toBe(404);
    expect((await unlock(await t.login('wh'), id)).statusCode).toBe(404);
    expect((await unlock(await t.login('km'), id)).statusCode).toBe(200);
  });

  it('refuses a malformed id naming it, and roles below an agency', async () => {
    const bad = await t.send('POST', `${V1}/accounts/abc/unlock`, undefined, await t.login('wh'), { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['id']);
    expect((await unlock(await t.login('employer-km'), 1)).statusCode).toBe(403);
  });
});

describe('POST /accounts/{id}/phone', () => {
  /** A staff member added through the roster (the registry makes the person), signed in by SMS on a device of theirs. */
  async function rosterPerson() {
    const admin = await t.login('agency-wh');
    const phone = mobile();
    const idNumber = citizenId('530102');
    const added = await t.send('POST', `${V1}/agencies/${whAgency.id}/staff`, { name: `换号员工${unique()}`, phone, idNumber, position: '专员' }, admin);
    expect(added.statusCode, added.body).toBe(201);
    const staffId = added.json().id as number;
    await requestCode(phone);
    const signedIn = await smsLogin(phone, await lastCode(phone));
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const session = `yq_sid=${signedIn.cookies.find((c) => c.name === 'yq_sid')?.value}`;
    return { phone, idNumber, staffId, session, id: await accountId({ phone }), admin };
  }

  it("moves the person: phone replaced, sessions and devices ended, the old number's code gone, the roster row re-pointed, audited masked", async () => {
    const p = await rosterPerson();
    clock.advance(61_000);
    expect((await requestCode(p.phone)).statusCode).toBe(202); // a code pending for the old number
    const to = mobile();
    const res = await movePhone(await t.login('wh'), p.id, to);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: maskPhone(to), sessionsEnded: 1, devicesForgotten: 1, rowsMoved: 1 });

    const account = await repo.findAccountById(db(), p.id);
    expect(account).toMatchObject({ phone: to, phone_changed_at: clock.now() });
    expect((await t.get(`${V1}/me`, p.session)).statusCode).toBe(401);
    expect(await db().selectFrom('account_devices').select('device_hash').where('account_id', '=', p.id).execute()).toEqual([]);
    expect(await repo.findLoginCode(db(), p.phone)).toBeUndefined();
    const row = await db().selectFrom('agency_staff').select(['phone']).where('division_code', '=', '530102').where('id', '=', p.staffId).executeTakeFirstOrThrow();
    expect(row.phone).toBe(to);

    const audit = await db().selectFrom('audit_log').select(['actor_username', 'division_code', 'detail']).where('action', '=', 'identity.account.phone_change').where('target_id', '=', String(p.id)).execute();
    expect(audit).toEqual([
      {
        actor_username: 'wh',
        division_code: '530102',
        detail: { from: maskPhone(p.phone), to: maskPhone(to), sessionsEnded: 1, devicesForgotten: 1, codesDeleted: 1, rowsMoved: { registry: 1 } },
      },
    ]);
    const rowAudit = await db().selectFrom('audit_log').select(['division_code', 'detail']).where('action', '=', 'registry.staff.phone_moved').where('target_id', '=', String(p.staffId)).execute();
    expect(rowAudit).toEqual([{ division_code: '530102', detail: { from: maskPhone(p.phone), to: maskPhone(to), accountId: p.id } }]);
    // no full number anywhere in the trail
    const leaked = await db().selectFrom('audit_log').select('id').where((eb) => eb.or([eb('target_id', '=', to), eb('target_id', '=', p.phone)])).execute();
    expect(leaked).toEqual([]);

    // the new number signs in; the old one is nobody's
    clock.advance(61_000);
    await requestCode(to);
    expect((await smsLogin(to, await lastCode(to))).statusCode).toBe(200);
    await requestCode(p.phone);
    expect((await outboxFor(p.phone)).length).toBe(2); // the two codes sent before the move, none after
  });

  it("the agency's next save of the row keeps the membership with the person", async () => {
    const p = await rosterPerson();
    const to = mobile();
    expect((await movePhone(await t.login('wh'), p.id, to)).statusCode).toBe(200);
    const membership = () => db().selectFrom('memberships').select(['account_id', 'status']).where('org_division', '=', '530102').where('staff_id', '=', p.staffId).executeTakeFirstOrThrow();
    for (const body of [{ position: '组长' }, { status: 'active' }]) {
      const saved = await t.send('PATCH', `${V1}/agencies/${whAgency.id}/staff/${p.staffId}`, body, p.admin);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(await membership()).toEqual({ account_id: p.id, status: 'active' });
    }
    // nobody was made for the old number
    expect(await db().selectFrom('accounts').select('id').where('phone', '=', p.phone).execute()).toEqual([]);
  });

  it("does not ask a moved person for the ID number's last 6 although their last sign-in is long ago", async () => {
    const p = await rosterPerson();
    clock.advance(200 * 24 * HOUR);
    const to = mobile();
    expect((await movePhone(await t.login('wh'), p.id, to)).statusCode).toBe(200);
    await requestCode(to);
    expect((await smsLogin(to, await lastCode(to))).statusCode).toBe(200);
  });

  it("409 naming phone when the number is another person's; 400 for the same number; nothing changed", async () => {
    const p = await rosterPerson();
    const other = await staffOf({ division_code: whAgency.division, id: whAgency.id });
    const wh = await t.login('wh');
    const taken = await movePhone(wh, p.id, other.phone, 'en');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toEqual({
      code: 'phone_taken',
      message: 'This number belongs to another person',
      details: [{ field: 'phone', message: "new phone: is another person's sign-in number; if it has passed to this person, move its holder to a new number first" }],
    });
    const same = await movePhone(wh, p.id, p.phone);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details).toEqual([{ field: 'phone', message: '新手机号：与当前登记的手机号相同' }]);
    const bad = await movePhone(wh, p.id, '12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['phone']);
    expect((await repo.findAccountById(db(), p.id))?.phone).toBe(p.phone);
    expect((await t.get(`${V1}/me`, p.session)).statusCode).toBe(200);
    expect(await db().selectFrom('audit_log').select('id').where('action', '=', 'identity.account.phone_change').where('target_id', '=', String(p.id)).execute()).toEqual([]);
  });

  it('out of reach answers as a missing id; the level rule holds', async () => {
    const p = await rosterPerson();
    const pl = await t.login('pl');
    const out = await movePhone(pl, p.id, mobile());
    expect(out.statusCode).toBe(404);
    expect(out.json()).toEqual((await movePhone(pl, 987_654_321, mobile())).json());
    const county = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD, phone: mobile() });
    const countyId = await accountId({ username: county });
    expect((await movePhone(await t.login('wh'), countyId, mobile())).statusCode).toBe(404);
    expect((await movePhone(await t.login('km'), countyId, mobile())).statusCode).toBe(200);
    // agency administrators do not move numbers
    expect((await movePhone(p.admin, p.id, mobile())).statusCode).toBe(403);
    expect((await repo.findAccountById(db(), p.id))?.phone).toBe(p.phone);
  });

  it('two offices moving two people to one number at once: one wins, the other 409', async () => {
    const a = await rosterPerson();
    const b = await rosterPerson();
    const to = mobile();
    const [wh, km] = [await t.login('wh'), await t.login('km')];
    const answers = await Promise.all([movePhone(wh, a.id, to), movePhone(km, b.id, to)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await db().selectFrom('accounts').select('id').where('phone', '=', to).execute()).toHaveLength(1);
  });
});

describe('password reset by SMS code', () => {
  /** A county official with a phone and a password, signed in. */
  async function official() {
    const phone = mobile();
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD, phone });
    return { phone, username, id: await accountId({ username }) };
  }

  it('sets the new password: one-time flag cleared, every session ended, the locked name unlocked, audited', async () => {
    const o = await official();
    const session = await t.login(o.username, PASSWORD);
    await db().updateTable('accounts').set({ must_change_password: true }).where('id', '=', o.id).execute();
    await lockOut(o.username);

    expect((await requestCode(o.phone, 'password_reset')).statusCode).toBe(202);
    const sent = await outboxFor(o.phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', template: 'password_reset_code', division_code: '530102' });
    const res = await reset({ phone: o.phone, code: await lastCode(o.phone), newPassword: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(204);

    expect((await t.get(`${V1}/me`, session)).statusCode).toBe(401);
    expect(await throttleRows([o.username, o.phone])).toEqual([]);
    expect((await login(o.username)).statusCode).toBe(401);
    const signedIn = await login(o.username, NEW_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().mustChangePassword).toBe(false);
    const audit = await db().selectFrom('audit_log').select(['actor_username', 'division_code', 'detail']).where('action', '=', 'auth.password_reset').where('target_id', '=', String(o.id)).execute();
    expect(audit).toEqual([{ actor_username: null, division_code: '530102', detail: { sessionsEnded: 1, cleared: 1 } }]);
    // the code is used up
    expect((await reset({ phone: o.phone, code: await lastCode(o.phone), newPassword: 'Another-pass-2022' })).statusCode).toBe(401);
  });

  it('codes do not cross purposes', async () => {
    const phone = mobile();
    await createAccount(t.deps, { role: 'seeker', phone, seeker_group: 'migrant', password: PASSWORD });
    await requestCode(phone); // a sign-in code
    const loginCode = await lastCode(phone);
    const viaLogin = await reset({ phone, code: loginCode, newPassword: NEW_PASSWORD });
    expect(viaLogin.statusCode).toBe(401);
    expect(viaLogin.json().error.code).toBe('sms_code_failed');
    clock.advance(61_000);
    await requestCode(phone, 'password_reset');
    const resetCode = await lastCode(phone);
    expect((await outboxFor(phone)).map((r) => r.template)).toEqual(['login_code', 'password_reset_code']);
    expect((await smsLogin(phone, resetCode)).statusCode).toBe(401);
    // the reset code still works for its purpose (a wrong-purpose try spent one of its tries only)
    expect((await reset({ phone, code: resetCode, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  });

  it('answers an unknown phone, and a person without a password, the same; sends them nothing', async () => {
    const unknown = mobile();
    const res = await requestCode(unknown, 'password_reset');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sent: true });
    expect(await outboxFor(unknown)).toEqual([]);
    const o = await official();
    await requestCode(o.phone, 'password_reset');
    const rows = await db().selectFrom('audit_log').select(['target_id', 'detail', 'division_code']).where('action', '=', 'auth.sms_code').where('target_id', 'in', [maskPhone(unknown), maskPhone(o.phone)]).orderBy('id').execute();
    expect(rows.map((r) => ({ ...r, target_id: null }))).toEqual([
      { target_id: null, detail: { purpose: 'password_reset' }, division_code: '000000' },
      { target_id: null, detail: { purpose: 'password_reset' }, division_code: '000000' },
    ]);
    const failed = await reset({ phone: unknown, code: '123456', newPassword: NEW_PASSWORD }, 'en');
    expect(failed.statusCode).toBe(401);
    expect(failed.json().error).toEqual({ code: 'sms_code_failed', message: 'Wrong phone number or code, or the code has expired' });

    // staff on a roster sign in by SMS alone: no password, no reset code
    const admin = await t.login('agency-wh');
    const phone = mobile();
    expect((await t.send('POST', `${V1}/agencies/${whAgency.id}/staff`, { name: `无密码员工${unique()}`, phone, idNumber: citizenId('530102'), position: '' }, admin)).statusCode).toBe(201);
    await requestCode(phone, 'password_reset');
    expect(await outboxFor(phone)).toEqual([]);
  });

  it("asks for the person's strictest rule, and a password other than the current; the code survives a refusal", async () => {
    const { agency, username } = await agencyAdmin('530102');
    const id = await accountId({ username });
    const phone = mobile();
    await db().updateTable('accounts').set({ phone }).where('id', '=', id).execute();
    // the administrator is also on a roster: an 8-character password would do there, not here
    const staffId = await createStaffRow(t.deps, agency, phone);
    await repo.upsertStaffMembership(db(), { account_id: id, org_division: agency.division_code, agency_id: agency.id, staff_id: staffId, created_at: clock.now(), created_by: null });
    await requestCode(phone, 'password_reset');
    const code = await lastCode(phone);
    const weak = await reset({ phone, code, newPassword: 'eightchr' }, 'en');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([{ field: 'newPassword', message: 'new password: The password needs at least 12 characters and three of: upper case, lower case, digits, symbols' }]);
    const same = await reset({ phone, code, newPassword: PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details).toEqual([{ field: 'newPassword', message: '新密码：新密码不能与当前密码相同' }]);
    expect((await reset({ phone, code, newPassword: NEW_PASSWORD })).statusCode).toBe(204);

    // a job seeker's rule is 8 characters
    const seekerPhone = mobile();
    await createAccount(t.deps, { role: 'seeker', phone: seekerPhone, seeker_group: 'migrant', password: PASSWORD });
    await requestCode(seekerPhone, 'password_reset');
    const short = await reset({ phone: seekerPhone, code: await lastCode(seekerPhone), newPassword: 'short7!' });
    expect(short.json().error.details).toEqual([{ field: 'newPassword', message: '新密码：密码至少 8 位' }]);
    expect((await reset({ phone: seekerPhone, code: await lastCode(seekerPhone), newPassword: 'eight-ok' })).statusCode).toBe(204);
  });

  it('counts wrong codes like an SMS sign-in: five and the number is locked', async () => {
    const o = await official();
    await requestCode(o.phone, 'password_reset');
    const code = await lastCode(o.phone);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await reset({ phone: o.phone, code: wrongCode(code), newPassword: NEW_PASSWORD })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await reset({ phone: o.phone, code, newPassword: NEW_PASSWORD })).statusCode).toBe(423);
    // locked for SMS sign-in and new codes as well: one counter per number
    expect((await t.send('POST', `${V1}/auth/sms-code`, { phone: o.phone, purpose: 'password_reset' })).statusCode).toBe(423);
    const audit = await db().selectFrom('audit_log').select(['action', 'outcome']).where('target_id', '=', maskPhone(o.phone)).where('action', 'in', ['auth.password_reset', 'auth.lockout']).execute();
    expect(audit.filter((a) => a.action === 'auth.password_reset' && a.outcome === 'failed').length).toBe(5);
    expect(audit.filter((a) => a.action === 'auth.lockout')).toHaveLength(1);
    // the level above lifts it
    expect((await unlock(await t.login('km'), o.id)).statusCode).toBe(200);
    clock.advance(61_000);
    await requestCode(o.phone, 'password_reset');
    expect((await reset({ phone: o.phone, code: await lastCode(o.phone), newPassword: NEW_PASSWORD })).statusCode).toBe(204);
  });

  it("a dormant number also gives the ID number's last 6", async () => {
    const admin = await t.login('agency-wh');
    const phone = mobile();
    const idNumber = citizenId('530102');
    expect((await t.send('POST', `${V1}/agencies/${whAgency.id}/staff`, { name: `久未登录${unique()}`, phone, idNumber, position: '' }, admin)).statusCode).toBe(201);
    const id = await accountId({ phone });
    await db().updateTable('accounts').set({ password_hash: (await repo.findAccountByUsername(db(), 'wh'))?.password_hash ?? null }).where('id', '=', id).execute();
    clock.advance(200 * 24 * HOUR);
    await requestCode(phone, 'password_reset');
    const code = await lastCode(phone);
    const asked = await reset({ phone, code, newPassword: NEW_PASSWORD });
    expect(asked.statusCode).toBe(401);
    expect(asked.json().error.code).toBe('id_tail_required');
    expect(asked.json().error.details.map((d: { field: string }) => d.field)).toEqual(['idTail']);
    const wrongTail = idNumber.slice(-6) === '000000' ? '000001' : '000000';
    expect((await reset({ phone, code, newPassword: NEW_PASSWORD, idTail: wrongTail })).json().error.code).toBe('sms_code_failed');
    expect((await reset({ phone, code, newPassword: NEW_PASSWORD, idTail: idNumber.slice(-6).toLowerCase() })).statusCode).toBe(204);
  });

  it('validates every field, naming it', async () => {
    const res = await reset({ phone: '123', code: '12ab', newPassword: '', purpose: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'newPassword', 'phone', 'purpose'].sort());
    const purpose = await t.send('POST', `${V1}/auth/sms-code`, { phone: mobile(), purpose: 'unlock' });
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json().error.details.map((d: { field: string }) => d.field)).toEqual(['purpose']);
  });
});

describe('the whole person must be in reach', () => {
  it('a job seeker whose phone an agency put on its roster is still the province\'s alone to move or unlock', async () => {
    // a job seeker (no place) …
    const phone = mobile();
    await createAccount(t.deps, { role: 'seeker', phone, seeker_group: 'migrant' });
    const id = await accountId({ phone });
    // … whom the 五华 agency puts on its roster with the seeker's phone: a staff membership in 五华
    const added = await t.send('POST', `${V1}/agencies/${whAgency.id}/staff`, { name: `花名册${unique()}`, phone, idNumber: citizenId(), position: '专员' }, await t.login('agency-wh'));
    expect(added.statusCode, added.body).toBe(201);
    const county = await t.login('wh');
    expect((await movePhone(county, id, mobile())).statusCode).toBe(404);
    expect((await unlock(county, id)).statusCode).toBe(404);
    expect((await db().selectFrom('accounts').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone).toBe(phone);
    // the province reaches every membership of the person
    expect((await unlock(await t.login('prov'), id)).statusCode).toBe(200);
  });
});
