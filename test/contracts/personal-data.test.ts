// The personal-data hook of every module, through the composition root: one person's records
// found and exported whole (PIPL art. 45), then erased (art. 47) in one transaction, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePersonalData, exportPersonalData, findPersonalData, MODULES } from '../../src/server/modules/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { citizenId, createAccount, mobile, unique } from '../helpers/factories.ts';
import { identityJobs } from '../../src/server/modules/identity/jobs.ts';
import { sendLoginCodeContract } from '../../src/server/modules/identity/schemas.ts';
import { jobOf, runQueuedJobs } from '../helpers/jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('personal data', () => {
  it('every module that stores people declares the hook', () => {
    const declared = MODULES.filter((m) => m.personalData).map((m) => m.name);
    expect(declared).toEqual(expect.arrayContaining(['identity', 'audit', 'registry', 'channels', 'venues', 'seekers']));
  });

  it('finds, exports and erases one roster member across modules', async () => {
    const admin = await t.login('agency-wh');
    const agencyId = (await t.get('/api/v1/me', admin)).json().agencyId as number;
    const phone = mobile();
    const idNumber = citizenId();
    const name = `隐私测试${unique()}`;
    const added = await t.send('POST', `/api/v1/agencies/${agencyId}/staff`, { name, phone, idNumber, position: '测试' }, admin);
    expect(added.statusCode, added.body).toBe(201);

    const person = { phone, idNumberHash: t.deps.crypto.keyedHash(idNumber) };
    const copy = await exportPersonalData(t.deps, person);
    const staff = copy.filter((r) => r.kind === 'agency_staff');
    expect(staff).toHaveLength(1);
    expect(staff[0]?.data).toMatchObject({ name, phone, idNumber }); // the copy is whole, not masked

    const caller = { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } };
    const counts = await erasePersonalData(t.deps, person, caller);
    expect(counts.registry).toBe(1);

    const after = await exportPersonalData(t.deps, person);
    expect(after.filter((r) => r.kind === 'agency_staff')).toEqual([]);
    const row = await t.deps.db.selectFrom('agency_staff').select(['name', 'phone', 'id_number_masked', 'status']).where('id', '=', added.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '（已删除）', phone: '00000000000', id_number_masked: '', status: 'left' });
    const audited = await t.deps.db.selectFrom('audit_log').select('action').where('request_id', '=', caller.ctx.requestId).execute();
    expect(audited.map((a) => a.action)).toContain('registry.staff.erase');
  });

  it("finds, exports and erases a job seeker's profile (seekers) by the ID number, the phone and the account found through it", async () => {
    const phone = mobile();
    const idNumber = citizenId();
    const account = await t.deps.db.insertInto('accounts').values({ phone, display_name: '隐私求职者', created_at: t.deps.clock.now() }).returning('id').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('memberships').values({ account_id: account.id, role: 'seeker', created_at: t.deps.clock.now() }).execute();
    const code = await t.deps.db.selectFrom('education_levels').select('code').executeTakeFirstOrThrow();
    const { saveProfile } = await import('../../src/server/modules/seekers/service.ts');
    const actor = { accountId: account.id, membershipId: 0, username: phone, role: 'seeker' as const, displayName: '隐私求职者', divisionCode: null, scope: { kind: 'seeker' as const, accountId: account.id, grants: [] } };
    await saveProfile(t.deps, actor, { name: '隐私求职者', idNumber, idNumberConsent: true, categories: [], priorityGroups: [], desiredOccupations: [], desiredDivisions: [], residenceDivision: '530102', educationCode: code.code, visibility: 'agencies' }, { requestId: `seeker-${unique()}`, ip: 'local', locale: 'zh-CN' });
    const person = { idNumberHash: t.deps.crypto.keyedHash(idNumber) };
    const found = (await findPersonalData(t.deps, person)).filter((r) => r.module === 'seekers' && r.kind === 'seeker');
    expect(found).toHaveLength(1);
    // the separate consent to the ID number is held too (version, when)
    const consents = (await findPersonalData(t.deps, person)).filter((r) => r.kind === 'seeker_consent');
    expect(consents.map((r) => r.data.subject)).toEqual(['id_number']);
    expect(found[0]?.data.phone).not.toBe(phone);
    const copy = (await exportPersonalData(t.deps, person)).filter((r) => r.module === 'seekers');
    expect(copy[0]?.data).toMatchObject({ name: '隐私求职者', phone, idNumber });
    const counts = await erasePersonalData(t.deps, person, { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } });
    expect(counts.seekers).toBe(2); // the profile and the consent
    expect((await exportPersonalData(t.deps, { phone })).filter((r) => r.module === 'seekers')).toEqual([]);
  });

  it("finds, exports and erases a visitor's door check and QR registration (venues), giving back the place", async () => {
    const admin = await t.login('agency-wh');
    const venue = (await t.send('POST', '/api/v1/prevention/venues', { name: `隐私测试场所${unique()}`, address: '测试路 1 号', areaM2: 40 }, admin)).json();
    const phone = mobile();
    const checked = await t.send('POST', `/api/v1/prevention/venues/${venue.id}/entry-checks`, { visitorType: 'seeker', name: '隐私访客', phone, mask: true, temperature: '36.6' }, admin);
    expect(checked.statusCode, checked.body).toBe(201);
    const registered = await t.send('POST', `/api/v1/prevention/venue-codes/${venue.code}/visits`, { name: '隐私访客', phone, consent: true });
    expect(registered.statusCode, registered.body).toBe(201);
    const found = (await findPersonalData(t.deps, { phone })).filter((r) => r.module === 'venues');
    expect(found).toHaveLength(2);
    for (const r of found) expect(r.data.phone).not.toBe(phone); // masked in a listing
    const copy = (await exportPersonalData(t.deps, { phone })).filter((r) => r.module === 'venues');
    expect(copy.map((r) => r.data.phone)).toEqual([phone, phone]);
    expect(copy.find((r) => r.data.temperature !== undefined)?.data.temperature).toBe(36.6); // whole, decrypted
    const counts = await erasePersonalData(t.deps, { phone }, { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } });
    expect(counts.venues).toBe(2);
    expect((await exportPersonalData(t.deps, { phone })).filter((r) => r.module === 'venues')).toEqual([]);
    expect((await t.get(`/api/v1/prevention/venue-codes/${venue.code}`)).json().inside).toBe(0);
  });

  it('erases what an account did from the audit trail, and its account fields, keeping the entries', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', phone: mobile() });
    const cookie = await t.login(username, 'Test-password-2020');
    await t.send('POST', '/api/v1/auth/logout', undefined, cookie);
    const account = await t.deps.db.selectFrom('accounts').select(['id', 'phone']).where('username', '=', username).executeTakeFirstOrThrow();
    const person = { accountId: account.id };
    const before = await exportPersonalData(t.deps, person);
    expect(before.filter((r) => r.kind === 'audit_entry').map((r) => r.data.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
    expect(before.find((r) => r.kind === 'account')?.data).toMatchObject({ username, phone: account.phone });

    const counts = await erasePersonalData(t.deps, person, { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } });
    expect(counts.audit).toBeGreaterThanOrEqual(2);
    expect(counts.identity).toBe(1);
    const after = await exportPersonalData(t.deps, person);
    for (const r of after.filter((x) => x.kind === 'audit_entry')) expect(r.data.username).toBeNull();
    expect(after.find((r) => r.kind === 'account')?.data).toMatchObject({ phone: null, displayName: '（已删除）', status: 'disabled' });
    // the entries stay (the chain covers their digests; audit/chain.test.ts verifies after erasure)
    expect(after.filter((x) => x.kind === 'audit_entry')).toHaveLength(before.filter((x) => x.kind === 'audit_entry').length);
  });

  it('one identifier finds the whole person: erasing by account also erases their roster rows and messages', async () => {
    const admin = await t.login('agency-wh');
    const agencyId = (await t.get('/api/v1/me', admin)).json().agencyId as number;
    const phone = mobile();
    const idNumber = citizenId();
    const added = await t.send('POST', `/api/v1/agencies/${agencyId}/staff`, { name: `链接测试${unique()}`, phone, idNumber, position: '测试' }, admin);
    expect(added.statusCode, added.body).toBe(201);
    // the roster row made the person (identity.admitRosterRows): no account was created by hand
    expect((await t.send('POST', '/api/v1/auth/sms-code', { phone })).statusCode).toBe(202);
    await runQueuedJobs(t.deps, jobOf(identityJobs, sendLoginCodeContract), (d) => d.phone === phone); // the code's delivery job
    await t.deps.db.updateTable('outbox').set({ status: 'delivered' }).where('recipient', '=', phone).execute(); // as the worker would
    const account = await t.deps.db.selectFrom('accounts').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();

    const found = await findPersonalData(t.deps, { accountId: account.id });
    expect(found.map((r) => r.kind)).toEqual(expect.arrayContaining(['account', 'agency_staff', 'outbox']));
    expect(JSON.stringify(found)).not.toContain(phone); // find masks; export is the whole copy
    expect(JSON.stringify(await exportPersonalData(t.deps, { accountId: account.id }))).toContain(phone);

    const counts = await erasePersonalData(t.deps, { accountId: account.id }, { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } });
    expect(counts).toMatchObject({ identity: 1, registry: 1 });
    expect(counts.channels).toBeGreaterThanOrEqual(1);
    expect(await t.deps.db.selectFrom('outbox').select('id').where('recipient', '=', phone).execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('agency_staff').select('id').where('phone', '=', phone).execute()).toEqual([]);
  });
});
