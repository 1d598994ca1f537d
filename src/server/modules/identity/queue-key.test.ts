// GET /api/v1/me/queue-key (decision 0029): the key that encrypts a phone's queued reports is the
// account's own — the same after signing in again, a different one for anyone else who signs in on
// the shared phone — and is never cached.
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount } from '../../../../test/helpers/factories.ts';

const PASSWORD = 'Queue-key-test-2020';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Key = { keyId: string; publicKey: { x: string; y: string }; privateKey: string };
const keyOf = (cookie: string) => t.get('/api/v1/me/queue-key', cookie);

describe('the offline queue key', () => {
  it('is the account\'s own, stable across sessions, different for another account, and no-store', async () => {
    const zhang = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const wang = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const first = await keyOf(await t.login(zhang, PASSWORD));
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const a = first.json() as Key;
    expect(Buffer.from(a.privateKey, 'base64url')).toHaveLength(32);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    // a key id is not a prefix of the key: the one stored beside the entries tells nothing of the other
    expect(Buffer.from(a.privateKey, 'base64url').toString('hex').startsWith(a.keyId)).toBe(false);
    // a working P-256 pair: what is sealed to the public half opens with the private half
    const priv = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', ...a.publicKey, d: a.privateKey }, format: 'jwk' });
    const pub = createPublicKey({ key: { kty: 'EC', crv: 'P-256', ...a.publicKey }, format: 'jwk' });
    const eph = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(diffieHellman({ privateKey: priv, publicKey: eph.publicKey })).toEqual(diffieHellman({ privateKey: eph.privateKey, publicKey: pub }));

    const again = (await keyOf(await t.login(zhang, PASSWORD))).json();
    expect(again).toEqual(a);
    const other = (await keyOf(await t.login(wang, PASSWORD))).json() as Key;
    expect(other.privateKey).not.toBe(a.privateKey);
    expect(other.keyId).not.toBe(a.keyId);
  });

  it('is refused without a session', async () => {
    const res = await t.get('/api/v1/me/queue-key');
    expect(res.statusCode).toBe(401);
    expect(res.json().privateKey).toBeUndefined();
  });
});
