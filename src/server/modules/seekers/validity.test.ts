// How long a job seeker's registration stays valid (issue 9; decision 0040): through the Beijing
// day of valid_until (23:59:59 Beijing time, as a posting's "valid until"), by deps.clock. Lapsed:
// the agency it authorised no longer lists, reads or refers it; the employer keeps the application
// but no longer sees the profile; the seeker cannot apply; officials and the seeker see it marked
// expired. One tap renews it (never shortening it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, mobile, unique } from '../../../../test/helpers/factories.ts';
import { addDays } from '../../../shared/beijing-day.ts';
import { ManualClock } from '../../platform/clock.ts';
import { DEFAULT_VALID_DAYS, registrationExpired } from './service.ts';

const PASSWORD = 'Test-password-2020';
let t: TestApp;
const clock = new ManualClock(new Date('2026-12-01T02:00:00Z')); // 10:00 on 1 December in Beijing
let agencyId: number;
beforeAll(async () => {
  t = await createTestApp({ clock });
  agencyId = (await t.get('/api/v1/me', await t.login('agency-wh'))).json().agencyId;
});
afterAll(() => t.close());

/** A published posting of employer-km's, open into next year; returns its id. */
async function openPosting(employer: string) {
  const res = await t.send('POST', '/api/v1/postings', { title: `有效期测试${unique()}`, validUntil: '2027-01-31' }, employer);
  expect(res.statusCode, res.body).toBe(201);
  expect((await t.send('POST', `/api/v1/postings/${res.json().id}/publish`, undefined, employer)).statusCode).toBe(200);
  return res.json().id as number;
}

describe('registrationExpired', () => {
  it('holds through the Beijing day named, whatever the zone', () => {
    expect(registrationExpired('2026-12-03', new Date('2026-12-03T15:59:59.999Z'))).toBe(false);
    expect(registrationExpired('2026-12-03', new Date('2026-12-03T16:00:00.000Z'))).toBe(true);
    // 23:00 UTC on the 2nd is 07:00 on the 3rd in Beijing: in force
    expect(registrationExpired('2026-12-03', new Date('2026-12-02T23:00:00Z'))).toBe(false);
  });
});

describe('a lapsed registration', () => {
  it('leaves agencies and employers at 00:00 Beijing time after its date, stays with officials and its seeker, and one tap renews it', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD });
    let seeker = await t.login(username, PASSWORD);
    const name = `有效期${unique()}`;
    const saved = await t.send('PUT', '/api/v1/seekers/me', { name, residenceDivision: '530102', skills: '叉车', experienceYears: 3, validUntil: '2026-12-03', visibility: 'applied' }, seeker);
    expect(saved.statusCode, saved.body).toBe(200);
    const id = saved.json().id as number;
    expect((await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId }, seeker)).statusCode).toBe(201);
    let employer = await t.login('employer-km');
    const first = await openPosting(employer);
    const second = await openPosting(employer);
    const applied = await t.send('POST', '/api/v1/applications', { postingId: first }, seeker);
    expect(applied.statusCode, applied.body).toBe(201);
    const applicationId = applied.json().id as number;

    /** What each side sees now (fresh sign-ins: the clock moves by days). */
    const views = async () => {
      seeker = await t.login(username, PASSWORD);
      employer = await t.login('employer-km');
      const agency = await t.login('agency-wh');
      const wh = await t.login('wh');
      const agencyList = (await t.get('/api/v1/seekers?limit=200', agency)).json().items.map((x: { id: number }) => x.id);
      const applications = (await t.get(`/api/v1/applications?postingId=${first}&limit=200`, employer)).json().items;
      return {
        own: (await t.get('/api/v1/seekers/me', seeker)).json(),
        agencyLists: agencyList.includes(id),
        agencyReads: (await t.get(`/api/v1/seekers/${id}`, agency)).statusCode,
        official: await t.get(`/api/v1/seekers/${id}`, wh),
        application: applications.find((a: { id: number }) => a.id === applicationId),
        refer: () => t.send('POST', '/api/v1/applications/referrals', { postingId: second, seekerId: id }, agency),
        apply: () => t.send('POST', '/api/v1/applications', { postingId: second }, seeker),
      };
    };

    // 23:59:59 on 3 December in Beijing: still in force
    clock.set(new Date('2026-12-03T15:59:59Z'));
    const last = await views();
    expect(last.own).toMatchObject({ validUntil: '2026-12-03', expired: false });
    expect(last.agencyLists).toBe(true);
    expect(last.agencyReads).toBe(200);
    expect(last.application.applicant).toMatchObject({ name, profile: expect.objectContaining({ skills: '叉车' }) });

    // 00:00 on 4 December in Beijing: lapsed
    clock.set(new Date('2026-12-03T16:00:00Z'));
    const lapsed = await views();
    expect(lapsed.own).toMatchObject({ validUntil: '2026-12-03', expired: true });
    expect(lapsed.agencyLists).toBe(false);
    expect(lapsed.agencyReads).toBe(404);
    expect(lapsed.official.statusCode).toBe(200);
    expect(lapsed.official.json()).toMatchObject({ id, expired: true });
    // the application stays on the employer's list, the profile no longer shows
    expect(lapsed.application.applicant).toMatchObject({ name, profile: null });
    const referral = await lapsed.refer();
    expect(referral.statusCode).toBe(400);
    expect(referral.json().error.details[0].field).toBe('seekerId');
    const apply = await lapsed.apply();
    expect(apply.statusCode).toBe(409);
    expect(apply.json().error).toMatchObject({ code: 'seeker_registration_expired' });
    expect(apply.json().error.message).toContain('2026-12-03');
    const refused = await t.deps.db.selectFrom('applications').select('id').where('posting_id', '=', second).execute();
    expect(refused).toEqual([]);

    // one tap renews it from today, Beijing time; agencies see it again at once
    const renewed = await t.send('POST', '/api/v1/seekers/me/renewal', undefined, seeker);
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({ validUntil: addDays('2026-12-04', DEFAULT_VALID_DAYS), expired: false });
    const back = await views();
    expect(back.agencyLists).toBe(true);
    expect(back.application.applicant.profile).not.toBeNull();
    expect((await back.refer()).statusCode).toBe(201);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'seeker').where('target_id', '=', String(id)).where('action', '=', 'seekers.profile.renew').execute();
    expect(audit).toEqual([expect.objectContaining({ detail: { from: '2026-12-03', to: addDays('2026-12-04', DEFAULT_VALID_DAYS) } })]);

    // a renewal never shortens a registration that runs longer
    const long = addDays('2026-12-04', 300);
    expect((await t.send('PUT', '/api/v1/seekers/me', { name, residenceDivision: '530102', validUntil: long, visibility: 'applied' }, seeker)).statusCode).toBe(200);
    expect((await t.send('POST', '/api/v1/seekers/me/renewal', undefined, seeker)).json().validUntil).toBe(long);
  });

  it('renewing needs a profile', async () => {
    const cookie = await t.login(await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: PASSWORD }), PASSWORD);
    const res = await t.send('POST', '/api/v1/seekers/me/renewal', undefined, cookie);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('seeker_profile_missing');
  });
});
