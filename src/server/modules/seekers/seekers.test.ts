// Job seekers who sign up (issue 9, "People who sign up"; decision 0035): registration by SMS code,
// the profile and where it belongs, what officials and agencies see, authorisations as grants,
// personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, mobile } from '../../../../test/helpers/factories.ts';
import { jobOf, runQueuedJobs } from '../../../../test/helpers/jobs.ts';
import { ManualClock } from '../../platform/clock.ts';
import { identityJobs } from '../identity/jobs.ts';
import { sendLoginCodeContract } from '../identity/schemas.ts';
import { exportPersonalData, erasePersonalData, findPersonalData } from '../index.ts';
import { SYSTEM_CALLER } from '../../platform/command.ts';
import { derivedFromId, owningDivision } from './service.ts';

let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const deliver = jobOf(identityJobs, sendLoginCodeContract);
const outboxFor = (phone: string) => t.deps.db.selectFrom('outbox').selectAll().where('recipient', '=', phone).orderBy('id').execute();

async function registerCode(phone: string): Promise<string | undefined> {
  const res = await t.send('POST', '/api/v1/auth/sms-code', { phone, purpose: 'register' });
  expect(res.statusCode).toBe(202);
  await runQueuedJobs(t.deps, deliver, (d) => d.phone === phone, { clock });
  const rows = (await outboxFor(phone)).filter((r) => r.template === 'register_code');
  return (rows[rows.length - 1]?.payload as { code?: string } | undefined)?.code;
}

/** The version of the notice as the sign-up page reads it. */
async function noticeVersion(): Promise<string> {
  const res = await t.get('/api/v1/seekers/notice');
  expect(res.statusCode).toBe(200);
  return res.json().noticeVersion;
}

/** Signs a new seeker up (the notice read and agreed to); returns the phone and the session cookie. */
async function signUp(name = '李小花') {
  const phone = mobile();
  const code = await registerCode(phone);
  const res = await t.send('POST', '/api/v1/seekers/register', { phone, code, name, noticeVersion: await noticeVersion(), consent: true });
  expect(res.statusCode).toBe(201);
  const sid = res.cookies.find((c) => c.name === 'yq_sid')?.value;
  clock.advance(61_000); // the next code for another phone is not throttled by this one anyway
  return { phone, cookie: `yq_sid=${sid}`, body: res.json() as { accountId: number } };
}

const profile = (over: Record<string, unknown> = {}) => ({
  name: '李小花',
  categories: ['new_entrant', 'new_graduate'],
  priorityGroups: ['college_graduate'],
  residenceDivision: '530102',
  homeDivision: '532301',
  desiredOccupations: ['4'],
  desiredDivisions: ['530102', '530103'],
  salaryMin: 3000,
  salaryMax: 4500,
  salaryUnit: 'month',
  educationCode: '20',
  experienceYears: 0,
  skills: '会计电算化',
  visibility: 'agencies',
  ...over,
});

