// SMS sign-in: the code goes out through the outbox (same transaction), lives 5 minutes, dies
// after 5 wrong tries, cannot be re-sent within 60 s; unknown phones get the same answer and no
// message; officials cannot sign in this way.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, createStaffRow, mobile } from '../../../../test/helpers/factories.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { MINUTE, ManualClock } from '../../platform/clock.ts';
import { jobOf, runQueuedJobs } from '../../../../test/helpers/jobs.ts';
import { identityJobs } from './jobs.ts';
import * as repo from './repository.ts';
import { sendLoginCodeContract } from './schemas.ts';

let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const deliver = jobOf(identityJobs, sendLoginCodeContract);
/** Asks for a code, then runs its delivery job as a worker would (the job decides whether an SMS goes out). */
async function requestCode(phone: string, lang?: string) {
  const res = await t.send('POST', '/api/v1/auth/sms-code', { phone }, undefined, lang ? { 'accept-language': lang } : {});
  await runQueuedJobs(t.deps, deliver, (d) => d.phone === phone, { clock });
  return res;
}
const smsLogin = (phone: string, code: string) => t.send('POST', '/api/v1/auth/sms-login', { phone, code });
const outboxFor = (phone: string) => t.deps.db.selectFrom('outbox').selectAll().where('recipient', '=', phone).orderBy('id').execute();

async function codeFor(phone: string): Promise<string> {
  const rows = await outboxFor(phone);
  const code = (rows[rows.length - 1]?.payload as { code?: string } | undefined)?.code;
  if (!code) throw new Error(`no code in the outbox for ${phone}`);
  return code;
}
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function seekerWithPhone() {
  const phone = mobile();
  const username = await createAccount(t.deps, { role: 'seeker', phone, seeker_group: 'migrant' });
  return { phone, username };
}

