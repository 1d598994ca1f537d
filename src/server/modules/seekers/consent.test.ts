// Job seekers' consent (issue 9; PIPL art. 13–17, 29; decision 0040): the notice as versioned data
// (GET /seekers/notice, the handler configured or a demo line), registration refused without the
// current version or explicit consent (naming the field, nothing written, the code not spent), the
// consent stored with its version and time and audited, shown on the seeker's own profile; the ID
// number's separate consent; closing the registration withdraws consent and deletes the profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, createAccount, mobile } from '../../../../test/helpers/factories.ts';
import { jobOf, runQueuedJobs } from '../../../../test/helpers/jobs.ts';
import * as identityRepo from '../identity/repository.ts';
import { identityJobs } from '../identity/jobs.ts';
import { sendLoginCodeContract } from '../identity/schemas.ts';
import { ManualClock } from '../../platform/clock.ts';
import { currentNoticeVersion, seekerNotice } from './service.ts';

const PASSWORD = 'Test-password-2020';
let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const deliver = jobOf(identityJobs, sendLoginCodeContract);

async function registerCode(phone: string): Promise<string> {
  clock.advance(61_000);
  const res = await t.send('POST', '/api/v1/auth/sms-code', { phone, purpose: 'register' });
  expect(res.statusCode).toBe(202);
  await runQueuedJobs(t.deps, deliver, (d) => d.phone === phone, { clock });
  const rows = await t.deps.db.selectFrom('outbox').select('payload').where('recipient', '=', phone).where('template', '=', 'register_code').orderBy('id').execute();
  const code = (rows[rows.length - 1]?.payload as { code?: string } | undefined)?.code;
  if (!code) throw new Error(`no register code for ${phone}`);
  return code;
}

const notice = async (lang = 'zh-CN') => (await t.get('/api/v1/seekers/notice', undefined, { 'accept-language': lang })).json();
const consentsOf = (accountId: number) => t.deps.db.selectFrom('seeker_consents').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
const auditOf = (accountId: number) =>
  t.deps.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'account').where('target_id', '=', String(accountId)).orderBy('id').execute();

/** Signs a new seeker up with the current notice agreed to; returns phone, cookie and account id. */
async function signUp() {
  const phone = mobile();
  const code = await registerCode(phone);
  const res = await t.send('POST', '/api/v1/seekers/register', { phone, code, name: '周同意', noticeVersion: (await notice()).noticeVersion, consent: true });
  expect(res.statusCode, res.body).toBe(201);
  const sid = res.cookies.find((c) => c.name === 'yq_sid')?.value;
  return { phone, cookie: `yq_sid=${sid}`, accountId: res.json().accountId as number };
}

const profile = (over: Record<string, unknown> = {}) => ({ name: '周同意', residenceDivision: '530102', visibility: 'agencies', ...over });

describe('the notice', () => {
  it('is public, versioned, and names handler, contact, purposes, data, means, recipients, retention, rights and the ID number', async () => {
    const zh = await notice();
    expect(zh.noticeVersion).toBe(currentNoticeVersion(t.deps.config));
    expect(zh.noticeVersion).toMatch(/^2020-02-v2-[0-9a-f]{8}$/);
    // no operator configured here: the notice says it is a demonstration
    expect(zh.handler).toEqual({ name: expect.stringContaining('演示'), contact: expect.stringContaining('演示'), demo: true });
    expect(zh.purpose).toMatch(/就业服务/);
    expect(zh.data).toMatch(/手机号、姓名/);
    expect(zh.means).toMatch(/审计/);
    expect(zh.recipients).toMatch(/授权的人力资源服务机构/);
    expect(zh.retention).toContain('183 天');
    expect(zh.retention).toContain('23:59:59');
    expect(zh).toMatchObject({ retentionDays: 183, maxRetentionDays: 366 });
    for (const right of ['查阅', '更正', '注销', '撤回同意', '删除']) expect(zh.rights).toContain(right);
    expect(zh.rights).toContain(zh.handler.contact);
    expect(zh.idNumber).toMatch(/敏感个人信息.*选填.*另行勾选同意/);
    // the same version in English: the words are translated, not changed
    const en = await notice('en');
    expect(en.noticeVersion).toBe(zh.noticeVersion);
    expect(en.handler.demo).toBe(true);
    expect(en.idNumber).toMatch(/sensitive personal information/);
  });

  it('names the configured operator and its contact, under another version', () => {
    const config = { ...t.deps.config, operator: { name: '云南省人力资源和社会保障厅', contact: '0871-63000000' } };
    const n = seekerNotice({ config }, 'zh-CN');
    expect(n.handler).toEqual({ name: '云南省人力资源和社会保障厅', contact: '0871-63000000', demo: false });
    expect(n.rights).toContain('云南省人力资源和社会保障厅，0871-63000000');
    expect(n.noticeVersion).not.toBe(currentNoticeVersion(t.deps.config));
    expect(currentNoticeVersion({ operator: { name: '云南省人力资源和社会保障厅', contact: '0871-63000001' } })).not.toBe(n.noticeVersion);
  });
});

