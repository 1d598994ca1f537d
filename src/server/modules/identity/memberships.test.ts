// One person, several memberships (issue 7 §1): roster rows become staff memberships of the person
// their phone names (added, moved, disabled with the row), a session acts as one membership and
// switches between them, a one-time password gates everything but changing it, and a number that
// lay unused for 6 months needs the ID number's last 6 with the SMS code.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, createAccount, mobile, unique } from '../../../../test/helpers/factories.ts';
import { jobOf, runQueuedJobs } from '../../../../test/helpers/jobs.ts';
import { ManualClock } from '../../platform/clock.ts';
import { identityJobs } from './jobs.ts';
import { DORMANT_MS } from './policy.ts';
import { sendLoginCodeContract } from './schemas.ts';

let t: TestApp;
let clock: ManualClock;
let adminWh: string;
let adminQlz: string;
let agencyWh: number;
let agencyQlz: number;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock });
  adminWh = await t.login('agency-wh');
  adminQlz = await t.login('agency-qlz');
  agencyWh = (await t.get('/api/v1/me', adminWh)).json().agencyId;
  agencyQlz = (await t.get('/api/v1/me', adminQlz)).json().agencyId;
});
afterAll(() => t.close());

const cookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'yq_sid');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `yq_sid=${c.value}`;
};

async function signInBySms(phone: string, extra: Record<string, string> = {}) {
  await t.send('POST', '/api/v1/auth/sms-code', { phone });
  await runQueuedJobs(t.deps, jobOf(identityJobs, sendLoginCodeContract), (d) => d.phone === phone, { clock });
  const rows = await t.deps.db.selectFrom('outbox').select('payload').where('recipient', '=', phone).orderBy('id', 'desc').limit(1).execute();
  const code = (rows[0]?.payload as { code: string } | undefined)?.code as string;
  return { code, res: await t.send('POST', '/api/v1/auth/sms-login', { phone, code, ...extra }) };
}

const addStaff = (agencyId: number, cookie: string, phone: string, idNumber = citizenId()) =>
  t.send('POST', `/api/v1/agencies/${agencyId}/staff`, { name: `成员测试${unique()}`, phone, idNumber, position: '专员' }, cookie);

const membershipsOfPhone = (phone: string) =>
  t.deps.db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.role', 'm.status', 'm.agency_id', 'a.id as account_id'])
    .where('a.phone', '=', phone)
    .orderBy('m.id')
    .execute();

