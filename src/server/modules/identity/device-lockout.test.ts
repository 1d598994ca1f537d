// A stranger cannot lock an official out (issue 6 §2, decision 0020): failures count per (login,
// device); a device is the signed `yq_device` cookie set at a successful sign-in. Strangers share
// one counter per login, a device that signed in before keeps one of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount } from '../../../../test/helpers/factories.ts';
import { MINUTE, ManualClock } from '../../platform/clock.ts';

const PASSWORD = 'Correct-horse-2020';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(new Date()) });
});
afterAll(() => t.close());

const login = (username: string, password: string, device?: string) =>
  t.send('POST', '/api/v1/auth/login', { username, password }, device ? `yq_device=${device}` : undefined);

/** Signs in once and returns the device cookie's value the answer set. */
async function knownDevice(username: string): Promise<string> {
  const res = await login(username, PASSWORD);
  expect(res.statusCode).toBe(200);
  const c = res.cookies.find((x) => x.name === 'yq_device');
  if (!c) throw new Error('no device cookie');
  return c.value;
}

/** Passwords checked for `username` so far: failed checks and sign-ins in the audit trail. */
async function verifications(username: string): Promise<number> {
  const failed = await t.deps.db.selectFrom('audit_log').select('id').where('target_id', '=', username).where('action', '=', 'auth.login').where('outcome', '=', 'failed').execute();
  const ok = await t.deps.db.selectFrom('audit_log').select('id').where('actor_username', '=', username).where('action', '=', 'auth.login').where('outcome', '=', 'ok').execute();
  return failed.length + ok.length;
}

describe('device cookie', () => {
  it('is set on a successful sign-in: HttpOnly, SameSite=Lax, about a year, signed', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
    const res = await login(username, PASSWORD);
    const c = res.cookies.find((x) => x.name === 'yq_device');
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 365 * 24 * 3600 });
    expect(c?.value).toMatch(/^[A-Za-z0-9_-]{16,64}\.[0-9a-f]{32}$/);
    // the same device signs in again: it keeps its id
    const again = await login(username, PASSWORD, c?.value);
    expect(again.cookies.find((x) => x.name === 'yq_device')?.value).toBe(c?.value);
    // no failed sign-in sets one
    expect((await login(username, 'wrong-password')).cookies.find((x) => x.name === 'yq_device')).toBeUndefined();
  });

  it('is Secure when secure cookies are on', async () => {
    const t2 = await createTestApp({ env: { YUNQIAO_SECURE_COOKIES: '1' } });
    try {
      const username = await createAccount(t2.deps, { role: 'seeker', password: PASSWORD });
      const res = await t2.send('POST', '/api/v1/auth/login', { username, password: PASSWORD });
      expect(res.cookies.find((x) => x.name === 'yq_device')?.secure).toBe(true);
    } finally {
      await t2.close();
    }
  });
});

describe('lockout per (account, device)', () => {
  it('a stranger burst of 40 locks strangers out after at most 5 checks; the known device still signs in', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530111', password: PASSWORD });
    const device = await knownDevice(username);
    const before = await verifications(username);

    // 40 parallel wrong guesses from strangers: at most 5 passwords checked, no success
    const wrong = await Promise.all(Array.from({ length: 40 }, (_, i) => login(username, `guess-${i}`)));
    expect(wrong.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    expect((await verifications(username)) - before).toBeLessThanOrEqual(5);

    // 40 more, the right password among them: strangers are locked, nothing is checked, nobody signs in
    const mid = await verifications(username);
    const right = await Promise.all([...Array.from({ length: 39 }, (_, i) => login(username, `more-${i}`)), login(username, PASSWORD)]);
    expect(right.map((r) => r.statusCode).every((s) => s === 423)).toBe(true);
    expect(await verifications(username)).toBe(mid);
    // a forged or foreign device cookie is a stranger's
    expect((await login(username, PASSWORD, `${device.slice(0, -4)}0000`)).statusCode).toBe(423);

    // the official's own device is not locked out
    const own = await login(username, PASSWORD, device);
    expect(own.statusCode).toBe(200);
    // and strangers still are
    expect((await login(username, PASSWORD)).statusCode).toBe(423);
  });

  it('a known device has a counter of its own: five of its failures lock it, strangers are untouched', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530112', password: PASSWORD });
    const device = await knownDevice(username);
    const own = [];
    for (let i = 0; i < 5; i++) own.push((await login(username, `wrong-${i}`, device)).statusCode);
    expect(own).toEqual([401, 401, 401, 401, 423]);
    expect((await login(username, PASSWORD, device)).statusCode).toBe(423);
    // a stranger's counter is its own: one failure is a plain 401, the right password signs in
    expect((await login(username, 'stranger-guess')).statusCode).toBe(401);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
    // after the 15 minutes the device signs in again
    (t.clock as ManualClock).advance(15 * MINUTE);
    expect((await login(username, PASSWORD, device)).statusCode).toBe(200);
  });

  it("a device known to one account is a stranger to another (a seeker's cookie does not unlock an official)", async () => {
    const seeker = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const official = await createAccount(t.deps, { role: 'county', official_division: '530113', password: PASSWORD });
    const seekerDevice = await knownDevice(seeker);
    for (let i = 0; i < 5; i++) await login(official, `wrong-${i}`);
    expect((await login(official, PASSWORD, seekerDevice)).statusCode).toBe(423);
  });

  it('SMS sign-in locks per device too: strangers locked, the known device still asks for a code', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const username = await createAccount(t.deps, { role: 'seeker', phone, password: PASSWORD });
    const device = await knownDevice(username);
    for (let i = 0; i < 5; i++) await t.send('POST', '/api/v1/auth/sms-login', { phone, code: '000000' });
    const stranger = await t.send('POST', '/api/v1/auth/sms-code', { phone });
    expect(stranger.statusCode).toBe(423); // no code is sent to a locked number
    expect(stranger.headers['retry-after']).toBeDefined();
    const own = await t.send('POST', '/api/v1/auth/sms-code', { phone }, `yq_device=${device}`);
    expect(own.statusCode).toBe(202);
  });
});