describe('signing up', () => {
  it('registers by phone and SMS code, signs in as a seeker, and the same phone cannot register twice', async () => {
    const { phone, cookie, body } = await signUp();
    const me = await t.get('/api/v1/me', cookie);
    expect(me.json()).toMatchObject({ role: 'seeker', scope: 'self' });
    expect(body.accountId).toBeTypeOf('number');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', String(body.accountId)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['identity.seeker.register', 'auth.login']));
    // a registered seeker gets no register code (they sign in instead) …
    clock.advance(61_000);
    const before = (await outboxFor(phone)).length;
    await registerCode(phone);
    expect((await outboxFor(phone)).length).toBe(before);
  });

  it('refuses a wrong code with 401 and creates nobody', async () => {
    const phone = mobile();
    const code = await registerCode(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const res = await t.send('POST', '/api/v1/seekers/register', { phone, code: wrong, name: '张三', noticeVersion: await noticeVersion(), consent: true });
    expect(res.statusCode).toBe(401);
    expect(await t.deps.db.selectFrom('accounts').select('id').where('phone', '=', phone).execute()).toEqual([]);
  });

  it('a sign-in code does not register', async () => {
    const phone = mobile();
    await t.send('POST', '/api/v1/auth/sms-code', { phone });
    const res = await t.send('POST', '/api/v1/seekers/register', { phone, code: '123456', name: '张三', noticeVersion: await noticeVersion(), consent: true });
    expect(res.statusCode).toBe(401);
  });

  it('names a bad field in Chinese', async () => {
    const res = await t.send('POST', '/api/v1/seekers/register', { phone: '12345', code: '123456', name: '张三', noticeVersion: await noticeVersion(), consent: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('phone');
    expect(res.json().error.details[0].message).toMatch(/手机号/);
  });
});

describe('the profile', () => {
  it('is missing before the first save, then saved, with the ID number masked and sex/birth never shown', async () => {
    const { cookie } = await signUp();
    expect((await t.get('/api/v1/seekers/me', cookie)).statusCode).toBe(404);
    const id = citizenId('530102');
    const res = await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: id, idNumberConsent: true }), cookie);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ divisionCode: '530102', salaryMin: 3000, salaryUnit: 'month', desiredOccupations: ['4'], visibility: 'agencies' });
    expect(p.idNumberMasked).not.toBe(id);
    expect(p.idNumberMasked).toMatch(/\*/);
    expect(p).not.toHaveProperty('sex');
    expect(p).not.toHaveProperty('birthDate');
    expect(p.validUntil).toBe('2027-06-01'); // 183 days after 2026-11-30 (Beijing)
    const row = await t.deps.db.selectFrom('seekers').select(['id_number_enc', 'sex']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(id);
    expect(t.deps.crypto.decrypt(row.id_number_enc as string)).toBe(id);
    expect(row.sex).toBe(derivedFromId(id).sex);
  });

  it('keeps the ID number on file when a save leaves it out (the form sees it only masked), clears it on null', async () => {
    const { cookie } = await signUp();
    const id = citizenId('530102');
    const first = (await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: id, idNumberConsent: true }), cookie)).json();
    const again = await t.send('PUT', '/api/v1/seekers/me', profile({ skills: '电工' }), cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ skills: '电工', idNumberMasked: first.idNumberMasked });
    const row = await t.deps.db.selectFrom('seekers').select(['id_number_enc', 'sex']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(t.deps.crypto.decrypt(row.id_number_enc as string)).toBe(id);
    expect(row.sex).toBe(derivedFromId(id).sex);
    const cleared = await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: null }), cookie);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().idNumberMasked).toBeNull();
    const after = await t.deps.db.selectFrom('seekers').select(['id_number_enc', 'id_number_hash', 'sex', 'birth_date']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ id_number_enc: null, id_number_hash: null, sex: null, birth_date: null });
  });

  it('belongs to the Yunnan residence county, else the Yunnan home county, else the province code', async () => {
    expect(owningDivision('530000', '530102', '532301')).toBe('530102');
    expect(owningDivision('530000', '110101', '532301')).toBe('532301');
    expect(owningDivision('530000', '110101', undefined)).toBe('530000');
    expect(owningDivision('530000', undefined, undefined)).toBe('530000');
    const { cookie } = await signUp();
    const outside = await t.send('PUT', '/api/v1/seekers/me', profile({ residenceDivision: '110101', homeDivision: undefined }), cookie);
    expect(outside.json().divisionCode).toBe('530000');
    // the province sees it; the county and the prefecture do not
    const id = outside.json().id;
    expect((await t.get(`/api/v1/seekers/${id}`, await t.login('prov'))).statusCode).toBe(200);
    expect((await t.get(`/api/v1/seekers/${id}`, await t.login('km'))).statusCode).toBe(404);
    // moving to a Yunnan county moves the row
    const moved = await t.send('PUT', '/api/v1/seekers/me', profile({ residenceDivision: '530103' }), cookie);
    expect(moved.json()).toMatchObject({ id, divisionCode: '530103' });
    expect((await t.get(`/api/v1/seekers/${id}`, await t.login('pl'))).statusCode).toBe(200);
  });

  it('refuses bad values naming the field, and changes nothing', async () => {
    const { cookie, body } = await signUp();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ residenceDivision: '539999' }, 'residenceDivision'],
      [{ residenceDivision: '530100' }, 'residenceDivision'],
      [{ desiredOccupations: ['9-99-99'] }, 'desiredOccupations'],
      [{ salaryMin: 5000, salaryMax: 3000 }, 'salaryMax'],
      [{ salaryUnit: undefined }, 'salaryUnit'],
      [{ educationCode: '99' }, 'educationCode'],
      [{ validUntil: '2030-01-01' }, 'validUntil'],
      [{ idNumber: '530102199001011234' }, 'idNumber'],
      // the ID number is sensitive: given without its own consent, refused naming the consent
      [{ idNumber: citizenId('530102') }, 'idNumberConsent'],
      [{ idNumber: citizenId('530102'), idNumberConsent: false }, 'idNumberConsent'],
      [{ categories: ['unemployed'] }, 'categories'],
    ];
    for (const [over, field] of cases) {
      const res = await t.send('PUT', '/api/v1/seekers/me', profile(over), cookie);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.details[0].field, JSON.stringify(over)).toMatch(new RegExp(`^${field}`));
      expect(res.json().error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await t.get('/api/v1/seekers/me', cookie)).statusCode).toBe(404);
    const idConsents = await t.deps.db.selectFrom('seeker_consents').select('id').where('account_id', '=', body.accountId).where('subject', '=', 'id_number').execute();
    expect(idConsents).toEqual([]);
  });
});