describe('memberships', () => {
  it('a worker on two agencies\' rosters is one person with two staff memberships, picks one and switches', async () => {
    const phone = mobile();
    const idNumber = citizenId();
    expect((await addStaff(agencyWh, adminWh, phone, idNumber)).statusCode).toBe(201);
    expect((await addStaff(agencyQlz, adminQlz, phone, idNumber)).statusCode).toBe(201);
    const held = await membershipsOfPhone(phone);
    expect(held.map((m) => [m.role, m.agency_id, m.status])).toEqual([
      ['agency_staff', agencyWh, 'active'],
      ['agency_staff', agencyQlz, 'active'],
    ]);
    expect(new Set(held.map((m) => m.account_id)).size).toBe(1);

    const { res } = await signInBySms(phone);
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    expect(me.memberships.map((m: { organisationName: string }) => m.organisationName)).toEqual([expect.stringContaining('五华'), expect.stringContaining('麒麟')]);
    expect(me.agencyId).toBe(agencyWh);
    const cookie = cookieOf(res);

    const other = me.memberships.find((m: { id: number }) => m.id !== me.membershipId);
    clock.advance(1_000);
    const switched = await t.send('POST', '/api/v1/auth/membership', { membershipId: other.id }, cookie);
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json()).toMatchObject({ role: 'agency_staff', agencyId: agencyQlz, divisionCode: '530302', membershipId: other.id });
    expect((await t.get('/api/v1/me', cookie)).json().agencyId).toBe(agencyQlz);
    // the last used one is where the next sign-in starts
    clock.advance(61_000);
    const again = await signInBySms(phone);
    expect(again.res.json().agencyId).toBe(agencyQlz);
  });

  it('refuses to switch to a membership that is not the person\'s own (404), and to a disabled one', async () => {
    const cookie = await t.login('wh');
    const someone = await t.deps.db.selectFrom('memberships').select('id').where('role', '=', 'province').executeTakeFirstOrThrow();
    const res = await t.send('POST', '/api/v1/auth/membership', { membershipId: someone.id }, cookie, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('membership_not_found');
    expect((await t.get('/api/v1/me', cookie)).json().role).toBe('county');
  });

  it('a roster import never fails because a phone already belongs to a person: the membership is added', async () => {
    // a job seeker who signs in by phone, then joins the 五华 roster
    const phone = mobile();
    await createAccount(t.deps, { role: 'seeker', phone, seeker_group: 'migrant' });
    expect((await addStaff(agencyWh, adminWh, phone)).statusCode).toBe(201);
    expect((await membershipsOfPhone(phone)).map((m) => m.role)).toEqual(['seeker', 'agency_staff']);
    const { res } = await signInBySms(phone);
    expect(res.json().memberships.map((m: { role: string }) => m.role).sort()).toEqual(['agency_staff', 'seeker']);
  });

  it('a departed roster row loses its membership and its sessions; the person keeps the others', async () => {
    const phone = mobile();
    const idNumber = citizenId();
    const a = await addStaff(agencyWh, adminWh, phone, idNumber);
    await addStaff(agencyQlz, adminQlz, phone, idNumber);
    const { res } = await signInBySms(phone);
    const cookie = cookieOf(res);
    expect(res.json().agencyId).toBe(agencyWh);
    const left = await t.send('PATCH', `/api/v1/agencies/${agencyWh}/staff/${a.json().id}`, { status: 'left' }, adminWh);
    expect(left.statusCode, left.body).toBe(200);
    expect((await t.get('/api/v1/me', cookie)).statusCode).toBe(401);
    expect((await membershipsOfPhone(phone)).map((m) => [m.agency_id, m.status])).toEqual([
      [agencyWh, 'disabled'],
      [agencyQlz, 'active'],
    ]);
    clock.advance(61_000);
    const again = await signInBySms(phone);
    expect(again.res.statusCode).toBe(200);
    expect(again.res.json().memberships).toHaveLength(1);
    expect(again.res.json().agencyId).toBe(agencyQlz);
    // back at work: the membership is active again
    await t.send('PATCH', `/api/v1/agencies/${agencyWh}/staff/${a.json().id}`, { status: 'active' }, adminWh);
    expect((await membershipsOfPhone(phone)).map((m) => m.status)).toEqual(['active', 'active']);
  });

  it('a roster row given another phone moves its membership to that phone\'s person, ending the old person\'s session', async () => {
    const oldPhone = mobile();
    const newPhone = mobile();
    const a = await addStaff(agencyWh, adminWh, oldPhone);
    const { res } = await signInBySms(oldPhone);
    const cookie = cookieOf(res);
    const changed = await t.send('PATCH', `/api/v1/agencies/${agencyWh}/staff/${a.json().id}`, { phone: newPhone }, adminWh);
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.get('/api/v1/me', cookie)).statusCode).toBe(401);
    expect(await membershipsOfPhone(oldPhone)).toEqual([]);
    expect((await membershipsOfPhone(newPhone)).map((m) => m.role)).toEqual(['agency_staff']);
    expect((await signInBySms(newPhone)).res.statusCode).toBe(200);
  });

  it('an SMS session cannot take up an administrator\'s membership; a password session switching to it gets the administrator\'s limits', async () => {
    // the 五华 administrator is on her own roster, with her phone
    const phone = mobile();
    const username = await createAccount(t.deps, { role: 'agency_admin', phone, org_division: '530102', agency_id: agencyWh });
    await addStaff(agencyWh, adminWh, phone);
    const signedIn = await t.send('POST', '/api/v1/auth/login', { username, password: 'Test-password-2020' });
    expect(signedIn.statusCode).toBe(200);
    const roles = signedIn.json().memberships.map((m: { role: string }) => m.role).sort();
    expect(roles).toEqual(['agency_admin', 'agency_staff']);
    // by SMS only the staff membership opens (administrators sign in with a password)
    clock.advance(1_000);
    const bySms = await signInBySms(phone);
    expect(bySms.res.json().memberships.map((m: { role: string }) => m.role)).toEqual(['agency_staff']);
    const cookie = cookieOf(bySms.res);
    const admin = signedIn.json().memberships.find((m: { role: string }) => m.role === 'agency_admin');
    // an SMS session may not take up a membership only a password opens
    const res = await t.send('POST', '/api/v1/auth/membership', { membershipId: admin.id }, cookie);
    expect(res.statusCode).toBe(404);
    expect((await t.get('/api/v1/me', cookie)).json().role).toBe('agency_staff');

    // by password: starts as the staff membership (the last used), 30 days; as administrator, 12 hours from its start
    const byPassword = await t.send('POST', '/api/v1/auth/login', { username, password: 'Test-password-2020' });
    expect(byPassword.json().role).toBe('agency_staff');
    const pwCookie = cookieOf(byPassword);
    const sessionOf = () =>
      t.deps.db.selectFrom('sessions').select(['created_at', 'expires_at']).where('membership_id', 'in', [admin.id, bySms.res.json().membershipId]).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const before = await sessionOf();
    expect(before.expires_at.getTime() - before.created_at.getTime()).toBe(30 * 24 * 3_600_000);
    const up = await t.send('POST', '/api/v1/auth/membership', { membershipId: admin.id }, pwCookie);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().role).toBe('agency_admin');
    const after = await t.deps.db.selectFrom('sessions').select(['created_at', 'expires_at']).where('membership_id', '=', admin.id).executeTakeFirstOrThrow();
    expect(after.expires_at.getTime() - after.created_at.getTime()).toBe(12 * 3_600_000);
    // an administrator's session cookie ends with the browser
    const set = up.cookies.find((c) => c.name === 'yq_sid');
    expect(set?.expires).toBeUndefined();
  });
});