describe('registering needs the notice version and explicit consent', () => {
  it('refuses a missing or old version and a consent not true, naming the field; nothing is written and the code still works', async () => {
    const phone = mobile();
    const code = await registerCode(phone);
    const { noticeVersion } = await notice();
    const base = { phone, code, name: '周拒绝' };
    const codeRow = () => t.deps.db.selectFrom('login_codes').selectAll().where('phone', '=', phone).executeTakeFirst();
    const before = await codeRow();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ consent: true }, 'noticeVersion'],
      [{ noticeVersion: '2020-01-v0-00000000', consent: true }, 'noticeVersion'],
      [{ noticeVersion }, 'consent'],
      [{ noticeVersion, consent: false }, 'consent'],
      [{ noticeVersion, consent: 'yes' }, 'consent'],
    ];
    for (const [over, field] of cases) {
      const res = await t.send('POST', '/api/v1/seekers/register', { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field), JSON.stringify(over)).toEqual([field]);
      expect(res.json().error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    const stale = await t.send('POST', '/api/v1/seekers/register', { ...base, noticeVersion: '2020-01-v0-00000000', consent: true }, undefined, { 'accept-language': 'en' });
    expect(stale.json().error.details[0].message).toMatch(/current version of the notice/);
    // nothing written: no person, the code neither spent nor counted
    expect(await t.deps.db.selectFrom('accounts').select('id').where('phone', '=', phone).execute()).toEqual([]);
    expect(await codeRow()).toEqual(before);
    // the same code, with the notice agreed to, registers
    const ok = await t.send('POST', '/api/v1/seekers/register', { ...base, noticeVersion, consent: true });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('stores the consent with the version and the time, audited, and the profile shows it', async () => {
    const { cookie, accountId } = await signUp();
    const { noticeVersion } = await notice();
    const rows = await consentsOf(accountId);
    expect(rows).toEqual([expect.objectContaining({ subject: 'notice', notice_version: noticeVersion, given_at: clock.now(), withdrawn_at: null })]);
    const audit = await auditOf(accountId);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['identity.seeker.register', 'seekers.consent.give']));
    expect(audit.find((a) => a.action === 'seekers.consent.give')?.detail).toMatchObject({ subject: 'notice', noticeVersion });
    const saved = await t.send('PUT', '/api/v1/seekers/me', profile(), cookie);
    expect(saved.json()).toMatchObject({ consent: { noticeVersion, givenAt: clock.now().toISOString() }, idNumberConsent: null, expired: false });
    // others never see the consent fields
    const seen = await t.get(`/api/v1/seekers/${saved.json().id}`, await t.login('wh'));
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).not.toHaveProperty('consent');
  });
});