describe('SMS sign-in', () => {
  it('sends a code through the outbox and signs in with it', async () => {
    const { phone, username } = await seekerWithPhone();
    const res = await requestCode(phone);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sent: true });
    const rows = await outboxFor(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', template: 'login_code', division_code: '000000' });
    expect(rows[0]?.payload).toEqual({ code: expect.stringMatching(/^\d{6}$/), minutes: 5 });
    // a delivery job was queued in the same transaction
    const jobs = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job
      where name = 'channels.deliver-outbox' and data @> ${JSON.stringify({ divisionCode: '000000', id: rows[0]?.id })}::jsonb`.execute(t.deps.db);
    expect(jobs.rows[0]?.n).toBe(1);

    const login = await smsLogin(phone, await codeFor(phone));
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ username, role: 'seeker', scope: 'self' });
    const cookie = login.cookies.find((c) => c.name === 'yq_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect((await t.get('/api/v1/me', `yq_sid=${cookie?.value}`)).json()).toMatchObject({ username });
    // the code is single-use
    expect((await smsLogin(phone, await codeFor(phone))).statusCode).toBe(401);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'detail', 'target_id']).where('actor_username', '=', username).execute();
    expect(audit).toEqual([{ action: 'auth.login', detail: { method: 'sms', membershipId: expect.any(Number) }, target_id: expect.any(String) }]);
  });

  it('works for agency staff, in their county', async () => {
    const agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('division_code', '=', '530103').executeTakeFirstOrThrow();
    const phone = mobile();
    const username = await createAccount(t.deps, { role: 'agency_staff', phone, org_division: agency.division_code, agency_id: agency.id, staff_id: await createStaffRow(t.deps, agency, phone) });
    expect((await requestCode(phone)).statusCode).toBe(202);
    expect((await outboxFor(phone))[0]?.division_code).toBe('530103');
    const res = await smsLogin(phone, await codeFor(phone));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username, role: 'agency_staff', scope: `agency:${agency.id}`, divisionCode: '530103' });
  });

  it('refuses a second code within 60 seconds with 429, allows it after', async () => {
    const { phone } = await seekerWithPhone();
    expect((await requestCode(phone)).statusCode).toBe(202);
    clock.advance(30_000);
    const again = await requestCode(phone, 'en');
    expect(again.statusCode).toBe(429);
    expect(again.json().error).toEqual({ code: 'sms_code_too_frequent', message: 'Codes are sent too often; try again in 30 seconds' });
    expect(again.headers['retry-after']).toBe('30');
    expect(await outboxFor(phone)).toHaveLength(1);
    clock.advance(30_000);
    expect((await requestCode(phone)).statusCode).toBe(202);
    const rows = await outboxFor(phone);
    expect(rows).toHaveLength(2);
    // only the newest code works
    const [first, second] = rows.map((r) => (r.payload as { code: string }).code);
    if (first !== second) expect((await smsLogin(phone, first as string)).statusCode).toBe(401);
    expect((await smsLogin(phone, second as string)).statusCode).toBe(200);
  });

  it('sends one code when requests race', async () => {
    const { phone } = await seekerWithPhone();
    const answers = await Promise.all(Array.from({ length: 6 }, () => requestCode(phone)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([202, 429, 429, 429, 429, 429]);
    expect(await outboxFor(phone)).toHaveLength(1);
  });

  it('expires a code after 5 minutes', async () => {
    const { phone } = await seekerWithPhone();
    await requestCode(phone);
    const code = await codeFor(phone);
    clock.advance(5 * MINUTE);
    const res = await smsLogin(phone, code);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('sms_code_failed');
  });

  it('accepts a code just inside its 5 minutes', async () => {
    const { phone } = await seekerWithPhone();
    await requestCode(phone);
    clock.advance(5 * MINUTE - 1_000);
    expect((await smsLogin(phone, await codeFor(phone))).statusCode).toBe(200);
  });

  it('kills a code after 5 wrong tries (and locks the phone)', async () => {
    const { phone } = await seekerWithPhone();
    await requestCode(phone);
    const code = await codeFor(phone);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await smsLogin(phone, wrongCode(code))).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await smsLogin(phone, code)).statusCode).toBe(423);
    expect((await repo.findLoginCode(t.deps.db, phone))?.attempts).toBe(5);
    // failures and the lockout are audited, the phone masked as in every list officials read
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'outcome']).where('target_id', '=', maskPhone(phone)).where('action', 'in', ['auth.sms_login', 'auth.lockout']).execute();
    expect(audit.filter((a) => a.action === 'auth.sms_login' && a.outcome === 'failed').length).toBeGreaterThanOrEqual(5);
    expect(audit.filter((a) => a.action === 'auth.lockout').length).toBeGreaterThanOrEqual(1);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('target_id', '=', phone).execute()).toEqual([]);
    // even with the phone's lock lifted, the code itself is dead
    await repo.clearThrottle(t.deps.db, phone, '');
    const res = await smsLogin(phone, code);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('sms_code_failed');
  });

  it('spends at most 5 tries on a burst of parallel guesses, and signs in once per code', async () => {
    const { phone } = await seekerWithPhone();
    await requestCode(phone);
    const code = await codeFor(phone);
    const burst = await Promise.all(Array.from({ length: 12 }, () => smsLogin(phone, wrongCode(code))));
    expect(burst.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    expect((await repo.findLoginCode(t.deps.db, phone))?.attempts).toBe(5);

    const other = await seekerWithPhone();
    await requestCode(other.phone);
    const right = await codeFor(other.phone);
    const replays = await Promise.all(Array.from({ length: 5 }, () => smsLogin(other.phone, right)));
    expect(replays.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('forgets earlier wrong codes once the right one signs in', async () => {
    const { phone } = await seekerWithPhone();
    await requestCode(phone);
    const code = await codeFor(phone);
    for (let i = 0; i < 4; i++) expect((await smsLogin(phone, wrongCode(code))).statusCode).toBe(401);
    expect((await smsLogin(phone, code)).statusCode).toBe(200);
    clock.advance(61_000);
    await requestCode(phone);
    const next = await codeFor(phone);
    // one wrong try now is a plain failure, not the fifth in a row
    expect((await smsLogin(phone, wrongCode(next))).statusCode).toBe(401);
    expect((await smsLogin(phone, next)).statusCode).toBe(200);
  });

  it('answers an unknown phone the same and sends nothing', async () => {
    const phone = mobile();
    const res = await requestCode(phone);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sent: true });
    expect(await outboxFor(phone)).toHaveLength(0);
    // and the resend limit applies alike, so it tells nothing either
    expect((await requestCode(phone)).statusCode).toBe(429);
    // the audit row says nothing either: a registered phone's looks the same
    const audit = await t.deps.db.selectFrom('audit_log').select(['detail', 'target_id', 'division_code']).where('action', '=', 'auth.sms_code').where('target_id', '=', maskPhone(phone)).execute();
    const known = await seekerWithPhone();
    await requestCode(known.phone);
    const knownAudit = await t.deps.db.selectFrom('audit_log').select(['detail', 'target_id', 'division_code']).where('action', '=', 'auth.sms_code').where('target_id', '=', maskPhone(known.phone)).execute();
    expect(audit.map((a) => ({ ...a, target_id: null }))).toEqual(knownAudit.map((a) => ({ ...a, target_id: null })));
    expect((await smsLogin(phone, '123456')).json().error.code).toBe('sms_code_failed');
  });

  it("sends no code to an official's phone", async () => {
    const phone = mobile();
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', phone });
    expect((await requestCode(phone)).statusCode).toBe(202);
    expect(await outboxFor(phone)).toHaveLength(0);
    const res = await smsLogin(phone, '000000');
    expect(res.statusCode).toBe(401);
    const audit = await t.deps.db.selectFrom('audit_log').select('id').where('actor_username', '=', username).execute();
    expect(audit).toHaveLength(0);
  });

  it('validates the phone and the code format, naming the field', async () => {
    const bad = await t.send('POST', '/api/v1/auth/sms-code', { phone: '12345' }, undefined, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'phone', message: 'phone: must be an 11-digit mainland mobile number (a +86 prefix, spaces and hyphens are fine)' }]);
    const code = await t.send('POST', '/api/v1/auth/sms-login', { phone: mobile(), code: '12ab' });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.details).toEqual([{ field: 'code', message: '验证码：应为 6 位数字' }]);
  });
});