describe('who sees a seeker', () => {
  it('officials in scope with phones masked; an agency only with the seeker\'s authorisation, until revoked', async () => {
    const { phone, cookie } = await signUp('王小明');
    const p = (await t.send('PUT', '/api/v1/seekers/me', profile({ name: '王小明' }), cookie)).json();
    const wh = await t.login('wh');
    const list = (await t.get('/api/v1/seekers?limit=200', wh)).json();
    const mine = list.items.find((x: { id: number }) => x.id === p.id);
    expect(mine.phone).not.toBe(phone);
    expect(mine.phone).toMatch(/\*/);
    expect((await t.get(`/api/v1/seekers/${p.id}`, await t.login('qlz'))).statusCode).toBe(404);

    const agencyLogin = await t.login('agency-wh');
    expect((await t.get(`/api/v1/seekers/${p.id}`, agencyLogin)).statusCode).toBe(404);
    const agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('division_code', '=', '530102').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    const granted = await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId: agency.id }, cookie);
    expect(granted.statusCode).toBe(201);
    expect((await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId: agency.id }, cookie)).statusCode).toBe(409);
    const grant = await t.deps.db.selectFrom('access_grants').selectAll().where('id', '=', granted.json().id).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ division_code: '530102', grantee: `agency:530102:${agency.id}`, target_table: 'seekers', target_id: p.id, expires_at: null });
    const again = await t.login('agency-wh'); // grants ride with the session resolution: any request sees them
    expect((await t.get(`/api/v1/seekers/${p.id}`, again)).statusCode).toBe(200);
    expect((await t.get('/api/v1/seekers', again)).json().items.map((x: { id: number }) => x.id)).toContain(p.id);
    // "nobody" hides the profile from the agency even with the authorisation
    await t.send('PUT', '/api/v1/seekers/me', profile({ name: '王小明', visibility: 'nobody' }), cookie);
    expect((await t.get(`/api/v1/seekers/${p.id}`, again)).statusCode).toBe(404);
    await t.send('PUT', '/api/v1/seekers/me', profile({ name: '王小明' }), cookie);
    // revoked: gone again, the record stays
    expect((await t.send('DELETE', `/api/v1/seekers/me/authorisations/${granted.json().id}`, undefined, cookie)).statusCode).toBe(204);
    expect((await t.get(`/api/v1/seekers/${p.id}`, again)).statusCode).toBe(404);
    const mineNow = (await t.get('/api/v1/seekers/me/authorisations', cookie)).json().items;
    expect(mineNow).toEqual([expect.objectContaining({ id: granted.json().id, agencyId: agency.id, revokedAt: expect.any(String) })]);
    expect((await t.send('DELETE', `/api/v1/seekers/me/authorisations/${granted.json().id}`, undefined, cookie)).statusCode).toBe(404);
    const actions = await t.deps.db.selectFrom('audit_log').select('action').where('target_type', '=', 'seeker').where('target_id', '=', String(p.id)).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['seekers.authorisation.grant', 'seekers.authorisation.revoke', 'seekers.profile.create']));
  });

  it('an unknown agency is a 400 naming agencyId', async () => {
    const { cookie } = await signUp();
    await t.send('PUT', '/api/v1/seekers/me', profile(), cookie);
    const res = await t.send('POST', '/api/v1/seekers/me/authorisations', { agencyId: 987654 }, cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('agencyId');
  });
});

describe('personal data', () => {
  it('finds (masked), exports (whole) and erases a seeker\'s profile by phone or ID number', async () => {
    const { phone, cookie } = await signUp();
    const id = citizenId('530102');
    await t.send('PUT', '/api/v1/seekers/me', profile({ idNumber: id, idNumberConsent: true }), cookie);
    const found = (await findPersonalData(t.deps, { phone })).filter((r) => r.module === 'seekers' && r.kind === 'seeker');
    expect(found).toHaveLength(1);
    const consentsHeld = (await findPersonalData(t.deps, { phone })).filter((r) => r.kind === 'seeker_consent');
    expect(consentsHeld.map((r) => r.data.subject).sort()).toEqual(['id_number', 'notice']);
    expect(found[0]?.data.idNumber).not.toBe(id);
    const exported = (await exportPersonalData(t.deps, { idNumberHash: t.deps.crypto.keyedHash(id) })).filter((r) => r.module === 'seekers');
    expect(exported[0]?.data).toMatchObject({ idNumber: id, phone });
    const counts = await erasePersonalData(t.deps, { phone }, SYSTEM_CALLER);
    expect(counts.seekers).toBe(3); // the profile and its two consents (the notice, the ID number)
    expect((await findPersonalData(t.deps, { phone })).filter((r) => r.module === 'seekers')).toEqual([]);
  });
});