describe('the ID number\'s separate consent', () => {
  it('is recorded with a number given, kept while the number stays, withdrawn with the number', async () => {
    const { cookie, accountId } = await signUp();
    const id = citizenId('530102');
    const given = await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: id, idNumberConsent: true }), cookie);
    expect(given.statusCode, given.body).toBe(200);
    const at = clock.now().toISOString();
    expect(given.json().idNumberConsent).toEqual({ noticeVersion: (await notice()).noticeVersion, givenAt: at });
    clock.advance(60_000);
    // a save leaving the number out keeps it and its consent
    expect((await t.send('PUT', '/api/v1/seekers/me', profile({ skills: '电工' }), cookie)).json().idNumberConsent).toEqual(expect.objectContaining({ givenAt: at }));
    const cleared = await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: null }), cookie);
    expect(cleared.json()).toMatchObject({ idNumberMasked: null, idNumberConsent: null, consent: expect.any(Object) });
    const rows = await consentsOf(accountId);
    expect(rows.find((r) => r.subject === 'id_number')?.withdrawn_at).toEqual(clock.now());
    expect(rows.find((r) => r.subject === 'notice')?.withdrawn_at).toBeNull();
    expect((await auditOf(accountId)).map((a) => a.action)).toContain('seekers.consent.withdraw');
  });
});

describe('closing the registration (withdrawing consent)', () => {
  it('deletes the profile and its authorisations, closes the consents, ends the membership and the session, erases a person with nothing else', async () => {
    const { phone, cookie, accountId } = await signUp();
    const p = (await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: citizenId('530102'), idNumberConsent: true }), cookie)).json();
    const agency = await t.deps.db.selectFrom('agencies').select('id').where('division_code', '=', '530102').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    expect((await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId: agency.id }, cookie)).statusCode).toBe(201);
    clock.advance(60_000);

    const res = await t.send('DELETE', '/api/v1/seekers/me', undefined, cookie);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.cookies.find((c) => c.name === 'yq_sid')?.value ?? '').toBe('');
    expect((await t.get('/api/v1/me', cookie)).statusCode).toBe(401);
    expect(await t.deps.db.selectFrom('seekers').select('id').where('account_id', '=', accountId).execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('access_grants').select('id').where('target_table', '=', 'seekers').where('target_id', '=', p.id).execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('memberships').select('id').where('account_id', '=', accountId).execute()).toEqual([]);
    // the consents stay as the record of what was agreed and when it was withdrawn
    const rows = await consentsOf(accountId);
    expect(rows.map((r) => [r.subject, r.withdrawn_at?.toISOString()])).toEqual([
      ['notice', clock.now().toISOString()],
      ['id_number', clock.now().toISOString()],
    ]);
    const account = await t.deps.db.selectFrom('accounts').select(['phone', 'status']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(account).toEqual({ phone: null, status: 'disabled' });
    expect((await auditOf(accountId)).map((a) => a.action)).toEqual(expect.arrayContaining(['seekers.consent.withdraw', 'identity.seeker.close', 'seekers.registration.close']));

    // the number may sign up again: a new person, a new consent
    const again = await t.send('POST', '/api/v1/seekers/register', { phone, code: await registerCode(phone), name: '周再来', noticeVersion: (await notice()).noticeVersion, consent: true });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().accountId).not.toBe(accountId);
  });

  it('keeps the person and their other memberships when they hold one', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD });
    const account = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await identityRepo.upsertMembership(t.deps.db, { account_id: account.id, role: 'county', official_division: '530102', created_at: clock.now() });
    const cookie = await t.login(username, PASSWORD);
    const me = (await t.get('/api/v1/me', cookie)).json();
    const seekerMembership = me.memberships.find((m: { role: string }) => m.role === 'seeker');
    expect((await t.send('POST', '/api/v1/auth/membership', { membershipId: seekerMembership.id }, cookie)).statusCode).toBe(200);
    expect((await t.send('DELETE', '/api/v1/seekers/me', undefined, cookie)).statusCode).toBe(204);
    const left = await t.deps.db.selectFrom('memberships').select('role').where('account_id', '=', account.id).execute();
    expect(left).toEqual([{ role: 'county' }]);
    const signedIn = await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().role).toBe('county');
  });

  it('is for job seekers only', async () => {
    expect((await t.send('DELETE', '/api/v1/seekers/me', undefined, await t.login('wh'))).statusCode).toBe(403);
    expect((await t.send('DELETE', '/api/v1/seekers/me')).statusCode).toBe(401);
  });
});