describe('the demo rosters', () => {
  it('every seeded roster row signs in by phone and SMS code (王磊 of the 五华 agency)', async () => {
    clock.advance(61_000);
    const { res } = await signInBySms('13701020001');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'agency_staff', agencyId: agencyWh, displayName: '王磊' });
  });
});

describe('one-time passwords', () => {
  it('every route but changing it, /me and sign-out answers 403 password_change_required until it is changed', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102' });
    await t.deps.db.updateTable('accounts').set({ must_change_password: true }).where('username', '=', username).execute();
    const res = await t.send('POST', '/api/v1/auth/login', { username, password: 'Test-password-2020' });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(res);
    const refused = await t.get('/api/v1/agencies', cookie, { 'accept-language': 'zh-CN' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'password_change_required', message: '请先修改初始密码' });
    expect((await t.get('/api/v1/me', cookie)).statusCode).toBe(200);
    const changed = await t.send('POST', '/api/v1/auth/password', { currentPassword: 'Test-password-2020', newPassword: 'Another-Pass-2026!' }, cookie);
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await t.get('/api/v1/agencies', cookie)).statusCode).toBe(200);
    expect((await t.get('/api/v1/me', cookie)).json().mustChangePassword).toBe(false);
  });
});

describe('a number unused for 6 months', () => {
  it('asks for the last 6 of the ID number on file with the SMS code; a wrong one counts as a failure', async () => {
    const phone = mobile();
    const idNumber = citizenId();
    await addStaff(agencyWh, adminWh, phone, idNumber);
    // signed in once, then not for 6 months
    expect((await signInBySms(phone)).res.statusCode).toBe(200);
    clock.advance(DORMANT_MS + 60_000);
    const asked = await signInBySms(phone);
    expect(asked.res.statusCode).toBe(401);
    expect(asked.res.json().error.code).toBe('id_tail_required');
    expect(asked.res.json().error.details).toEqual([expect.objectContaining({ field: 'idTail' })]);
    const wrong = await t.send('POST', '/api/v1/auth/sms-login', { phone, code: asked.code, idTail: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('sms_code_failed');
    const tail = idNumber.slice(-6).toLowerCase(); // a lower-case x is the same character
    const right = await t.send('POST', '/api/v1/auth/sms-login', { phone, code: asked.code, idTail: tail });
    expect(right.statusCode, right.body).toBe(200);
    // signed in now: the next sign-in needs the code only
    clock.advance(61_000);
    expect((await signInBySms(phone)).res.statusCode).toBe(200);
  });

  it('a number with no ID number on file signs in with the code alone', async () => {
    const phone = mobile();
    await createAccount(t.deps, { role: 'seeker', phone, seeker_group: 'migrant' });
    clock.advance(DORMANT_MS + 60_000);
    expect((await signInBySms(phone)).res.statusCode).toBe(200);
  });
});
